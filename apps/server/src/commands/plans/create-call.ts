import { AppError, type CallInput, type CallView } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { auditCall, loadCall } from '../../repositories/calls.js';
import { findPlanRow } from '../../repositories/plans.js';
import { inTransaction } from '../transaction.js';

/** An officer drafts a call of a plan for one track; it is seen by the public once published. */
export async function createCall(deps: Deps, actor: Actor, input: CallInput): Promise<CallView> {
  return inTransaction(deps, async (tx, now) => {
    if (!(await findPlanRow(tx, input.planId))) {
      throw new AppError('validation_failed', [{ path: 'body.planId', message: 'unknown plan / 年度计划不存在' }]);
    }
    const row = await tx
      .insertInto('calls')
      .values({
        plan_id: input.planId,
        track: input.track,
        title_zh: input.titleZh,
        title_en: input.titleEn,
        opens_at: new Date(input.opensAt),
        closes_at: new Date(input.closesAt),
        conditions: JSON.stringify(input.conditions),
        materials: JSON.stringify(input.materials),
        criteria: JSON.stringify(input.criteria),
        checklist: JSON.stringify(input.checklist),
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const view = (await loadCall(tx, row.id, now))!;
    await appendAudit(tx, actor, now, {
      action: 'call.create',
      entityType: 'call',
      entityId: row.id,
      after: auditCall(view),
      reason: input.reason ?? null,
    });
    return view;
  });
}
