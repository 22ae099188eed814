import { describe, expect, it } from 'vitest';
import { generateRegistry, DEFAULT_OPTIONS } from '../src/index.js';
import { defaultRegistry } from './helpers.js';

describe('determinism', () => {
  it('gives byte-identical output for the same seed', () => {
    expect(JSON.stringify(generateRegistry())).toBe(JSON.stringify(defaultRegistry()));
    const small = { seed: 7, organisations: 300, experts: 50, researchers: 80 };
    expect(JSON.stringify(generateRegistry(small))).toBe(JSON.stringify(generateRegistry(small)));
  });
  it('differs for another seed', () => {
    const other = generateRegistry({ seed: DEFAULT_OPTIONS.seed + 1 });
    expect(JSON.stringify(other.organisations)).not.toBe(JSON.stringify(defaultRegistry().organisations));
    expect(JSON.stringify(other.people)).not.toBe(JSON.stringify(defaultRegistry().people));
  });
  it('keeps organisations stable when only the number of people changes', () => {
    const a = generateRegistry({ seed: 3, organisations: 400, experts: 10, researchers: 10 });
    const b = generateRegistry({ seed: 3, organisations: 400, experts: 30, researchers: 5 });
    expect(JSON.stringify(a.organisations)).toBe(JSON.stringify(b.organisations));
    expect(JSON.stringify(a.controlEdges)).toBe(JSON.stringify(b.controlEdges));
  });
  it('does not depend on Math.random or the clock', () => {
    const random = Math.random;
    const now = Date.now;
    Math.random = () => {
      throw new Error('Math.random used');
    };
    Date.now = () => {
      throw new Error('Date.now used');
    };
    try {
      expect(() => generateRegistry({ organisations: 200, experts: 20, researchers: 20 })).not.toThrow();
    } finally {
      Math.random = random;
      Date.now = now;
    }
  });
  it('uses the documented defaults', () => {
    const reg = defaultRegistry();
    expect(reg.organisations).toHaveLength(2000);
    expect(reg.people.filter((p) => p.isExpert)).toHaveLength(800);
    expect(reg.people.filter((p) => !p.isExpert)).toHaveLength(1200);
  });
  it('validates options', () => {
    expect(() => generateRegistry({ organisations: 50 })).toThrow(RangeError);
    expect(() => generateRegistry({ experts: -1 })).toThrow(RangeError);
    expect(() => generateRegistry({ organisations: 120, experts: 0, researchers: 0 })).not.toThrow();
  });
});
