import { AppError, hasAnyRole, STAFF_ROLES, type CallListQuery, type CallView } from '@rdplan/domain';
import type { Actor, Deps } from '../../context.js';
import { AccessDenied } from '../../http/access-denied.js';
import { listCalls, loadCall } from '../../repositories/calls.js';

/** Anyone reads a published call; drafts and cancelled calls are for bureau staff (else 404). */
export async function getCall(deps: Deps, actor: Actor, id: string): Promise<CallView> {
  const call = await loadCall(deps.db, id, deps.clock.now());
  if (!call) throw new AppError('not_found');
  if (call.status !== 'published' && !hasAnyRole(actor.roles, STAFF_ROLES)) throw new AccessDenied('call', id);
  return call;
}

/** Published calls; staff asking `all=true` see drafts too. */
export async function getCalls(deps: Deps, actor: Actor, query: CallListQuery): Promise<CallView[]> {
  const includeDrafts = query.all === true && hasAnyRole(actor.roles, STAFF_ROLES);
  return listCalls(deps.db, { ...query, includeDrafts }, deps.clock.now());
}
