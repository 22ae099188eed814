import type { Deps } from '../context.js';
import type { RouteScope } from './helpers.js';

/** Selection per plan and overlap flags (issue 5; docs/review.md). */
export async function reviewSelectionRoutes(_app: RouteScope, _deps: Deps): Promise<void> {
  // Routes are added here.
}
