import { AppError, hasAnyRole, shanghaiDate, STAFF_ROLES } from '@rdplan/domain';
import type { Actor, Deps } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { AccessDenied } from '../../http/access-denied.js';
import {
  findFollowupProject,
  followupEntries,
  listFollowupProjects,
  presentEntry,
  presentNationalProject,
  statusOf,
  timelineOf,
  unitsOf,
  type FollowupListFilter,
  type FollowupScope,
} from '../../repositories/national-followup.js';

/**
 * Which follow-ups the actor reads: staff every national project involving a Guangzhou unit; a unit's
 * users only those their own organisation takes part in; anyone else none.
 */
export async function followupScope(db: Executor, actor: Actor): Promise<FollowupScope | null> {
  if (hasAnyRole(actor.roles, STAFF_ROLES)) return { kind: 'all' };
  if (!actor.orgId) return null;
  const org = await db.selectFrom('organisations').select(['id', 'uscc']).where('id', '=', actor.orgId).executeTakeFirst();
  return org ? { kind: 'org', orgId: org.id, uscc: org.uscc } : null;
}

export async function listFollowups(deps: Deps, actor: Actor, filter: FollowupListFilter) {
  const scope = await followupScope(deps.db, actor);
  if (!scope) return { total: 0, items: [] };
  return listFollowupProjects(deps.db, scope, filter, shanghaiDate(deps.clock.now()));
}

/**
 * The project's follow-up row, or 404: for a project that does not exist or involves no Guangzhou unit,
 * and (logged as a security event) for a unit user whose organisation does not take part in it.
 */
export async function requireFollowupProject(db: Executor, actor: Actor, nationalId: string) {
  const scope = await followupScope(db, actor);
  const row = scope ? await findFollowupProject(db, scope, nationalId) : undefined;
  if (row) return row;
  if (scope?.kind !== 'all' && (await findFollowupProject(db, { kind: 'all' }, nationalId))) {
    throw new AccessDenied('national_followup', nationalId);
  }
  throw new AppError('not_found');
}

/** The project page: record facts, units, people, budget, status and the timeline ordered by date. */
export async function getFollowupProject(deps: Deps, actor: Actor, nationalId: string) {
  const row = await requireFollowupProject(deps.db, actor, nationalId);
  const today = shanghaiDate(deps.clock.now());
  const units = (await unitsOf(deps.db, [row])).get(row.national_id) ?? [];
  const entries = (await followupEntries(deps.db, row.national_id)).map(presentEntry);
  const outputsByType: Record<string, number> = {};
  for (const e of entries)
    if (e.kind === 'output') outputsByType[e.outputType ?? 'other'] = (outputsByType[e.outputType ?? 'other'] ?? 0) + 1;
  const project = presentNationalProject(row);
  return {
    project,
    status: statusOf(row, today),
    today,
    units,
    outputsByType,
    timeline: timelineOf(row, entries),
    canEdit: actor.roles.includes('officer'),
  };
}
