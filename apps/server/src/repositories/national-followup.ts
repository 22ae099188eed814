import {
  isGuangzhouRegion,
  nationalProjectStatus,
  type FollowupKind,
  type FollowupOutputType,
  type NationalProjectStatus,
  type OrgType,
} from '@rdplan/domain';
import { sql, type Expression, type Selectable, type SqlBool } from 'kysely';
import type { Executor } from '../db/database.js';
import type { NationalFollowupsTable } from '../db/schema.js';
import { presentNationalProject, type NationalProjectRow } from './national.js';

/**
 * Follow-up of national projects involving Guangzhou units (4.2.b). A project involves Guangzhou when
 * one of its units is placed in a 4401xx region: a unit row (national_units) with such a region code or
 * matched to such an organisation, the lead's region code on the record, the lead's linked organisation,
 * or a participant whose credit code names such an organisation.
 */

export type FollowupRow = Selectable<NationalFollowupsTable>;

const GZ = '4401%';

/** True when the project (alias `p`) involves a Guangzhou unit. */
export function involvesGuangzhou(): Expression<SqlBool> {
  return sql<SqlBool>`(
    p.lead_region_code like ${GZ}
    or exists (select 1 from organisations o where o.id = p.lead_org_id and o.region_code like ${GZ})
    or exists (
      select 1 from national_units nu left join organisations o on o.id = nu.org_id
      where nu.record_kind = 'project' and nu.national_id = p.national_id
        and (nu.region_code like ${GZ} or o.region_code like ${GZ})
    )
    or exists (
      select 1 from jsonb_array_elements(p.participants) e join organisations o on o.uscc = e->>'uscc'
      where jsonb_typeof(p.participants) = 'array' and o.region_code like ${GZ}
    )
  )`;
}

/** True when the organisation takes part in the project (alias `p`): linked by id or by credit code. */
export function involvesOrganisation(orgId: string, uscc: string): Expression<SqlBool> {
  return sql<SqlBool>`(
    p.lead_org_id = ${orgId}
    or p.lead_uscc = ${uscc}
    or exists (
      select 1 from national_units nu
      where nu.record_kind = 'project' and nu.national_id = p.national_id and (nu.org_id = ${orgId} or nu.uscc = ${uscc})
    )
    or exists (select 1 from jsonb_array_elements(p.participants) e where e->>'uscc' = ${uscc})
  )`;
}

/** SQL condition for a derived status on `today` (mirrors nationalProjectStatus). */
function statusCondition(status: NationalProjectStatus, today: string): Expression<SqlBool> {
  switch (status) {
    case 'accepted':
      return sql<SqlBool>`p.acceptance_result = 'passed'`;
    case 'failed':
      return sql<SqlBool>`p.acceptance_result = 'failed'`;
    case 'not_started':
      return sql<SqlBool>`(p.acceptance_result is null and p.start_date > ${today}::date)`;
    case 'ended':
      return sql<SqlBool>`(p.acceptance_result is null and (p.start_date is null or p.start_date <= ${today}::date) and p.end_date < ${today}::date)`;
    case 'in_progress':
      return sql<SqlBool>`(p.acceptance_result is null and (p.start_date is null or p.start_date <= ${today}::date)
        and (p.end_date is null or p.end_date >= ${today}::date))`;
  }
}

