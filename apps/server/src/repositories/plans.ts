import {
  DEFAULT_PLAN_PARAMS,
  PLAN_RULES,
  PlanParams,
  runRules,
  type PlanBudgets,
  type PlanChainView,
  type PlanFacts,
  type PlanListQuery,
  type PlanView,
  type RuleResult,
} from '@rdplan/domain';
import type { Executor } from '../db/database.js';
import type { Selectable } from 'kysely';
import type { PlansTable } from '../db/schema.js';

type Plan = Selectable<PlansTable>;

/** Annual plans (年度计划) with their selected chains. */

export function findPlanRow(db: Executor, id: string) {
  return db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findPlanRowForUpdate(db: Executor, id: string) {
  return db.selectFrom('plans').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findPlanByYear(db: Executor, year: number) {
  return db.selectFrom('plans').selectAll().where('year', '=', year).executeTakeFirst();
}

/** The stored parameters, completed with the defaults for any added since the plan was written. */
export function planParams(row: Pick<Plan, 'params'>): PlanParams {
  const parsed = PlanParams.safeParse(row.params ?? {});
  return parsed.success ? parsed.data : DEFAULT_PLAN_PARAMS;
}

export function planBudgets(row: Plan): PlanBudgets {
  return {
    total: Number(row.budget_total),
    consortium: Number(row.budget_consortium),
    backfill: Number(row.budget_backfill),
    continuation: Number(row.budget_continuation),
  };
}

/** The selected chains of each plan, by code. */
export async function planChains(db: Executor, planIds: readonly string[]): Promise<Map<string, PlanChainView[]>> {
  const out = new Map<string, PlanChainView[]>();
  if (planIds.length === 0) return out;
  const rows = await db
    .selectFrom('plan_chains')
    .innerJoin('chains', 'chains.id', 'plan_chains.chain_id')
    .select([
      'plan_chains.plan_id',
      'plan_chains.chain_id',
      'plan_chains.direction',
      'plan_chains.budget',
      'chains.code',
      'chains.name_zh',
      'chains.name_en',
    ])
    .where('plan_chains.plan_id', 'in', planIds)
    .orderBy('chains.code')
    .execute();
  const chainIds = [...new Set(rows.map((r) => r.chain_id))];
  const leaders =
    chainIds.length === 0
      ? []
      : await db
          .selectFrom('chain_leaders')
          .innerJoin('organisations', 'organisations.id', 'chain_leaders.org_id')
          .select(['chain_leaders.chain_id', 'organisations.id', 'organisations.name'])
          .where('chain_leaders.chain_id', 'in', chainIds)
          .orderBy('organisations.name')
          .execute();
  for (const r of rows) {
    const list = out.get(r.plan_id) ?? [];
    list.push({
      chainId: r.chain_id,
      code: r.code,
      nameZh: r.name_zh,
      nameEn: r.name_en,
      direction: r.direction,
      budget: Number(r.budget),
      leaders: leaders.filter((l) => l.chain_id === r.chain_id).map((l) => ({ orgId: l.id, name: l.name })),
    });
    out.set(r.plan_id, list);
  }
  return out;
}

/** 3.1.a on a plan's selected chain codes. */
export function planRules(chainCodes: readonly string[], params: PlanParams): RuleResult[] {
  return runRules<PlanFacts>(PLAN_RULES, { selectedChainCodes: [...chainCodes] }, params);
}

export function presentPlan(row: Plan, chains: PlanChainView[]): PlanView {
  const params = planParams(row);
  return {
    id: row.id,
    year: row.year,
    title: row.title,
    status: row.status,
    params,
    budgets: planBudgets(row),
    chains,
    rules: planRules(
      chains.map((c) => c.code),
      params,
    ),
    publishedAt: row.published_at ? new Date(row.published_at).toISOString() : null,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export async function planView(db: Executor, id: string): Promise<PlanView | null> {
  const row = await findPlanRow(db, id);
  if (!row) return null;
  return presentPlan(row, (await planChains(db, [id])).get(id) ?? []);
}

export async function listPlans(db: Executor, query: PlanListQuery & { publishedOnly?: boolean }): Promise<PlanView[]> {
  let q = db.selectFrom('plans').selectAll();
  if (query.year !== undefined) q = q.where('year', '=', query.year);
  if (query.status) q = q.where('status', '=', query.status);
  if (query.publishedOnly) q = q.where('status', '=', 'published');
  const rows = await q.orderBy('year', 'desc').execute();
  const chains = await planChains(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => presentPlan(r, chains.get(r.id) ?? []));
}

/** What the audit log keeps of a plan. */
export function auditPlan(view: PlanView) {
  return {
    year: view.year,
    title: view.title,
    status: view.status,
    params: view.params,
    budgets: view.budgets,
    chains: view.chains.map((c) => ({ code: c.code, direction: c.direction, budget: c.budget })),
  };
}

/** Chains among `ids` (id → code), to check a plan's selection. */
export async function chainCodes(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('chains').select(['id', 'code']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.code]));
}

export async function replacePlanChains(
  db: Executor,
  planId: string,
  chains: readonly { chainId: string; direction: string; budget: number }[],
) {
  await db.deleteFrom('plan_chains').where('plan_id', '=', planId).execute();
  if (chains.length > 0) {
    await db
      .insertInto('plan_chains')
      .values(chains.map((c) => ({ plan_id: planId, chain_id: c.chainId, direction: c.direction, budget: c.budget })))
      .execute();
  }
}
