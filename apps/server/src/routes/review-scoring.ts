import type { Deps } from '../context.js';
import type { RouteScope } from './helpers.js';

/** Scoring, aggregation, ranking and panel records (issue 5; docs/review.md). */
export async function reviewScoringRoutes(_app: RouteScope, _deps: Deps): Promise<void> {
  // Routes are added here.
}
