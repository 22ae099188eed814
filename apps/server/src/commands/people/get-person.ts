import { AppError, hasAnyRole, shanghaiDate, STAFF_ROLES } from '@rdplan/domain';
import type { Actor, Deps } from '../../context.js';
import { personDetail } from '../../repositories/people.js';
import { AccessDenied } from '../../http/access-denied.js';

/**
 * A person's full record: staff see anyone; an expert sees only their own record. Anyone else is
 * told it does not exist, so ids cannot be probed.
 */
export async function getPerson(deps: Deps, actor: Actor, personId: string) {
  const own = actor.personId !== null && actor.personId === personId;
  if (!hasAnyRole(actor.roles, STAFF_ROLES) && !own) throw new AccessDenied('person', personId);
  const detail = await personDetail(deps.db, personId, shanghaiDate(deps.clock.now()));
  if (!detail) throw new AppError('not_found');
  return detail;
}
