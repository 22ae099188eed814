/**
 * Expert assignment (issue 5): give each application exactly k experts, maximising total affinity,
 * never a conflicted pair (conflicted pairs are simply not eligible), within each expert's load cap,
 * optionally at most one expert per unit per application.
 *
 * Exact: a min-cost flow on integer costs (min-cost-flow.ts) over source → application (cap k) →
 * [application, unit] (cap 1, only with the one-per-unit option) → expert (cap 1, cost A − affinity)
 * → sink (cap load). The node potentials become dual prices — a certificate that
 * `verifyAssignmentCertificate` checks over ALL eligible pairs in O(pairs), independently of the
 * solver. The solve may start on a reduced candidate set (the top-m affinities per application); the
 * duals then price every other eligible pair, violated pairs are added and the solve repeated, so the
 * final certificate holds over all eligible pairs.
 *
 * LP and its dual (x_p ∈ [0,1] per eligible pair p = (i, j)):
 *   max Σ a_p x_p  s.t.  Σ_j x_ij = k_i,  Σ_i x_ij ≤ L_j,  Σ_{j ∈ unit u} x_ij ≤ 1 (option)
 *   min Σ k_i u_i + Σ L_j v_j + Σ w_iu + Σ_p max(0, r_p),  r_p = a_p − u_i − v_j − w_{i,unit(j)},
 *   u free, v ≥ 0, w ≥ 0. Optimal iff x feasible, r_p ≥ 0 where x_p = 1, r_p ≤ 0 where x_p = 0,
 *   v_j > 0 only at full load, w_iu > 0 only where unit u serves application i.
 */
import { FlowNetwork, minCostFlow, residualReach } from './min-cost-flow.js';

export interface AssignmentApplication {
  id: string;
  /** Experts required (exactly). */
  k: number;
}
export interface AssignmentExpert {
  id: string;
  /** Load cap: most applications this expert reviews in the round. */
  cap: number;
  unit: string;
}
/** Eligible pairs, column-wise (indices into applications / experts); conflicted pairs are absent. */
export interface EligiblePairs {
  application: ArrayLike<number>;
  expert: ArrayLike<number>;
  /** Integer, higher is better. */
  affinity: ArrayLike<number>;
}
export interface AssignmentInstance {
  applications: readonly AssignmentApplication[];
  experts: readonly AssignmentExpert[];
  pairs: EligiblePairs;
  /** At most one expert of a unit per application. */
  onePerUnit?: boolean;
}

/** Dual prices: u per application, v per expert, w per (application, unit) — zero when not listed. */
export interface AssignmentCertificate {
  applicationPrice: number[];
  expertPrice: number[];
  unitPrice: { application: number; unit: string; price: number }[];
}

export interface AssignmentSolution {
  /** Indices into instance.pairs of the assigned pairs. */
  pairs: number[];
  certificate: AssignmentCertificate;
}

export interface AssignmentStats {
  /** Pricing rounds (1 = the first candidate set was already optimal). */
  rounds: number;
  /** Pairs in the final candidate set. */
  candidatePairs: number;
  eligiblePairs: number;
  /** Shortest-path phases (Dijkstra runs that found a path) over all rounds. */
  phases: number;
  /** Blocking-flow rounds over all phases. */
  flowRounds: number;
}

export interface OptimalAssignment extends AssignmentSolution {
  status: 'optimal';
  total: number;
  /** Expert indices per application. */
  experts: number[][];
  stats: AssignmentStats;
}

export interface LackingApplication {
  application: string;
  index: number;
  required: number;
  /** Eligible experts (with the one-per-unit option: distinct units among them). */
  eligible: number;
  reason: 'too-few-eligible-experts' | 'too-few-eligible-units';
}

export interface InfeasibleAssignment {
  status: 'infeasible';
  /** Applications that on their own cannot get k eligible experts. */
  lacking: LackingApplication[];
  /**
   * A deficient set from a minimum cut: these applications together need `required` experts, but the
   * eligible experts can give them at most `available` (their load caps are exhausted).
   */
  deficient: { applications: string[]; required: number; available: number; saturatedExperts: string[] };
  /** Most assignments any plan can make, against the total required. */
  maxAssignable: number;
  required: number;
  message: string;
  stats: AssignmentStats;
}

export type AssignmentResult = OptimalAssignment | InfeasibleAssignment;

