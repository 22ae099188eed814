import { AppError, hasAnyRole, type OverlapListOut } from '@rdplan/domain';
import type { Actor, Deps } from '../../../context.js';
import { reviewFlags } from './flags.js';

/** The review's overlap flags (一题多报), for officers and administrators. */
export async function listOverlaps(deps: Deps, actor: Actor, reviewId: string): Promise<OverlapListOut> {
  if (!hasAnyRole(actor.roles, ['officer', 'admin'])) throw new AppError('forbidden');
  return reviewFlags(deps.db, reviewId);
}
