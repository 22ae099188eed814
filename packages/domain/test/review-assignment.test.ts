import { describe, expect, it } from 'vitest';
import {
  assignmentInstance,
  solveAssignment,
  verifyAssignmentCertificate,
  type AssignmentInstance,
  type OptimalAssignment,
} from '../src/review/assignment.js';

/** Small deterministic pseudo-random generator (mulberry32). */
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

function randomInstance(seed: number, nA: number, nE: number, k: number, density: number, onePerUnit = false): AssignmentInstance {
  const r = rng(seed);
  const applications = Array.from({ length: nA }, (_, i) => ({ id: `A${i}`, k }));
  const experts = Array.from({ length: nE }, (_, j) => ({ id: `E${j}`, cap: 1 + Math.floor(r() * 3), unit: `U${Math.floor(r() * 3)}` }));
  const pairs: { application: string; expert: string; affinity: number }[] = [];
  for (let i = 0; i < nA; i++)
    for (let j = 0; j < nE; j++)
      if (r() < density) pairs.push({ application: `A${i}`, expert: `E${j}`, affinity: Math.floor(r() * 21) - 3 });
  return assignmentInstance({ applications, experts, pairs, onePerUnit });
}

/** Exhaustive optimum (null when infeasible). */
function bruteForce(inst: AssignmentInstance): number | null {
  const nA = inst.applications.length;
  const byApp: number[][] = inst.applications.map(() => []);
  for (let p = 0; p < inst.pairs.application.length; p++) byApp[inst.pairs.application[p]!]!.push(p);
  const load = new Array<number>(inst.experts.length).fill(0);
  let best: number | null = null;
  const rec = (i: number, total: number): void => {
    if (i === nA) {
      if (best === null || total > best) best = total;
      return;
    }
    const list = byApp[i]!;
    const k = inst.applications[i]!.k;
    const chosen: number[] = [];
    const pick = (from: number): void => {
      if (chosen.length === k) {
        if (inst.onePerUnit) {
          const us = chosen.map((p) => inst.experts[inst.pairs.expert[p]!]!.unit);
          if (new Set(us).size < us.length) return;
        }
        rec(i + 1, total + chosen.reduce((s, p) => s + inst.pairs.affinity[p]!, 0));
        return;
      }
      for (let c = from; c < list.length; c++) {
        const p = list[c]!;
        const j = inst.pairs.expert[p]!;
        if (load[j]! >= inst.experts[j]!.cap) continue;
        load[j]!++;
        chosen.push(p);
        pick(c + 1);
        chosen.pop();
        load[j]!--;
      }
    };
    pick(0);
  };
  rec(0, 0);
  return best;
}

