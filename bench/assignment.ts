/**
 * Benchmark `assignment` (issue 5): the exact expert assignment (packages/domain/src/review/assignment.ts)
 * on generated instances with realistic conflicts and field-based affinities.
 *
 * - city: 2,000 applications × 800 experts × k = 3, every non-conflicted pair eligible; optimal over
 *   all eligible pairs (the certificate is verified over all of them), target < 2 s.
 * - national: 20,000 × 10,000 × k = 5, candidates within matching fields; target < 60 s and < 4 GB.
 * - against HiGHS (npm `highs`): the LP of the same assignment (totally unimodular, so its optimum is
 *   integral) on the largest instances HiGHS solves here in reasonable time; `speedup` = HiGHS ms ÷
 *   rdplan ms in this run, `gap` = relative objective difference.
 *
 * Each figure is one timed run after a short warm-up of the solver on a separate small instance.
 *
 * Instance generator (deterministic, seeded): fields grouped in domains with skewed popularity;
 * affinity 0–100 = field match (primary 60, secondary 30, same domain 10) + 5 per shared keyword of
 * the application's field (at most 40). Conflicts: the expert's unit leads or takes part in the
 * application's consortium, the applicant excluded the expert (≤ 2 per application), or the expert
 * declared one (about 0.5 % of pairs).
 */
import highsImport from 'highs';
import { solveAssignment, verifyAssignmentCertificate, type AssignmentInstance } from '@rdplan/domain';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export interface GenerateOptions {
  applications: number;
  experts: number;
  k: number;
  fields: number;
  domains: number;
  /** 'all': every non-conflicted pair is eligible; 'field': only experts sharing one of the application's fields. */
  scope: 'all' | 'field';
  capMin: number;
  capMax: number;
  onePerUnit?: boolean;
  seed?: number;
}

