import { AppError, ReviewSettings, shanghaiDate, type ReviewOut, type ReviewSettingsPatch } from '@rdplan/domain';
import { appendAudit } from '../../../audit/audit.js';
import type { Actor, Deps } from '../../../context.js';
import { findReviewHead, loadReviewData } from '../../../repositories/review.js';
import { inTransaction } from '../../transaction.js';
import { assertRole, auditReview, presentReview, requireReview } from './shared.js';

/** Settings that only shape scoring and ranking: they may change until the review is closed. */
export const SCORING_SETTINGS = ['scale', 'aggregation', 'trim', 'normalise', 'outlierPoints', 'tieBreaks', 'objective'] as const;

/** An officer changes the settings: everything in setup; in scoring only the scoring settings; nothing once closed. */
export async function updateReviewSettings(deps: Deps, actor: Actor, reviewId: string, input: ReviewSettingsPatch): Promise<ReviewOut> {
  assertRole(actor, ['officer']);
  return inTransaction(deps, async (tx, now) => {
    const head = await requireReview(tx, reviewId, true);
    const { reason, ...patch } = input;
    const keys = Object.keys(patch).filter((k) => (patch as Record<string, unknown>)[k] !== undefined);
    if (head.status === 'closed')
      throw new AppError('state_conflict', { status: head.status, message: 'the review is closed / 评审已结束' });
    if (head.status === 'scoring') {
      const locked = keys.filter((k) => !(SCORING_SETTINGS as readonly string[]).includes(k));
      if (locked.length)
        throw new AppError('state_conflict', {
          status: head.status,
          fields: locked,
          message: `only scoring settings may change after release: ${locked.join(', ')} / 发布后仅可修改评分相关设置`,
        });
    }
    const next = ReviewSettings.safeParse({
      ...head.settings,
      ...Object.fromEntries(keys.map((k) => [k, (patch as Record<string, unknown>)[k]])),
    });
    if (!next.success)
      throw new AppError(
        'validation_failed',
        next.error.issues.map((i) => ({ path: ['body', ...i.path].join('.'), message: i.message })),
      );
    await tx
      .updateTable('reviews')
      .set({ settings: JSON.stringify(next.data), updated_at: now })
      .where('id', '=', head.id)
      .execute();
    const updated = (await findReviewHead(tx, head.id))!;
    await appendAudit(tx, actor, now, {
      action: 'review.settings',
      entityType: 'review',
      entityId: head.id,
      before: auditReview(head),
      after: auditReview(updated),
      reason: reason || null,
    });
    return presentReview(await loadReviewData(tx, updated, shanghaiDate(now)));
  });
}
