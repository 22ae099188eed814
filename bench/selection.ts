/**
 * Benchmark `selection` (issue 5): the exact selection optimiser against HiGHS (npm `highs`, a MIP in
 * CPLEX LP format) on one deterministic instance — 10 chains × 40 candidates (1M / 2M, some led by the
 * chain leader's group) plus 6 backfill fields × 25 candidates with field budgets, under a yearly total
 * that binds. One JSON line per objective; see bench/run.ts.
 *
 * - ms: rdplan's `optimiseSelection` (solve and explanations), median of 11 runs after a warm-up of 10
 *   runs of each objective (a solve takes a few ms; a single cold run measures the JIT, not the solver).
 *   ref_ms: HiGHS, one run after a warm-up solve of the same model (Wasm load excluded), in the same
 *   process. speedup = ref_ms / ms.
 * - The MIP: binary x per project, binary y per chain; chain funds ≤ cap (3.1.b), min·y ≤ Σx ≤ max·y
 *   (3.1.c), leader-group count and funds (3.1.h), field budgets (3.2.g), the yearly total; amounts in
 *   units of 1,000,000 yuan; mip_rel_gap = mip_abs_gap = 0.
 * - 'merit_amount' maximises Σ score × units, 'count' Σ x; gap = |rdplan − HiGHS| / max(1, |HiGHS|) on
 *   that objective (HiGHS has no rank tie-break; rdplan's tie-break does not change the objective).
 * - 'rank': weights 2^(n−rank) do not fit a double (n = 550) nor MIP tolerances, so HiGHS solves it
 *   lexicographically as a sequence of feasibility MIPs: in rank order, project i is fixed to 1 if the
 *   model with all earlier fixings and x_i = 1 is feasible, else to 0 (exact lexicographic maximum).
 *   A MIP is skipped when the current incumbent already has x_i = 1 (each MIP maximises Σ (n − pos)·x
 *   to find a rank-friendly incumbent). gap = |S Δ S_HiGHS| / max(1, |S_HiGHS|) (0 = the same set).
 * - rank_and_cut_violations: the cap breaches of the plain rank-and-cut list (cut at the yearly total).
 */
import highsImport from 'highs';
import { optimiseSelection, rankAndCut, type SelectionCandidate, type SelectionInput, type SelectionObjective } from '@rdplan/domain';

const M = 1_000_000;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function selectionInstance(seed = 5): SelectionInput {
  const r = rng(seed);
  const candidates: SelectionCandidate[] = [];
  for (let ch = 0; ch < 10; ch++) {
    for (let i = 0; i < 40; i++) {
      candidates.push({
        id: `c${ch}-${i}`,
        track: 'consortium',
        chainId: `chain${ch}`,
        amount: r() < 0.4 ? 2 * M : M,
        leaderGroup: r() < 0.15,
        rank: 0,
        score: Math.round((55 + r() * 40 + ch * 0.5) * 10) / 10,
      });
    }
  }
  const fields: NonNullable<SelectionInput['budgets']>['fields'] = {};
  for (let f = 0; f < 6; f++) {
    fields[`field${f}`] = { budget: (3 + f) * M };
    for (let i = 0; i < 25; i++) {
      candidates.push({
        id: `b${f}-${i}`,
        track: 'backfill',
        field: `field${f}`,
        amount: M,
        rank: 0,
        score: Math.round((50 + r() * 45) * 10) / 10,
      });
    }
  }
  [...candidates].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).forEach((c, i) => (c.rank = i + 1));
  return { candidates, budgets: { yearlyTotal: 85 * M, fields } };
}

/** `highs` ships CommonJS types for an ES module default export: take whichever shape arrives. */
const highsLoader = ((highsImport as unknown as { default?: unknown }).default ?? highsImport) as typeof highsImport.default;
type Highs = Awaited<ReturnType<typeof highsLoader>>;

interface Lp {
  text: (objective: string, fixed: Map<number, 0 | 1>) => string;
  names: string[];
}

/** The MIP of the instance in CPLEX LP format (default caps of rules.md, amounts in millions). */
function buildLp(input: SelectionInput): Lp {
  const cands = [...input.candidates].sort((a, b) => a.rank - b.rank);
  const names = cands.map((_, i) => `x${i}`);
  const rows: string[] = [];
  const sum = (idx: number[], coef: (i: number) => number) =>
    idx.map((i) => `${coef(i) >= 0 ? '+' : '-'} ${Math.abs(coef(i))} ${names[i]}`).join(' ');
  const chains = new Map<string, number[]>();
  const fields = new Map<string, number[]>();
  cands.forEach((c, i) => {
    const map = c.track === 'consortium' ? chains : fields;
    const key = (c.track === 'consortium' ? c.chainId : c.field)!;
    map.set(key, [...(map.get(key) ?? []), i]);
  });
  const units = (i: number) => cands[i]!.amount / M;
  const ys: string[] = [];
  let k = 0;
  for (const [, idx] of chains) {
    const y = `y${k++}`;
    ys.push(y);
    rows.push(`cf${k}: ${sum(idx, units)} <= 10`);
    rows.push(`cmin${k}: ${sum(idx, () => 1)} - 5 ${y} >= 0`);
    rows.push(`cmax${k}: ${sum(idx, () => 1)} - 10 ${y} <= 0`);
    const lead = idx.filter((i) => cands[i]!.leaderGroup);
    if (lead.length) {
      rows.push(`lc${k}: ${sum(lead, () => 1)} <= 2`);
      rows.push(`lf${k}: ${sum(lead, units)} <= 2`);
    }
  }
  let f = 0;
  for (const [field, idx] of fields) {
    const budget = input.budgets?.fields?.[field]?.budget;
    if (budget != null) rows.push(`fb${f++}: ${sum(idx, units)} <= ${budget / M}`);
  }
  rows.push(
    `total: ${sum(
      cands.map((_, i) => i),
      units,
    )} <= ${input.budgets!.yearlyTotal! / M}`,
  );
  return {
    names,
    text: (objective, fixed) => {
      const bounds = [...fixed].map(([i, v]) => `${names[i]} = ${v}`);
      return `Maximize\n obj: ${objective}\nSubject To\n ${rows.join('\n ')}\nBounds\n ${bounds.join('\n ') || 'y0 >= 0'}\nBinary\n ${[...names, ...ys].join(' ')}\nEnd\n`;
    },
  };
}