export function generateAssignment(o: GenerateOptions): AssignmentInstance {
  const r = rng(o.seed ?? 20261124);
  const F = o.fields;
  const perDomain = Math.ceil(F / o.domains);
  // Skewed field popularity (Zipf-like), the same for applications and experts.
  const weight = Array.from({ length: F }, (_, f) => 1 / Math.sqrt(f + 1));
  const cum: number[] = [];
  weight.reduce((s, w, f) => (cum[f] = s + w), 0);
  const total = cum[F - 1]!;
  const drawField = (): number => {
    const x = r() * total;
    let lo = 0;
    let hi = F - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const domainOf = (f: number): number => Math.floor(f / perDomain);
  const sameDomainField = (f: number): number => Math.min(F - 1, domainOf(f) * perDomain + Math.floor(r() * perDomain));
  const keywordMask = (n: number): number => {
    let m = 0;
    for (let i = 0; i < n; i++) m |= 1 << Math.floor(r() * 32);
    return m >>> 0;
  };
  const units = Math.max(20, Math.floor(o.experts / 8));

  const experts = Array.from({ length: o.experts }, (_, j) => ({
    id: `E${j}`,
    cap: o.capMin + Math.floor(r() * (o.capMax - o.capMin + 1)),
    unit: `U${Math.floor(r() * units)}`,
  }));
  const expertUnit = experts.map((e) => Number(e.unit.slice(1)));
  const expertFields: number[][] = [];
  const expertMasks: Map<number, number>[] = [];
  const byField: number[][] = Array.from({ length: F }, () => []);
  for (let j = 0; j < o.experts; j++) {
    const fs = [drawField()];
    const extra = Math.floor(r() * 3);
    for (let x = 0; x < extra; x++) {
      const f = r() < 0.7 ? sameDomainField(fs[0]!) : drawField();
      if (!fs.includes(f)) fs.push(f);
    }
    expertFields.push(fs);
    expertMasks.push(new Map(fs.map((f) => [f, keywordMask(8)])));
    for (const f of fs) byField[f]!.push(j);
  }

  const applications = Array.from({ length: o.applications }, (_, i) => ({ id: `A${i}`, k: o.k }));
  const app: number[] = [];
  const exp: number[] = [];
  const aff: number[] = [];
  const conflictUnits = new Set<number>();
  const excluded = new Set<number>();
  const candidates = new Set<number>();
  for (let i = 0; i < o.applications; i++) {
    const primary = drawField();
    const secondary = r() < 0.3 ? sameDomainField(primary) : -1;
    const mask = keywordMask(5);
    conflictUnits.clear();
    // Lead unit plus 0–3 consortium members; many applicants are outside the expert units.
    const members = 1 + Math.floor(r() * 4);
    for (let x = 0; x < members; x++) conflictUnits.add(Math.floor(r() * units * 3));
    excluded.clear();
    const exclusions = Math.floor(r() * 3);
    let pool: ArrayLike<number>;
    if (o.scope === 'all') pool = { length: o.experts };
    else {
      candidates.clear();
      for (const j of byField[primary]!) candidates.add(j);
      if (secondary >= 0) for (const j of byField[secondary]!) candidates.add(j);
      pool = [...candidates].sort((a, b) => a - b);
    }
    const poolSize = pool.length;
    const poolAt = (c: number): number => (o.scope === 'all' ? c : (pool as number[])[c]!);
    for (let x = 0; x < exclusions; x++) excluded.add(poolAt(Math.floor(r() * poolSize)));
    for (let c = 0; c < poolSize; c++) {
      const j = poolAt(c);
      if (conflictUnits.has(expertUnit[j]!) || excluded.has(j) || r() < 0.005) continue;
      const fs = expertFields[j]!;
      let a = 0;
      if (fs.includes(primary)) a = 60 + 5 * Math.min(8, popcount(mask & expertMasks[j]!.get(primary)!));
      else if (secondary >= 0 && fs.includes(secondary)) a = 30;
      else if (fs.some((f) => domainOf(f) === domainOf(primary))) a = 10;
      app.push(i);
      exp.push(j);
      aff.push(a);
    }
  }
  return {
    applications,
    experts,
    pairs: { application: Int32Array.from(app), expert: Int32Array.from(exp), affinity: Int32Array.from(aff) },
    onePerUnit: o.onePerUnit ?? false,
  };
}

/** The assignment LP in CPLEX LP format (x_p ∈ [0, 1]; totally unimodular without the unit option). */
function toLp(inst: AssignmentInstance): string {
  const P = inst.pairs.application.length;
  const out: string[] = ['Maximize', ' obj:'];
  let line = '';
  for (let p = 0; p < P; p++) {
    line += ` + ${inst.pairs.affinity[p]} x${p}`;
    if (p % 40 === 39) {
      out.push(line);
      line = '';
    }
  }
  if (line) out.push(line);
  out.push('Subject To');
  const rows = (groups: number[][], name: string, sense: (g: number) => string): void => {
    groups.forEach((ps, g) => {
      if (!ps.length) return;
      out.push(` ${name}${g}:`);
      for (let c = 0; c < ps.length; c += 40)
        out.push(
          ps
            .slice(c, c + 40)
            .map((p) => ` + x${p}`)
            .join(''),
        );
      out.push(` ${sense(g)}`);
    });
  };
  const byApp: number[][] = inst.applications.map(() => []);
  const byExp: number[][] = inst.experts.map(() => []);
  for (let p = 0; p < P; p++) {
    byApp[inst.pairs.application[p]!]!.push(p);
    byExp[inst.pairs.expert[p]!]!.push(p);
  }
  rows(byApp, 'a', (i) => `= ${inst.applications[i]!.k}`);
  rows(byExp, 'e', (j) => `<= ${inst.experts[j]!.cap}`);
  out.push('Bounds');
  for (let p = 0; p < P; p++) out.push(` x${p} <= 1`);
  out.push('End');
  return out.join('\n');
}

/** `highs` ships CommonJS types for an ES module default export: take whichever shape arrives. */
const loadHighs = ((highsImport as unknown as { default?: unknown }).default ?? highsImport) as typeof highsImport.default;

const round = (x: number, d = 1): number => Math.round(x * 10 ** d) / 10 ** d;

function timeSolve(inst: AssignmentInstance) {
  const t = performance.now();
  const res = solveAssignment(inst);
  const ms = performance.now() - t;
  const t2 = performance.now();
  const check = res.status === 'optimal' ? verifyAssignmentCertificate(inst, res) : null;
  const verifyMs = performance.now() - t2;
  return { res, ms, check, verifyMs };
}

export async function assignmentBench(): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  const highs = await loadHighs();
  // Warm-up: compile the solver's hot loops once (HiGHS's WebAssembly is compiled at load, untimed too).
  const warm = generateAssignment({
    applications: 300,
    experts: 120,
    k: 3,
    fields: 20,
    domains: 5,
    scope: 'all',
    capMin: 6,
    capMax: 10,
    seed: 7,
  });
  for (let i = 0; i < 5; i++) {
    solveAssignment(warm);
    solveAssignment({ ...warm, onePerUnit: true });
  }

  // Against HiGHS on the same LP.
  for (const [nA, nE] of [
    [200, 80],
    [500, 200],
    [1000, 400],
  ] as const) {
    const inst = generateAssignment({ applications: nA, experts: nE, k: 3, fields: 20, domains: 5, scope: 'all', capMin: 6, capMax: 10 });
    const { res, ms, check } = timeSolve(inst);
    const lp = toLp(inst);
    const t = performance.now();
    const sol = highs.solve(lp, { output_flag: false });
    const refMs = performance.now() - t;
    const ours = res.status === 'optimal' ? res.total : NaN;
    const ref = sol.Status === 'Optimal' ? sol.ObjectiveValue : NaN;
    out.push({
      bench: 'assignment',
      size: `${nA}x${nE}x3`,
      pairs: inst.pairs.application.length,
      ms: round(ms),
      ref: 'highs',
      ref_ms: round(refMs),
      ref_status: sol.Status,
      speedup: round(refMs / ms),
      gap: Math.abs(ours - ref) / Math.max(1, Math.abs(ref)),
      objective: ours,
      certificate: check?.ok ?? false,
    });
  }

  // City size, every non-conflicted pair eligible; with and without one expert per unit.
  for (const onePerUnit of [false, true]) {
    const inst = generateAssignment({
      applications: 2000,
      experts: 800,
      k: 3,
      fields: 20,
      domains: 5,
      scope: 'all',
      capMin: 6,
      capMax: 10,
      onePerUnit,
    });
    const { res, ms, check, verifyMs } = timeSolve(inst);
    out.push({
      bench: 'assignment',
      size: onePerUnit ? 'city-one-per-unit' : 'city',
      applications: 2000,
      experts: 800,
      k: 3,
      pairs: inst.pairs.application.length,
      ms: Math.round(ms),
      target_ms: 2000,
      status: res.status,
      objective: res.status === 'optimal' ? res.total : null,
      certificate: check?.ok ?? false,
      verify_ms: Math.round(verifyMs),
      ...res.stats,
    });
  }

  // National size, candidates within matching fields.
  {
    const inst = generateAssignment({
      applications: 20_000,
      experts: 10_000,
      k: 5,
      fields: 100,
      domains: 10,
      scope: 'field',
      capMin: 10,
      capMax: 16,
    });
    const { res, ms, check, verifyMs } = timeSolve(inst);
    const mem = process.memoryUsage();
    out.push({
      bench: 'assignment',
      size: 'national',
      applications: 20_000,
      experts: 10_000,
      k: 5,
      pairs: inst.pairs.application.length,
      ms: Math.round(ms),
      target_ms: 60_000,
      status: res.status,
      objective: res.status === 'optimal' ? res.total : null,
      certificate: check?.ok ?? false,
      verify_ms: Math.round(verifyMs),
      ...res.stats,
      heap_used_mb: Math.round(mem.heapUsed / 2 ** 20),
      array_buffers_mb: Math.round(mem.arrayBuffers / 2 ** 20),
      max_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
      target_mb: 4096,
    });
  }
  return out;
}
