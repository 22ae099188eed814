/**
 * Budget-optimal selection of the funded set (issue 5, "Selection"): an exact optimiser within every cap
 * of rules.md, with officer pins, three objectives, an explanation of each project's place, and the
 * plain rank-and-cut list beside it.
 *
 * Model
 * - A candidate is a chain consortium project (3.1) of one chain, or a backfill project (3.2) of one
 *   field. Amounts must be one of `chainProjectAmounts` (3.1.d) or exactly `backfillAmount` (3.2.h);
 *   any other amount makes the candidate ineligible here (it is listed with that code, never funded).
 * - A chain (group `chain:<id>`): funds ≤ chainFundsCap (3.1.b); the number of funded projects is 0 or
 *   within chainProjectsMin..chainProjectsMax (3.1.c). Documented rule: a chain that cannot reach the
 *   minimum is not funded at all — it never gets a partial set. Projects led by the chain leader's
 *   corporate group (`leaderGroup`) count against leaderGroupMaxProjects and leaderGroupMaxFunds
 *   (3.1.h), per chain and year (each chain has one leader).
 * - A field (group `field:<name>`, 3.2.g selection by field): optional budget and optional maximum
 *   number of projects; no minimum.
 * - Optional totals: consortium track, backfill track, and the yearly total over both.
 * - Pins: `pin: 'in'` forces a project in (its chain still needs the minimum), `pin: 'out'` removes it.
 * - 3.1.h holds "in principle": an officer's override on a chain's work plan is carried into the
 *   selection as `leaderOverrides[chainId]` — the chain's leader-group limits become what the override
 *   approved (never below the plan's parameters), every explanation of that chain says so, and the
 *   selection does not decide 3.1.h anew for it.
 *
 * Objectives. Every solution gets a value (P, L): P a primary integer, L = Σ 2^(N−1−pos) over funded
 * projects, pos = place in the global ranked list (rank ascending, then id), N = selectable projects.
 * Comparing L compares the characteristic vectors in rank order, i.e. lexicographically by rank.
 * - 'rank' (default): P = 0, so the optimum is the lexicographic maximum by rank: no lower-ranked project
 *   is funded in place of a higher-ranked one unless a cap blocks the higher one (if S − y + x were
 *   feasible for funded y ranked below unfunded x, it would be lexicographically larger).
 * - 'merit_amount': P = Σ round(score × 10^6) × (amount / unit), i.e. Σ score × amount at 10^-6 score
 *   precision, exact in integers; ties broken lexicographically by rank.
 * - 'count': P = number of funded projects; ties broken lexicographically by rank.
 * Because L differs for any two different sets, the optimum is unique.
 *
 * Algorithm (exact; proof sketch)
 * 1. Amounts and caps are expressed in units of g = gcd of the eligible amounts (1,000,000 yuan by
 *    default); caps are floored to whole units, which loses nothing since every sum is a multiple of g.
 * 2. Inside a group the caps depend only on how many projects of each class (amount, leader flag) are
 *    funded. For fixed class counts, the best choice within a class is: its pinned-in projects plus the
 *    top k free ones by the objective's key (rank; for merit: score then rank) — an exchange argument:
 *    replacing a chosen project by a better one of the same class keeps every cap and does not lower
 *    (P, L). So enumerating class counts (pruned by the caps) gives, for each exact group spend b, the
 *    best group value V_g(b) — a complete, exact group value function.
 * 3. (P, L) is additive over disjoint groups and the lexicographic order on pairs is translation
 *    invariant (an ordered group), so the best union under the totals is a knapsack over groups on
 *    exact spend: W_k(b) = max_{b'} W_{k−1}(b − b') + V_k(b'), per track, then the two tracks combined
 *    under the yearly total (principle of optimality). Values are exact: P in safe integers, L a bigint.
 * Cost: a chain has at most (cap+1)·(leader combos) class-count vectors (about 150 with the defaults);
 * the knapsack is O(groups × budget units × group spends).
 */
import type { Text } from '../i18n.js';
import { formatWan } from '../money.js';
import { DEFAULT_PLAN_PARAMS, type PlanParams } from '../policy/params.js';

export const SELECTION_OBJECTIVES = ['rank', 'merit_amount', 'count'] as const;
export type SelectionObjective = (typeof SELECTION_OBJECTIVES)[number];

export interface SelectionCandidate {
  id: string;
  track: 'consortium' | 'backfill';
  /** Consortium projects: the chain. */
  chainId?: string | null;
  /** Backfill projects: the field (3.2.g). */
  field?: string | null;
  /** City funds, yuan. */
  amount: number;
  /** Place in the call's ranked list, 1 = best (ties broken by id). */
  rank: number;
  /** Aggregated score, ≥ 0 (used by 'merit_amount' and for score gaps). */
  score: number;
  /** Led by the chain leader's corporate group (3.1.h). */
  leaderGroup?: boolean;
  /** Officer pin. */
  pin?: 'in' | 'out' | null;
}

