import { describe, expect, it } from 'vitest';
import {
  checkSelection,
  compareSelectionPlans,
  optimiseSelection,
  rankAndCut,
  type SelectionCandidate,
  type SelectionInput,
  type SelectionObjective,
} from '../src/review/selection.js';

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

/** A small random instance whose caps bite: 2 chains and 1 field, tight caps, some pins. */
function smallInstance(seed: number): SelectionInput {
  const r = rng(seed);
  const candidates: SelectionCandidate[] = [];
  const n = 10 + Math.floor(r() * 3);
  for (let i = 0; i < n; i++) {
    const kind = r();
    const score = 50 + Math.floor(r() * 50);
    const pinRoll = r();
    const pin = pinRoll < 0.06 ? 'in' : pinRoll < 0.12 ? 'out' : null;
    if (kind < 0.75) {
      candidates.push({
        id: `p${i}`,
        track: 'consortium',
        chainId: kind < 0.4 ? 'A' : 'B',
        amount: r() < 0.4 ? 2 * M : M,
        leaderGroup: r() < 0.3,
        rank: 0,
        score,
        pin,
      });
    } else {
      candidates.push({ id: `p${i}`, track: 'backfill', field: 'bio', amount: M, rank: 0, score, pin });
    }
  }
  // ranks follow scores (ties by index), the usual ranked list
  [...candidates].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).forEach((c, i) => (c.rank = i + 1));
  return {
    candidates,
    params: { chainFundsCap: 5 * M, chainProjectsMin: 2, chainProjectsMax: 4, leaderGroupMaxProjects: 1, leaderGroupMaxFunds: 2 * M },
    budgets: {
      yearlyTotal: (6 + Math.floor(r() * 5)) * M,
      // every other seed also caps the tracks and the field's number of projects
      ...(seed % 2 ? { consortiumTotal: 6 * M, backfillTotal: M * (1 + (seed % 3)) } : {}),
      fields: { bio: { budget: 2 * M, ...(seed % 4 === 1 ? { maxProjects: 1 } : {}) } },
    },
  };
}

/** Every subset that respects the pins and passes checkSelection (cached: the objectives share it). */
const feasibleCache = new Map<SelectionInput['candidates'], SelectionCandidate[][]>();
function feasibleSets(input: SelectionInput): SelectionCandidate[][] {
  const hit = feasibleCache.get(input.candidates);
  if (hit) return hit;
  const pool = [...input.candidates].sort((a, b) => a.rank - b.rank).filter((c) => c.pin !== 'out');
  const out: SelectionCandidate[][] = [];
  for (let mask = 0; mask < 1 << pool.length; mask++) {
    if (pool.some((c, i) => c.pin === 'in' && !(mask & (1 << i)))) continue;
    const set = pool.filter((_, i) => mask & (1 << i));
    if (
      !checkSelection(
        input,
        set.map((c) => c.id),
      ).length
    )
      out.push(set);
  }
  feasibleCache.set(input.candidates, out);
  return out;
}

/** Brute force: the best feasible subset by the objective, then lexicographically by rank. */
function bruteForce(input: SelectionInput, objective: SelectionObjective): string[] | null {
  const ordered = [...input.candidates].sort((a, b) => a.rank - b.rank);
  let best: SelectionCandidate[] | null = null;
  let bestKey = -Infinity;
  const lexBetter = (a: SelectionCandidate[], b: SelectionCandidate[]): boolean => {
    const sa = new Set(a.map((c) => c.id));
    const sb = new Set(b.map((c) => c.id));
    for (const c of ordered) {
      if (sa.has(c.id) !== sb.has(c.id)) return sa.has(c.id);
    }
    return false;
  };
  for (const set of feasibleSets(input)) {
    const key = objective === 'rank' ? 0 : objective === 'count' ? set.length : set.reduce((s, c) => s + c.score * (c.amount / M), 0);
    if (!best || key > bestKey || (key === bestKey && lexBetter(set, best))) {
      best = set;
      bestKey = key;
    }
  }
  return best ? best.map((c) => c.id) : null;
}

const smallInstances = new Map<number, SelectionInput>();
const small = (seed: number): SelectionInput => {
  if (!smallInstances.has(seed)) smallInstances.set(seed, smallInstance(seed));
  return smallInstances.get(seed)!;
};

describe('optimiseSelection: exact against brute force', () => {
  for (const objective of ['rank', 'merit_amount', 'count'] as const) {
    it(`matches brute force on small instances (${objective})`, () => {
      let infeasible = 0;
      for (let seed = 1; seed <= 20; seed++) {
        const input = { ...small(seed), objective };
        const got = optimiseSelection(input);
        const want = bruteForce(input, objective);
        if (!want) {
          infeasible++;
          expect(got.feasible, `seed ${seed}`).toBe(false);
          continue;
        }
        expect(got.feasible, `seed ${seed}`).toBe(true);
        expect(got.funded, `seed ${seed}`).toEqual(want);
        expect(checkSelection(input, got.funded)).toEqual([]);
      }
      expect(infeasible).toBeLessThan(10);
    });
  }

  it('rank: a lower-ranked project is funded instead of a higher-ranked one only when a cap blocks the swap', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const input = smallInstance(seed);
      const res = optimiseSelection(input);
      if (!res.feasible) continue;
      const funded = new Set(res.funded);
      for (const x of res.places) {
        if (x.status !== 'not_funded') continue;
        expect(x.blockedBy.length, `${seed} ${x.id}`).toBeGreaterThan(0);
        for (const y of res.places) {
          if (!funded.has(y.id) || y.rank < x.rank || y.pin === 'in') continue;
          const swapped = [...funded].filter((id) => id !== y.id).concat(x.id);
          expect(checkSelection(input, swapped).length, `seed ${seed}: ${x.id} for ${y.id}`).toBeGreaterThan(0);
        }
      }
    }
  });
});