export interface AssignmentOptions {
  /** Solve first on the top-m affinities per application (default max(4k, k + 12)); 'all' uses every pair. */
  candidates?: number | 'all';
  /** Bound on pricing rounds before falling back to all pairs (default 20). */
  maxRounds?: number;
}

/** Builds an instance from pairs given by ids (convenient for small inputs and tests). */
export function assignmentInstance(input: {
  applications: readonly AssignmentApplication[];
  experts: readonly AssignmentExpert[];
  pairs: readonly { application: string; expert: string; affinity: number }[];
  onePerUnit?: boolean;
}): AssignmentInstance {
  const ai = new Map(input.applications.map((a, i) => [a.id, i]));
  const ei = new Map(input.experts.map((e, i) => [e.id, i]));
  const application: number[] = [];
  const expert: number[] = [];
  const affinity: number[] = [];
  for (const p of input.pairs) {
    const i = ai.get(p.application);
    const j = ei.get(p.expert);
    if (i === undefined) throw new Error(`unknown application ${p.application}`);
    if (j === undefined) throw new Error(`unknown expert ${p.expert}`);
    application.push(i);
    expert.push(j);
    affinity.push(p.affinity);
  }
  return {
    applications: input.applications,
    experts: input.experts,
    pairs: { application, expert, affinity },
    onePerUnit: input.onePerUnit ?? false,
  };
}

function unitIndex(experts: readonly AssignmentExpert[]): { of: Int32Array; names: string[] } {
  const map = new Map<string, number>();
  const of = new Int32Array(experts.length);
  experts.forEach((e, j) => {
    let u = map.get(e.unit);
    if (u === undefined) map.set(e.unit, (u = map.size));
    of[j] = u;
  });
  return { of, names: [...map.keys()] };
}

interface FlowSolve {
  flow: number;
  phases: number;
  rounds: number;
  /** Assigned pair indices. */
  assigned: number[];
  u: Float64Array;
  v: Float64Array;
  /** (application * units + unit) → w, only positive prices. */
  w: Map<number, number>;
  /** Source side of the min cut, when short. */
  reachApps: Uint8Array | null;
  reachExperts: Uint8Array | null;
}

