import {
  type NationalApplicationView,
  type NationalProjectView,
  isGuangzhouRegion,
  type NationalApplicationFacts,
  type NationalOutcome,
  type NationalProjectFacts,
  type NationalStage,
  type NationalUnit,
} from '@rdplan/domain';
import { sql, type Selectable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { NationalApplicationsTable, NationalProjectsTable } from '../db/schema.js';

/** National Key R&D Program records (4.2.a): imported, never typed in by applicants. */

export type { NationalApplicationView, NationalProjectView, NationalUnit } from '@rdplan/domain';
export type NationalApplicationRow = Selectable<NationalApplicationsTable>;
export type NationalProjectRow = Selectable<NationalProjectsTable>;

export function presentNationalApplication(r: NationalApplicationRow): NationalApplicationView {
  return {
    id: r.id,
    nationalId: r.national_id,
    year: r.year,
    programme: r.programme,
    direction: r.direction,
    fieldCode: r.field_code,
    title: r.title,
    lead: { uscc: r.lead_uscc, name: r.lead_name, orgId: r.lead_org_id },
    leaderName: r.leader_name,
    participants: r.participants as NationalUnit[],
    stage: r.stage,
    outcome: r.outcome,
    batchId: r.batch_id,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export function presentNationalProject(r: NationalProjectRow): NationalProjectView {
  const budget = (r.budget ?? {}) as Partial<NationalProjectView['budget']>;
  return {
    id: r.id,
    nationalId: r.national_id,
    applicationNationalId: r.application_national_id,
    title: r.title,
    programme: r.programme,
    direction: r.direction,
    fieldCode: r.field_code,
    startDate: r.start_date,
    endDate: r.end_date,
    budget: { central: budget.central ?? 0, local: budget.local ?? 0, self: budget.self ?? 0 },
    lead: {
      uscc: r.lead_uscc,
      name: r.lead_name,
      type: r.lead_type,
      regionCode: r.lead_region_code,
      isGuangzhou: r.lead_region_code ? isGuangzhouRegion(r.lead_region_code) : null,
      orgId: r.lead_org_id,
    },
    participants: r.participants as NationalUnit[],
    people: r.people as NationalProjectView['people'],
    acceptance: r.acceptance_date && r.acceptance_result ? { date: r.acceptance_date, result: r.acceptance_result } : null,
    batchId: r.batch_id,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

function like(q: string) {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface NationalApplicationFilter {
  year?: number;
  /** Only records whose lead is this organisation. */
  orgId?: string;
  /** With orgId: also the records it took part in (a linked participating unit), each with its role. */
  withParticipation?: boolean;
  q?: string;
  stage?: NationalStage;
  outcome?: NationalOutcome;
  page: number;
  pageSize: number;
}

export async function listNationalApplications(db: Executor, f: NationalApplicationFilter) {
  let q = db.selectFrom('national_applications');
  if (f.year !== undefined) q = q.where('year', '=', f.year);
  const orgId = f.orgId;
  if (orgId && f.withParticipation)
    q = q.where((eb) =>
      eb.or([
        eb('lead_org_id', '=', orgId),
        eb(
          'national_id',
          'in',
          eb
            .selectFrom('national_units')
            .select('national_units.national_id')
            .where('national_units.record_kind', '=', 'application')
            .where('national_units.role', '=', 'participant')
            .where('national_units.org_id', '=', orgId),
        ),
      ]),
    );
  else if (orgId) q = q.where('lead_org_id', '=', orgId);
  if (f.stage) q = q.where('stage', '=', f.stage);
  if (f.outcome) q = q.where('outcome', '=', f.outcome);
  if (f.q) {
    const pattern = like(f.q);
    q = q.where((eb) => eb.or([eb('title', 'ilike', pattern), eb('lead_name', 'ilike', pattern), eb('national_id', 'ilike', pattern)]));
  }
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll()
    .orderBy('year', 'desc')
    .orderBy('national_id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  const items = rows.map(presentNationalApplication);
  if (orgId && f.withParticipation) for (const item of items) item.unitRole = item.lead.orgId === orgId ? 'lead' : 'participant';
  return { total: Number(total.n), items };
}

export interface NationalProjectFilter {
  q?: string;
  /** Passed acceptance on or after this date. */
  acceptedSince?: string;
  orgId?: string;
  page: number;
  pageSize: number;
}

export async function listNationalProjects(db: Executor, f: NationalProjectFilter) {
  let q = db.selectFrom('national_projects');
  if (f.acceptedSince) q = q.where('acceptance_date', '>=', f.acceptedSince).where('acceptance_result', '=', 'passed');
  if (f.orgId) q = q.where('lead_org_id', '=', f.orgId);
  if (f.q) {
    const pattern = like(f.q);
    q = q.where((eb) => eb.or([eb('title', 'ilike', pattern), eb('lead_name', 'ilike', pattern), eb('national_id', 'ilike', pattern)]));
  }
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll()
    .orderBy(sql`acceptance_date desc nulls last`)
    .orderBy('national_id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { total: Number(total.n), items: rows.map(presentNationalProject) };
}

export function findNationalApplication(db: Executor, id: string) {
  return db.selectFrom('national_applications').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findNationalProject(db: Executor, id: string) {
  return db.selectFrom('national_projects').selectAll().where('id', '=', id).executeTakeFirst();
}

export function nationalApplicationsByNationalId(db: Executor, ids: readonly string[], lock = false) {
  if (ids.length === 0) return Promise.resolve([] as NationalApplicationRow[]);
  const q = db.selectFrom('national_applications').selectAll().where('national_id', 'in', ids);
  return (lock ? q.forUpdate() : q).execute();
}

export function nationalProjectsByNationalId(db: Executor, ids: readonly string[], lock = false) {
  if (ids.length === 0) return Promise.resolve([] as NationalProjectRow[]);
  const q = db.selectFrom('national_projects').selectAll().where('national_id', 'in', ids);
  return (lock ? q.forUpdate() : q).execute();
}

/** The facts 3.2.b–e read about a national application (by its row id). */
export async function loadNationalApplicationFacts(db: Executor, id: string): Promise<NationalApplicationFacts | null> {
  const r = await findNationalApplication(db, id);
  if (!r) return null;
  return {
    nationalId: r.national_id,
    year: r.year,
    programme: r.programme,
    direction: r.direction,
    fieldCode: r.field_code,
    leadUscc: r.lead_uscc,
    leadOrgId: r.lead_org_id,
    leadName: r.lead_name,
    stage: r.stage,
    outcome: r.outcome,
  };
}

/** The facts 3.3.b–d read about a national project (by its row id). */
export async function loadNationalProjectFacts(db: Executor, id: string): Promise<NationalProjectFacts | null> {
  const r = await findNationalProject(db, id);
  if (!r) return null;
  return {
    nationalId: r.national_id,
    title: r.title,
    leadName: r.lead_name,
    leadType: r.lead_type,
    leadRegionCode: r.lead_region_code,
    acceptanceDate: r.acceptance_date,
    acceptanceResult: r.acceptance_result,
  };
}

/** Whether the organisation appears among a national record's units (linked, or by its credit code in the record). */
export async function tookPartInNationalRecord(
  db: Executor,
  kind: 'application' | 'project',
  nationalId: string,
  org: { id: string; uscc: string },
): Promise<boolean> {
  const row = await db
    .selectFrom('national_units')
    .select('id')
    .where('record_kind', '=', kind)
    .where('national_id', '=', nationalId)
    .where((eb) => eb.or([eb('org_id', '=', org.id), eb('uscc', '=', org.uscc)]))
    .executeTakeFirst();
  if (row) return true;
  const table = kind === 'application' ? 'national_applications' : 'national_projects';
  const record = await db.selectFrom(table).select('participants').where('national_id', '=', nationalId).executeTakeFirst();
  const units = (record?.participants ?? []) as { uscc?: string | null }[];
  return units.some((u) => u?.uscc === org.uscc);
}
