import type { ReviewListOut, ReviewOut } from '@rdplan/domain';
import type { Actor, Deps } from '../../../context.js';
import { listReviews } from '../../../repositories/review.js';
import { assertRole, presentReview, requireReviewData } from './shared.js';

/** Staff read a review with its applications and counts. */
export async function getReview(deps: Deps, actor: Actor, reviewId: string): Promise<ReviewOut> {
  assertRole(actor, ['officer', 'admin']);
  return presentReview(await requireReviewData(deps.db, reviewId, deps.clock.now()));
}

export async function listAllReviews(deps: Deps, actor: Actor): Promise<ReviewListOut> {
  assertRole(actor, ['officer', 'admin']);
  return { items: await listReviews(deps.db) };
}
