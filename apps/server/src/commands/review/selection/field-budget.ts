import { AppError, hasAnyRole, type FieldBudgetInput, type SelectionOut } from '@rdplan/domain';
import { appendAudit } from '../../../audit/audit.js';
import type { Actor, Deps } from '../../../context.js';
import { findPlanRowForUpdate } from '../../../repositories/plans.js';
import { latestSelection } from '../../../repositories/review-selection.js';
import { inTransaction } from '../../transaction.js';
import { computeSelection } from './compute.js';

/**
 * An officer sets (or, with both values null, removes) one field's allotment for the plan's selection — 3.2.g,
 * 分领域组织遴选: a budget and / or a number of projects the field's backfill projects must stay within. The
 * field must exist; once the selection is confirmed the allotments are frozen (409). Audited with the reason.
 */
export async function setFieldBudget(
  deps: Deps,
  actor: Actor,
  planId: string,
  fieldCode: string,
  input: FieldBudgetInput,
): Promise<SelectionOut> {
  if (!hasAnyRole(actor.roles, ['officer'])) throw new AppError('forbidden');
  return inTransaction(deps, async (tx, now) => {
    const plan = await findPlanRowForUpdate(tx, planId);
    if (!plan) throw new AppError('not_found', { entity: 'plan', id: planId });
    const field = await tx.selectFrom('fields').select('code').where('code', '=', fieldCode).executeTakeFirst();
    if (!field) throw new AppError('not_found', { entity: 'field', id: fieldCode });
    if (await latestSelection(tx, planId)) throw new AppError('state_conflict', { reason: 'selection_confirmed' });
    const old = await tx
      .selectFrom('selection_field_budgets')
      .selectAll()
      .where('plan_id', '=', planId)
      .where('field_code', '=', fieldCode)
      .executeTakeFirst();
    const remove = input.budget === null && input.maxProjects === null;
    if (remove) {
      await tx.deleteFrom('selection_field_budgets').where('plan_id', '=', planId).where('field_code', '=', fieldCode).execute();
    } else {
      const values = { budget: input.budget, max_projects: input.maxProjects, reason: input.reason, set_by: actor.userId, set_at: now };
      await tx
        .insertInto('selection_field_budgets')
        .values({ plan_id: planId, field_code: fieldCode, ...values })
        .onConflict((oc) => oc.columns(['plan_id', 'field_code']).doUpdateSet(values))
        .execute();
    }
    await appendAudit(tx, actor, now, {
      action: remove ? 'selection.field_budget_removed' : 'selection.field_budget',
      entityType: 'plan',
      entityId: planId,
      before: old ? { fieldCode, budget: old.budget === null ? null : Number(old.budget), maxProjects: old.max_projects } : null,
      after: remove ? null : { fieldCode, budget: input.budget, maxProjects: input.maxProjects },
      reason: input.reason,
    });
    return (await computeSelection(tx, planId, now)).out;
  });
}
