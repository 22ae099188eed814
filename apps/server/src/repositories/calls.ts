import {
  CALL_RULES,
  runRules,
  type CallCriterion,
  type CallItem,
  type CallListQuery,
  type CallMaterial,
  type CallPublicationFacts,
  type CallState,
  type CallView,
  type PlanParams,
  type RuleResult,
  type Track,
} from '@rdplan/domain';
import type { Selectable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { CallsTable } from '../db/schema.js';
import { planParams } from './plans.js';

/** Calls (申报指南) of a plan, one or more per track, with the plan parameters that apply to them. */

type CallRow = Selectable<CallsTable>;

/** Where a call stands at `now`: before it opens, while it is open, after it closes. */
export function callState(opensAt: Date, closesAt: Date, now: Date): CallState {
  if (now.getTime() < opensAt.getTime()) return 'upcoming';
  if (now.getTime() < closesAt.getTime()) return 'open';
  return 'closed';
}

/** 4.3.a on what the call would publish. */
export function callRules(call: { conditions: unknown[]; materials: unknown[]; criteria: unknown[] }): RuleResult[] {
  const facts: CallPublicationFacts = {
    conditions: call.conditions.length,
    materials: call.materials.length,
    criteria: call.criteria.length,
  };
  return runRules<CallPublicationFacts>(CALL_RULES, facts, {} as PlanParams);
}

const iso = (d: Date | string) => new Date(d).toISOString();

function presentCall(row: CallRow, plan: { year: number; params: PlanParams }, now: Date): CallView {
  const opensAt = new Date(row.opens_at);
  const closesAt = new Date(row.closes_at);
  const conditions = row.conditions as CallItem[];
  const materials = row.materials as CallMaterial[];
  const criteria = row.criteria as CallCriterion[];
  return {
    id: row.id,
    planId: row.plan_id,
    year: plan.year,
    track: row.track as Track,
    titleZh: row.title_zh,
    titleEn: row.title_en,
    opensAt: opensAt.toISOString(),
    closesAt: closesAt.toISOString(),
    status: row.status,
    state: callState(opensAt, closesAt, now),
    conditions,
    materials,
    criteria,
    checklist: row.checklist as CallItem[],
    params: plan.params,
    rules: callRules({ conditions, materials, criteria }),
    publishedAt: row.published_at ? iso(row.published_at) : null,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

async function plansOf(db: Executor, planIds: readonly string[]) {
  if (planIds.length === 0) return new Map<string, { year: number; params: PlanParams; status: string }>();
  const rows = await db.selectFrom('plans').select(['id', 'year', 'params', 'status']).where('id', 'in', planIds).execute();
  return new Map(rows.map((r) => [r.id, { year: r.year, params: planParams(r), status: r.status }]));
}

export function findCallRowForUpdate(db: Executor, id: string) {
  return db.selectFrom('calls').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/**
 * One call with its plan's year and parameters, or null. `now` decides `state`: pass the server
 * clock (deps.clock.now()); the default, the machine time, is only for callers without one.
 */
export async function loadCall(
  db: Executor,
  id: string,
  now: Date = new Date(),
): Promise<(CallView & { planId: string; params: PlanParams; year: number }) | null> {
  const row = await db.selectFrom('calls').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const plan = (await plansOf(db, [row.plan_id])).get(row.plan_id)!;
  return presentCall(row, plan, now);
}

/** Calls by plan, track and year; published only unless `includeDrafts`. */
export async function listCalls(db: Executor, query: CallListQuery & { includeDrafts: boolean }, now: Date): Promise<CallView[]> {
  let q = db.selectFrom('calls').innerJoin('plans', 'plans.id', 'calls.plan_id').selectAll('calls');
  if (!query.includeDrafts) q = q.where('calls.status', '=', 'published');
  if (query.planId) q = q.where('calls.plan_id', '=', query.planId);
  if (query.track) q = q.where('calls.track', '=', query.track);
  if (query.year !== undefined) q = q.where('plans.year', '=', query.year);
  const rows = await q.orderBy('plans.year', 'desc').orderBy('calls.opens_at').orderBy('calls.title_zh').execute();
  const plans = await plansOf(db, [...new Set(rows.map((r) => r.plan_id))]);
  return rows.map((r) => presentCall(r, plans.get(r.plan_id)!, now));
}

/** What the audit log keeps of a call. */
export function auditCall(view: CallView) {
  return {
    planId: view.planId,
    track: view.track,
    titleZh: view.titleZh,
    titleEn: view.titleEn,
    opensAt: view.opensAt,
    closesAt: view.closesAt,
    status: view.status,
    conditions: view.conditions,
    materials: view.materials,
    criteria: view.criteria,
    checklist: view.checklist,
  };
}
