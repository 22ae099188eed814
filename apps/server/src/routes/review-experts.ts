import type { Deps } from '../context.js';
import type { RouteScope } from './helpers.js';

/** The expert pool, its curation, the expert's own profile, applicant-named exclusions (issue 5; docs/review.md). */
export async function reviewExpertsRoutes(_app: RouteScope, _deps: Deps): Promise<void> {
  // Routes are added here.
}
