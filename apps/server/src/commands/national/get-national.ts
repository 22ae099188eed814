import { AppError, hasAnyRole, STAFF_ROLES, type NationalOutcome, type NationalStage } from '@rdplan/domain';
import type { Actor, Deps } from '../../context.js';
import { AccessDenied } from '../../http/access-denied.js';
import {
  findNationalApplication,
  findNationalProject,
  listNationalApplications,
  listNationalProjects,
  presentNationalApplication,
  presentNationalProject,
  type NationalApplicationView,
  type NationalProjectView,
} from '../../repositories/national.js';

export interface NationalApplicationQuery {
  year?: number;
  orgId?: string;
  q?: string;
  stage?: NationalStage;
  outcome?: NationalOutcome;
  page: number;
  pageSize: number;
}

/**
 * Staff see every national application; a unit's users (and a chain leader) see only those their own
 * organisation led — the ones it may build a backfill application (3.2) on.
 */
export async function getNationalApplications(deps: Deps, actor: Actor, query: NationalApplicationQuery) {
  if (hasAnyRole(actor.roles, STAFF_ROLES)) return listNationalApplications(deps.db, query);
  if (!actor.orgId || (query.orgId && query.orgId !== actor.orgId)) return { total: 0, items: [] };
  // A unit sees the applications it led and those it took part in, each with its role (3.2.b).
  return listNationalApplications(deps.db, { ...query, orgId: actor.orgId, withParticipation: true });
}

export async function getNationalApplication(deps: Deps, actor: Actor, id: string): Promise<NationalApplicationView> {
  const row = await findNationalApplication(deps.db, id);
  if (!row) throw new AppError('not_found');
  if (!hasAnyRole(actor.roles, STAFF_ROLES) && (actor.orgId === null || row.lead_org_id !== actor.orgId)) {
    throw new AccessDenied('national_application', id);
  }
  return presentNationalApplication(row);
}

/** National projects are public information: any signed-in user reads them (3.3). */
export async function getNationalProjects(
  deps: Deps,
  query: { q?: string; acceptedSince?: string; orgId?: string; page: number; pageSize: number },
) {
  return listNationalProjects(deps.db, query);
}

export async function getNationalProject(deps: Deps, id: string): Promise<NationalProjectView> {
  const row = await findNationalProject(deps.db, id);
  if (!row) throw new AppError('not_found');
  return presentNationalProject(row);
}