export interface SelectionBudgets {
  /** Yearly total over both tracks, yuan; absent = no total. */
  yearlyTotal?: number | null;
  consortiumTotal?: number | null;
  backfillTotal?: number | null;
  /** Per-field budget and maximum number of projects (3.2.g). */
  fields?: Record<string, { budget?: number | null; maxProjects?: number | null }>;
}

export type SelectionCapParams = Pick<
  PlanParams,
  | 'chainFundsCap'
  | 'chainProjectsMin'
  | 'chainProjectsMax'
  | 'chainProjectAmounts'
  | 'leaderGroupMaxProjects'
  | 'leaderGroupMaxFunds'
  | 'backfillAmount'
>;

/** An officer's override of 3.1.h on a chain's work plan: the leader-group limits it approved, and why. */
export interface LeaderCapOverride {
  maxProjects: number;
  maxFunds: number;
  reason: string;
  by: string;
  at: string;
}

export interface SelectionInput {
  candidates: readonly SelectionCandidate[];
  params?: Partial<SelectionCapParams>;
  budgets?: SelectionBudgets;
  objective?: SelectionObjective;
  /** 3.1.h overrides by chain id (see the model above). */
  leaderOverrides?: Readonly<Record<string, LeaderCapOverride>>;
}

/** Rule codes of rules.md a selection cap cites, plus the plan's totals (not numbered in rules.md). */
export type SelectionCapCode =
  '3.1.b' | '3.1.c' | '3.1.d' | '3.1.h' | '3.2.g' | '3.2.h' | 'consortium_total' | 'backfill_total' | 'yearly_total';

export interface CapBreach {
  code: SelectionCapCode;
  /** `chain:<id>`, `field:<name>`, or null for a total. */
  group: string | null;
  /** What the set reaches and the limit it breaks (yuan or a count; see `what`). */
  what: 'funds' | 'projects' | 'projects_min' | 'leader_projects' | 'leader_funds' | 'amount';
  value: number;
  limit: number;
  /** The projects involved (for amount breaches: the project). */
  projects: string[];
  message: Text;
}

export type SelectionStatus = 'funded' | 'not_funded' | 'pinned_out' | 'ineligible';

export interface SelectionPlace {
  id: string;
  track: 'consortium' | 'backfill';
  group: string;
  rank: number;
  score: number;
  amount: number;
  pin: 'in' | 'out' | null;
  status: SelectionStatus;
  /**
   * Not funded: the caps that block it at its own rank — those that the funded projects ranked above it
   * plus itself break, and 3.1.c when its chain is not funded at all (below the minimum); when that is
   * empty (the objective preferred lower-ranked projects), the caps of `wouldBreak`.
   * Ineligible: 3.1.d / 3.2.h.
   */
  blockedBy: SelectionCapCode[];
  /** Not funded: the caps that funding it on top of the whole chosen set would break. */
  wouldBreak: SelectionCapCode[];
  /** 1-based place in its group's ranked list. */
  groupPosition: number;
  /**
   * Not funded and ranked after its group's last funded project: how far below that line (both gaps > 0).
   * Null when funded, pinned out, ineligible, ranked above the line (a cap kept it out) or the group funds none.
   */
  belowLine: { lastFundedId: string; rankGap: number; scoreGap: number } | null;
  /** Funded projects of its group ranked below it (> 0 for a not-funded project means a cap jumped it). */
  lowerRankedFunded: number;
  inRankAndCut: boolean;
  message: Text;
}

export interface SelectionGroupSummary {
  key: string;
  kind: 'chain' | 'field';
  id: string;
  count: number;
  amount: number;
  leaderCount: number;
  leaderAmount: number;
  /** The officer's 3.1.h override carried from the chain's work plan, if any. */
  leaderOverride?: LeaderCapOverride;
}

export interface SelectionTotals {
  count: number;
  amount: number;
  consortium: number;
  backfill: number;
  /** Σ score × amount / 1,000,000 (score-weighted millions). */
  merit: number;
}

export interface RankAndCut extends SelectionTotals {
  funded: string[];
  /** The first project that did not fit the totals (the line), if any. */
  cutAt: string | null;
  violations: CapBreach[];
}

export interface SelectionResult {
  objective: SelectionObjective;
  feasible: boolean;
  /** When infeasible: the caps the pinned-in projects break on their own. */
  breaches: CapBreach[];
  /** Funded ids in rank order. */
  funded: string[];
  totals: SelectionTotals;
  /** rank: number funded (the order is lexicographic); merit_amount: totals.merit; count: number funded. */
  objectiveValue: number;
  groups: SelectionGroupSummary[];
  places: SelectionPlace[];
  rankAndCut: RankAndCut;
}

const SCORE_SCALE = 1_000_000;

interface Resolved {
  params: SelectionCapParams;
  budgets: SelectionBudgets;
  objective: SelectionObjective;
  /** All candidates in rank order (rank, then id). */
  ordered: SelectionCandidate[];
  /** Eligibility per id: null or the code that excludes it. */
  ineligible: Map<string, SelectionCapCode>;
  leaderOverrides: Readonly<Record<string, LeaderCapOverride>>;
}

