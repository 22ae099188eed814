import { AppError, hasAnyRole, type SelectionOut } from '@rdplan/domain';
import type { Actor, Deps } from '../../../context.js';
import { computeSelection } from './compute.js';

/** The plan's selection as officers and administrators see it (the three objectives side by side). */
export async function getSelection(deps: Deps, actor: Actor, planId: string): Promise<SelectionOut> {
  if (!hasAnyRole(actor.roles, ['officer', 'admin'])) throw new AppError('forbidden');
  return (await computeSelection(deps.db, planId, deps.clock.now())).out;
}
