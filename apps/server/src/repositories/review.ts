import {
  AFFINITY_KEYWORDS_MAX,
  AFFINITY_PER_KEYWORD,
  affinityText,
  fieldAffinity,
  foldKeywords,
  keywordPoints,
  conflictReasons,
  corporateGroups,
  currentUnits,
  normalisePersonName,
  ReviewSettings,
  type AssignmentRunOut,
  type ConflictReason,
  type ConflictUnit,
  type ExpertAffiliationFact,
  type NationalRecordFact,
  type ReviewStatus,
} from '@rdplan/domain';
import { sql } from 'kysely';
import type { Executor } from '../db/database.js';

/**
 * Reviews (issue 5): a review with its call, plan and settings, its applications, the expert pool and every
 * fact the conflict rules need, loaded in a fixed number of set-based queries (never one per pair). The
 * conflicts, affinities and eligibility of all (application, expert) pairs are then computed in memory.
 */

/** Application states from the formal check on: the applications a review takes. */
/** Application states that belong to a call's review: past the formal check (or its track's next step), and later selected or not. */
export const REVIEWED_STATES = ['formal_passed', 'rechecked', 'verified', 'selected', 'not_selected'] as const;

export interface ReviewHead {
  id: string;
  callId: string;
  planId: string;
  planYear: number;
  track: string;
  callTitleZh: string;
  callTitleEn: string;
  callStatus: string;
  status: ReviewStatus;
  settings: ReviewSettings;
  criteria: { key: string; zh: string; en: string; weight: number }[];
  lastRun: AssignmentRunOut | null;
  releasedAt: Date | null;
  closedAt: Date | null;
}

export interface ReviewApplication {
  id: string;
  title: string;
  orgId: string;
  orgName: string;
  track: string;
  fieldCode: string | null;
  chainId: string | null;
  chainName: string | null;
  status: string;
  cityFunds: number | null;
  submittedAt: Date | null;
  leaderName: string | null;
  participants: ConflictUnit[];
  consortium: ConflictUnit[];
  /** Folded text for keyword affinity. */
  text: string;
}

export interface PoolExpert {
  personId: string;
  name: string;
  titleLevel: string;
  titleName: string | null;
  fieldCodes: string[];
  keywords: string[];
  /** Keywords folded once for affinity. */
  foldedKeywords: string[];
  isExpert: boolean;
  loadCap: number;
  available: boolean;
  unavailableUntil: string | null;
  note: string;
  affiliations: ExpertAffiliationFact[];
  /** The current unit (latest current affiliation), if any. */
  org: ConflictUnit | null;
  /** The unit for one-per-unit: the current organisation, or the person when none. */
  unit: string;
  /** Non-declined assignments in other reviews not yet closed. */
  otherLoad: number;
  hasAccount: boolean;
}

export interface AssignmentRow {
  id: string;
  applicationId: string;
  personId: string;
  affinity: number;
  source: 'solver' | 'manual' | 'random';
  status: 'assigned' | 'declined' | 'submitted';
  submittedAt: Date | null;
  declaration: 'no_conflict' | 'conflict' | null;
}

export interface ReviewData {
  head: ReviewHead;
  today: string;
  applications: ReviewApplication[];
  experts: PoolExpert[];
  assignments: AssignmentRow[];
  /** Conflicts per application, then per expert (pairs without conflict are absent). */
  conflicts: Map<string, Map<string, ConflictReason[]>>;
}

export const pairKey = (applicationId: string, personId: string) => `${applicationId}|${personId}`;

/** The reasons the expert is ruled out of the application, or undefined. */
export function conflictOf(data: Pick<ReviewData, 'conflicts'>, applicationId: string, personId: string): ConflictReason[] | undefined {
  return data.conflicts.get(applicationId)?.get(personId);
}

const iso = (d: unknown): string | null => {
  if (d === null || d === undefined) return null;
  if (d instanceof Date) return d.toISOString().slice(0, 10);
  return String(d).slice(0, 10);
};

/** jsonb arrives parsed from node-postgres and PGlite alike; a string is parsed to be safe. */
export function json<T>(raw: unknown, fallback: T): T {
  if (raw === null || raw === undefined) return fallback;
  if (typeof raw === 'string') {
    try {
      return JSON.parse(raw) as T;
    } catch {
      return fallback;
    }
  }
  return raw as T;
}

