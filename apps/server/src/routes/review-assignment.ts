import type { Deps } from '../context.js';
import type { RouteScope } from './helpers.js';

/** Reviews of calls, conflicts, declarations and assignment (issue 5; docs/review.md). */
export async function reviewAssignmentRoutes(_app: RouteScope, _deps: Deps): Promise<void> {
  // Routes are added here.
}
