import { describe, expect, it } from 'vitest';
import { isValidUscc } from '@rdplan/domain';
import { generateNational, generateRegistry } from '../src/index.js';

const registry = generateRegistry({ organisations: 400, experts: 0, researchers: 0 });
const data = generateNational(registry, { size: 'demo' });

describe('generateNational', () => {
  it('is deterministic and has the demo size', () => {
    expect(data.applications).toHaveLength(600);
    expect(data.projects).toHaveLength(150);
    expect(JSON.stringify(generateNational(registry, { size: 'demo' }))).toBe(JSON.stringify(data));
  });

  it('keeps a truth row per unit with valid credit codes, in and outside the registry', () => {
    const units =
      data.applications.reduce((n, a) => n + 1 + a.participants.length, 0) +
      data.projects.reduce((n, p) => n + 1 + p.participants.length, 0);
    expect(data.truth).toHaveLength(units);
    const known = new Set(registry.organisations.map((o) => o.uscc));
    expect(data.truth.some((t) => t.uscc === null)).toBe(true);
    for (const t of data.truth) if (t.uscc) expect(known.has(t.uscc)).toBe(true);
    for (const a of data.applications) for (const u of [a.lead, ...a.participants]) if (u.uscc) expect(isValidUscc(u.uscc)).toBe(true);
    const withCode = data.truth.length - data.applications.filter((a) => !a.lead.uscc).length;
    expect(withCode).toBeGreaterThan(0);
  });

  it('writes plausible stages, outcomes and project periods', () => {
    const finals = data.applications.filter((a) => a.stage === 'final_defence').length / data.applications.length;
    expect(finals).toBeGreaterThan(0.2);
    expect(finals).toBeLessThan(0.4);
    for (const p of data.projects) {
      expect(p.endDate >= p.startDate).toBe(true);
      if (p.acceptance) expect(p.acceptance.date > p.endDate).toBe(true);
    }
  });
});