/** An application's form (jsonb) as an object. */
export function formOf(raw: unknown): Record<string, unknown> {
  const form = json<unknown>(raw, {});
  return form && typeof form === 'object' && !Array.isArray(form) ? (form as Record<string, unknown>) : {};
}

/** The call's criteria (calls.criteria), read leniently: entries without a key are skipped. */
export function criteriaOf(raw: unknown): ReviewHead['criteria'] {
  const list = json<unknown>(raw, []);
  if (!Array.isArray(list)) return [];
  return list.flatMap((c: unknown) => {
    if (!c || typeof c !== 'object') return [];
    const o = c as Record<string, unknown>;
    if (typeof o.key !== 'string') return [];
    const weight = Number(o.weight);
    return [
      {
        key: o.key,
        zh: typeof o.zh === 'string' ? o.zh : o.key,
        en: typeof o.en === 'string' ? o.en : o.key,
        weight: Number.isFinite(weight) && weight >= 0 ? weight : 0,
      },
    ];
  });
}

/** Settings stored on the review, read with defaults (a stored value the schema refuses falls back to the default). */
export function parseSettings(stored: unknown): ReviewSettings {
  const value = json<unknown>(stored, {});
  const parsed = ReviewSettings.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries((value ?? {}) as Record<string, unknown>)) {
    const shape = ReviewSettings.shape as Record<string, { safeParse(x: unknown): { success: boolean } }>;
    if (shape[k]?.safeParse(v).success) out[k] = v;
  }
  return ReviewSettings.parse(out);
}

function reviewHeadQuery(db: Executor) {
  return db
    .selectFrom('reviews')
    .innerJoin('calls', 'calls.id', 'reviews.call_id')
    .innerJoin('plans', 'plans.id', 'calls.plan_id')
    .select([
      'reviews.id',
      'reviews.call_id',
      'reviews.status',
      'reviews.settings',
      'reviews.last_run',
      'reviews.released_at',
      'reviews.closed_at',
      'calls.plan_id',
      'calls.track',
      'calls.title_zh',
      'calls.title_en',
      'calls.status as call_status',
      'calls.criteria',
      'plans.year',
    ]);
}

type HeadRow = Awaited<ReturnType<ReturnType<typeof reviewHeadQuery>['executeTakeFirstOrThrow']>>;

function presentHead(row: HeadRow): ReviewHead {
  return {
    id: row.id,
    callId: row.call_id,
    planId: row.plan_id,
    planYear: row.year,
    track: row.track,
    callTitleZh: row.title_zh,
    callTitleEn: row.title_en,
    callStatus: row.call_status,
    status: row.status,
    settings: parseSettings(row.settings),
    criteria: criteriaOf(row.criteria),
    lastRun: (row.last_run as AssignmentRunOut | null) ?? null,
    releasedAt: row.released_at ? new Date(row.released_at) : null,
    closedAt: row.closed_at ? new Date(row.closed_at) : null,
  };
}

export async function findReviewHead(db: Executor, reviewId: string): Promise<ReviewHead | null> {
  const row = await reviewHeadQuery(db).where('reviews.id', '=', reviewId).executeTakeFirst();
  return row ? presentHead(row) : null;
}

export async function findReviewHeadByCall(db: Executor, callId: string): Promise<ReviewHead | null> {
  const row = await reviewHeadQuery(db).where('reviews.call_id', '=', callId).executeTakeFirst();
  return row ? presentHead(row) : null;
}

/** Locks the review row for the rest of the transaction (serialises changes to one review). */
export async function lockReview(db: Executor, reviewId: string): Promise<ReviewHead | null> {
  const locked = await db.selectFrom('reviews').select('id').where('id', '=', reviewId).forUpdate().executeTakeFirst();
  return locked ? findReviewHead(db, reviewId) : null;
}

export async function listReviews(db: Executor) {
  const rows = await reviewHeadQuery(db)
    .select((eb) => [
      eb
        .selectFrom('applications')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('applications.call_id', '=', 'reviews.call_id')
        .where('applications.status', 'in', REVIEWED_STATES)
        .as('applications'),
      eb
        .selectFrom('review_assignments')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('review_assignments.review_id', '=', 'reviews.id')
        .where('review_assignments.status', '!=', 'declined')
        .as('assignments'),
      eb
        .selectFrom('review_assignments')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('review_assignments.review_id', '=', 'reviews.id')
        .where('review_assignments.status', '=', 'submitted')
        .as('submitted'),
    ])
    .orderBy('plans.year', 'desc')
    .orderBy('reviews.created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    callId: r.call_id,
    planYear: r.year,
    callTitleZh: r.title_zh,
    callTitleEn: r.title_en,
    track: r.track,
    status: r.status,
    applications: Number(r.applications ?? 0),
    assignments: Number(r.assignments ?? 0),
    submitted: Number(r.submitted ?? 0),
  }));
}

