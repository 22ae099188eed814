import type { ComparisonRecordOut, ReviewStatus, SelectionObjective, SelectionResult } from '@rdplan/domain';
import type { Executor } from '../db/database.js';
import { formOf, json } from './review.js';
import { leaderGroup, type StoredComparisonCandidate } from './workplans.js';

/**
 * SQL of the selection per plan (issue 5): the plan's reviewed consortium (3.1) and backfill (3.2)
 * applications, pins, confirmed selections and the chain leaders' comparison records, plus the overlap
 * flags (一题多报).
 */

export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** The reviews of the plan's consortium and backfill calls. */
export function planReviews(db: Executor, planId: string) {
  return db
    .selectFrom('reviews as r')
    .innerJoin('calls as c', 'c.id', 'r.call_id')
    .select(['r.id', 'r.status', 'r.call_id', 'r.settings', 'c.title_zh', 'c.track'])
    .where('c.plan_id', '=', planId)
    .where('c.track', 'in', ['consortium', 'backfill'])
    .orderBy('c.track')
    .orderBy('c.created_at')
    .execute() as Promise<
    { id: string; status: ReviewStatus; call_id: string; settings: unknown; title_zh: string; track: 'consortium' | 'backfill' }[]
  >;
}

/** States of a selection candidate: reviewed (formal_passed) and, once confirmed, selected or not. */
export const CANDIDATE_STATES = ['formal_passed', 'selected', 'not_selected'] as const;