/** A hand-made instance where each cap bites once (default caps except 3.1.b at 11M). */
function capsInstance(): SelectionInput {
  const c: SelectionCandidate[] = [];
  let rank = 1;
  for (let i = 1; i <= 12; i++)
    c.push({ id: `a${i}`, track: 'consortium', chainId: 'A', amount: M, leaderGroup: i <= 3, rank: rank++, score: 100 - i });
  for (let i = 1; i <= 6; i++) c.push({ id: `b${i}`, track: 'consortium', chainId: 'B', amount: 2 * M, rank: rank++, score: 90 - i });
  for (let i = 1; i <= 3; i++) c.push({ id: `c${i}`, track: 'consortium', chainId: 'C', amount: M, rank: rank++, score: 80 - i });
  for (let i = 1; i <= 4; i++) c.push({ id: `f${i}`, track: 'backfill', field: 'F', amount: M, rank: rank++, score: 70 - i });
  for (let i = 1; i <= 2; i++) c.push({ id: `g${i}`, track: 'backfill', field: 'G', amount: M, rank: rank++, score: 60 - i });
  return { candidates: c, params: { chainFundsCap: 11 * M }, budgets: { yearlyTotal: 23 * M, fields: { F: { budget: 2 * M } } } };
}

describe('explanations', () => {
  const res = optimiseSelection(capsInstance());
  const place = (id: string) => res.places.find((p) => p.id === id)!;

  it('funds the lexicographic best within the caps', () => {
    expect(res.feasible).toBe(true);
    expect(res.funded).toEqual([
      'a1',
      'a2',
      'a4',
      'a5',
      'a6',
      'a7',
      'a8',
      'a9',
      'a10',
      'a11',
      'b1',
      'b2',
      'b3',
      'b4',
      'b5',
      'f1',
      'f2',
      'g1',
    ]);
    expect(res.totals.amount).toBe(23 * M);
  });

  it('names the cap that blocks each project', () => {
    expect(place('a3').blockedBy).toEqual(['3.1.h']);
    expect(place('a3').lowerRankedFunded).toBe(8);
    expect(place('a12').blockedBy).toEqual(['3.1.c']);
    expect(place('a3').wouldBreak).toEqual(['3.1.c', '3.1.h', 'yearly_total']);
    expect(place('b6').blockedBy).toContain('3.1.b');
    expect(place('c1').blockedBy).toContain('3.1.c');
    expect(place('c1').belowLine).toBeNull();
    expect(place('f3').blockedBy).toContain('3.2.g');
    expect(place('g2').blockedBy).toEqual(['yearly_total']);
    expect(place('a1').status).toBe('funded');
    expect(place('a3').message.en).toContain('3.1.h');
  });

  it('says how far below the line', () => {
    expect(place('f4').belowLine).toEqual({ lastFundedId: 'f2', rankGap: 2, scoreGap: 2 });
    expect(place('b6').belowLine).toEqual({ lastFundedId: 'b5', rankGap: 1, scoreGap: 1 });
    expect(place('f4').message.zh).toBe('未入选：受 3.2.g 限制；位于本组资助线下 2 位，比最后一个入选项目低 2 分');
  });

  it('explains a project a cap kept out above the line in true words, never a negative gap', () => {
    // a3 ranks above a11, the last funded of chain A: 3.1.h keeps it out.
    expect(place('a3').belowLine).toBeNull();
    expect(place('a3').message.zh).toBe('未入选：排名高于本组最后一个入选项目 8 位（高 8 分），但入选将超出 3.1.h 上限');
    expect(place('a3').message.en).toBe(
      "Not funded: it ranks 8 place(s) above its group's last funded project (8 points ahead), but funding it would break 3.1.h",
    );
    for (const p of res.places) {
      expect(p.message.zh, p.id).not.toMatch(/-\d/);
      expect(p.message.en, p.id).not.toMatch(/-\d/);
      if (p.belowLine) expect([p.belowLine.rankGap > 0, p.belowLine.scoreGap >= 0], p.id).toEqual([true, true]);
    }
  });

  it('a project pinned out above the line has no gap and says why', () => {
    const input = capsInstance();
    input.candidates = input.candidates.map((c) => (c.id === 'a2' ? { ...c, pin: 'out' as const } : c));
    const out = optimiseSelection(input).places.find((p) => p.id === 'a2')!;
    expect([out.status, out.belowLine]).toEqual(['pinned_out', null]);
    expect(out.message.zh).toBe('已由处室人工排除，不参与本次遴选');
  });

  it('shows rank-and-cut beside it, with the caps it breaks', () => {
    const rc = res.rankAndCut;
    expect(rc.funded).not.toEqual(res.funded);
    expect(rc.cutAt).not.toBeNull();
    const codes = new Set(rc.violations.map((v) => v.code));
    for (const code of ['3.1.b', '3.1.c', '3.1.h'] as const) expect(codes.has(code), code).toBe(true);
    expect(rankAndCut(capsInstance())).toEqual(rc);
    expect(res.places.find((p) => p.id === 'a3')!.inRankAndCut).toBe(true);
  });
});

