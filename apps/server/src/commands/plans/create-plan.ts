import { AppError, DEFAULT_PLAN_PARAMS, type PlanInput, type PlanView } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { auditPlan, findPlanByYear, planView, replacePlanChains } from '../../repositories/plans.js';
import { isUniqueViolation } from '../../repositories/reference.js';
import { inTransaction } from '../transaction.js';
import { checkPlanShape, mergeParams } from './plan-checks.js';

const yearTaken = () => new AppError('conflict', [{ path: 'body.year', message: 'a plan for this year exists / 该年度计划已存在' }]);

/** An officer drafts a year's plan: parameters (seed defaults for those not given), budgets, selected chains (3.1.a). */
export async function createPlan(deps: Deps, actor: Actor, input: PlanInput): Promise<PlanView> {
  return inTransaction(deps, async (tx, now) => {
    if (await findPlanByYear(tx, input.year)) throw yearTaken();
    const params = mergeParams(DEFAULT_PLAN_PARAMS, input.params);
    await checkPlanShape(tx, { params, budgets: input.budgets, chains: input.chains });
    const row = await tx
      .insertInto('plans')
      .values({
        year: input.year,
        title: input.title,
        params: JSON.stringify(params),
        budget_total: input.budgets.total,
        budget_consortium: input.budgets.consortium,
        budget_backfill: input.budgets.backfill,
        budget_continuation: input.budgets.continuation,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await replacePlanChains(tx, row.id, input.chains);
    const view = (await planView(tx, row.id))!;
    await appendAudit(tx, actor, now, {
      action: 'plan.create',
      entityType: 'plan',
      entityId: row.id,
      after: auditPlan(view),
      reason: input.reason ?? null,
    });
    return view;
  }).catch((err: unknown) => {
    throw isUniqueViolation(err) ? yearTaken() : err;
  });
}