/** The reviewed applications of these calls with their organisation and (3.1) the work plan's chain. */
export function candidateApplications(db: Executor, callIds: string[]) {
  if (callIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('applications as a')
    .innerJoin('organisations as o', 'o.id', 'a.org_id')
    .leftJoin('workplans as w', 'w.id', 'a.workplan_id')
    .leftJoin('chains as ch', 'ch.id', 'w.chain_id')
    .select([
      'a.id',
      'a.call_id',
      'a.track',
      'a.org_id',
      'a.status',
      'a.city_funds',
      'a.form',
      'a.submitted_at',
      'a.workplan_id',
      'o.name as org_name',
      'w.chain_id',
      'w.leader_org_id',
      'ch.name_zh as chain_name',
    ])
    .where('a.call_id', 'in', callIds)
    .where('a.status', 'in', [...CANDIDATE_STATES])
    .orderBy('a.id')
    .execute();
}
export type CandidateApplicationRow = Awaited<ReturnType<typeof candidateApplications>>[number];

export async function pinsOf(db: Executor, planId: string) {
  const rows = await db.selectFrom('selection_pins').selectAll().where('plan_id', '=', planId).execute();
  return new Map(rows.map((r) => [r.application_id, r]));
}

/** The officers' per-field allotments of the plan's selection (3.2.g), by field code. */
export async function fieldBudgetsOf(db: Executor, planId: string) {
  const rows = await db.selectFrom('selection_field_budgets').selectAll().where('plan_id', '=', planId).orderBy('field_code').execute();
  return rows.map((r) => ({
    fieldCode: r.field_code,
    budget: r.budget === null ? null : Number(r.budget),
    maxProjects: r.max_projects,
    reason: r.reason,
    setAt: new Date(r.set_at).toISOString(),
  }));
}

export function findPin(db: Executor, planId: string, applicationId: string) {
  return db
    .selectFrom('selection_pins')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
}

/** Open or confirmed overlap flags per application. */
export async function overlapFlagCounts(db: Executor, applicationIds: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (applicationIds.length === 0) return out;
  const rows = await db
    .selectFrom('overlap_flags')
    .select(['application_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('application_id', 'in', applicationIds)
    .where('status', 'in', ['open', 'confirmed'])
    .groupBy('application_id')
    .execute();
  for (const r of rows) out.set(r.application_id, Number(r.n));
  return out;
}

/**
 * The organisations of each chain leader's corporate group (3.1.h): the chain's leaders (chain_leaders)
 * and the work plans' leaders, each with every organisation it controls through any depth — the same
 * walk as the work plan's 3.1.h check (`leaderGroup`).
 */
export async function leaderGroupsByChain(db: Executor, leadersByChain: Map<string, Set<string>>): Promise<Map<string, Set<string>>> {
  const chainIds = [...leadersByChain.keys()];
  if (chainIds.length > 0) {
    const rows = await db.selectFrom('chain_leaders').select(['chain_id', 'org_id']).where('chain_id', 'in', chainIds).execute();
    for (const r of rows) leadersByChain.get(r.chain_id)!.add(r.org_id);
  }
  const groups = new Map<string, string[]>();
  const out = new Map<string, Set<string>>();
  for (const [chainId, leaders] of leadersByChain) {
    const set = new Set<string>();
    for (const leader of leaders) {
      let members = groups.get(leader);
      if (!members) {
        members = (await leaderGroup(db, leader)).map((g) => g.orgId);
        groups.set(leader, members);
      }
      for (const m of members) set.add(m);
    }
    out.set(chainId, set);
  }
  return out;
}

/**
 * The chain leaders' comparison records (4.1.c) of the plan's work plans, one entry per work plan: the
 * latest verdict on each named candidate (by meeting date, then entry), with the note as the reason.
 */
export async function comparisonRecords(db: Executor, planId: string): Promise<ComparisonRecordOut[]> {
  const rows = await db
    .selectFrom('workplan_comparisons as wc')
    .innerJoin('workplans as w', 'w.id', 'wc.workplan_id')
    .innerJoin('chains as ch', 'ch.id', 'w.chain_id')
    .select(['wc.workplan_id', 'wc.candidates', 'w.chain_id', 'ch.name_zh', 'ch.code'])
    .where('w.plan_id', '=', planId)
    .orderBy('ch.code')
    .orderBy('wc.held_on')
    .orderBy('wc.created_at')
    .execute();
  const byWorkplan = new Map<string, { chainId: string; chainName: string; items: Map<string, StoredComparisonCandidate> }>();
  for (const r of rows) {
    let rec = byWorkplan.get(r.workplan_id);
    if (!rec) byWorkplan.set(r.workplan_id, (rec = { chainId: r.chain_id, chainName: r.name_zh, items: new Map() }));
    for (const c of json<StoredComparisonCandidate[]>(r.candidates, [])) {
      rec.items.delete(c.applicationId);
      rec.items.set(c.applicationId, c);
    }
  }
  const ids = [...new Set([...byWorkplan.values()].flatMap((r) => [...r.items.keys()]))];
  const titles = new Map<string, string>();
  if (ids.length > 0) {
    const apps = await db.selectFrom('applications').select(['id', 'form']).where('id', 'in', ids).execute();
    for (const a of apps) titles.set(a.id, str(formOf(a.form).title));
  }
  return [...byWorkplan].map(([workplanId, r]) => ({
    chainId: r.chainId,
    chainName: r.chainName,
    workplanId,
    items: [...r.items.values()].map((c) => ({
      title: titles.get(c.applicationId) ?? '',
      selected: c.verdict === 'selected',
      reason: c.note ?? '',
      applicationId: c.applicationId,
    })),
  }));
}

export interface StoredSelection {
  id: string;
  objective: SelectionObjective;
  funded: string[];
  confirmedBy: string;
  confirmedAt: string;
  reason: string;
  result: SelectionResult | null;
}

/** The latest confirmed selection of the plan. */
export async function latestSelection(db: Executor, planId: string): Promise<StoredSelection | null> {
  const row = await db
    .selectFrom('selections as s')
    .leftJoin('users as u', 'u.id', 's.confirmed_by')
    .select(['s.id', 's.objective', 's.funded', 's.result', 's.reason', 's.confirmed_at', 'u.email', 'u.name'])
    .where('s.plan_id', '=', planId)
    .orderBy('s.confirmed_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    objective: row.objective,
    funded: [...row.funded],
    confirmedBy: row.name ?? row.email ?? '',
    confirmedAt: new Date(row.confirmed_at).toISOString(),
    reason: row.reason,
    result: json<SelectionResult | null>(row.result, null),
  };
}
