import {
  CHAIN_PLAN_RULES,
  CONSORTIUM_PROJECT_RULES,
  PlanParams,
  runRules,
  type ChainPlanFacts,
  type ChainProjectFacts,
  type ComparisonVerdict,
  type ConsortiumProjectFacts,
  type MemberPosition,
  type RuleCode,
  type RuleDecision,
  type RuleResult,
  type WeakPoint,
  type WorkplanCandidateView,
  type WorkplanComparisonView,
  type WorkplanListQuery,
  type WorkplanStatus,
  type WorkplanSummary,
  type WorkplanView,
} from '@rdplan/domain';
import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import { reachable } from './organisations.js';
import { planParams as parsePlanParams } from './plans.js';

/**
 * SQL of the chain leaders' annual work plans (4.1.b) with their consortia, expert teams, candidate
 * projects (applications of track 'consortium' tied to the work plan) and comparison records. Plans and
 * calls are read directly here, so this file does not depend on the plans module.
 */

/** jsonb arrives parsed from node-postgres and PGlite alike; a string is parsed to be safe. */
function json<T>(raw: unknown, fallback: T): T {
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

export interface StoredComparisonCandidate {
  applicationId: string;
  verdict: ComparisonVerdict;
  note: string;
}

export interface CandidateForm {
  title?: string;
  summary?: string;
  [key: string]: unknown;
}

export function findWorkplan(db: Executor, id: string) {
  return db.selectFrom('workplans').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the work plan for the rest of the transaction: its caps are checked over many rows. */
export function findWorkplanForUpdate(db: Executor, id: string) {
  return db.selectFrom('workplans').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}
export type WorkplanRow = NonNullable<Awaited<ReturnType<typeof findWorkplan>>>;

export function findWorkplanByPlanChain(db: Executor, planId: string, chainId: string) {
  return db.selectFrom('workplans').selectAll().where('plan_id', '=', planId).where('chain_id', '=', chainId).executeTakeFirst();
}

export function findPlan(db: Executor, planId: string) {
  return db.selectFrom('plans').selectAll().where('id', '=', planId).executeTakeFirst();
}

/** The parameters in force for a plan (stored partial values completed by the defaults). */
export async function planParams(db: Executor, planId: string): Promise<PlanParams> {
  const plan = await db.selectFrom('plans').select('params').where('id', '=', planId).executeTakeFirstOrThrow();
  return parsePlanParams(plan);
}

export async function chainSelectedInPlan(db: Executor, planId: string, chainId: string) {
  const row = await db
    .selectFrom('plan_chains')
    .select('chain_id')
    .where('plan_id', '=', planId)
    .where('chain_id', '=', chainId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function leadsChain(db: Executor, orgId: string, chainId: string) {
  const row = await db
    .selectFrom('chain_leaders')
    .select('org_id')
    .where('org_id', '=', orgId)
    .where('chain_id', '=', chainId)
    .executeTakeFirst();
  return row !== undefined;
}

export function findChain(db: Executor, chainId: string) {
  return db.selectFrom('chains').selectAll().where('id', '=', chainId).executeTakeFirst();
}

/** The plan's published consortium call: candidates are created under it. */
export async function publishedConsortiumCall(db: Executor, planId: string) {
  return db
    .selectFrom('calls')
    .select(['id', 'title_zh'])
    .where('plan_id', '=', planId)
    .where('track', '=', 'consortium')
    .where('status', '=', 'published')
    .orderBy('published_at', 'desc')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

/**
 * The leader and every organisation it controls, directly or through others: the corporate control
 * graph walked by the registry's recursive query.
 */
export async function leaderGroup(db: Executor, leaderOrgId: string) {
  const leader = await db.selectFrom('organisations').select(['id', 'name']).where('id', '=', leaderOrgId).executeTakeFirstOrThrow();
  const below = await reachable(db, leaderOrgId, 'down');
  return [{ orgId: leader.id, name: leader.name }, ...below.map((o) => ({ orgId: o.id, name: o.name }))];
}

export function loadMembers(db: Executor, workplanId: string) {
  return db
    .selectFrom('consortium_members as m')
    .innerJoin('organisations as o', 'o.id', 'm.org_id')
    .select(['m.org_id', 'm.position', 'm.note', 'o.name', 'o.uscc', 'o.type'])
    .where('m.workplan_id', '=', workplanId)
    .orderBy(sql`case when m.position = 'leader' then 0 else 1 end`)
    .orderBy('m.added_at')
    .orderBy('o.name')
    .execute();
}

export async function memberIds(db: Executor, workplanId: string): Promise<string[]> {
  const rows = await db.selectFrom('consortium_members').select('org_id').where('workplan_id', '=', workplanId).execute();
  return rows.map((r) => r.org_id);
}

export function loadExperts(db: Executor, workplanId: string, today: string) {
  return db
    .selectFrom('workplan_experts as e')
    .innerJoin('people as p', 'p.id', 'e.person_id')
    .select(['e.person_id', 'e.role', 'p.name', 'p.title_level', 'p.title_name', 'p.is_expert'])
    .select((eb) =>
      eb
        .selectFrom('affiliations as a')
        .innerJoin('organisations as o', 'o.id', 'a.org_id')
        .select('o.name')
        .whereRef('a.person_id', '=', 'e.person_id')
        .where(sql<boolean>`a.from_date <= ${today} and (a.to_date is null or a.to_date >= ${today})`)
        .orderBy('a.from_date', 'desc')
        .limit(1)
        .as('org_name'),
    )
    .where('e.workplan_id', '=', workplanId)
    .orderBy('p.name')
    .execute();
}

export function loadCandidates(db: Executor, workplanId: string) {
  return db
    .selectFrom('applications as a')
    .innerJoin('organisations as o', 'o.id', 'a.org_id')
    .select([
      'a.id',
      'a.org_id',
      'a.in_plan',
      'a.status',
      'a.kind',
      'a.org_mode',
      'a.city_funds',
      'a.self_funds',
      'a.form',
      'a.version',
      'a.submitted_at',
      'a.created_at',
      'o.name as lead_name',
    ])
    .where('a.workplan_id', '=', workplanId)
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();
}
export type CandidateRow = Awaited<ReturnType<typeof loadCandidates>>[number];

export function findCandidate(db: Executor, workplanId: string, applicationId: string) {
  return db
    .selectFrom('applications')
    .selectAll()
    .where('id', '=', applicationId)
    .where('workplan_id', '=', workplanId)
    .forUpdate()
    .executeTakeFirst();
}

export function loadUnits(db: Executor, applicationIds: string[]) {
  if (applicationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('application_units as u')
    .innerJoin('organisations as o', 'o.id', 'u.org_id')
    .select(['u.application_id', 'u.org_id', 'u.role', 'u.position', 'u.confirmed_at', 'o.name'])
    .where('u.application_id', 'in', applicationIds)
    .orderBy('u.position')
    .orderBy('o.name')
    .execute();
}

export function loadComparisons(db: Executor, workplanId: string) {
  return db
    .selectFrom('workplan_comparisons')
    .selectAll()
    .where('workplan_id', '=', workplanId)
    .orderBy('held_on')
    .orderBy('created_at')
    .execute();
}

/** 4.1.c: per candidate, whether any record names it and the latest verdict (by meeting date, then entry). */
export async function comparisonVerdicts(db: Executor, workplanId: string) {
  const verdicts = new Map<string, ComparisonVerdict>();
  for (const c of await loadComparisons(db, workplanId)) {
    for (const x of json<StoredComparisonCandidate[]>(c.candidates, [])) verdicts.set(x.applicationId, x.verdict);
  }
  return verdicts;
}

export async function loadDecisions(db: Executor, subjectType: 'workplan' | 'application', subjectIds: string[]) {
  if (subjectIds.length === 0) return new Map<string, RuleDecision[]>();
  const rows = await db
    .selectFrom('rule_decisions')
    .selectAll()
    .where('subject_type', '=', subjectType)
    .where('subject_id', 'in', subjectIds)
    .orderBy('decided_at')
    .orderBy('id')
    .execute();
  const out = new Map<string, RuleDecision[]>();
  for (const r of rows) {
    const list = out.get(r.subject_id) ?? [];
    list.push({
      code: r.rule_code as RuleCode,
      kind: r.kind as RuleDecision['kind'],
      reason: r.reason,
      by: r.decided_by_label,
      at: r.decided_at.toISOString(),
    });
    out.set(r.subject_id, list);
  }
  return out;
}

async function countOf(db: Executor, table: 'consortium_members' | 'workplan_experts', workplanId: string) {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workplan_id', '=', workplanId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function formOf(raw: unknown): CandidateForm {
  const form = json<unknown>(raw, {});
  return form && typeof form === 'object' && !Array.isArray(form) ? (form as CandidateForm) : {};
}

export function candidateTitle(raw: unknown): string {
  const title = formOf(raw).title;
  return typeof title === 'string' ? title : '';
}

export function candidateForm(raw: unknown): CandidateForm {
  return formOf(raw);
}

/** Candidates that still take part (a withdrawn one is out of the plan for good, unless reopened). */
const live = (c: { status: string }) => c.status !== 'withdrawn';

function chainProject(c: CandidateRow, verdicts: Map<string, ComparisonVerdict>): ChainProjectFacts {
  return {
    id: c.id,
    title: candidateTitle(c.form),
    cityFunds: c.city_funds === null ? null : Number(c.city_funds),
    leadOrgId: c.org_id,
    kind: c.kind,
    compared: verdicts.has(c.id),
  };
}

/** The facts of CHAIN_PLAN_RULES: the in-plan projects, the leader's group, the team and the weak points. */
export async function loadChainPlanFacts(db: Executor, workplanId: string, stage: 'draft' | 'final'): Promise<ChainPlanFacts> {
  const wp = await db.selectFrom('workplans').selectAll().where('id', '=', workplanId).executeTakeFirstOrThrow();
  const [candidates, verdicts, group, memberCount, expertCount] = await Promise.all([
    loadCandidates(db, workplanId),
    comparisonVerdicts(db, workplanId),
    leaderGroup(db, wp.leader_org_id),
    countOf(db, 'consortium_members', workplanId),
    countOf(db, 'workplan_experts', workplanId),
  ]);
  return {
    stage,
    projects: candidates.filter((c) => c.in_plan && live(c)).map((c) => chainProject(c, verdicts)),
    leaderGroupOrgIds: group.map((g) => g.orgId),
    memberCount,
    expertCount,
    weakPointCount: json<WeakPoint[]>(wp.weak_points, []).length,
  };
}

function projectFacts(
  app: {
    kind: ConsortiumProjectFacts['kind'];
    org_mode: ConsortiumProjectFacts['orgMode'];
    city_funds: number | null;
    self_funds: number | null;
    org_id: string;
  },
  participantOrgIds: string[],
  memberOrgIds: string[],
): ConsortiumProjectFacts {
  return {
    kind: app.kind,
    orgMode: app.org_mode,
    cityFunds: app.city_funds === null ? null : Number(app.city_funds),
    selfFunds: app.self_funds === null ? null : Number(app.self_funds),
    leadOrgId: app.org_id,
    participantOrgIds,
    memberOrgIds,
  };
}

/** The facts of CONSORTIUM_PROJECT_RULES for one candidate, with its work plan; null when it is not a chain project. */
export async function loadConsortiumProjectFacts(
  db: Executor,
  applicationId: string,
): Promise<{ facts: ConsortiumProjectFacts; workplanId: string; workplanStatus: 'draft' | 'finalised' } | null> {
  const app = await db
    .selectFrom('applications as a')
    .innerJoin('workplans as w', 'w.id', 'a.workplan_id')
    .select([
      'a.id',
      'a.kind',
      'a.org_mode',
      'a.city_funds',
      'a.self_funds',
      'a.org_id',
      'w.id as workplan_id',
      'w.status as workplan_status',
    ])
    .where('a.id', '=', applicationId)
    .executeTakeFirst();
  if (!app) return null;
  const [units, members] = await Promise.all([
    db.selectFrom('application_units').select('org_id').where('application_id', '=', applicationId).orderBy('position').execute(),
    memberIds(db, app.workplan_id),
  ]);
  const participants = units.map((u) => u.org_id).filter((id) => id !== app.org_id);
  return { facts: projectFacts(app, participants, members), workplanId: app.workplan_id, workplanStatus: app.workplan_status };
}

/** Every candidate's project rules and the plan's rules, as the view shows them and the commands guard them. */
export async function evaluateWorkplan(db: Executor, workplanId: string, stage: 'draft' | 'final') {
  const wp = await db.selectFrom('workplans').select(['plan_id']).where('id', '=', workplanId).executeTakeFirstOrThrow();
  const [params, candidates, members, planFacts, planDecisions] = await Promise.all([
    planParams(db, wp.plan_id),
    loadCandidates(db, workplanId),
    memberIds(db, workplanId),
    loadChainPlanFacts(db, workplanId, stage),
    loadDecisions(db, 'workplan', [workplanId]),
  ]);
  const ids = candidates.map((c) => c.id);
  const [units, appDecisions] = await Promise.all([loadUnits(db, ids), loadDecisions(db, 'application', ids)]);
  const projectRules = new Map<string, RuleResult[]>();
  for (const c of candidates) {
    const participants = units.filter((u) => u.application_id === c.id && u.org_id !== c.org_id).map((u) => u.org_id);
    projectRules.set(
      c.id,
      runRules<ConsortiumProjectFacts>(
        CONSORTIUM_PROJECT_RULES,
        projectFacts(c, participants, members),
        params,
        appDecisions.get(c.id) ?? [],
      ),
    );
  }
  const decisions = planDecisions.get(workplanId) ?? [];
  const planRules = runRules<ChainPlanFacts>(CHAIN_PLAN_RULES, planFacts, params, decisions);
  return { params, candidates, units, members, planFacts, projectRules, planRules, decisions };
}

export async function workplanView(db: Executor, workplanId: string, today: string): Promise<WorkplanView> {
  const wp = await db
    .selectFrom('workplans as w')
    .innerJoin('plans as p', 'p.id', 'w.plan_id')
    .innerJoin('chains as c', 'c.id', 'w.chain_id')
    .innerJoin('organisations as o', 'o.id', 'w.leader_org_id')
    .selectAll('w')
    .select([
      'p.year as plan_year',
      'p.title as plan_title',
      'c.code',
      'c.name_zh',
      'c.name_en',
      'o.name as leader_name',
      'o.uscc as leader_uscc',
    ])
    .where('w.id', '=', workplanId)
    .executeTakeFirstOrThrow();
  const stage = wp.status === 'finalised' ? 'final' : 'draft';
  const [evaluation, memberRows, expertRows, comparisons, verdicts, group, call] = await Promise.all([
    evaluateWorkplan(db, workplanId, stage),
    loadMembers(db, workplanId),
    loadExperts(db, workplanId, today),
    loadComparisons(db, workplanId),
    comparisonVerdicts(db, workplanId),
    leaderGroup(db, wp.leader_org_id),
    publishedConsortiumCall(db, wp.plan_id),
  ]);
  const { candidates, units, projectRules, planRules, params, decisions } = evaluation;
  const groupIds = new Set(group.map((g) => g.orgId));
  const titles = new Map(candidates.map((c) => [c.id, candidateTitle(c.form)]));
  const candidateViews: WorkplanCandidateView[] = candidates.map((c) => {
    const form = candidateForm(c.form);
    return {
      applicationId: c.id,
      title: typeof form.title === 'string' ? form.title : '',
      summary: typeof form.summary === 'string' ? form.summary : '',
      kind: c.kind,
      orgMode: c.org_mode,
      leadOrgId: c.org_id,
      leadName: c.lead_name,
      leadInLeaderGroup: groupIds.has(c.org_id),
      cityFunds: c.city_funds === null ? null : Number(c.city_funds),
      selfFunds: c.self_funds === null ? null : Number(c.self_funds),
      participants: units
        .filter((u) => u.application_id === c.id && u.org_id !== c.org_id)
        .map((u) => ({ orgId: u.org_id, name: u.name, role: u.role, confirmed: u.confirmed_at !== null })),
      inPlan: c.in_plan,
      status: c.status,
      version: c.version,
      compared: verdicts.has(c.id),
      verdict: verdicts.get(c.id) ?? null,
      rules: projectRules.get(c.id) ?? [],
    };
  });
  const inPlan = candidateViews.filter((c) => c.inPlan && c.status !== 'withdrawn');
  const comparisonViews: WorkplanComparisonView[] = comparisons.map((c) => ({
    id: c.id,
    topic: c.topic,
    heldOn: c.held_on,
    method: c.method,
    participants: c.participants,
    conclusion: c.conclusion,
    candidates: json<StoredComparisonCandidate[]>(c.candidates, []).map((x) => ({
      applicationId: x.applicationId,
      title: titles.get(x.applicationId) ?? null,
      verdict: x.verdict,
      note: x.note,
    })),
    createdAt: c.created_at.toISOString(),
  }));
  return {
    id: wp.id,
    planId: wp.plan_id,
    planYear: wp.plan_year,
    planTitle: wp.plan_title,
    callId: call?.id ?? null,
    chain: { id: wp.chain_id, code: wp.code, nameZh: wp.name_zh, nameEn: wp.name_en },
    leader: { orgId: wp.leader_org_id, name: wp.leader_name, uscc: wp.leader_uscc },
    status: wp.status,
    version: wp.version,
    summary: wp.summary,
    weakPoints: json<WeakPoint[]>(wp.weak_points, []),
    finalisedAt: wp.finalised_at ? wp.finalised_at.toISOString() : null,
    createdAt: wp.created_at.toISOString(),
    updatedAt: wp.updated_at.toISOString(),
    members: memberRows.map((m) => ({
      orgId: m.org_id,
      name: m.name,
      uscc: m.uscc,
      type: m.type,
      position: m.position as MemberPosition,
      note: m.note,
    })),
    experts: expertRows.map((e) => ({
      personId: e.person_id,
      name: e.name,
      titleLevel: e.title_level,
      titleName: e.title_name,
      isExpert: e.is_expert,
      orgName: e.org_name ?? null,
      role: e.role,
    })),
    candidates: candidateViews,
    comparisons: comparisonViews,
    planRules,
    decisions,
    leaderGroup: group,
    totals: {
      candidates: candidateViews.filter((c) => c.status !== 'withdrawn').length,
      inPlan: inPlan.length,
      cityFunds: inPlan.reduce((s, c) => s + (c.cityFunds ?? 0), 0),
      selfFunds: inPlan.reduce((s, c) => s + (c.selfFunds ?? 0), 0),
    },
    params,
  };
}

/** Work plans a reader may list: the leader's own, every plan for officers and admins, finalised ones for analysts. */
export async function listWorkplans(
  db: Executor,
  scope: { leaderOrgId?: string; finalisedOnly?: boolean },
  query: WorkplanListQuery,
): Promise<WorkplanSummary[]> {
  let q = db
    .selectFrom('workplans as w')
    .innerJoin('plans as p', 'p.id', 'w.plan_id')
    .innerJoin('chains as c', 'c.id', 'w.chain_id')
    .innerJoin('organisations as o', 'o.id', 'w.leader_org_id')
    .select([
      'w.id',
      'w.plan_id',
      'w.chain_id',
      'w.leader_org_id',
      'w.status',
      'w.version',
      'w.finalised_at',
      'w.updated_at',
      'p.year',
      'c.code',
      'c.name_zh',
      'c.name_en',
      'o.name as leader_name',
    ])
    .select((eb) => [
      eb
        .selectFrom('applications as a')
        .select((e2) => e2.fn.countAll<number>().as('n'))
        .whereRef('a.workplan_id', '=', 'w.id')
        .where('a.status', '<>', 'withdrawn')
        .as('candidates'),
      eb
        .selectFrom('applications as a')
        .select((e2) => e2.fn.countAll<number>().as('n'))
        .whereRef('a.workplan_id', '=', 'w.id')
        .where('a.in_plan', '=', true)
        .where('a.status', '<>', 'withdrawn')
        .as('in_plan'),
      eb
        .selectFrom('applications as a')
        .select(sql<number>`coalesce(sum(a.city_funds), 0)`.as('s'))
        .whereRef('a.workplan_id', '=', 'w.id')
        .where('a.in_plan', '=', true)
        .where('a.status', '<>', 'withdrawn')
        .as('city_funds'),
    ]);
  if (scope.leaderOrgId) q = q.where('w.leader_org_id', '=', scope.leaderOrgId);
  if (scope.finalisedOnly) q = q.where('w.status', '=', 'finalised');
  if (query.planId) q = q.where('w.plan_id', '=', query.planId);
  if (query.chainId) q = q.where('w.chain_id', '=', query.chainId);
  if (query.status) q = q.where('w.status', '=', query.status);
  const rows = await q.orderBy('p.year', 'desc').orderBy('c.code').execute();
  return rows.map((r) => ({
    id: r.id,
    planId: r.plan_id,
    planYear: r.year,
    chain: { id: r.chain_id, code: r.code, nameZh: r.name_zh, nameEn: r.name_en },
    leader: { orgId: r.leader_org_id, name: r.leader_name },
    status: r.status as WorkplanStatus,
    version: r.version,
    candidates: Number(r.candidates ?? 0),
    inPlan: Number(r.in_plan ?? 0),
    cityFundsInPlan: Number(r.city_funds ?? 0),
    finalisedAt: r.finalised_at ? r.finalised_at.toISOString() : null,
    updatedAt: r.updated_at.toISOString(),
  }));
}