/** The leader-group limits (3.1.h) of a chain: the plan's, or higher where an officer's override approved more. */
function leaderLimits(r: Resolved, chainId: string): { projects: number; funds: number } {
  const o = r.leaderOverrides[chainId];
  const p = r.params;
  return o
    ? { projects: Math.max(p.leaderGroupMaxProjects, o.maxProjects), funds: Math.max(p.leaderGroupMaxFunds, o.maxFunds) }
    : { projects: p.leaderGroupMaxProjects, funds: p.leaderGroupMaxFunds };
}

function groupKey(c: SelectionCandidate): string {
  return c.track === 'consortium' ? `chain:${c.chainId ?? ''}` : `field:${c.field ?? ''}`;
}

function resolve(input: SelectionInput): Resolved {
  const params: SelectionCapParams = { ...pickCaps(DEFAULT_PLAN_PARAMS), ...input.params };
  const ordered = [...input.candidates].sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ids = new Set<string>();
  const ineligible = new Map<string, SelectionCapCode>();
  for (const c of ordered) {
    if (ids.has(c.id)) throw new RangeError(`duplicate candidate id ${c.id}`);
    ids.add(c.id);
    if (!Number.isFinite(c.score) || c.score < 0) throw new RangeError(`candidate ${c.id}: score must be a finite number ≥ 0`);
    if (!Number.isFinite(c.rank)) throw new RangeError(`candidate ${c.id}: rank must be finite`);
    if (c.track === 'consortium') {
      if (!c.chainId || !params.chainProjectAmounts.includes(c.amount)) ineligible.set(c.id, '3.1.d');
    } else if (!c.field || c.amount !== params.backfillAmount) ineligible.set(c.id, '3.2.h');
  }
  return {
    params,
    budgets: input.budgets ?? {},
    objective: input.objective ?? 'rank',
    ordered,
    ineligible,
    leaderOverrides: input.leaderOverrides ?? {},
  };
}

