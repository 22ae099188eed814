import { AppError, hasAnyRole, type SelectionOut, type SelectionPinInput } from '@rdplan/domain';
import type { z } from 'zod';
import { appendAudit } from '../../../audit/audit.js';
import type { Actor, Deps } from '../../../context.js';
import { findPlanRowForUpdate } from '../../../repositories/plans.js';
import { findPin, latestSelection } from '../../../repositories/review-selection.js';
import { inTransaction } from '../../transaction.js';
import { computeSelection } from './compute.js';

/**
 * An officer pins a candidate in or out of the plan's selection (null removes the pin), with a reason.
 * The application must be a candidate of this plan (404 otherwise); once the selection is confirmed the
 * pins are frozen (409).
 */
export async function pinCandidate(
  deps: Deps,
  actor: Actor,
  planId: string,
  applicationId: string,
  input: z.infer<typeof SelectionPinInput>,
): Promise<SelectionOut> {
  if (!hasAnyRole(actor.roles, ['officer'])) throw new AppError('forbidden');
  return inTransaction(deps, async (tx, now) => {
    const plan = await findPlanRowForUpdate(tx, planId);
    if (!plan) throw new AppError('not_found', { entity: 'plan', id: planId });
    const before = await computeSelection(tx, planId, now);
    if (!before.out.candidates.some((c) => c.applicationId === applicationId))
      throw new AppError('not_found', { entity: 'selection_candidate', id: applicationId });
    if (await latestSelection(tx, planId)) throw new AppError('state_conflict', { reason: 'selection_confirmed' });
    const old = await findPin(tx, planId, applicationId);
    if (input.pin === null) {
      await tx.deleteFrom('selection_pins').where('plan_id', '=', planId).where('application_id', '=', applicationId).execute();
    } else {
      await tx
        .insertInto('selection_pins')
        .values({
          plan_id: planId,
          application_id: applicationId,
          pin: input.pin,
          reason: input.reason,
          pinned_by: actor.userId,
          pinned_at: now,
        })
        .onConflict((oc) =>
          oc
            .columns(['plan_id', 'application_id'])
            .doUpdateSet({ pin: input.pin!, reason: input.reason, pinned_by: actor.userId, pinned_at: now }),
        )
        .execute();
    }
    await appendAudit(tx, actor, now, {
      action: input.pin === null ? 'selection.unpin' : 'selection.pin',
      entityType: 'application',
      entityId: applicationId,
      before: { planId, pin: old?.pin ?? null, reason: old?.reason ?? null },
      after: { planId, pin: input.pin },
      reason: input.reason,
    });
    return (await computeSelection(tx, planId, now)).out;
  });
}
