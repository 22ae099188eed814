import {
  AppError,
  compareSelectionPlans,
  ReviewSettings,
  type ResultRowOut,
  type LeaderCapOverride,
  type SelectionBudgets,
  type SelectionCandidate,
  type SelectionCandidateOut,
  type SelectionInput,
  type SelectionOut,
} from '@rdplan/domain';
import type { Executor } from '../../../db/database.js';
import { listDecisions } from '../../../repositories/applications.js';
import { findPlanRow, planParams } from '../../../repositories/plans.js';
import {
  candidateApplications,
  comparisonRecords,
  latestSelection,
  leaderGroupsByChain,
  overlapFlagCounts,
  fieldBudgetsOf,
  pinsOf,
  planReviews,
  str,
  type CandidateApplicationRow,
} from '../../../repositories/review-selection.js';
import { formOf } from '../../../repositories/review.js';
import { computeResults, topField } from '../results.js';

export interface SelectionComputation {
  out: SelectionOut;
  input: SelectionInput;
  rows: CandidateApplicationRow[];
}

/**
 * Budgets of the selection from what the plan stores; a stored 0 means "not set" and leaves the cap out.
 * - yearly total: the plan's total minus the continuation track's budget (3.3 is paid from the same year's
 *   total, and the selection covers only 3.1 and 3.2);
 * - per track: the consortium and backfill budgets;
 * - per field (3.2.g): the plan stores none, so they stay absent.
 */
export function selectionBudgets(plan: {
  budget_total: number;
  budget_consortium: number;
  budget_backfill: number;
  budget_continuation: number;
}) {
  const total = Number(plan.budget_total);
  const budgets: SelectionBudgets = {};
  if (total > 0) budgets.yearlyTotal = Math.max(0, total - Number(plan.budget_continuation));
  if (Number(plan.budget_consortium) > 0) budgets.consortiumTotal = Number(plan.budget_consortium);
  if (Number(plan.budget_backfill) > 0) budgets.backfillTotal = Number(plan.budget_backfill);
  return budgets;
}

/**
 * 3.1.h overrides carried from the chains' work plans: when an officer's latest decision on a chain's
 * plan overrides 3.1.h, the selection's leader-group limits for that chain become what the override
 * approved — the plan's leader-group projects among the candidates, their number and city funds (never
 * below the plan's parameters; see selection.ts). The selection does not decide 3.1.h anew for it.
 */
async function leaderOverridesOf(
  db: Executor,
  rows: readonly CandidateApplicationRow[],
  candidates: readonly SelectionCandidateOut[],
): Promise<Record<string, LeaderCapOverride>> {
  const workplanByChain = new Map<string, string>();
  for (const r of rows) if (r.track === 'consortium' && r.chain_id && r.workplan_id) workplanByChain.set(r.chain_id, r.workplan_id);
  const out: Record<string, LeaderCapOverride> = {};
  for (const [chainId, workplanId] of workplanByChain) {
    const latest = (await listDecisions(db, 'workplan', workplanId)).filter((d) => d.code === '3.1.h').at(-1);
    if (latest?.kind !== 'override') continue;
    const group = candidates.filter((c) => c.chainId === chainId && c.leaderGroup);
    out[chainId] = {
      maxProjects: group.length,
      maxFunds: group.reduce((sum, c) => sum + c.amount, 0),
      reason: latest.reason,
      by: latest.by,
      at: latest.at,
    };
  }
  return out;
}

/**
 * The plan's selection: candidates, the three objectives solved side by side, the comparison records,
 * the open reviews and the confirmed choice. Works inside or outside a transaction; 404 for an unknown plan.
 *
 * Candidates: the reviewed applications (formal_passed, or selected / not_selected once confirmed) of the
 * plan's consortium (3.1) and backfill (3.2) calls that have a review, scored by `computeResults`.
 *
 * Rank: ONE global order across both tracks — by the aggregated score descending, then the call's own
 * rank (its tie-breaks), then the application id. The solver compares plans lexicographically by this
 * order (selection.ts), so a higher-scored project of either track is preferred to a lower-scored one;
 * `rank` in the answer is this global place (1 = best). An application without any submitted score yet
 * counts as score 0 and comes after every scored one.
 */
