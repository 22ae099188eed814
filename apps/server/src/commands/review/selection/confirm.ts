import { AppError, hasAnyRole, transitionFor, type SelectionConfirm, type SelectionOut } from '@rdplan/domain';
import type { z } from 'zod';
import { appendAudit } from '../../../audit/audit.js';
import type { Actor, Deps } from '../../../context.js';
import { findPlanRowForUpdate } from '../../../repositories/plans.js';
import { latestSelection } from '../../../repositories/review-selection.js';
import { inTransaction } from '../../transaction.js';
import { computeSelection } from './compute.js';

/**
 * An officer confirms the plan's selection with one of the three objectives. Every review of the plan
 * must be closed (409 listing the open ones); the selection is recomputed now and the chosen objective's
 * plan must be feasible (409 with the breaches). The funded applications move formal_passed → selected
 * ('select'), the other candidates formal_passed → not_selected ('not_select'); one audit event per
 * application plus one for the selection. A plan's selection is confirmed once (409 after).
 */
export async function confirmSelection(
  deps: Deps,
  actor: Actor,
  planId: string,
  input: z.infer<typeof SelectionConfirm>,
): Promise<SelectionOut> {
  if (!hasAnyRole(actor.roles, ['officer'])) throw new AppError('forbidden');
  return inTransaction(deps, async (tx, now) => {
    const plan = await findPlanRowForUpdate(tx, planId);
    if (!plan) throw new AppError('not_found', { entity: 'plan', id: planId });
    const existing = await latestSelection(tx, planId);
    if (existing) throw new AppError('state_conflict', { reason: 'selection_confirmed', selectionId: existing.id });
    const { out, rows } = await computeSelection(tx, planId, now);
    if (out.openReviews.length > 0)
      throw new AppError('state_conflict', {
        reason: 'reviews_open',
        message: 'close every review of the plan first / 须先结束本计划的全部评审',
        openReviews: out.openReviews,
      });
    const chosen = out.plans[input.objective];
    if (!chosen.feasible)
      throw new AppError('state_conflict', {
        reason: 'infeasible',
        message: 'the pinned projects cannot meet every cap / 锁定项目无法同时满足各项上限',
        breaches: chosen.breaches,
      });
    const funded = new Set(chosen.funded);
    const pins = Object.fromEntries(out.candidates.filter((c) => c.pin).map((c) => [c.applicationId, c.pin]));
    const selection = await tx
      .insertInto('selections')
      .values({
        plan_id: planId,
        objective: input.objective,
        funded: chosen.funded,
        result: JSON.stringify({ ...chosen, pins, budgets: out.budgets }),
        reason: input.reason,
        confirmed_by: actor.userId,
        confirmed_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const moved = { selected: 0, notSelected: 0 };
    for (const r of rows) {
      if (r.status !== 'formal_passed') continue;
      const event = funded.has(r.id) ? 'select' : 'not_select';
      const t = transitionFor(event, r.status, r.track);
      if (!t) throw new AppError('state_conflict', { applicationId: r.id, status: r.status });
      await tx.updateTable('applications').set({ status: t.to, updated_at: now }).where('id', '=', r.id).execute();
      if (t.to === 'selected') moved.selected++;
      else moved.notSelected++;
      const place = chosen.places.find((p) => p.id === r.id);
      await appendAudit(tx, actor, now, {
        action: `application.${event}`,
        entityType: 'application',
        entityId: r.id,
        before: { status: r.status },
        after: { status: t.to, selectionId: selection.id, objective: input.objective, blockedBy: place?.blockedBy ?? [] },
        reason: input.reason,
      });
    }
    await appendAudit(tx, actor, now, {
      action: 'selection.confirm',
      entityType: 'selection',
      entityId: selection.id,
      after: {
        planId,
        objective: input.objective,
        funded: chosen.funded,
        totals: chosen.totals,
        pins,
        ...moved,
      },
      reason: input.reason,
    });
    return (await computeSelection(tx, planId, now)).out;
  });
}
