import { AppError, type PlanView } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { auditPlan, findPlanRowForUpdate, planView } from '../../repositories/plans.js';
import { inTransaction } from '../transaction.js';
import { assertPlanRules } from './plan-checks.js';

/** An officer publishes a draft plan: 3.1.a must hold; from now on its parameters are fixed. */
export async function publishPlan(deps: Deps, actor: Actor, id: string, reason: string | null = null): Promise<PlanView> {
  return inTransaction(deps, async (tx, now) => {
    const row = await findPlanRowForUpdate(tx, id);
    if (!row) throw new AppError('not_found');
    if (row.status !== 'draft') {
      throw new AppError('state_conflict', [{ path: 'status', message: 'the plan is already published / 计划已发布' }]);
    }
    const before = (await planView(tx, id))!;
    assertPlanRules(
      before.chains.map((c) => c.code),
      before.params,
    );
    await tx.updateTable('plans').set({ status: 'published', published_at: now, updated_at: now }).where('id', '=', id).execute();
    const after = (await planView(tx, id))!;
    await appendAudit(tx, actor, now, {
      action: 'plan.publish',
      entityType: 'plan',
      entityId: id,
      before: auditPlan(before),
      after: auditPlan(after),
      reason,
    });
    return after;
  });
}