export async function computeSelection(db: Executor, planId: string, now: Date): Promise<SelectionComputation> {
  const plan = await findPlanRow(db, planId);
  if (!plan) throw new AppError('not_found', { entity: 'plan', id: planId });
  const params = planParams(plan);
  const reviews = await planReviews(db, planId);
  const results = new Map<string, ResultRowOut>();
  for (const r of reviews) for (const row of (await computeResults(db, r.id, now)).rows) results.set(row.applicationId, row);
  const rows = await candidateApplications(
    db,
    reviews.map((r) => r.call_id),
  );
  const ids = rows.map((r) => r.id);
  const [pins, flags, comparisons, confirmed, fieldBudgets] = await Promise.all([
    pinsOf(db, planId),
    overlapFlagCounts(db, ids),
    comparisonRecords(db, planId),
    latestSelection(db, planId),
    fieldBudgetsOf(db, planId),
  ]);
  const leadersByChain = new Map<string, Set<string>>();
  for (const r of rows) {
    if (r.track !== 'consortium' || !r.chain_id) continue;
    const set = leadersByChain.get(r.chain_id) ?? new Set<string>();
    if (r.leader_org_id) set.add(r.leader_org_id);
    leadersByChain.set(r.chain_id, set);
  }
  const groups = await leaderGroupsByChain(db, leadersByChain);

  const scoreOf = (id: string) => results.get(id)?.score ?? null;
  const callRank = (id: string) => results.get(id)?.rankInCall ?? Number.MAX_SAFE_INTEGER;
  const ordered = [...rows].sort((a, b) => {
    const sa = scoreOf(a.id);
    const sb = scoreOf(b.id);
    if (sa !== sb) {
      if (sa === null) return 1;
      if (sb === null) return -1;
      return sb - sa;
    }
    return callRank(a.id) - callRank(b.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });

  const candidates: SelectionCandidateOut[] = ordered.map((r, i) => {
    const form = formOf(r.form);
    const res = results.get(r.id);
    const pin = pins.get(r.id);
    const fieldCode = res?.fieldCode ?? (str(form.fieldCode) || null);
    return {
      applicationId: r.id,
      title: res?.title || str(form.title),
      orgName: r.org_name,
      track: r.track as 'consortium' | 'backfill',
      chainId: r.track === 'consortium' ? r.chain_id : null,
      chainName: r.track === 'consortium' ? r.chain_name : null,
      fieldCode,
      amount: r.city_funds === null ? 0 : Number(r.city_funds),
      rank: i + 1,
      score: Math.max(0, scoreOf(r.id) ?? 0),
      leaderGroup: r.track === 'consortium' && !!r.chain_id && (groups.get(r.chain_id)?.has(r.org_id) ?? false),
      pin: pin?.pin ?? null,
      pinReason: pin?.reason ?? null,
      overlapFlags: flags.get(r.id) ?? 0,
    };
  });
  const solverCandidates: SelectionCandidate[] = candidates.map((c) => ({
    id: c.applicationId,
    track: c.track,
    chainId: c.chainId,
    // 3.2.g: selected by field (领域), the direction's top level.
    field: topField(c.fieldCode),
    amount: c.amount,
    rank: c.rank,
    score: c.score,
    leaderGroup: c.leaderGroup,
    pin: c.pin,
  }));
  const leaderOverrides = await leaderOverridesOf(db, rows, candidates);
  const budgets = selectionBudgets(plan);
  if (fieldBudgets.length)
    budgets.fields = Object.fromEntries(fieldBudgets.map((f) => [f.fieldCode, { budget: f.budget, maxProjects: f.maxProjects }]));
  const input: SelectionInput = {
    candidates: solverCandidates,
    params: {
      chainFundsCap: params.chainFundsCap,
      chainProjectsMin: params.chainProjectsMin,
      chainProjectsMax: params.chainProjectsMax,
      chainProjectAmounts: params.chainProjectAmounts,
      leaderGroupMaxProjects: params.leaderGroupMaxProjects,
      leaderGroupMaxFunds: params.leaderGroupMaxFunds,
      backfillAmount: params.backfillAmount,
    },
    budgets,
    leaderOverrides,
  };
  const started = performance.now();
  const plans = compareSelectionPlans(input);
  const ms = Math.round((performance.now() - started) * 1000) / 1000;
  const out: SelectionOut = {
    planId,
    planYear: plan.year,
    // The calls' review setting (the consortium call's first, as reviews come ordered by track); rank by default.
    objective: reviews.map((r) => ReviewSettings.safeParse(r.settings ?? {})).find((p) => p.success)?.data.objective ?? 'rank',
    candidates,
    budgets,
    fieldBudgets,
    plans,
    leaderOverrides,
    comparisons,
    openReviews: reviews.filter((r) => r.status !== 'closed').map((r) => ({ reviewId: r.id, callTitleZh: r.title_zh, status: r.status })),
    confirmed: confirmed
      ? {
          id: confirmed.id,
          objective: confirmed.objective,
          funded: confirmed.funded,
          confirmedBy: confirmed.confirmedBy,
          confirmedAt: confirmed.confirmedAt,
          reason: confirmed.reason,
        }
      : null,
    ms,
  };
  return { out, input, rows };
}
