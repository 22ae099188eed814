import { AppError, hasAnyRole, type PanelInput, type ResultRowOut } from '@rdplan/domain';
import type { z } from 'zod';
import { appendAudit } from '../../../audit/audit.js';
import type { Actor, Deps } from '../../../context.js';
import { findReviewHead, REVIEWED_STATES } from '../../../repositories/review.js';
import { inTransaction } from '../../transaction.js';

type Panel = NonNullable<ResultRowOut['panel']>;

/** The panel's (consensus) record on one application of the review: the officer writes or rewrites it. */
export async function recordPanel(
  deps: Deps,
  actor: Actor,
  reviewId: string,
  applicationId: string,
  input: z.infer<typeof PanelInput>,
): Promise<Panel> {
  if (!hasAnyRole(actor.roles, ['officer'])) throw new AppError('forbidden');
  return inTransaction(deps, async (tx, now) => {
    const review = await findReviewHead(tx, reviewId);
    if (!review) throw new AppError('not_found');
    const app = await tx
      .selectFrom('applications')
      .select('id')
      .where('id', '=', applicationId)
      .where('call_id', '=', review.callId)
      .where('status', 'in', [...REVIEWED_STATES])
      .executeTakeFirst();
    if (!app) throw new AppError('not_found');
    if (review.status === 'setup') {
      throw new AppError('state_conflict', { status: review.status, message: 'the review has not been released / 评审尚未开始' });
    }
    const before = await tx
      .selectFrom('review_panels')
      .select(['opinion', 'recommendation'])
      .where('review_id', '=', reviewId)
      .where('application_id', '=', applicationId)
      .executeTakeFirst();
    const values = {
      opinion: input.opinion,
      recommendation: input.recommendation,
      recorded_by: actor.userId,
      recorded_at: now,
    };
    await tx
      .insertInto('review_panels')
      .values({ review_id: reviewId, application_id: applicationId, ...values })
      .onConflict((oc) => oc.columns(['review_id', 'application_id']).doUpdateSet(values))
      .execute();
    await appendAudit(tx, actor, now, {
      action: 'review.panel_recorded',
      entityType: 'application',
      entityId: applicationId,
      before: before ?? null,
      after: { reviewId, opinion: input.opinion, recommendation: input.recommendation },
    });
    const user = actor.userId ? await tx.selectFrom('users').select('name').where('id', '=', actor.userId).executeTakeFirst() : undefined;
    return {
      opinion: input.opinion,
      recommendation: input.recommendation,
      recordedBy: user?.name ?? actor.label,
      recordedAt: now.toISOString(),
    };
  });
}