const OPTIONS = { mip_rel_gap: 0, mip_abs_gap: 0, output_flag: false } as const;

function solveHighs(
  highs: Highs,
  lp: Lp,
  input: SelectionInput,
  objective: SelectionObjective,
): { value: number; funded: Set<number>; mips: number } {
  const cands = [...input.candidates].sort((a, b) => a.rank - b.rank);
  const n = cands.length;
  const picked = (sol: ReturnType<Highs['solve']>) =>
    new Set(lp.names.flatMap((name, i) => (((sol.Columns[name] as { Primal?: number } | undefined)?.Primal ?? 0) > 0.5 ? [i] : [])));
  if (objective !== 'rank') {
    const obj =
      objective === 'count'
        ? lp.names.map((x) => `+ 1 ${x}`).join(' ')
        : cands.map((c, i) => `+ ${Math.round(c.score * (c.amount / M) * 1e6) / 1e6} ${lp.names[i]}`).join(' ');
    const sol = highs.solve(lp.text(obj, new Map()), OPTIONS);
    if (sol.Status !== 'Optimal') throw new Error(`HiGHS: ${sol.Status}`);
    return { value: sol.ObjectiveValue, funded: picked(sol), mips: 1 };
  }
  const obj = lp.names.map((x, i) => `+ ${n - i} ${x}`).join(' ');
  const fixed = new Map<number, 0 | 1>();
  let mips = 1;
  const first = highs.solve(lp.text(obj, fixed), OPTIONS);
  if (first.Status !== 'Optimal') throw new Error(`HiGHS: ${first.Status}`);
  let incumbent = picked(first);
  for (let i = 0; i < n; i++) {
    if (incumbent.has(i)) {
      fixed.set(i, 1);
      continue;
    }
    fixed.set(i, 1);
    mips++;
    const sol = highs.solve(lp.text(obj, fixed), OPTIONS);
    if (sol.Status === 'Optimal') incumbent = picked(sol);
    else if (sol.Status === 'Infeasible') fixed.set(i, 0);
    else throw new Error(`HiGHS: ${sol.Status}`);
  }
  return { value: incumbent.size, funded: incumbent, mips };
}

export async function selectionBench(): Promise<Record<string, unknown>[]> {
  const base = selectionInstance();
  const highs = await highsLoader();
  const lp = buildLp(base);
  const ranked = [...base.candidates].sort((a, b) => a.rank - b.rank);
  const cut = rankAndCut(base);
  const out: Record<string, unknown>[] = [];
  const objectives = ['rank', 'merit_amount', 'count'] as const;
  // warm-up: let the JIT compile the solver on every objective before anything is timed
  for (let k = 0; k < 10; k++) for (const objective of objectives) optimiseSelection({ ...base, objective });
  for (const objective of objectives) {
    const input = { ...base, objective };
    let res = optimiseSelection(input);
    const times: number[] = [];
    for (let k = 0; k < 11; k++) {
      const t = performance.now();
      res = optimiseSelection(input);
      times.push(performance.now() - t);
    }
    const ms = times.sort((a, b) => a - b)[5]!;
    if (objective !== 'rank') solveHighs(highs, lp, input, objective); // warm-up
    const t = performance.now();
    const ref = solveHighs(highs, lp, input, objective);
    const refMs = performance.now() - t;
    let gap: number;
    if (objective === 'rank') {
      const mine = new Set(res.funded);
      const theirs = new Set([...ref.funded].map((i) => ranked[i]!.id));
      const diff = [...mine].filter((id) => !theirs.has(id)).length + [...theirs].filter((id) => !mine.has(id)).length;
      gap = diff / Math.max(1, theirs.size);
    } else {
      const value = objective === 'count' ? res.totals.count : res.totals.merit;
      gap = Math.abs(value - ref.value) / Math.max(1, Math.abs(ref.value));
    }
    out.push({
      bench: 'selection',
      objective,
      size: `${base.candidates.length} candidates (10 chains × 40 + 6 fields × 25)`,
      ms: Math.round(ms * 100) / 100,
      ref: 'highs',
      ref_ms: Math.round(refMs * 100) / 100,
      ref_mips: ref.mips,
      speedup: Math.round((refMs / ms) * 10) / 10,
      gap,
      funded: res.funded.length,
      amount: res.totals.amount,
      objective_value: Math.round(res.objectiveValue * 1e6) / 1e6,
      rank_and_cut_funded: cut.funded.length,
      rank_and_cut_violations: cut.violations.length,
      rank_and_cut_codes: [...new Set(cut.violations.map((v) => v.code))],
    });
  }
  return out;
}