/** One min-cost-flow solve over the candidate pairs (ascending pair indices). */
function solveOn(inst: AssignmentInstance, units: Int32Array, nUnits: number, cand: Int32Array, A: number): FlowSolve {
  const nA = inst.applications.length;
  const nE = inst.experts.length;
  const { application: pa, expert: pe, affinity: pf } = inst.pairs;
  const onePerUnit = inst.onePerUnit ?? false;
  // Node numbering: s, t, applications, experts, then (application, unit) nodes.
  const S = 0;
  const T = 1;
  const appNode = 2;
  const expNode = 2 + nA;
  let unitNodes = 0;
  const unitKey: number[] = [];
  const unitNodeOf = new Map<number, number>();
  if (onePerUnit) {
    for (let c = 0; c < cand.length; c++) {
      const p = cand[c]!;
      const key = pa[p]! * nUnits + units[pe[p]!]!;
      if (!unitNodeOf.has(key)) {
        unitNodeOf.set(key, 2 + nA + nE + unitNodes++);
        unitKey.push(key);
      }
    }
  }
  const g = new FlowNetwork(2 + nA + nE + unitNodes);
  // Each application starts at its own best candidate: source arc cost best_i − A (every application
  // ships exactly k, so this shifts the total by a constant) and potential best_i − A make the best
  // candidates of all applications admissible at once instead of in global order of affinity.
  const best = new Float64Array(nA).fill(-Infinity);
  for (let c = 0; c < cand.length; c++) {
    const p = cand[c]!;
    if (pf[p]! > best[pa[p]!]!) best[pa[p]!] = pf[p]!;
  }
  for (let i = 0; i < nA; i++) if (best[i] === -Infinity) best[i] = A;
  const start = new Float64Array(g.nodes);
  let demand = 0;
  for (let i = 0; i < nA; i++) {
    g.addEdge(S, appNode + i, inst.applications[i]!.k, best[i]! - A);
    start[appNode + i] = best[i]! - A;
    demand += inst.applications[i]!.k;
  }
  const unitEdge: number[] = [];
  for (let q = 0; q < unitNodes; q++) {
    const key = unitKey[q]!;
    const i = Math.floor(key / nUnits);
    unitEdge.push(g.addEdge(appNode + i, 2 + nA + nE + q, 1, 0));
    start[2 + nA + nE + q] = best[i]! - A;
  }
  const pairEdge = new Int32Array(cand.length);
  for (let c = 0; c < cand.length; c++) {
    const p = cand[c]!;
    const from = onePerUnit ? unitNodeOf.get(pa[p]! * nUnits + units[pe[p]!]!)! : appNode + pa[p]!;
    pairEdge[c] = g.addEdge(from, expNode + pe[p]!, 1, A - pf[p]!);
  }
  const expertEdge = new Int32Array(nE);
  for (let j = 0; j < nE; j++) expertEdge[j] = g.addEdge(expNode + j, T, inst.experts[j]!.cap, 0);
  g.build();
  const run = minCostFlow(g, S, T, demand, start);
  const pi = run.potential;

  const assigned: number[] = [];
  for (let c = 0; c < cand.length; c++) if (g.flow(pairEdge[c]!) > 0) assigned.push(cand[c]!);
  const u = new Float64Array(nA);
  for (let i = 0; i < nA; i++) u[i] = A + pi[appNode + i]! - pi[T]!;
  const v = new Float64Array(nE);
  for (let j = 0; j < nE; j++) {
    const price = pi[T]! - pi[expNode + j]!;
    // An idle expert may show a negative price; zero is as valid (all its pairs are unassigned).
    v[j] = g.flow(expertEdge[j]!) === 0 ? Math.max(0, price) : price;
  }
  const w = new Map<number, number>();
  for (let q = 0; q < unitNodes; q++) {
    const key = unitKey[q]!;
    const i = Math.floor(key / nUnits);
    const price = pi[2 + nA + nE + q]! - pi[appNode + i]!;
    const clipped = g.flow(unitEdge[q]!) === 0 ? Math.max(0, price) : price;
    if (clipped !== 0) w.set(key, clipped);
  }
  let reachApps: Uint8Array | null = null;
  let reachExperts: Uint8Array | null = null;
  if (run.flow < demand) {
    const reach = residualReach(g, S);
    reachApps = reach.slice(appNode, appNode + nA);
    reachExperts = reach.slice(expNode, expNode + nE);
  }
  return { flow: run.flow, phases: run.phases, rounds: run.rounds, assigned, u, v, w, reachApps, reachExperts };
}

/** Pair indices grouped by application (CSR). */
function byApplication(inst: AssignmentInstance): { start: Int32Array; list: Int32Array } {
  const nA = inst.applications.length;
  const P = inst.pairs.application.length;
  if (inst.pairs.expert.length !== P || inst.pairs.affinity.length !== P) throw new Error('pairs: columns differ in length');
  const start = new Int32Array(nA + 1);
  for (let p = 0; p < P; p++) {
    const i = inst.pairs.application[p]!;
    if (!(Number.isInteger(i) && i >= 0 && i < nA)) throw new Error(`pair ${p}: application index out of range`);
    start[i + 1]!++;
  }
  for (let i = 0; i < nA; i++) start[i + 1] = start[i + 1]! + start[i]!;
  const fill = start.slice(0, nA);
  const list = new Int32Array(P);
  for (let p = 0; p < P; p++) list[fill[inst.pairs.application[p]!]!++] = p;
  return { start, list };
}

function checkInput(inst: AssignmentInstance, groups: { start: Int32Array; list: Int32Array }): void {
  const { application, expert, affinity } = inst.pairs;
  const P = application.length;
  for (const a of inst.applications)
    if (!Number.isInteger(a.k) || a.k < 0) throw new Error(`application ${a.id}: k must be an integer ≥ 0`);
  for (const e of inst.experts) if (!Number.isInteger(e.cap) || e.cap < 0) throw new Error(`expert ${e.id}: cap must be an integer ≥ 0`);
  const nE = inst.experts.length;
  const stamp = new Int32Array(nE).fill(-1);
  for (let i = 0; i < inst.applications.length; i++) {
    for (let c = groups.start[i]!; c < groups.start[i + 1]!; c++) {
      const p = groups.list[c]!;
      const j = expert[p]!;
      if (!(j >= 0 && j < nE)) throw new Error(`pair ${p}: expert index out of range`);
      if (!Number.isSafeInteger(affinity[p]!)) throw new Error(`pair ${p}: affinity must be an integer`);
      if (stamp[j] === i) throw new Error(`pair ${p}: duplicate (application, expert)`);
      stamp[j] = i;
    }
  }
  if (groups.start[inst.applications.length] !== P) throw new Error('pairs: application index out of range');
}