/** The review's applications (formal_passed or later) with their participants, consortium and leader. */
export async function loadReviewApplications(db: Executor, callId: string): Promise<ReviewApplication[]> {
  const rows = await db
    .selectFrom('applications')
    .innerJoin('organisations', 'organisations.id', 'applications.org_id')
    .leftJoin('workplans', 'workplans.id', 'applications.workplan_id')
    .leftJoin('chains', 'chains.id', 'workplans.chain_id')
    .leftJoin('fields', (j) => j.on(sql`fields.code`, '=', sql`applications.form->>'fieldCode'`))
    .select([
      'applications.id',
      'applications.org_id',
      'applications.track',
      'applications.status',
      'applications.city_funds',
      'applications.submitted_at',
      'applications.workplan_id',
      'organisations.name as org_name',
      'workplans.chain_id',
      'chains.name_zh as chain_name',
      'fields.name_zh as field_zh',
      'fields.name_en as field_en',
      sql<string | null>`applications.form->>'title'`.as('title'),
      sql<string | null>`applications.form->>'fieldCode'`.as('field_code'),
      sql<string | null>`applications.form->>'direction'`.as('direction'),
      sql<string | null>`applications.form->>'objectives'`.as('objectives'),
      sql<unknown>`applications.form->'team'`.as('team'),
    ])
    .where('applications.call_id', '=', callId)
    .where('applications.status', 'in', REVIEWED_STATES)
    .orderBy('applications.submitted_at')
    .orderBy('applications.id')
    .execute();
  if (rows.length === 0) return [];
  const units = await db
    .selectFrom('application_units')
    .innerJoin('organisations', 'organisations.id', 'application_units.org_id')
    .innerJoin('applications', 'applications.id', 'application_units.application_id')
    .select(['application_units.application_id', 'application_units.org_id', 'organisations.name'])
    .where('applications.call_id', '=', callId)
    .where('applications.status', 'in', REVIEWED_STATES)
    .where('application_units.declined_at', 'is', null)
    .execute();
  const members = await db
    .selectFrom('consortium_members')
    .innerJoin('organisations', 'organisations.id', 'consortium_members.org_id')
    .select(['consortium_members.workplan_id', 'consortium_members.org_id', 'organisations.name'])
    .where(
      'consortium_members.workplan_id',
      'in',
      db
        .selectFrom('applications')
        .select('applications.workplan_id')
        .where('applications.call_id', '=', callId)
        .where('applications.workplan_id', 'is not', null)
        .$narrowType<{ workplan_id: string }>(),
    )
    .execute();
  const unitsOf = new Map<string, ConflictUnit[]>();
  for (const u of units) {
    const list = unitsOf.get(u.application_id) ?? [];
    if (!list.some((x) => x.orgId === u.org_id)) list.push({ orgId: u.org_id, orgName: u.name });
    unitsOf.set(u.application_id, list);
  }
  const membersOf = new Map<string, ConflictUnit[]>();
  for (const m of members) {
    const list = membersOf.get(m.workplan_id) ?? [];
    list.push({ orgId: m.org_id, orgName: m.name });
    membersOf.set(m.workplan_id, list);
  }
  return rows.map((r) => {
    const team = Array.isArray(r.team) ? (r.team as { name?: unknown; role?: unknown }[]) : [];
    const leader = team.find((t) => t.role === 'leader');
    const fieldCode = r.field_code || null;
    const title = r.title ?? '';
    return {
      id: r.id,
      title,
      orgId: r.org_id,
      orgName: r.org_name,
      track: r.track,
      fieldCode,
      chainId: r.chain_id ?? null,
      chainName: r.chain_name ?? null,
      status: r.status,
      cityFunds: r.city_funds === null ? null : Number(r.city_funds),
      submittedAt: r.submitted_at ? new Date(r.submitted_at) : null,
      leaderName: typeof leader?.name === 'string' && leader.name.trim() ? leader.name.trim() : null,
      participants: (unitsOf.get(r.id) ?? []).filter((u) => u.orgId !== r.org_id),
      consortium: r.workplan_id ? (membersOf.get(r.workplan_id) ?? []) : [],
      text: affinityText({
        fieldCode,
        title,
        field: [fieldCode ?? '', r.field_zh ?? '', r.field_en ?? ''].join(' '),
        direction: r.direction,
        objectives: r.objectives,
      }),
    };
  });
}

