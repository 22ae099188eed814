import { describe, expect, it } from 'vitest';
import { Rng, WeightedTable } from '../src/random.js';

describe('Rng', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const sa = Array.from({ length: 20 }, () => a.uint32());
    expect(Array.from({ length: 20 }, () => b.uint32())).toEqual(sa);
    expect(Array.from({ length: 20 }, () => c.uint32())).not.toEqual(sa);
  });
  it('derives independent streams by label', () => {
    expect(Rng.derive(1, 'x').uint32()).not.toBe(Rng.derive(1, 'y').uint32());
    expect(Rng.derive(1, 'x').uint32()).toBe(Rng.derive(1, 'x').uint32());
  });
  it('keeps int within bounds and covers them', () => {
    const r = new Rng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const v = r.int(3, 8);
      expect(v).toBeGreaterThanOrEqual(3);
      expect(v).toBeLessThanOrEqual(8);
      seen.add(v);
    }
    expect(seen.size).toBe(6);
  });
  it('picks by weight, never zero weights', () => {
    const r = new Rng(9);
    let heavy = 0;
    for (let i = 0; i < 4000; i++) {
      const v = r.weighted([
        ['a', 3],
        ['b', 1],
        ['z', 0],
      ] as const);
      expect(v).not.toBe('z');
      if (v === 'a') heavy++;
    }
    expect(heavy / 4000).toBeGreaterThan(0.7);
    expect(heavy / 4000).toBeLessThan(0.8);
  });
  it('shuffles into a permutation and samples distinct items', () => {
    const r = new Rng(11);
    const items = Array.from({ length: 50 }, (_, i) => i);
    expect([...r.shuffle(items)].sort((x, y) => x - y)).toEqual(items);
    expect(new Set(r.sample(items, 10)).size).toBe(10);
  });
  it('rejects bad input', () => {
    expect(() => new Rng(Number.NaN)).toThrow(RangeError);
    expect(() => new Rng(1).pick([])).toThrow(RangeError);
    expect(() => new Rng(1).int(2, 1)).toThrow(RangeError);
  });
  it('weighted tables agree with their weights', () => {
    const r = new Rng(5);
    const t = new WeightedTable<string>([
      ['x', 1],
      ['y', 9],
      ['never', 0],
    ]);
    expect(t.size).toBe(2);
    let y = 0;
    for (let i = 0; i < 5000; i++) if (t.pick(r) === 'y') y++;
    expect(y / 5000).toBeGreaterThan(0.87);
    expect(y / 5000).toBeLessThan(0.93);
  });
});