/** Reorders `a` so that its m smallest values come first (quickselect, distinct values). */
function selectSmallest(a: Float64Array, m: number): void {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const tmp = a[i]!;
        a[i] = a[j]!;
        a[j] = tmp;
        i++;
        j--;
      }
    }
    if (m - 1 <= j) hi = j;
    else if (m - 1 >= i) lo = i;
    else return;
  }
}

/** Solves the assignment exactly; see the file comment. */
export function solveAssignment(inst: AssignmentInstance, options: AssignmentOptions = {}): AssignmentResult {
  const nA = inst.applications.length;
  const P = inst.pairs.application.length;
  const { application: pa, expert: pe, affinity: pf } = inst.pairs;
  const onePerUnit = inst.onePerUnit ?? false;
  const { of: units, names: unitNames } = unitIndex(inst.experts);
  const nUnits = Math.max(1, unitNames.length);
  let A = 0;
  let minA = 0;
  for (let p = 0; p < P; p++) {
    A = Math.max(A, pf[p]!);
    minA = Math.min(minA, pf[p]!);
  }
  if (A - minA > 1e9) throw new Error('affinity range too large for integer costs');
  const groups = byApplication(inst);
  checkInput(inst, groups);

  // Candidate set: top-m affinities per application (ties: lower pair index first).
  const inCand = new Uint8Array(P);
  const maxK = inst.applications.reduce((m, a) => Math.max(m, a.k), 0);
  const m = options.candidates === 'all' ? Infinity : (options.candidates ?? Math.max(4 * maxK, maxK + 12));
  let keys = new Float64Array(0);
  for (let i = 0; i < nA; i++) {
    const s = groups.start[i]!;
    const e = groups.start[i + 1]!;
    if (e - s <= m) {
      for (let c = s; c < e; c++) inCand[groups.list[c]!] = 1;
      continue;
    }
    if (keys.length < e - s) keys = new Float64Array(e - s);
    const part = keys.subarray(0, e - s);
    for (let c = s; c < e; c++) {
      const p = groups.list[c]!;
      part[c - s] = (A - pf[p]!) * P + p;
    }
    selectSmallest(part, m);
    for (let c = 0; c < m; c++) inCand[part[c]! % P] = 1;
  }

  const maxRounds = options.maxRounds ?? 20;
  let rounds = 0;
  let phases = 0;
  let flowRounds = 0;
  for (;;) {
    rounds++;
    let count = 0;
    for (let p = 0; p < P; p++) count += inCand[p]!;
    const cand = new Int32Array(count);
    for (let p = 0, c = 0; p < P; p++) if (inCand[p]) cand[c++] = p;
    const r = solveOn(inst, units, nUnits, cand, A);
    phases += r.phases;
    flowRounds += r.rounds;
    const stats = (): AssignmentStats => ({ rounds, candidatePairs: count, eligiblePairs: P, phases, flowRounds });
    const demand = inst.applications.reduce((sum, a) => sum + a.k, 0);

    if (r.flow < demand) {
      // Short. The cut is a proof only if the short side's applications have all their pairs.
      const reachApps = r.reachApps!;
      let added = 0;
      for (let i = 0; i < nA; i++) {
        if (!reachApps[i]) continue;
        for (let c = groups.start[i]!; c < groups.start[i + 1]!; c++) {
          const p = groups.list[c]!;
          if (!inCand[p]) {
            inCand[p] = 1;
            added++;
          }
        }
      }
      if (added > 0) continue;
      return explainInfeasible(inst, r, demand, units, stats());
    }

    // Pricing: every eligible pair outside the candidate set with positive reduced profit joins.
    let added = 0;
    const fallBack = rounds >= maxRounds;
    for (let p = 0; p < P; p++) {
      if (inCand[p]) continue;
      const i = pa[p]!;
      const j = pe[p]!;
      const wv = onePerUnit ? (r.w.get(i * nUnits + units[j]!) ?? 0) : 0;
      if (fallBack || pf[p]! - r.u[i]! - r.v[j]! - wv > 0) {
        inCand[p] = 1;
        added++;
      }
    }
    if (added > 0) continue;

    const experts: number[][] = inst.applications.map(() => []);
    let total = 0;
    for (const p of r.assigned) {
      experts[pa[p]!]!.push(pe[p]!);
      total += pf[p]!;
    }
    const unitPrice: AssignmentCertificate['unitPrice'] = [];
    for (const [key, price] of r.w) {
      unitPrice.push({ application: Math.floor(key / nUnits), unit: unitNames[key % nUnits]!, price });
    }
    return {
      status: 'optimal',
      total,
      experts,
      pairs: r.assigned,
      certificate: { applicationPrice: [...r.u], expertPrice: [...r.v], unitPrice },
      stats: stats(),
    };
  }
}

