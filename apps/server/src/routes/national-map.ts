import type { Deps } from '../context.js';
import type { RouteScope } from './helpers.js';

export async function nationalMapRoutes(app: RouteScope, deps: Deps) {
  void app;
  void deps;
}
