import { hasAnyRole, shanghaiDate, type WorkplanListQuery, type WorkplanSummary, type WorkplanView } from '@rdplan/domain';
import type { Actor, Deps } from '../../context.js';
import { listWorkplans, workplanView } from '../../repositories/workplans.js';
import { assertMayReadWorkplan, readWorkplan } from './access.js';

/** One work plan with its live rule results, for whoever may read it (else 404, logged). */
export async function getWorkplan(deps: Deps, actor: Actor, id: string): Promise<WorkplanView> {
  const wp = await readWorkplan(deps.db, id);
  assertMayReadWorkplan(actor, wp);
  return workplanView(deps.db, id, shanghaiDate(deps.clock.now()));
}

/** The work plans a user may see: a leader its own; officers and admins all; analysts the finalised ones. */
export async function listWorkplansFor(deps: Deps, actor: Actor, query: WorkplanListQuery): Promise<WorkplanSummary[]> {
  if (hasAnyRole(actor.roles, ['admin', 'officer'])) return listWorkplans(deps.db, {}, query);
  if (actor.roles.includes('analyst')) return listWorkplans(deps.db, { finalisedOnly: true }, query);
  if (actor.roles.includes('chain_leader') && actor.orgId) return listWorkplans(deps.db, { leaderOrgId: actor.orgId }, query);
  return [];
}