describe('3.1.h override carried from the work plan', () => {
  const override = { maxProjects: 3, maxFunds: 3 * M, reason: '经局务会同意', by: '业务处', at: '2026-03-01T00:00:00.000Z' };

  it('lifts the leader-group limits of that chain only, and every explanation of its leader group says so', () => {
    const input = { ...capsInstance(), leaderOverrides: { A: override } };
    const res = optimiseSelection(input);
    const a3 = res.places.find((p) => p.id === 'a3')!;
    expect(a3.status).toBe('funded');
    expect(a3.message.zh).toBe('入选资助（3.1.h 已由 业务处 核准放宽至 3 项、300 万元：经局务会同意）');
    expect(res.places.find((p) => p.id === 'a4')!.message.zh).toBe('入选资助');
    expect(checkSelection(input, res.funded)).toEqual([]);
    expect(checkSelection(capsInstance(), res.funded).map((b) => b.code)).toContain('3.1.h');
    expect(res.groups.find((g) => g.key === 'chain:A')!.leaderOverride).toEqual(override);
    expect(res.groups.find((g) => g.key === 'chain:B')!.leaderOverride).toBeUndefined();
  });

  it('never lowers the plan’s own limits', () => {
    const low = { ...override, maxProjects: 0, maxFunds: 0 };
    const res = optimiseSelection({ ...capsInstance(), leaderOverrides: { A: low } });
    expect(res.funded).toEqual(optimiseSelection(capsInstance()).funded);
  });
});

describe('pins, amounts and infeasibility', () => {
  it('respects pins in and out', () => {
    const input = capsInstance();
    input.candidates = input.candidates.map((c) =>
      c.id === 'a1' ? { ...c, pin: 'out' as const } : c.id === 'g2' ? { ...c, pin: 'in' as const } : c,
    );
    const res = optimiseSelection(input);
    expect(res.funded).toContain('g2');
    expect(res.funded).not.toContain('a1');
    expect(res.places.find((p) => p.id === 'a1')!.status).toBe('pinned_out');
    expect(checkSelection(input, res.funded)).toEqual([]);
  });

  it('reports pins that break a cap on their own', () => {
    const input = capsInstance();
    input.candidates = input.candidates.map((c) => (['a1', 'a2', 'a3'].includes(c.id) ? { ...c, pin: 'in' as const } : c));
    const res = optimiseSelection(input);
    expect(res.feasible).toBe(false);
    expect(res.funded).toEqual([]);
    expect(res.breaches.map((b) => b.code)).toContain('3.1.h');
  });

  it('never funds an amount outside 3.1.d / 3.2.h', () => {
    const input = capsInstance();
    input.candidates = [
      ...input.candidates,
      { id: 'x', track: 'consortium', chainId: 'A', amount: 1_500_000, rank: 0, score: 100 },
      { id: 'y', track: 'backfill', field: 'G', amount: 2 * M, rank: 0.5, score: 100 },
    ];
    const res = optimiseSelection(input);
    expect(res.places.find((p) => p.id === 'x')).toMatchObject({ status: 'ineligible', blockedBy: ['3.1.d'] });
    expect(res.places.find((p) => p.id === 'y')).toMatchObject({ status: 'ineligible', blockedBy: ['3.2.h'] });
    expect(checkSelection(input, ['x']).map((b) => b.code)).toContain('3.1.d');
  });
});

describe('objectives differ', () => {
  it("'merit_amount' funds the strong 2M projects, 'count' the many 1M ones", () => {
    const c: SelectionCandidate[] = [];
    for (let i = 1; i <= 5; i++) c.push({ id: `big${i}`, track: 'consortium', chainId: 'A', amount: 2 * M, rank: i, score: 90 });
    for (let i = 1; i <= 10; i++) c.push({ id: `small${i}`, track: 'consortium', chainId: 'A', amount: M, rank: 5 + i, score: 60 });
    const plans = compareSelectionPlans({ candidates: c });
    expect(plans.merit_amount.funded).toEqual(['big1', 'big2', 'big3', 'big4', 'big5']);
    expect(plans.merit_amount.objectiveValue).toBeCloseTo(900, 9);
    expect(plans.count.funded).toHaveLength(10);
    expect(plans.count.funded.every((id) => id.startsWith('small'))).toBe(true);
    expect(plans.rank.funded).toEqual(plans.merit_amount.funded);
  });
});
