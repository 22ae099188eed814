import { AppError, shanghaiDate, type ReviewOut } from '@rdplan/domain';
import { appendAudit } from '../../../audit/audit.js';
import type { Actor, Deps } from '../../../context.js';
import { findReviewHead, loadReviewData } from '../../../repositories/review.js';
import { inTransaction } from '../../transaction.js';
import { assertRole, assertStatus, auditReview, presentReview, requireReviewData } from './shared.js';

/** scoring → closed: every non-declined assignment must be submitted. */
export async function closeReview(deps: Deps, actor: Actor, reviewId: string, reason: string | undefined): Promise<ReviewOut> {
  assertRole(actor, ['officer']);
  return inTransaction(deps, async (tx, now) => {
    const data = await requireReviewData(tx, reviewId, now, true);
    assertStatus(data.head, ['scoring'], 'close');
    const title = new Map(data.applications.map((a) => [a.id, a.title]));
    const names = new Map(data.experts.map((e) => [e.personId, e.name]));
    const open = data.assignments
      .filter((a) => a.status === 'assigned')
      .map((a) => ({
        assignmentId: a.id,
        applicationId: a.applicationId,
        title: title.get(a.applicationId) ?? '',
        personId: a.personId,
        expertName: names.get(a.personId) ?? '',
      }));
    if (open.length)
      throw new AppError('state_conflict', {
        status: data.head.status,
        pending: open,
        message: `${open.length} assignment(s) are not submitted / ${open.length} 份评审意见尚未提交`,
      });
    await tx.updateTable('reviews').set({ status: 'closed', closed_at: now, updated_at: now }).where('id', '=', reviewId).execute();
    const head = (await findReviewHead(tx, reviewId))!;
    await appendAudit(tx, actor, now, {
      action: 'review.close',
      entityType: 'review',
      entityId: reviewId,
      before: auditReview(data.head),
      after: auditReview(head),
      reason: reason || null,
    });
    return presentReview(await loadReviewData(tx, head, shanghaiDate(now)));
  });
}