function like(q: string) {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Who reads: every Guangzhou project (staff), or only those an organisation takes part in. */
export type FollowupScope = { kind: 'all' } | { kind: 'org'; orgId: string; uscc: string };

export interface FollowupListFilter {
  q?: string;
  field?: string;
  status?: NationalProjectStatus;
  year?: number;
  page: number;
  pageSize: number;
}

export interface FollowupUnit {
  position: number;
  role: 'lead' | 'participant';
  name: string;
  uscc: string | null;
  type: OrgType | null;
  regionCode: string | null;
  isGuangzhou: boolean;
  orgId: string | null;
  orgName: string | null;
}

export interface FollowupListItem {
  nationalId: string;
  title: string;
  programme: string;
  fieldCode: string | null;
  startDate: string | null;
  endDate: string | null;
  status: NationalProjectStatus;
  guangzhouUnits: FollowupUnit[];
  outputs: number;
  outputsByType: Partial<Record<FollowupOutputType, number>>;
  entries: number;
  nextMilestone: { title: string; occurredOn: string } | null;
}

function baseQuery(db: Executor, scope: FollowupScope) {
  let q = db.selectFrom('national_projects as p').where(involvesGuangzhou());
  if (scope.kind === 'org') q = q.where(involvesOrganisation(scope.orgId, scope.uscc));
  return q;
}

export async function listFollowupProjects(db: Executor, scope: FollowupScope, f: FollowupListFilter, today: string) {
  let q = baseQuery(db, scope);
  if (f.q) {
    const pattern = like(f.q);
    q = q.where((eb) =>
      eb.or([eb('p.title', 'ilike', pattern), eb('p.lead_name', 'ilike', pattern), eb('p.national_id', 'ilike', pattern)]),
    );
  }
  if (f.field) q = q.where((eb) => eb.or([eb('p.field_code', '=', f.field!), eb('p.field_code', 'like', `${f.field}.%`)]));
  if (f.year !== undefined) q = q.where(sql<SqlBool>`extract(year from p.start_date) = ${f.year}`);
  if (f.status) q = q.where(statusCondition(f.status, today));
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll('p')
    .orderBy(sql`p.start_date desc nulls last`)
    .orderBy('p.national_id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  const ids = rows.map((r) => r.national_id);
  const units = await unitsOf(db, rows);
  const counts = new Map<string, { entries: number; outputs: Partial<Record<FollowupOutputType, number>> }>();
  const next = new Map<string, { title: string; occurredOn: string }>();
  if (ids.length > 0) {
    const grouped = await db
      .selectFrom('national_followups')
      .select(['project_national_id', 'kind', 'output_type', (eb) => eb.fn.countAll<number>().as('n')])
      .where('project_national_id', 'in', ids)
      .groupBy(['project_national_id', 'kind', 'output_type'])
      .execute();
    for (const g of grouped) {
      const c = counts.get(g.project_national_id) ?? { entries: 0, outputs: {} };
      c.entries += Number(g.n);
      if (g.kind === 'output') {
        const type = g.output_type ?? 'other';
        c.outputs[type] = (c.outputs[type] ?? 0) + Number(g.n);
      }
      counts.set(g.project_national_id, c);
    }
    const milestones = await db
      .selectFrom('national_followups')
      .select(['project_national_id', 'title', 'occurred_on'])
      .where('project_national_id', 'in', ids)
      .where('kind', '=', 'milestone')
      .where('occurred_on', '>=', today)
      .orderBy('occurred_on')
      .orderBy('created_at')
      .execute();
    for (const m of milestones) {
      if (!next.has(m.project_national_id)) next.set(m.project_national_id, { title: m.title, occurredOn: m.occurred_on });
    }
  }
  const items: FollowupListItem[] = rows.map((r) => {
    const c = counts.get(r.national_id);
    return {
      nationalId: r.national_id,
      title: r.title,
      programme: r.programme,
      fieldCode: r.field_code,
      startDate: r.start_date,
      endDate: r.end_date,
      status: statusOf(r, today),
      guangzhouUnits: (units.get(r.national_id) ?? []).filter((u) => u.isGuangzhou),
      outputs: Object.values(c?.outputs ?? {}).reduce((a, b) => a + b, 0),
      outputsByType: c?.outputs ?? {},
      entries: c?.entries ?? 0,
      nextMilestone: next.get(r.national_id) ?? null,
    };
  });
  return { total: Number(total.n), items };
}

export function statusOf(r: NationalProjectRow, today: string): NationalProjectStatus {
  return nationalProjectStatus({ startDate: r.start_date, endDate: r.end_date, acceptanceResult: r.acceptance_result }, today);
}

/** The project by national id, when it involves Guangzhou and the scope may read it. */
export function findFollowupProject(db: Executor, scope: FollowupScope, nationalId: string) {
  return baseQuery(db, scope).selectAll('p').where('p.national_id', '=', nationalId).executeTakeFirst();
}

/** Whether a national project with this id exists at all (to tell "not yours" from "not there"). */
export async function nationalProjectExists(db: Executor, nationalId: string) {
  return !!(await db.selectFrom('national_projects').select('id').where('national_id', '=', nationalId).executeTakeFirst());
}

/**
 * The units of each project: its unit rows when the record has them (after matching), otherwise the
 * lead and participants as the record names them, linked to the registry by id or credit code.
 */
export async function unitsOf(db: Executor, projects: readonly NationalProjectRow[]): Promise<Map<string, FollowupUnit[]>> {
  const out = new Map<string, FollowupUnit[]>();
  if (projects.length === 0) return out;
  const ids = projects.map((p) => p.national_id);
  const unitRows = await db
    .selectFrom('national_units as nu')
    .leftJoin('organisations as o', 'o.id', 'nu.org_id')
    .select([
      'nu.national_id',
      'nu.position',
      'nu.role',
      'nu.name',
      'nu.uscc',
      'nu.org_type',
      'nu.region_code',
      'nu.org_id',
      'o.name as org_name',
      'o.region_code as org_region',
    ])
    .where('nu.record_kind', '=', 'project')
    .where('nu.national_id', 'in', ids)
    .orderBy('nu.national_id')
    .orderBy('nu.position')
    .execute();
  for (const u of unitRows) {
    const region = u.region_code ?? u.org_region ?? null;
    const list = out.get(u.national_id) ?? [];
    list.push({
      position: u.position,
      role: u.role,
      name: u.name,
      uscc: u.uscc,
      type: u.org_type,
      regionCode: region,
      isGuangzhou: [u.region_code, u.org_region].some((c) => !!c && isGuangzhouRegion(c)),
      orgId: u.org_id,
      orgName: u.org_name ?? null,
    });
    out.set(u.national_id, list);
  }
  const rest = projects.filter((p) => !out.has(p.national_id));
  if (rest.length === 0) return out;
  const codes = new Set<string>();
  const orgIds = new Set<string>();
  for (const p of rest) {
    if (p.lead_uscc) codes.add(p.lead_uscc);
    if (p.lead_org_id) orgIds.add(p.lead_org_id);
    for (const part of participantsOf(p)) if (part.uscc) codes.add(part.uscc);
  }
  const orgs =
    codes.size + orgIds.size === 0
      ? []
      : await db
          .selectFrom('organisations')
          .select(['id', 'uscc', 'name', 'region_code', 'type'])
          .where((eb) => {
            const ors = [];
            if (codes.size > 0) ors.push(eb('uscc', 'in', [...codes]));
            if (orgIds.size > 0) ors.push(eb('id', 'in', [...orgIds]));
            return eb.or(ors);
          })
          .execute();
  const byUscc = new Map(orgs.map((o) => [o.uscc, o]));
  const byId = new Map(orgs.map((o) => [o.id, o]));
  for (const p of rest) {
    const leadOrg = (p.lead_org_id ? byId.get(p.lead_org_id) : undefined) ?? (p.lead_uscc ? byUscc.get(p.lead_uscc) : undefined);
    const list: FollowupUnit[] = [
      {
        position: 0,
        role: 'lead',
        name: p.lead_name,
        uscc: p.lead_uscc,
        type: p.lead_type,
        regionCode: p.lead_region_code ?? leadOrg?.region_code ?? null,
        isGuangzhou: [p.lead_region_code, leadOrg?.region_code].some((c) => !!c && isGuangzhouRegion(c)),
        orgId: leadOrg?.id ?? null,
        orgName: leadOrg?.name ?? null,
      },
    ];
    participantsOf(p).forEach((part, i) => {
      const org = part.uscc ? byUscc.get(part.uscc) : undefined;
      list.push({
        position: i + 1,
        role: 'participant',
        name: part.name,
        uscc: part.uscc ?? null,
        type: (org?.type as OrgType | undefined) ?? null,
        regionCode: org?.region_code ?? null,
        isGuangzhou: !!org && isGuangzhouRegion(org.region_code),
        orgId: org?.id ?? null,
        orgName: org?.name ?? null,
      });
    });
    out.set(p.national_id, list);
  }
  return out;
}

function participantsOf(p: NationalProjectRow): { uscc?: string | null; name: string }[] {
  return Array.isArray(p.participants) ? (p.participants as { uscc?: string | null; name: string }[]) : [];
}

export interface FollowupEntryView {
  id: string;
  kind: FollowupKind;
  title: string;
  detail: string;
  occurredOn: string;
  outputType: FollowupOutputType | null;
  orgId: string | null;
  orgName: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export function followupEntries(db: Executor, nationalId: string) {
  return db
    .selectFrom('national_followups as f')
    .leftJoin('organisations as o', 'o.id', 'f.org_id')
    .leftJoin('users as u', 'u.id', 'f.created_by')
    .selectAll('f')
    .select(['o.name as org_name', 'u.name as created_by_name'])
    .where('f.project_national_id', '=', nationalId)
    .orderBy('f.occurred_on')
    .orderBy('f.created_at')
    .orderBy('f.id')
    .execute();
}

export function presentEntry(r: FollowupRow & { org_name?: string | null; created_by_name?: string | null }): FollowupEntryView {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    detail: r.detail,
    occurredOn: r.occurred_on,
    outputType: r.output_type,
    orgId: r.org_id,
    orgName: r.org_name ?? null,
    createdBy: r.created_by_name ?? null,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** What the audit log keeps of an entry. */
export function auditEntry(r: FollowupRow) {
  return {
    projectNationalId: r.project_national_id,
    kind: r.kind,
    title: r.title,
    detail: r.detail,
    occurredOn: r.occurred_on,
    outputType: r.output_type,
    orgId: r.org_id,
  };
}

export function findEntry(db: Executor, nationalId: string, id: string, lock = false) {
  const q = db.selectFrom('national_followups').selectAll().where('id', '=', id).where('project_national_id', '=', nationalId);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

/** One event of the project's timeline: an entry the bureau recorded, or a fact of the record itself. */
export interface TimelineItem {
  key: string;
  source: 'record' | 'entry';
  /** For record facts: what happened. */
  event: 'start' | 'end' | 'acceptance_passed' | 'acceptance_failed' | null;
  kind: FollowupKind;
  occurredOn: string;
  entry: FollowupEntryView | null;
}

/** Entries and record facts (start, end, acceptance), ordered by date; facts first on the same day. */
export function timelineOf(r: NationalProjectRow, entries: FollowupEntryView[]): TimelineItem[] {
  const facts: TimelineItem[] = [];
  const fact = (event: NonNullable<TimelineItem['event']>, occurredOn: string | null) => {
    if (occurredOn) facts.push({ key: `record:${event}`, source: 'record', event, kind: 'status', occurredOn, entry: null });
  };
  fact('start', r.start_date);
  fact('end', r.end_date);
  if (r.acceptance_date && r.acceptance_result)
    fact(r.acceptance_result === 'passed' ? 'acceptance_passed' : 'acceptance_failed', r.acceptance_date);
  const items: TimelineItem[] = entries.map((e) => ({
    key: e.id,
    source: 'entry',
    event: null,
    kind: e.kind,
    occurredOn: e.occurredOn,
    entry: e,
  }));
  const order = (i: TimelineItem) => (i.source === 'record' ? (i.event === 'start' ? 0 : 2) : 1);
  return [...facts, ...items]
    .map((item, i) => ({ item, i }))
    .sort((a, b) => a.item.occurredOn.localeCompare(b.item.occurredOn) || order(a.item) - order(b.item) || a.i - b.i)
    .map(({ item }) => item);
}

export { presentNationalProject };
