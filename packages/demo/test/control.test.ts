import { describe, expect, it } from 'vitest';
import { ControlGraph } from '@rdplan/domain';
import { controlDepths, defaultRegistry } from './helpers.js';

const reg = defaultRegistry();

describe('corporate control', () => {
  const byUscc = new Map(reg.organisations.map((o) => [o.uscc, o]));
  const children = new Map<string, string[]>();
  for (const e of reg.controlEdges) children.set(e.parentUscc, [...(children.get(e.parentUscc) ?? []), e.childUscc]);
  const descendants = (u: string): string[] => (children.get(u) ?? []).flatMap((c) => [c, ...descendants(c)]);

  it('links existing enterprises, each child with a single parent', () => {
    const seen = new Set<string>();
    for (const e of reg.controlEdges) {
      expect(byUscc.get(e.parentUscc)?.type).toBe('enterprise');
      expect(byUscc.get(e.childUscc)?.type).toBe('enterprise');
      expect(e.parentUscc).not.toBe(e.childUscc);
      expect(seen.has(e.childUscc)).toBe(false);
      seen.add(e.childUscc);
    }
  });

  it('is acyclic with depth ≤ 3', () => {
    const depths = controlDepths(reg); // throws on a cycle
    expect(Math.max(...depths.values())).toBeLessThanOrEqual(3);
    expect(Math.max(...depths.values())).toBeGreaterThanOrEqual(2);
  });

  it('agrees with the domain control graph (groups, no cycles)', () => {
    const g = new ControlGraph();
    for (const e of reg.controlEdges) {
      expect(g.wouldCreateCycle(e.parentUscc, e.childUscc)).toBe(false);
      g.addEdge(e.parentUscc, e.childUscc);
    }
    for (const u of reg.chains.flatMap((c) => c.leaderUsccs)) {
      expect(new Set(g.descendants(u))).toEqual(new Set(descendants(u)));
      expect(g.ancestors(u)).toEqual([]);
    }
  });

  it('mostly records majority holdings', () => {
    const pcts = reg.controlEdges.map((e) => e.sharePct);
    for (const p of pcts) if (p !== null) expect(p > 0 && p <= 100).toBe(true);
    const majority = pcts.filter((p) => p !== null && p >= 51).length;
    expect(majority / pcts.length).toBeGreaterThan(0.8);
  });

  it('makes every chain leader a group root with 3–12 subsidiaries, ≥ 3 of them direct', () => {
    const leaders = reg.chains.flatMap((c) => c.leaderUsccs);
    const childSet = new Set(reg.controlEdges.map((e) => e.childUscc));
    for (const u of leaders) {
      expect(childSet.has(u)).toBe(false);
      expect((children.get(u) ?? []).length).toBeGreaterThanOrEqual(3);
      const all = descendants(u);
      expect(all.length).toBeGreaterThanOrEqual(3);
      expect(all.length).toBeLessThanOrEqual(12);
    }
    expect(leaders.some((u) => descendants(u).length > (children.get(u) ?? []).length)).toBe(true);
  });

  it('has other enterprise groups besides the chain leaders', () => {
    const leaders = new Set(reg.chains.flatMap((c) => c.leaderUsccs));
    const childSet = new Set(reg.controlEdges.map((e) => e.childUscc));
    const roots = [...children.keys()].filter((u) => !childSet.has(u));
    expect(roots.filter((u) => !leaders.has(u)).length).toBeGreaterThan(5);
  });
});
