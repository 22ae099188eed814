import { AppError, hasAnyRole, type ResultsOut } from '@rdplan/domain';
import type { Actor, Deps } from '../../../context.js';
import { computeResults } from '../results.js';

/** GET /api/reviews/:reviewId/results for officers and administrators. */
export async function getResults(deps: Deps, actor: Actor, reviewId: string): Promise<ResultsOut> {
  if (!hasAnyRole(actor.roles, ['officer', 'admin'])) throw new AppError('forbidden');
  return computeResults(deps.db, reviewId, deps.clock.now());
}
