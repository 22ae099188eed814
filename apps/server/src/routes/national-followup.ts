import type { Deps } from '../context.js';
import type { RouteScope } from './helpers.js';

export async function nationalFollowupRoutes(app: RouteScope, deps: Deps) {
  void app;
  void deps;
}