function explainInfeasible(
  inst: AssignmentInstance,
  r: FlowSolve,
  demand: number,
  units: Int32Array,
  stats: AssignmentStats,
): InfeasibleAssignment {
  const nA = inst.applications.length;
  const onePerUnit = inst.onePerUnit ?? false;
  const eligible: Set<number>[] = inst.applications.map(() => new Set());
  const P = inst.pairs.application.length;
  for (let p = 0; p < P; p++) {
    const j = inst.pairs.expert[p]!;
    if (inst.experts[j]!.cap > 0) eligible[inst.pairs.application[p]!]!.add(onePerUnit ? units[j]! : j);
  }
  const lacking: LackingApplication[] = [];
  inst.applications.forEach((a, i) => {
    const n = eligible[i]!.size;
    if (n < a.k)
      lacking.push({
        application: a.id,
        index: i,
        required: a.k,
        eligible: n,
        reason: onePerUnit ? 'too-few-eligible-units' : 'too-few-eligible-experts',
      });
  });
  const apps: string[] = [];
  let required = 0;
  let outside = 0;
  for (let i = 0; i < nA; i++) {
    if (r.reachApps![i]) {
      apps.push(inst.applications[i]!.id);
      required += inst.applications[i]!.k;
    } else outside += inst.applications[i]!.k;
  }
  const saturatedExperts = inst.experts.filter((_, j) => r.reachExperts![j]).map((e) => e.id);
  const available = r.flow - outside;
  const parts: string[] = [];
  if (lacking.length)
    parts.push(
      `${lacking.length} application(s) lack eligible experts: ` +
        lacking
          .slice(0, 20)
          .map((l) => `${l.application} needs ${l.required}, has ${l.eligible} eligible${onePerUnit ? ' units' : ''}`)
          .join('; '),
    );
  parts.push(
    `applications ${apps.slice(0, 20).join(', ')}${apps.length > 20 ? ` and ${apps.length - 20} more` : ''} need ${required} ` +
      `expert assignments together, but their eligible experts can give at most ${available}` +
      (saturatedExperts.length
        ? ` (load caps exhausted: ${saturatedExperts.slice(0, 20).join(', ')}${saturatedExperts.length > 20 ? ' …' : ''})`
        : ''),
  );
  return {
    status: 'infeasible',
    lacking,
    deficient: { applications: apps, required, available, saturatedExperts },
    maxAssignable: r.flow,
    required: demand,
    message: `No feasible assignment: ${parts.join('. ')}.`,
    stats,
  };
}

export interface CertificateCheck {
  ok: boolean;
  primal: number;
  dual: number;
  /** The first violations found (at most 20). */
  violations: string[];
}

/**
 * Checks, independently of the solver and in O(pairs): the assignment is feasible (exactly k per
 * application, eligible pairs only, caps, one per unit), the prices are dual feasible and meet
 * complementary slackness over ALL eligible pairs — hence the assignment is optimal (primal = dual).
 */
