import { describe, expect, it } from 'vitest';
import { isGuangzhouRegion, isValidUscc } from '@rdplan/domain';
import { MIN_ORGANISATIONS, generateRegistry } from '../src/index.js';
import { controlDepths } from './helpers.js';

describe('scale', () => {
  // How fast: `npm run bench -- registry-seed` (durations belong in bench/, not in tests).
  it('generates the same registry for the same seed by default', () => {
    const a = generateRegistry();
    const b = generateRegistry();
    expect(a.organisations.length).toBeGreaterThanOrEqual(MIN_ORGANISATIONS);
    expect(b.organisations.map((o) => o.uscc)).toEqual(a.organisations.map((o) => o.uscc));
  });

  it('generates 100,000 organisations without duplicate codes or names', () => {
    const reg = generateRegistry({ organisations: 100_000, experts: 2000, researchers: 5000 });
    const orgs = reg.organisations;
    expect(orgs).toHaveLength(100_000);
    expect(new Set(orgs.map((o) => o.uscc)).size).toBe(100_000);
    expect(new Set(orgs.map((o) => o.name)).size).toBe(100_000);
    expect(orgs.every((o) => isValidUscc(o.uscc))).toBe(true);
    const certs = orgs.flatMap((o) => (o.hnteCertNo ? [o.hnteCertNo] : []));
    expect(new Set(certs).size).toBe(certs.length);
    const gz = orgs.filter((o) => isGuangzhouRegion(o.regionCode)).length / orgs.length;
    expect(gz).toBeGreaterThan(0.72);
    expect(gz).toBeLessThan(0.78);
    expect(Math.max(...controlDepths(reg).values())).toBeLessThanOrEqual(3);
    const children = new Set<string>();
    for (const e of reg.controlEdges) {
      expect(children.has(e.childUscc)).toBe(false);
      children.add(e.childUscc);
    }
  }, 60_000);

  it('works at the minimum size', () => {
    const reg = generateRegistry({ organisations: MIN_ORGANISATIONS, experts: 12, researchers: 20 });
    expect(reg.organisations).toHaveLength(MIN_ORGANISATIONS);
    for (const c of reg.chains) expect(c.leaderUsccs.length).toBeGreaterThanOrEqual(1);
    const direct = new Map<string, number>();
    for (const e of reg.controlEdges) direct.set(e.parentUscc, (direct.get(e.parentUscc) ?? 0) + 1);
    for (const u of reg.chains.flatMap((c) => c.leaderUsccs)) expect(direct.get(u)).toBeGreaterThanOrEqual(3);
    expect(new Set(reg.organisations.map((o) => o.uscc)).size).toBe(MIN_ORGANISATIONS);
  });
});