export interface PoolFilter {
  personIds?: readonly string[];
  /** Only people marked as experts (default true). */
  expertsOnly?: boolean;
  /** The review whose own assignments do not count in otherLoad. */
  excludeReviewId?: string | null;
}

/** The expert pool with profiles, affiliations (with names), accounts and loads in other open reviews. */
export async function loadPool(db: Executor, today: string, filter: PoolFilter = {}): Promise<PoolExpert[]> {
  let q = db
    .selectFrom('people')
    .leftJoin('expert_profiles', 'expert_profiles.person_id', 'people.id')
    .select([
      'people.id',
      'people.name',
      'people.title_level',
      'people.title_name',
      'people.field_codes',
      'people.keywords',
      'people.is_expert',
      'expert_profiles.load_cap',
      'expert_profiles.available',
      'expert_profiles.unavailable_until',
      'expert_profiles.note',
    ])
    .select((eb) => [
      eb
        .exists(
          eb.selectFrom('users').select('users.id').whereRef('users.person_id', '=', 'people.id').where('users.status', '!=', 'disabled'),
        )
        .as('has_account'),
    ]);
  if (filter.expertsOnly !== false) q = q.where('people.is_expert', '=', true);
  if (filter.personIds) {
    if (filter.personIds.length === 0) return [];
    q = q.where('people.id', 'in', filter.personIds);
  }
  const people = await q.orderBy('people.name').orderBy('people.id').execute();
  if (people.length === 0) return [];
  const ids = filter.personIds ?? null;
  let aq = db
    .selectFrom('affiliations')
    .innerJoin('organisations', 'organisations.id', 'affiliations.org_id')
    .innerJoin('people', 'people.id', 'affiliations.person_id')
    .select(['affiliations.person_id', 'affiliations.org_id', 'organisations.name', 'affiliations.from_date', 'affiliations.to_date']);
  aq = ids ? aq.where('affiliations.person_id', 'in', ids) : filter.expertsOnly !== false ? aq.where('people.is_expert', '=', true) : aq;
  const affs = await aq.orderBy('affiliations.from_date', 'desc').execute();
  let lq = db
    .selectFrom('review_assignments')
    .innerJoin('reviews', 'reviews.id', 'review_assignments.review_id')
    .select(['review_assignments.person_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('reviews.status', '!=', 'closed')
    .where('review_assignments.status', '!=', 'declined');
  if (filter.excludeReviewId) lq = lq.where('reviews.id', '!=', filter.excludeReviewId);
  if (ids) lq = lq.where('review_assignments.person_id', 'in', ids);
  const loads = await lq.groupBy('review_assignments.person_id').execute();
  const loadOf = new Map(loads.map((l) => [l.person_id, Number(l.n)]));
  const affsOf = new Map<string, ExpertAffiliationFact[]>();
  for (const a of affs) {
    const list = affsOf.get(a.person_id) ?? [];
    list.push({ orgId: a.org_id, orgName: a.name, from: iso(a.from_date), to: iso(a.to_date) });
    affsOf.set(a.person_id, list);
  }
  return people.map((p) => {
    const affiliations = affsOf.get(p.id) ?? [];
    const current = affiliations.filter((a) => a.to === null || a.to >= today);
    const org = current[0] ?? null;
    return {
      personId: p.id,
      name: p.name,
      titleLevel: p.title_level,
      titleName: p.title_name,
      fieldCodes: p.field_codes,
      keywords: p.keywords,
      foldedKeywords: foldKeywords(p.keywords),
      isExpert: p.is_expert,
      loadCap: p.load_cap ?? 10,
      available: p.available ?? true,
      unavailableUntil: iso(p.unavailable_until),
      note: p.note ?? '',
      affiliations,
      org: org ? { orgId: org.orgId, orgName: org.orgName } : null,
      unit: org ? `org:${org.orgId}` : `person:${p.id}`,
      otherLoad: loadOf.get(p.id) ?? 0,
      hasAccount: Boolean(p.has_account),
    };
  });
}

/** Whether the expert may be assigned at all: available today and with a non-zero load cap. */
export function isAvailable(e: PoolExpert, today: string): boolean {
  return e.available && !(e.unavailableUntil !== null && e.unavailableUntil >= today);
}

/** The expert's cap for this review: the load cap less the assignments in other open reviews. */
export function reviewCap(e: PoolExpert): number {
  return Math.max(0, e.loadCap - e.otherLoad);
}

/** National records in which the experts may appear (by name), with years, matched units and people. */
async function loadNationalRecords(db: Executor, names: readonly string[]): Promise<Map<string, NationalRecordFact[]>> {
  const byName = new Map<string, NationalRecordFact[]>();
  if (names.length === 0) return byName;
  const nameList = sql.join([...new Set(names)]);
  const hits = sql`select distinct record_kind, national_id from national_people where name in (${nameList})`;
  const people = await sql<{
    record_kind: 'application' | 'project';
    national_id: string;
    name: string;
    unit_name: string;
    org_id: string | null;
  }>`
    select np.record_kind, np.national_id, np.name, np.unit_name, np.org_id
    from national_people np join (${hits}) h on h.record_kind = np.record_kind and h.national_id = np.national_id
    order by np.record_kind, np.national_id, np.position`.execute(db);
  if (people.rows.length === 0) return byName;
  const units = await sql<{ record_kind: string; national_id: string; org_id: string }>`
    select nu.record_kind, nu.national_id, nu.org_id
    from national_units nu join (${hits}) h on h.record_kind = nu.record_kind and h.national_id = nu.national_id
    where nu.org_id is not null`.execute(db);
  const years = await sql<{ record_kind: string; national_id: string; year: number | null }>`
    select 'application' as record_kind, a.national_id, a.year from national_applications a
      where a.national_id in (select national_id from (${hits}) h where h.record_kind = 'application')
    union all
    select 'project' as record_kind, p.national_id, extract(year from p.start_date)::int as year from national_projects p
      where p.national_id in (select national_id from (${hits}) h where h.record_kind = 'project')`.execute(db);
  const records = new Map<string, NationalRecordFact & { orgIds: string[]; people: NationalRecordFact['people'][number][] }>();
  const key = (kind: string, id: string) => `${kind}:${id}`;
  const yearOf = new Map(years.rows.map((y) => [key(y.record_kind, y.national_id), y.year === null ? null : Number(y.year)]));
  for (const p of people.rows) {
    const k = key(p.record_kind, p.national_id);
    let r = records.get(k);
    if (!r) {
      r = { kind: p.record_kind, nationalId: p.national_id, year: yearOf.get(k) ?? null, orgIds: [], people: [] };
      records.set(k, r);
    }
    r.people.push({ name: p.name, unitName: p.unit_name, orgId: p.org_id });
  }
  for (const u of units.rows) {
    const r = records.get(key(u.record_kind, u.national_id));
    if (r && !r.orgIds.includes(u.org_id)) r.orgIds.push(u.org_id);
  }
  for (const r of records.values()) {
    for (const p of r.people) {
      const n = normalisePersonName(p.name);
      const list = byName.get(n) ?? [];
      if (!list.includes(r)) list.push(r);
      byName.set(n, list);
    }
  }
  return byName;
}

export async function loadAssignments(db: Executor, reviewId: string): Promise<AssignmentRow[]> {
  const rows = await db
    .selectFrom('review_assignments')
    .leftJoin('review_declarations', (j) =>
      j
        .onRef('review_declarations.review_id', '=', 'review_assignments.review_id')
        .onRef('review_declarations.application_id', '=', 'review_assignments.application_id')
        .onRef('review_declarations.person_id', '=', 'review_assignments.person_id'),
    )
    .select([
      'review_assignments.id',
      'review_assignments.application_id',
      'review_assignments.person_id',
      'review_assignments.affinity',
      'review_assignments.source',
      'review_assignments.status',
      'review_assignments.submitted_at',
      'review_declarations.kind as declaration',
    ])
    .where('review_assignments.review_id', '=', reviewId)
    .orderBy('review_assignments.assigned_at')
    .orderBy('review_assignments.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    applicationId: r.application_id,
    personId: r.person_id,
    affinity: r.affinity,
    source: r.source,
    status: r.status,
    submittedAt: r.submitted_at ? new Date(r.submitted_at) : null,
    declaration: r.declaration ?? null,
  }));
}