describe('expert assignment (min-cost flow with certificate)', () => {
  it('matches brute force on small random instances and its certificate verifies', () => {
    let feasible = 0;
    let infeasible = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const onePerUnit = seed % 3 === 0;
      const inst = randomInstance(seed, 3 + (seed % 3), 5 + (seed % 2), 2, 0.75, onePerUnit);
      const best = bruteForce(inst);
      const res = solveAssignment(inst, { candidates: seed % 2 === 0 ? 'all' : 3 });
      if (best === null) {
        infeasible++;
        expect(res.status).toBe('infeasible');
        continue;
      }
      feasible++;
      expect(res.status).toBe('optimal');
      const opt = res as OptimalAssignment;
      expect(opt.total).toBe(best);
      const check = verifyAssignmentCertificate(inst, opt);
      expect(check.violations).toEqual([]);
      expect(check.ok).toBe(true);
      expect(check.dual).toBe(best);
    }
    expect(feasible).toBeGreaterThan(20);
    expect(infeasible).toBeGreaterThan(0);
  });

  it('rejects a tampered solution and tampered prices', () => {
    const inst = randomInstance(7, 6, 8, 2, 0.8);
    const res = solveAssignment(inst) as OptimalAssignment;
    expect(res.status).toBe('optimal');
    expect(verifyAssignmentCertificate(inst, res).ok).toBe(true);

    // Swap one assigned pair for an unassigned pair of the same application: feasible perhaps, not certified.
    const assigned = new Set(res.pairs);
    const p0 = res.pairs[0]!;
    const app = inst.pairs.application[p0]!;
    let swap = -1;
    for (let p = 0; p < inst.pairs.application.length; p++) if (!assigned.has(p) && inst.pairs.application[p] === app) swap = p;
    expect(swap).toBeGreaterThanOrEqual(0);
    const tampered = { ...res, pairs: res.pairs.map((p) => (p === p0 ? swap : p)) };
    expect(verifyAssignmentCertificate(inst, tampered).ok).toBe(false);

    // Dropping a pair breaks feasibility.
    expect(verifyAssignmentCertificate(inst, { ...res, pairs: res.pairs.slice(1) }).ok).toBe(false);

    // Tampered prices: shifting one application's price breaks slackness or the duality equation.
    const u = [...res.certificate.applicationPrice];
    u[app] = u[app]! + 1;
    const bad = verifyAssignmentCertificate(inst, { ...res, certificate: { ...res.certificate, applicationPrice: u } });
    expect(bad.ok).toBe(false);
    const v = res.certificate.expertPrice.map(() => -1);
    expect(verifyAssignmentCertificate(inst, { ...res, certificate: { ...res.certificate, expertPrice: v } }).ok).toBe(false);
  });

  it('explains infeasibility: names applications lacking eligible experts, and a deficient set when caps run out', () => {
    const experts = [
      { id: 'E1', cap: 1, unit: 'U1' },
      { id: 'E2', cap: 1, unit: 'U2' },
      { id: 'E3', cap: 5, unit: 'U3' },
    ];
    const few = assignmentInstance({
      applications: [
        { id: 'A1', k: 2 },
        { id: 'A2', k: 2 },
      ],
      experts,
      pairs: [
        { application: 'A1', expert: 'E1', affinity: 5 },
        { application: 'A1', expert: 'E3', affinity: 5 },
        { application: 'A2', expert: 'E3', affinity: 5 }, // E1, E2 conflicted with A2
      ],
    });
    const r1 = solveAssignment(few);
    expect(r1.status).toBe('infeasible');
    if (r1.status !== 'infeasible') return;
    expect(r1.lacking.map((l) => l.application)).toEqual(['A2']);
    expect(r1.lacking[0]).toMatchObject({ required: 2, eligible: 1, reason: 'too-few-eligible-experts' });
    expect(r1.message).toContain('A2');

    // Caps: A1, A2, A3 each need 2 among E1, E2 (cap 1 each) and E3 (cap 2): 6 needed, 4 available.
    const caps = assignmentInstance({
      applications: [
        { id: 'A1', k: 2 },
        { id: 'A2', k: 2 },
        { id: 'A3', k: 2 },
        { id: 'A4', k: 1 },
      ],
      experts: [...experts.slice(0, 2), { id: 'E3', cap: 2, unit: 'U3' }, { id: 'E4', cap: 3, unit: 'U4' }],
      pairs: [
        ...['A1', 'A2', 'A3'].flatMap((a) => ['E1', 'E2', 'E3'].map((e) => ({ application: a, expert: e, affinity: 1 }))),
        { application: 'A4', expert: 'E4', affinity: 1 },
      ],
    });
    const r2 = solveAssignment(caps, { candidates: 1 });
    expect(r2.status).toBe('infeasible');
    if (r2.status !== 'infeasible') return;
    expect(r2.lacking).toEqual([]);
    expect(r2.deficient.applications.sort()).toEqual(['A1', 'A2', 'A3']);
    expect(r2.deficient).toMatchObject({ required: 6, available: 4 });
    expect(r2.deficient.saturatedExperts.sort()).toEqual(['E1', 'E2', 'E3']);
    expect(r2.maxAssignable).toBe(5);
  });

  it('respects at most one expert per unit per application', () => {
    const inst = assignmentInstance({
      applications: [{ id: 'A1', k: 2 }],
      experts: [
        { id: 'E1', cap: 1, unit: 'U1' },
        { id: 'E2', cap: 1, unit: 'U1' },
        { id: 'E3', cap: 1, unit: 'U2' },
      ],
      pairs: [
        { application: 'A1', expert: 'E1', affinity: 10 },
        { application: 'A1', expert: 'E2', affinity: 9 },
        { application: 'A1', expert: 'E3', affinity: 1 },
      ],
      onePerUnit: true,
    });
    const res = solveAssignment(inst) as OptimalAssignment;
    expect(res.status).toBe('optimal');
    expect(res.experts[0]!.sort()).toEqual([0, 2]);
    expect(res.total).toBe(11);
    expect(verifyAssignmentCertificate(inst, res).ok).toBe(true);
    // Without the option both U1 experts are taken.
    const free = solveAssignment({ ...inst, onePerUnit: false }) as OptimalAssignment;
    expect(free.total).toBe(19);
    // A certificate for the option-free solution fails on the option's instance.
    expect(verifyAssignmentCertificate(inst, free).ok).toBe(false);
  });

  it('reduced-candidate solve with pricing equals the full solve and certifies over all pairs', () => {
    for (const onePerUnit of [false, true]) {
      const inst = randomInstance(99, 30, 40, 2, 0.7, onePerUnit);
      const full = solveAssignment(inst, { candidates: 'all' });
      const reduced = solveAssignment(inst, { candidates: 2 });
      expect(full.status).toBe('optimal');
      expect(reduced.status).toBe('optimal');
      if (full.status !== 'optimal' || reduced.status !== 'optimal') return;
      expect(reduced.total).toBe(full.total);
      expect(reduced.stats.candidatePairs).toBeLessThan(full.stats.candidatePairs);
      expect(reduced.stats.rounds).toBeGreaterThan(1);
      expect(verifyAssignmentCertificate(inst, reduced).ok).toBe(true);
      expect(verifyAssignmentCertificate(inst, full).ok).toBe(true);
    }
  });

  it('widens a reduced candidate set that is infeasible on its own', () => {
    // Top-1 candidates both pick E1 (cap 1): infeasible on the candidates, feasible over all pairs.
    const inst = assignmentInstance({
      applications: [
        { id: 'A1', k: 1 },
        { id: 'A2', k: 1 },
      ],
      experts: [
        { id: 'E1', cap: 1, unit: 'U1' },
        { id: 'E2', cap: 1, unit: 'U2' },
      ],
      pairs: [
        { application: 'A1', expert: 'E1', affinity: 9 },
        { application: 'A1', expert: 'E2', affinity: 1 },
        { application: 'A2', expert: 'E1', affinity: 8 },
        { application: 'A2', expert: 'E2', affinity: 5 },
      ],
    });
    const res = solveAssignment(inst, { candidates: 1 });
    expect(res.status).toBe('optimal');
    if (res.status !== 'optimal') return;
    expect(res.total).toBe(14);
    expect(res.stats.rounds).toBeGreaterThan(1);
    expect(verifyAssignmentCertificate(inst, res).ok).toBe(true);
  });

  it('rejects malformed input', () => {
    expect(() =>
      solveAssignment({
        applications: [{ id: 'A', k: 1 }],
        experts: [{ id: 'E', cap: 1, unit: 'U' }],
        pairs: { application: [0, 0], expert: [0, 0], affinity: [1, 2] },
      }),
    ).toThrow(/duplicate/);
    expect(() => assignmentInstance({ applications: [], experts: [], pairs: [{ application: 'X', expert: 'Y', affinity: 1 }] })).toThrow(
      /unknown/,
    );
  });
});
