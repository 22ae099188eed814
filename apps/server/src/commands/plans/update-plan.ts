import { AppError, type PlanUpdate, type PlanView } from '@rdplan/domain';
import { appendAudit, canonicalJson } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { auditPlan, findPlanRowForUpdate, planView, replacePlanChains } from '../../repositories/plans.js';
import { inTransaction } from '../transaction.js';
import { checkPlanShape, mergeParams } from './plan-checks.js';

/**
 * An officer changes a plan. Parameters are merged with the stored ones; once the plan is published
 * its parameters are fixed (applications were checked against them), so a change is a state conflict.
 */
export async function updatePlan(deps: Deps, actor: Actor, id: string, input: PlanUpdate): Promise<PlanView> {
  return inTransaction(deps, async (tx, now) => {
    const row = await findPlanRowForUpdate(tx, id);
    if (!row) throw new AppError('not_found');
    const before = (await planView(tx, id))!;
    const params = mergeParams(before.params, input.params);
    if (before.status === 'published' && canonicalJson(params) !== canonicalJson(before.params)) {
      throw new AppError('state_conflict', [
        { path: 'body.params', message: 'a published plan keeps its parameters / 计划已发布，参数不能修改' },
      ]);
    }
    const budgets = { ...before.budgets, ...(input.budgets ?? {}) };
    const chains = input.chains ?? before.chains.map((c) => ({ chainId: c.chainId, direction: c.direction, budget: c.budget }));
    await checkPlanShape(tx, { params, budgets, chains });
    await tx
      .updateTable('plans')
      .set({
        title: input.title ?? row.title,
        params: JSON.stringify(params),
        budget_total: budgets.total,
        budget_consortium: budgets.consortium,
        budget_backfill: budgets.backfill,
        budget_continuation: budgets.continuation,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    if (input.chains) await replacePlanChains(tx, id, input.chains);
    const after = (await planView(tx, id))!;
    await appendAudit(tx, actor, now, {
      action: 'plan.update',
      entityType: 'plan',
      entityId: id,
      before: auditPlan(before),
      after: auditPlan(after),
      reason: input.reason ?? null,
    });
    return after;
  });
}