/**
 * Everything about one review in a fixed number of queries, with the conflicts of every pair. Conflicts are
 * only evaluated for candidate pairs that some fact links (a shared organisation or group, a national
 * record, a declaration or a named exclusion); every other pair has none by construction.
 */
export async function loadReviewData(db: Executor, head: ReviewHead, today: string): Promise<ReviewData> {
  const [applications, experts, assignments] = await Promise.all([
    loadReviewApplications(db, head.callId),
    loadPool(db, today, { excludeReviewId: head.id }),
    loadAssignments(db, head.id),
  ]);
  // Experts assigned in this review but no longer in the pool still need names and units.
  const inPool = new Set(experts.map((e) => e.personId));
  const missing = [...new Set(assignments.map((a) => a.personId).filter((id) => !inPool.has(id)))];
  if (missing.length) experts.push(...(await loadPool(db, today, { personIds: missing, expertsOnly: false, excludeReviewId: head.id })));
  const conflicts = await computeConflicts(db, head, applications, experts);
  return { head, today, applications, experts, assignments, conflicts };
}

async function computeConflicts(
  db: Executor,
  head: ReviewHead,
  applications: ReviewApplication[],
  experts: PoolExpert[],
): Promise<Map<string, Map<string, ConflictReason[]>>> {
  const out = new Map<string, Map<string, ConflictReason[]>>();
  if (applications.length === 0 || experts.length === 0) return out;
  const appIds = applications.map((a) => a.id);
  const [edges, declarations, exclusions, national] = await Promise.all([
    db.selectFrom('control_edges').select(['parent_id as parent', 'child_id as child']).execute(),
    db
      .selectFrom('review_declarations')
      .select(['application_id', 'person_id', 'reason'])
      .where('review_id', '=', head.id)
      .where('kind', '=', 'conflict')
      .execute(),
    db
      .selectFrom('review_exclusions')
      .innerJoin('applications', 'applications.id', 'review_exclusions.application_id')
      .select([
        'review_exclusions.application_id',
        'review_exclusions.person_name',
        'review_exclusions.unit_name',
        'review_exclusions.person_id',
      ])
      .where('applications.call_id', '=', head.callId)
      .execute(),
    loadNationalRecords(
      db,
      experts.map((e) => e.name),
    ),
  ]);
  const groups = corporateGroups(edges);
  const groupOf = (id: string) => groups.get(id);

  // Indexes from facts to applications.
  const byOrg = new Map<string, Set<number>>();
  const byGroup = new Map<string, Set<number>>();
  const byLeader = new Map<string, Set<number>>();
  const add = (m: Map<string, Set<number>>, k: string, i: number) => {
    const s = m.get(k) ?? new Set<number>();
    s.add(i);
    m.set(k, s);
  };
  applications.forEach((a, i) => {
    add(byOrg, a.orgId, i);
    for (const u of a.participants) add(byOrg, u.orgId, i);
    for (const u of a.consortium) add(byOrg, u.orgId, i);
    const g = groupOf(a.orgId);
    if (g !== undefined) add(byGroup, g, i);
    if (a.leaderName) add(byLeader, normalisePersonName(a.leaderName), i);
  });
  const appIndex = new Map(appIds.map((id, i) => [id, i]));
  const declOf = new Map<string, { reason: string }[]>();
  const declByPerson = new Map<string, Set<number>>();
  for (const d of declarations) {
    const i = appIndex.get(d.application_id);
    if (i !== undefined) add(declByPerson, d.person_id, i);
    const k = pairKey(d.application_id, d.person_id);
    declOf.set(k, [...(declOf.get(k) ?? []), { reason: d.reason }]);
  }
  const exclOf = new Map<string, { personName: string; unitName: string; personId: string | null }[]>();
  const exclByName = new Map<string, Set<number>>();
  const exclById = new Map<string, Set<number>>();
  for (const x of exclusions) {
    const i = appIndex.get(x.application_id);
    if (i === undefined) continue;
    exclOf.set(x.application_id, [
      ...(exclOf.get(x.application_id) ?? []),
      { personName: x.person_name, unitName: x.unit_name, personId: x.person_id },
    ]);
    add(exclByName, normalisePersonName(x.person_name), i);
    if (x.person_id) add(exclById, x.person_id, i);
  }

  for (const e of experts) {
    const cand = new Set<number>();
    for (const u of currentUnits(e.affiliations, head.planYear)) {
      for (const i of byOrg.get(u.orgId) ?? []) cand.add(i);
      const g = groupOf(u.orgId);
      if (g !== undefined) for (const i of byGroup.get(g) ?? []) cand.add(i);
    }
    const name = normalisePersonName(e.name);
    const records = national.get(name) ?? [];
    for (const r of records) {
      for (const o of r.orgIds) for (const i of byOrg.get(o) ?? []) cand.add(i);
      for (const p of r.people) for (const i of byLeader.get(normalisePersonName(p.name)) ?? []) cand.add(i);
    }
    for (const i of exclByName.get(name) ?? []) cand.add(i);
    for (const i of exclById.get(e.personId) ?? []) cand.add(i);
    for (const i of declByPerson.get(e.personId) ?? []) cand.add(i);
    for (const i of cand) {
      const a = applications[i]!;
      const reasons = conflictReasons({
        planYear: head.planYear,
        conflictYears: head.settings.conflictYears,
        track: head.track,
        expert: { personId: e.personId, name: e.name, affiliations: e.affiliations },
        application: {
          applicant: { orgId: a.orgId, orgName: a.orgName },
          leaderName: a.leaderName,
          participants: a.participants,
          consortium: a.consortium,
        },
        groupOf,
        nationalRecords: records,
        declarations: declOf.get(pairKey(a.id, e.personId)) ?? [],
        exclusions: exclOf.get(a.id) ?? [],
      });
      if (!reasons.length) continue;
      const forApp = out.get(a.id) ?? new Map<string, ConflictReason[]>();
      forApp.set(e.personId, reasons);
      out.set(a.id, forApp);
    }
  }
  return out;
}

