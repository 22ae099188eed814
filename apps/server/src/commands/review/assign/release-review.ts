import { AppError, shanghaiDate, type ReviewOut } from '@rdplan/domain';
import { appendAudit } from '../../../audit/audit.js';
import type { Actor, Deps } from '../../../context.js';
import { findReviewHead, loadReviewData } from '../../../repositories/review.js';
import { inTransaction } from '../../transaction.js';
import { assertRole, assertStatus, auditReview, presentReview, requireReviewData } from './shared.js';

/** setup → scoring: every application must have k active (non-declined) assignments. */
export async function releaseReview(deps: Deps, actor: Actor, reviewId: string, reason: string | undefined): Promise<ReviewOut> {
  assertRole(actor, ['officer']);
  return inTransaction(deps, async (tx, now) => {
    const data = await requireReviewData(tx, reviewId, now, true);
    assertStatus(data.head, ['setup'], 'release');
    const k = data.head.settings.expertsPerApplication;
    const active = new Map<string, number>();
    for (const a of data.assignments) if (a.status !== 'declined') active.set(a.applicationId, (active.get(a.applicationId) ?? 0) + 1);
    const short = data.applications
      .filter((a) => (active.get(a.id) ?? 0) < k)
      .map((a) => ({ applicationId: a.id, title: a.title, assigned: active.get(a.id) ?? 0, needed: k }));
    if (short.length)
      throw new AppError('review_limit', {
        limit: 'experts_per_application',
        applications: short,
        message: `${short.length} application(s) have fewer than ${k} experts / ${short.length} 个项目专家不足 ${k} 名`,
      });
    await tx.updateTable('reviews').set({ status: 'scoring', released_at: now, updated_at: now }).where('id', '=', reviewId).execute();
    const head = (await findReviewHead(tx, reviewId))!;
    await appendAudit(tx, actor, now, {
      action: 'review.release',
      entityType: 'review',
      entityId: reviewId,
      before: auditReview(data.head),
      after: { ...auditReview(head), assignments: data.assignments.filter((a) => a.status !== 'declined').length },
      reason: reason || null,
    });
    return presentReview(await loadReviewData(tx, head, shanghaiDate(now)));
  });
}