export function verifyAssignmentCertificate(inst: AssignmentInstance, solution: AssignmentSolution): CertificateCheck {
  const violations: string[] = [];
  const fail = (s: string): void => {
    if (violations.length < 20) violations.push(s);
  };
  const nA = inst.applications.length;
  const nE = inst.experts.length;
  const { application: pa, expert: pe, affinity: pf } = inst.pairs;
  const P = pa.length;
  const onePerUnit = inst.onePerUnit ?? false;
  const { applicationPrice: u, expertPrice: v, unitPrice } = solution.certificate;
  if (u.length !== nA || v.length !== nE) {
    return { ok: false, primal: NaN, dual: NaN, violations: ['certificate: wrong number of prices'] };
  }

  // Primal feasibility.
  const x = new Uint8Array(P);
  const count = new Int32Array(nA);
  const load = new Int32Array(nE);
  const unitOf = new Map<string, number>();
  const expertUnit = new Int32Array(nE);
  inst.experts.forEach((e, j) => {
    let q = unitOf.get(e.unit);
    if (q === undefined) unitOf.set(e.unit, (q = unitOf.size));
    expertUnit[j] = q;
  });
  const nU = Math.max(1, unitOf.size);
  const unitUse = new Map<number, number>();
  let primal = 0;
  for (const p of solution.pairs) {
    if (!Number.isInteger(p) || p < 0 || p >= P) {
      fail(`assigned pair ${p} is not an eligible pair`);
      continue;
    }
    if (x[p]) {
      fail(`pair ${p} assigned twice`);
      continue;
    }
    x[p] = 1;
    const i = pa[p]!;
    const j = pe[p]!;
    count[i]!++;
    load[j]!++;
    primal += pf[p]!;
    if (onePerUnit) {
      const key = i * nU + expertUnit[j]!;
      unitUse.set(key, (unitUse.get(key) ?? 0) + 1);
    }
  }
  for (let i = 0; i < nA; i++)
    if (count[i] !== inst.applications[i]!.k)
      fail(`application ${inst.applications[i]!.id} has ${count[i]} experts, needs ${inst.applications[i]!.k}`);
  for (let j = 0; j < nE; j++)
    if (load[j]! > inst.experts[j]!.cap) fail(`expert ${inst.experts[j]!.id} over cap: ${load[j]} > ${inst.experts[j]!.cap}`);
  for (const [key, n] of unitUse) if (n > 1) fail(`application ${inst.applications[Math.floor(key / nU)]!.id}: ${n} experts of one unit`);

  // Dual feasibility and complementary slackness.
  let dual = 0;
  for (let i = 0; i < nA; i++) {
    if (!Number.isFinite(u[i]!)) fail(`application price ${i} not finite`);
    dual += inst.applications[i]!.k * u[i]!;
  }
  for (let j = 0; j < nE; j++) {
    const vj = v[j]!;
    if (!(vj >= 0) || !Number.isFinite(vj)) fail(`expert ${inst.experts[j]!.id}: price ${vj} must be ≥ 0`);
    if (vj > 0 && load[j]! < inst.experts[j]!.cap) fail(`expert ${inst.experts[j]!.id}: positive price but below cap`);
    dual += inst.experts[j]!.cap * vj;
  }
  const w = new Map<number, number>();
  if (unitPrice.length && !onePerUnit) fail('unit prices given without the one-per-unit option');
  for (const q of unitPrice) {
    const unit = unitOf.get(q.unit);
    if (unit === undefined || !(q.application >= 0 && q.application < nA)) {
      fail(`unit price (${q.application}, ${q.unit}) names no application or unit`);
      continue;
    }
    const key = q.application * nU + unit;
    if (!(q.price >= 0) || !Number.isFinite(q.price)) fail(`unit price (${q.application}, ${q.unit}) must be ≥ 0`);
    if (w.has(key)) fail(`unit price (${q.application}, ${q.unit}) given twice`);
    if (q.price > 0 && (unitUse.get(key) ?? 0) < 1) fail(`unit price (${q.application}, ${q.unit}) positive but the unit serves none`);
    w.set(key, q.price);
    dual += q.price;
  }
  for (let p = 0; p < P; p++) {
    const i = pa[p]!;
    const j = pe[p]!;
    const wv = w.size ? (w.get(i * nU + expertUnit[j]!) ?? 0) : 0;
    const r = pf[p]! - u[i]! - v[j]! - wv;
    if (x[p]) {
      if (r < 0) fail(`assigned pair ${p} (${inst.applications[i]!.id}, ${inst.experts[j]!.id}) has negative reduced profit ${r}`);
      dual += r;
    } else if (r > 0) fail(`unassigned pair ${p} (${inst.applications[i]!.id}, ${inst.experts[j]!.id}) has positive reduced profit ${r}`);
  }
  if (violations.length === 0 && Math.abs(primal - dual) > 1e-9 * Math.max(1, Math.abs(primal))) fail(`primal ${primal} ≠ dual ${dual}`);
  return { ok: violations.length === 0, primal, dual, violations };
}