/** Why an expert cannot take an application in this review (null when eligible). */
export function ineligibility(
  data: ReviewData,
  app: ReviewApplication,
  e: PoolExpert,
): 'conflict' | 'not_expert' | 'unavailable' | 'no_capacity' | null {
  if (conflictOf(data, app.id, e.personId)) return 'conflict';
  if (!e.isExpert) return 'not_expert';
  if (!isAvailable(e, data.today)) return 'unavailable';
  if (reviewCap(e) <= 0) return 'no_capacity';
  return null;
}

/** Whether the expert may take any application (in the pool, available, with capacity); conflicts aside. */
export function expertUsable(data: Pick<ReviewData, 'today'>, e: PoolExpert): boolean {
  return e.isExpert && isAvailable(e, data.today) && reviewCap(e) > 0;
}

export function expertAffinity(e: PoolExpert, app: ReviewApplication): number {
  return Math.min(100, fieldAffinity(e.fieldCodes, app.fieldCode) + keywordPoints(e.foldedKeywords, app.text));
}

/**
 * Affinities of many pairs at once, equal to expertAffinity: field scores per (expert, distinct field code)
 * and keyword presence per (distinct keyword, application) are computed once, so a pair costs a few lookups.
 */
export function affinityTable(apps: readonly ReviewApplication[], experts: readonly PoolExpert[]): (i: number, j: number) => number {
  const codes = new Map<string | null, number>();
  const appField = new Int32Array(apps.length);
  apps.forEach((a, i) => {
    let f = codes.get(a.fieldCode);
    if (f === undefined) codes.set(a.fieldCode, (f = codes.size));
    appField[i] = f;
  });
  const codeList = [...codes.keys()];
  const fieldScore = experts.map((e) => Int32Array.from(codeList, (c) => fieldAffinity(e.fieldCodes, c)));
  const presence = new Map<string, Uint8Array>();
  const expertWords = experts.map((e) =>
    e.foldedKeywords.map((w) => {
      let p = presence.get(w);
      if (!p) {
        p = Uint8Array.from(apps, (a) => (a.text.includes(w) ? 1 : 0));
        presence.set(w, p);
      }
      return p;
    }),
  );
  return (i, j) => {
    let kw = 0;
    for (const p of expertWords[j]!) kw += p[i]!;
    return Math.min(100, fieldScore[j]![appField[i]!]! + Math.min(AFFINITY_KEYWORDS_MAX, AFFINITY_PER_KEYWORD * kw));
  };
}

/** Active (non-declined) assignments of this review per expert. */
export function loadsInReview(data: ReviewData): Map<string, number> {
  const out = new Map<string, number>();
  for (const a of data.assignments) if (a.status !== 'declined') out.set(a.personId, (out.get(a.personId) ?? 0) + 1);
  return out;
}
