import { hasAnyRole, STAFF_ROLES } from '@rdplan/domain';
import type { Actor } from '../../context.js';
import { AccessDenied } from '../../http/access-denied.js';

/** Bureau staff see every organisation; an organisation's own users see only theirs (else 404, logged). */
export function assertMayReadOrganisation(actor: Actor, orgId: string) {
  if (hasAnyRole(actor.roles, STAFF_ROLES)) return;
  if (actor.orgId !== null && actor.orgId === orgId) return;
  throw new AccessDenied('organisation', orgId);
}

/** Admins and officers keep the registry. */
export function isRegistryKeeper(actor: Actor) {
  return hasAnyRole(actor.roles, ['admin', 'officer']);
}
