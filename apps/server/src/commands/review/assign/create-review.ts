import { AppError, ReviewSettings, shanghaiDate, type ReviewOut, type ReviewSettingsPatch } from '@rdplan/domain';
import { appendAudit } from '../../../audit/audit.js';
import type { Actor, Deps } from '../../../context.js';
import { findReviewHead, findReviewHeadByCall, loadReviewData } from '../../../repositories/review.js';
import { inTransaction } from '../../transaction.js';
import { assertRole, auditReview, presentReview } from './shared.js';

/** An officer opens the review of a published call (any track); one review per call. */
export async function createReview(
  deps: Deps,
  actor: Actor,
  callId: string,
  input: { settings?: Omit<ReviewSettingsPatch, 'reason'> | undefined },
): Promise<ReviewOut> {
  assertRole(actor, ['officer']);
  return inTransaction(deps, async (tx, now) => {
    const call = await tx.selectFrom('calls').select(['id', 'status']).where('id', '=', callId).forUpdate().executeTakeFirst();
    if (!call) throw new AppError('not_found');
    if (call.status !== 'published')
      throw new AppError('state_conflict', { status: call.status, message: 'the call is not published / 指南未发布' });
    if (await findReviewHeadByCall(tx, callId))
      throw new AppError('conflict', { message: 'the call already has a review / 该指南已建立评审' });
    const parsed = ReviewSettings.safeParse(input.settings ?? {});
    if (!parsed.success)
      throw new AppError(
        'validation_failed',
        parsed.error.issues.map((i) => ({ path: ['body', 'settings', ...i.path].join('.'), message: i.message })),
      );
    const row = await tx
      .insertInto('reviews')
      .values({ call_id: callId, settings: JSON.stringify(parsed.data), created_by: actor.userId, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const head = (await findReviewHead(tx, row.id))!;
    await appendAudit(tx, actor, now, {
      action: 'review.create',
      entityType: 'review',
      entityId: row.id,
      before: null,
      after: auditReview(head),
    });
    return presentReview(await loadReviewData(tx, head, shanghaiDate(now)));
  });
}