function pickCaps(p: PlanParams): SelectionCapParams {
  return {
    chainFundsCap: p.chainFundsCap,
    chainProjectsMin: p.chainProjectsMin,
    chainProjectsMax: p.chainProjectsMax,
    chainProjectAmounts: p.chainProjectAmounts,
    leaderGroupMaxProjects: p.leaderGroupMaxProjects,
    leaderGroupMaxFunds: p.leaderGroupMaxFunds,
    backfillAmount: p.backfillAmount,
  };
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

const fmt = (codes: readonly string[]): string => codes.join(', ');

function breach(
  code: SelectionCapCode,
  group: string | null,
  what: CapBreach['what'],
  value: number,
  limit: number,
  projects: string[],
): CapBreach {
  const where =
    group ??
    { consortium_total: 'consortium total', backfill_total: 'backfill total', yearly_total: 'yearly total' }[code as 'yearly_total'];
  const zhWhat = {
    funds: '经费',
    projects: '项目数',
    projects_min: '项目数（下限）',
    leader_projects: '链主及子公司牵头项目数',
    leader_funds: '链主及子公司经费',
    amount: '金额',
  }[what];
  const op = what === 'projects_min' ? '<' : what === 'amount' ? '≠' : '>';
  return {
    code,
    group,
    what,
    value,
    limit,
    projects,
    message: {
      zh: `不符合 ${code}：${where} ${zhWhat} ${value} ${op} ${limit}`,
      en: `Breaks ${code}: ${where} ${what.replace('_', ' ')} ${value} ${op} ${limit}`,
    },
  };
}

interface GroupState {
  key: string;
  kind: 'chain' | 'field';
  id: string;
  count: number;
  amount: number;
  leaderCount: number;
  leaderAmount: number;
  members: string[];
}

function groupStates(r: Resolved, chosen: readonly SelectionCandidate[]): Map<string, GroupState> {
  const out = new Map<string, GroupState>();
  for (const c of chosen) {
    const key = groupKey(c);
    let g = out.get(key);
    if (!g) {
      g = {
        key,
        kind: c.track === 'consortium' ? 'chain' : 'field',
        id: (c.track === 'consortium' ? c.chainId : c.field) ?? '',
        count: 0,
        amount: 0,
        leaderCount: 0,
        leaderAmount: 0,
        members: [],
      };
      out.set(key, g);
    }
    g.count++;
    g.amount += c.amount;
    g.members.push(c.id);
    if (c.track === 'consortium' && c.leaderGroup) {
      g.leaderCount++;
      g.leaderAmount += c.amount;
    }
  }
  return out;
}

function capsBreached(r: Resolved, states: Map<string, GroupState>, chosen: readonly SelectionCandidate[]): CapBreach[] {
  const { params: p, budgets: b } = r;
  const out: CapBreach[] = [];
  for (const c of chosen) {
    const code = r.ineligible.get(c.id);
    if (code)
      out.push(
        breach(code, groupKey(c), 'amount', c.amount, c.track === 'consortium' ? p.chainProjectAmounts[0]! : p.backfillAmount, [c.id]),
      );
  }
  for (const g of states.values()) {
    if (g.kind === 'chain') {
      if (g.amount > p.chainFundsCap) out.push(breach('3.1.b', g.key, 'funds', g.amount, p.chainFundsCap, g.members));
      if (g.count > p.chainProjectsMax) out.push(breach('3.1.c', g.key, 'projects', g.count, p.chainProjectsMax, g.members));
      if (g.count > 0 && g.count < p.chainProjectsMin)
        out.push(breach('3.1.c', g.key, 'projects_min', g.count, p.chainProjectsMin, g.members));
      const lim = leaderLimits(r, g.id);
      if (g.leaderCount > lim.projects) out.push(breach('3.1.h', g.key, 'leader_projects', g.leaderCount, lim.projects, g.members));
      if (g.leaderAmount > lim.funds) out.push(breach('3.1.h', g.key, 'leader_funds', g.leaderAmount, lim.funds, g.members));
    } else {
      const f = b.fields?.[g.id];
      if (f?.budget != null && g.amount > f.budget) out.push(breach('3.2.g', g.key, 'funds', g.amount, f.budget, g.members));
      if (f?.maxProjects != null && g.count > f.maxProjects)
        out.push(breach('3.2.g', g.key, 'projects', g.count, f.maxProjects, g.members));
    }
  }
  const t = totalsOf(chosen);
  const ids = chosen.map((c) => c.id);
  if (b.consortiumTotal != null && t.consortium > b.consortiumTotal)
    out.push(breach('consortium_total', null, 'funds', t.consortium, b.consortiumTotal, ids));
  if (b.backfillTotal != null && t.backfill > b.backfillTotal)
    out.push(breach('backfill_total', null, 'funds', t.backfill, b.backfillTotal, ids));
  if (b.yearlyTotal != null && t.amount > b.yearlyTotal) out.push(breach('yearly_total', null, 'funds', t.amount, b.yearlyTotal, ids));
  return out;
}

function totalsOf(chosen: readonly SelectionCandidate[]): SelectionTotals {
  let consortium = 0;
  let backfill = 0;
  let merit = 0;
  for (const c of chosen) {
    if (c.track === 'consortium') consortium += c.amount;
    else backfill += c.amount;
    merit += (Math.round(c.score * SCORE_SCALE) * c.amount) / 1_000_000;
  }
  return { count: chosen.length, amount: consortium + backfill, consortium, backfill, merit: merit / SCORE_SCALE };
}

/** Every cap of the selection that the given set of ids breaks (empty = feasible). Pins are not checked. */
export function checkSelection(input: SelectionInput, ids: Iterable<string>): CapBreach[] {
  const r = resolve(input);
  const want = new Set(ids);
  const chosen = r.ordered.filter((c) => want.has(c.id));
  return capsBreached(r, groupStates(r, chosen), chosen);
}

/**
 * The plain rank-and-cut list: walk the ranked list (eligible, not pinned out) and fund while the
 * totals allow; the first project that does not fit is the line. Chain, leader and field caps are
 * ignored — `violations` says where the list breaks them.
 */
export function rankAndCut(input: SelectionInput): RankAndCut {
  return cut(resolve(input));
}

function cut(r: Resolved): RankAndCut {
  const b = r.budgets;
  const chosen: SelectionCandidate[] = [];
  let cons = 0;
  let back = 0;
  let cutAt: string | null = null;
  for (const c of r.ordered) {
    if (c.pin === 'out' || r.ineligible.has(c.id)) continue;
    const nc = cons + (c.track === 'consortium' ? c.amount : 0);
    const nb = back + (c.track === 'backfill' ? c.amount : 0);
    if (
      (b.consortiumTotal != null && nc > b.consortiumTotal) ||
      (b.backfillTotal != null && nb > b.backfillTotal) ||
      (b.yearlyTotal != null && nc + nb > b.yearlyTotal)
    ) {
      cutAt = c.id;
      break;
    }
    cons = nc;
    back = nb;
    chosen.push(c);
  }
  return { funded: chosen.map((c) => c.id), cutAt, ...totalsOf(chosen), violations: capsBreached(r, groupStates(r, chosen), chosen) };
}

// ---------------------------------------------------------------------------------------------------
// The optimiser

interface Item {
  c: SelectionCandidate;
  units: number;
  p: number;
  lex: bigint;
  /** The same bit within its group only (the group's rank order is the restriction of the global one). */
  loc: bigint;
}

interface ClassSet {
  units: number;
  leader: boolean;
  forced: Item[];
  free: Item[];
  /** Value of the forced items plus the first k free ones, k = 0..free.length. */
  prefP: number[];
  prefL: bigint[];
}

interface Group {
  key: string;
  track: 'consortium' | 'backfill';
  classes: ClassSet[];
  /** Best value per exact spend in units (-Infinity = unreachable), L with global bits. */
  vp: number[];
  vl: bigint[];
  /** The class counts (free items taken per class) behind vp[b]. */
  combo: number[][];
}

const NEG = -Infinity;

function better(p1: number, l1: bigint, p2: number, l2: bigint): boolean {
  return p1 > p2 || (p1 === p2 && l1 > l2);
}

function buildGroups(r: Resolved, unit: number): Group[] {
  const { params: p, budgets: b, objective } = r;
  const selectable = r.ordered.filter((c) => c.pin !== 'out' && !r.ineligible.has(c.id));
  const n = selectable.length;
  const byKey = new Map<string, Map<string, Item[]>>();
  const groupSize = new Map<string, number>();
  for (const c of selectable) groupSize.set(groupKey(c), (groupSize.get(groupKey(c)) ?? 0) + 1);
  const seen = new Map<string, number>();
  selectable.forEach((c, pos) => {
    const units = c.amount / unit;
    const pv = objective === 'rank' ? 0 : objective === 'count' ? 1 : Math.round(c.score * SCORE_SCALE) * units;
    const key = groupKey(c);
    const local = seen.get(key) ?? 0;
    seen.set(key, local + 1);
    const item: Item = { c, units, p: pv, lex: 1n << BigInt(n - 1 - pos), loc: 1n << BigInt(groupSize.get(key)! - 1 - local) };
    const leader = c.track === 'consortium' && !!c.leaderGroup;
    let classes = byKey.get(key);
    if (!classes) byKey.set(key, (classes = new Map()));
    const ck = `${units}|${leader ? 1 : 0}`;
    const list = classes.get(ck);
    if (list) list.push(item);
    else classes.set(ck, [item]);
  });
  const groups: Group[] = [];
  for (const [key, classes] of byKey) {
    const track = key.startsWith('chain:') ? 'consortium' : 'backfill';
    const sets: ClassSet[] = [];
    for (const items of classes.values()) {
      const forced = items.filter((i) => i.c.pin === 'in');
      const free = items.filter((i) => i.c.pin !== 'in');
      // items arrive in rank order; merit prefers the higher score, then the better rank
      if (objective === 'merit_amount') free.sort((x, y) => y.p - x.p || (x.lex > y.lex ? -1 : 1));
      let fp = 0;
      let fl = 0n;
      for (const i of forced) {
        fp += i.p;
        fl += i.loc;
      }
      const prefP = [fp];
      const prefL = [fl];
      for (const i of free) {
        prefP.push(prefP[prefP.length - 1]! + i.p);
        prefL.push(prefL[prefL.length - 1]! + i.loc);
      }
      sets.push({
        units: items[0]!.units,
        leader: items[0]!.c.track === 'consortium' && !!items[0]!.c.leaderGroup,
        forced,
        free,
        prefP,
        prefL,
      });
    }
    const all = sets.reduce((s, c) => s + c.units * (c.forced.length + c.free.length), 0);
    let minCount = 0;
    let maxCount = Infinity;
    let cap = all;
    let lgMax = Infinity;
    let lgCap = Infinity;
    if (track === 'consortium') {
      minCount = p.chainProjectsMin;
      maxCount = p.chainProjectsMax;
      cap = Math.min(all, Math.floor(p.chainFundsCap / unit));
      const lim = leaderLimits(r, key.slice('chain:'.length));
      lgMax = lim.projects;
      lgCap = Math.floor(lim.funds / unit);
    } else {
      const f = b.fields?.[key.slice('field:'.length)];
      if (f?.budget != null) cap = Math.min(all, Math.floor(f.budget / unit));
      if (f?.maxProjects != null) maxCount = f.maxProjects;
    }
    const vp: number[] = new Array<number>(cap + 1).fill(NEG);
    const vl: bigint[] = new Array<bigint>(cap + 1).fill(0n);
    const combo: number[][] = new Array<number[]>(cap + 1);
    const ks: number[] = new Array<number>(sets.length).fill(0);
    const walk = (ci: number, count: number, units: number, lc: number, lu: number, pv: number, lv: bigint): void => {
      if (ci === sets.length) {
        if (count !== 0 && count < minCount) return;
        if (better(pv, lv, vp[units]!, vl[units]!)) {
          vp[units] = pv;
          vl[units] = lv;
          combo[units] = ks.slice();
        }
        return;
      }
      const s = sets[ci]!;
      for (let k = 0; k <= s.free.length; k++) {
        const m = s.forced.length + k;
        const c2 = count + m;
        const u2 = units + m * s.units;
        if (c2 > maxCount || u2 > cap) break;
        const lc2 = s.leader ? lc + m : lc;
        const lu2 = s.leader ? lu + m * s.units : lu;
        if (lc2 > lgMax || lu2 > lgCap) break;
        ks[ci] = k;
        walk(ci + 1, c2, u2, lc2, lu2, pv + s.prefP[k]!, lv + s.prefL[k]!);
      }
    };
    walk(0, 0, 0, 0, 0, 0, 0n);
    // the enumeration compared group-local bits; the knapsack needs the global ones
    for (let u = 0; u <= cap; u++) {
      if (vp[u] === NEG) continue;
      let l = 0n;
      sets.forEach((cl, ci) => {
        for (const i of cl.forced) l += i.lex;
        for (let t = 0; t < combo[u]![ci]!; t++) l += cl.free[t]!.lex;
      });
      vl[u] = l;
    }
    groups.push({ key, track, classes: sets, vp, vl, combo });
  }
  return groups;
}

interface Knapsack {
  wp: number[];
  wl: bigint[];
  /** choice[g][b] = spend of group g when the first g+1 groups spend exactly b. */
  choice: Int32Array[];
}

function knapsack(groups: Group[], limit: number): Knapsack {
  let wp: number[] = [0];
  let wl: bigint[] = [0n];
  const choice: Int32Array[] = [];
  for (const g of groups) {
    const support: number[] = [];
    for (let s = 0; s < g.vp.length; s++) if (g.vp[s]! > NEG) support.push(s);
    const size = Math.min(limit, wp.length - 1 + g.vp.length - 1) + 1;
    const np: number[] = new Array<number>(size).fill(NEG);
    const nl: bigint[] = new Array<bigint>(size).fill(0n);
    const ch = new Int32Array(size).fill(-1);
    for (let b = 0; b < wp.length; b++) {
      const bp = wp[b]!;
      if (bp === NEG) continue;
      for (const s of support) {
        const t = b + s;
        if (t >= size) break;
        const cp = bp + g.vp[s]!;
        if (cp < np[t]!) continue;
        const cl = wl[b]! + g.vl[s]!;
        if (better(cp, cl, np[t]!, nl[t]!)) {
          np[t] = cp;
          nl[t] = cl;
          ch[t] = s;
        }
      }
    }
    wp = np;
    wl = nl;
    choice.push(ch);
  }
  return { wp, wl, choice };
}

function unitsLimit(total: number | null | undefined, unit: number): number {
  return total == null ? Infinity : Math.floor(total / unit);
}

/** Solves one objective exactly and explains every project's place. */
export function optimiseSelection(input: SelectionInput): SelectionResult {
  const r = resolve(input);
  const selectable = r.ordered.filter((c) => c.pin !== 'out' && !r.ineligible.has(c.id));
  const unit = selectable.reduce((g, c) => gcd(g, c.amount), 0) || 1;
  const groups = buildGroups(r, unit);
  const yearly = unitsLimit(r.budgets.yearlyTotal, unit);
  const cons = groups.filter((g) => g.track === 'consortium');
  const back = groups.filter((g) => g.track === 'backfill');
  const kc = knapsack(cons, Math.min(yearly, unitsLimit(r.budgets.consortiumTotal, unit)));
  const kb = knapsack(back, Math.min(yearly, unitsLimit(r.budgets.backfillTotal, unit)));
  // best backfill value with spend ≤ j, so each consortium spend i meets its best partner in O(1)
  const upTo = new Int32Array(kb.wp.length).fill(-1);
  for (let j = 0; j < kb.wp.length; j++) {
    const prev = j > 0 ? upTo[j - 1]! : -1;
    upTo[j] = kb.wp[j] !== NEG && (prev < 0 || better(kb.wp[j]!, kb.wl[j]!, kb.wp[prev]!, kb.wl[prev]!)) ? j : prev;
  }
  let best: [number, number] | null = null;
  let bp = NEG;
  let bl = 0n;
  for (let i = 0; i < kc.wp.length && i <= yearly; i++) {
    if (kc.wp[i] === NEG) continue;
    const j = upTo[Math.min(kb.wp.length - 1, yearly - i)]!;
    if (j < 0) continue;
    const p = kc.wp[i]! + kb.wp[j]!;
    if (p < bp) continue;
    const l = kc.wl[i]! + kb.wl[j]!;
    if (better(p, l, bp, bl)) {
      bp = p;
      bl = l;
      best = [i, j];
    }
  }
  const rc = cut(r);
  if (!best) {
    const forced = r.ordered.filter((c) => c.pin === 'in');
    const breaches = capsBreached(r, groupStates(r, forced), forced);
    return explain(r, [], rc, false, breaches);
  }
  const chosen = new Set<string>();
  const collect = (gs: Group[], k: Knapsack, spend: number): void => {
    for (let gi = gs.length - 1; gi >= 0; gi--) {
      const g = gs[gi]!;
      const s = k.choice[gi]![spend]!;
      const ks = g.combo[s]!;
      g.classes.forEach((cl, ci) => {
        for (const i of cl.forced) chosen.add(i.c.id);
        for (let t = 0; t < ks[ci]!; t++) chosen.add(cl.free[t]!.c.id);
      });
      spend -= s;
    }
  };
  collect(cons, kc, best[0]);
  collect(back, kb, best[1]);
  return explain(
    r,
    r.ordered.filter((c) => chosen.has(c.id)),
    rc,
    true,
    [],
  );
}

/** The three objectives side by side (same input, each solved exactly). */
export function compareSelectionPlans(input: SelectionInput): Record<SelectionObjective, SelectionResult> {
  return {
    rank: optimiseSelection({ ...input, objective: 'rank' }),
    merit_amount: optimiseSelection({ ...input, objective: 'merit_amount' }),
    count: optimiseSelection({ ...input, objective: 'count' }),
  };
}

function explain(r: Resolved, chosen: SelectionCandidate[], rc: RankAndCut, feasible: boolean, breaches: CapBreach[]): SelectionResult {
  const states = groupStates(r, chosen);
  const totals = totalsOf(chosen);
  const funded = new Set(chosen.map((c) => c.id));
  const inCut = new Set(rc.funded);
  const byGroup = new Map<string, SelectionCandidate[]>();
  for (const c of r.ordered) {
    const k = groupKey(c);
    const list = byGroup.get(k);
    if (list) list.push(c);
    else byGroup.set(k, [c]);
  }
  // caps each not-funded project meets at its own rank: the funded projects ranked above it plus itself
  const atRank = new Map<string, SelectionCapCode[]>();
  const running = new Map<string, GroupState>();
  const runTotals: SelectionTotals = { count: 0, amount: 0, consortium: 0, backfill: 0, merit: 0 };
  for (const c of r.ordered) {
    const key = groupKey(c);
    if (funded.has(c.id)) {
      const g = running.get(key) ?? { ...emptyState(c), key };
      g.count++;
      g.amount += c.amount;
      if (c.track === 'consortium' && c.leaderGroup) {
        g.leaderCount++;
        g.leaderAmount += c.amount;
      }
      running.set(key, g);
      runTotals.amount += c.amount;
      if (c.track === 'consortium') runTotals.consortium += c.amount;
      else runTotals.backfill += c.amount;
      continue;
    }
    if (c.pin === 'out' || r.ineligible.has(c.id)) continue;
    const codes = capsAdding(r, running.get(key), runTotals, c);
    // 3.1.c: a chain that does not reach its minimum is not funded at all
    if (c.track === 'consortium' && !states.has(key) && !codes.includes('3.1.c')) codes.push('3.1.c');
    atRank.set(c.id, codes.sort());
  }
  const places: SelectionPlace[] = [];
  for (const [key, list] of byGroup) {
    const g = states.get(key);
    let lastFunded: SelectionCandidate | null = null;
    let lastPos = -1;
    list.forEach((c, i) => {
      if (funded.has(c.id)) {
        lastFunded = c;
        lastPos = i;
      }
    });
    let fundedBelow = g?.count ?? 0;
    list.forEach((c, i) => {
      const isFunded = funded.has(c.id);
      if (isFunded) fundedBelow--;
      const blockedBy: SelectionCapCode[] = [];
      const wouldBreak: SelectionCapCode[] = [];
      let status: SelectionStatus;
      const inel = r.ineligible.get(c.id);
      if (isFunded) status = 'funded';
      else if (inel) {
        status = 'ineligible';
        blockedBy.push(inel);
      } else if (c.pin === 'out') status = 'pinned_out';
      else {
        status = 'not_funded';
        blockedBy.push(...(atRank.get(c.id) ?? []));
        wouldBreak.push(...capsAdding(r, g, totals, c));
        if (!blockedBy.length) blockedBy.push(...wouldBreak);
      }
      const lf = lastFunded as SelectionCandidate | null;
      // Only a project that is not funded and really ranks after its group's last funded one is "below the
      // line"; one ranked above it (a cap kept it out) or pinned out is explained in words, never a negative gap.
      const gap = lf ? { lastFundedId: lf.id, rankGap: i - lastPos, scoreGap: Math.round((lf.score - c.score) * 1e6) / 1e6 } : null;
      const belowLine = status === 'not_funded' && gap && gap.rankGap > 0 ? gap : null;
      const aheadOfLine = status === 'not_funded' && gap && gap.rankGap < 0 ? { places: -gap.rankGap, points: -gap.scoreGap } : null;
      places.push({
        id: c.id,
        track: c.track,
        group: key,
        rank: c.rank,
        score: c.score,
        amount: c.amount,
        pin: c.pin ?? null,
        status,
        blockedBy,
        wouldBreak,
        groupPosition: i + 1,
        belowLine,
        lowerRankedFunded: isFunded ? 0 : fundedBelow,
        inRankAndCut: inCut.has(c.id),
        message: withOverride(
          placeMessage(status, blockedBy, { below: belowLine, ahead: aheadOfLine }, feasible),
          c.track === 'consortium' && c.leaderGroup ? r.leaderOverrides[c.chainId ?? ''] : undefined,
        ),
      });
    });
  }
  const pos = new Map(r.ordered.map((c, i) => [c.id, i]));
  const inOrder: SelectionPlace[] = new Array<SelectionPlace>(places.length);
  for (const pl of places) inOrder[pos.get(pl.id)!] = pl;
  const objectiveValue = r.objective === 'merit_amount' ? totals.merit : totals.count;
  return {
    objective: r.objective,
    feasible,
    breaches,
    funded: chosen.map((c) => c.id),
    totals,
    objectiveValue,
    groups: [...states.values()].map(({ members: _m, ...g }) => {
      const o = g.kind === 'chain' ? r.leaderOverrides[g.id] : undefined;
      return o ? { ...g, leaderOverride: o } : g;
    }),
    places: inOrder,
    rankAndCut: rc,
  };
}

function emptyState(c: SelectionCandidate): GroupState {
  return {
    key: groupKey(c),
    kind: c.track === 'consortium' ? 'chain' : 'field',
    id: (c.track === 'consortium' ? c.chainId : c.field) ?? '',
    count: 0,
    amount: 0,
    leaderCount: 0,
    leaderAmount: 0,
    members: [],
  };
}

/** The upper caps that adding c to a set with this group state and these totals would break. */
function capsAdding(r: Resolved, g: GroupState | undefined, totals: SelectionTotals, c: SelectionCandidate): SelectionCapCode[] {
  const { params: p, budgets: b } = r;
  const out: SelectionCapCode[] = [];
  const count = g?.count ?? 0;
  const amount = g?.amount ?? 0;
  if (c.track === 'consortium') {
    if (amount + c.amount > p.chainFundsCap) out.push('3.1.b');
    if (count + 1 > p.chainProjectsMax) out.push('3.1.c');
    const lim = leaderLimits(r, c.chainId ?? '');
    if (c.leaderGroup && ((g?.leaderCount ?? 0) + 1 > lim.projects || (g?.leaderAmount ?? 0) + c.amount > lim.funds)) out.push('3.1.h');
    if (b.consortiumTotal != null && totals.consortium + c.amount > b.consortiumTotal) out.push('consortium_total');
  } else {
    const f = b.fields?.[c.field ?? ''];
    if ((f?.budget != null && amount + c.amount > f.budget) || (f?.maxProjects != null && count + 1 > f.maxProjects)) out.push('3.2.g');
    if (b.backfillTotal != null && totals.backfill + c.amount > b.backfillTotal) out.push('backfill_total');
  }
  if (b.yearlyTotal != null && totals.amount + c.amount > b.yearlyTotal) out.push('yearly_total');
  return out;
}

/** A leader-group project of a chain whose 3.1.h the officer overrode: every explanation says so. */
function withOverride(message: Text, o: LeaderCapOverride | undefined): Text {
  if (!o) return message;
  return {
    zh: `${message.zh}（3.1.h 已由 ${o.by} 核准放宽至 ${o.maxProjects} 项、${formatWan(o.maxFunds, 'zh')}：${o.reason}）`,
    en: `${message.en} (3.1.h overridden by ${o.by}, up to ${o.maxProjects} project(s) and ${formatWan(o.maxFunds, 'en')}: ${o.reason})`,
  };
}

/** How many points, in words: at most two decimals. */
const points = (n: number): string => String(Math.round(n * 100) / 100);

function placeMessage(
  status: SelectionStatus,
  codes: SelectionCapCode[],
  line: { below: SelectionPlace['belowLine']; ahead: { places: number; points: number } | null },
  feasible: boolean,
): Text {
  switch (status) {
    case 'funded':
      return { zh: '入选资助', en: 'Funded' };
    case 'pinned_out':
      return { zh: '已由处室人工排除，不参与本次遴选', en: 'Pinned out by the officer: not part of this selection' };
    case 'ineligible':
      return { zh: `不符合 ${fmt(codes)}：金额不在定额之列`, en: `Fails ${fmt(codes)}: the amount is not a fixed amount` };
    case 'not_funded': {
      if (!feasible)
        return { zh: '未入选：锁定项目无法同时满足各项上限', en: 'Not funded: the pinned projects cannot meet every cap together' };
      const { below, ahead } = line;
      if (ahead) {
        // Ranked above its group's last funded project: a cap, not its place, keeps it out.
        const cap = codes.length ? fmt(codes) : null;
        return {
          zh: `未入选：排名高于本组最后一个入选项目 ${ahead.places} 位（高 ${points(ahead.points)} 分），${cap ? `但入选将超出 ${cap} 上限` : '但所选方案优先其他项目'}`,
          en: `Not funded: it ranks ${ahead.places} place(s) above its group's last funded project (${points(ahead.points)} points ahead), ${cap ? `but funding it would break ${cap}` : 'but the chosen plan prefers other projects'}`,
        };
      }
      const where = below
        ? {
            zh: `；位于本组资助线下 ${below.rankGap} 位，比最后一个入选项目低 ${points(below.scoreGap)} 分`,
            en: `; ${below.rankGap} place(s) below its group's line, ${points(below.scoreGap)} points behind its last funded project`,
          }
        : { zh: '；本组无入选项目', en: '; its group funds none' };
      return codes.length
        ? { zh: `未入选：受 ${fmt(codes)} 限制${where.zh}`, en: `Not funded: blocked by ${fmt(codes)}${where.en}` }
        : { zh: `未入选：所选方案优先其他项目${where.zh}`, en: `Not funded: the chosen plan prefers other projects${where.en}` };
    }
  }
}
