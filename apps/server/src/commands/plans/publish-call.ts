import { AppError, type CallView } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { auditCall, findCallRowForUpdate, loadCall } from '../../repositories/calls.js';
import { findPlanRow } from '../../repositories/plans.js';
import { inTransaction } from '../transaction.js';
import { assertCallRules } from './call-checks.js';

/**
 * An officer publishes a draft call: its plan is published, it closes in the future by the server
 * clock, and it states its conditions, materials and criteria (4.3.a).
 */
export async function publishCall(deps: Deps, actor: Actor, id: string, reason: string | null = null): Promise<CallView> {
  return inTransaction(deps, async (tx, now) => {
    const row = await findCallRowForUpdate(tx, id);
    if (!row) throw new AppError('not_found');
    if (row.status !== 'draft') {
      throw new AppError('state_conflict', [{ path: 'status', message: `the call is ${row.status} / 申报指南不是草稿` }]);
    }
    const before = (await loadCall(tx, id, now))!;
    assertCallRules(before);
    const plan = await findPlanRow(tx, row.plan_id);
    if (plan?.status !== 'published') {
      throw new AppError('state_conflict', [{ path: 'planId', message: 'publish the plan first / 请先发布年度计划' }]);
    }
    if (new Date(row.closes_at).getTime() <= now.getTime()) {
      throw new AppError('state_conflict', [{ path: 'closesAt', message: 'the closing time has passed / 截止时间已过' }]);
    }
    await tx.updateTable('calls').set({ status: 'published', published_at: now, updated_at: now }).where('id', '=', id).execute();
    const after = (await loadCall(tx, id, now))!;
    await appendAudit(tx, actor, now, {
      action: 'call.publish',
      entityType: 'call',
      entityId: id,
      before: auditCall(before),
      after: auditCall(after),
      reason,
    });
    return after;
  });
}
