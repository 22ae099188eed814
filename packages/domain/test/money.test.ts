import { describe, expect, it } from 'vitest';
import { assertYuan, formatWan, formatYuan, isYuan, sumYuan, wanToYuan, yuanToWan } from '../src/money.js';

describe('assertYuan', () => {
  it('accepts safe integers ≥ 0', () => {
    for (const n of [0, 1, 1_000_000, Number.MAX_SAFE_INTEGER]) expect(() => assertYuan(n)).not.toThrow();
  });

  it('rejects negatives, fractions and unsafe numbers', () => {
    for (const n of [-1, 0.5, 1e6 + 0.1, Number.NaN, Infinity, Number.MAX_SAFE_INTEGER + 1]) {
      expect(() => assertYuan(n), String(n)).toThrow(RangeError);
    }
    expect(isYuan('100')).toBe(false);
    expect(isYuan(-0)).toBe(true);
  });

  it('sums safely', () => {
    expect(sumYuan([1_000_000, 2_000_000])).toBe(3_000_000);
    expect(sumYuan([])).toBe(0);
    expect(() => sumYuan([1, 0.5])).toThrow(RangeError);
    expect(() => sumYuan([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });
});

describe('formatYuan', () => {
  it('groups thousands', () => {
    expect(formatYuan(1_000_000, 'zh')).toBe('1,000,000 元');
    expect(formatYuan(1_000_000, 'en')).toBe('RMB 1,000,000');
    expect(formatYuan(0, 'zh')).toBe('0 元');
    expect(formatYuan(999, 'zh')).toBe('999 元');
    expect(formatYuan(1000, 'zh')).toBe('1,000 元');
    expect(formatYuan(-1500, 'zh')).toBe('-1,500 元');
    expect(formatYuan(-1500, 'en')).toBe('-RMB 1,500');
  });

  it('rejects non-integers', () => {
    expect(() => formatYuan(1.5, 'zh')).toThrow(RangeError);
    expect(() => formatYuan(Number.NaN, 'en')).toThrow(RangeError);
  });
});

describe('formatWan', () => {
  it('shows 万元 in Chinese, to two decimals (100 yuan)', () => {
    expect(formatWan(1_000_000, 'zh')).toBe('100 万元');
    expect(formatWan(2_000_000, 'zh')).toBe('200 万元');
    expect(formatWan(10_000_000, 'zh')).toBe('1,000 万元');
    expect(formatWan(1_234_567, 'zh')).toBe('123.46 万元');
    expect(formatWan(1_234_549, 'zh')).toBe('123.45 万元');
    expect(formatWan(1_230_000, 'zh')).toBe('123 万元');
    expect(formatWan(1_201_000, 'zh')).toBe('120.1 万元');
    expect(formatWan(5, 'zh')).toBe('0 万元');
    expect(formatWan(50, 'zh')).toBe('0.01 万元');
    expect(formatWan(0, 'zh')).toBe('0 万元');
    expect(formatWan(-1_500_000, 'zh')).toBe('-150 万元');
    expect(formatWan(-1_234_567, 'zh')).toBe('-123.46 万元');
  });

  it('shows millions in English, to four decimals (100 yuan)', () => {
    expect(formatWan(1_000_000, 'en')).toBe('RMB 1 million');
    expect(formatWan(10_000_000, 'en')).toBe('RMB 10 million');
    expect(formatWan(150_000, 'en')).toBe('RMB 0.15 million');
    expect(formatWan(1_234_567, 'en')).toBe('RMB 1.2346 million');
    expect(formatWan(5, 'en')).toBe('RMB 0 million');
    expect(formatWan(10_000_000_000, 'en')).toBe('RMB 10,000 million');
  });

  it('rejects non-integers', () => {
    expect(() => formatWan(0.5, 'zh')).toThrow(RangeError);
  });
});

describe('wanToYuan', () => {
  it('converts strings and numbers exactly', () => {
    expect(wanToYuan('123.4567')).toBe(1_234_567);
    expect(wanToYuan(123.4567)).toBe(1_234_567);
    expect(wanToYuan(100)).toBe(1_000_000);
    expect(wanToYuan('200')).toBe(2_000_000);
    expect(wanToYuan('0.0001')).toBe(1);
    expect(wanToYuan('0')).toBe(0);
    expect(wanToYuan(' 1000 ')).toBe(10_000_000);
    expect(wanToYuan('1,000')).toBe(10_000_000);
    expect(wanToYuan('1,000.5')).toBe(10_005_000);
    expect(wanToYuan('1.23450')).toBe(12_345);
    expect(wanToYuan('007.5')).toBe(75_000);
  });

  it('avoids the float errors of multiplying by 10,000', () => {
    expect(0.07 * 10_000).not.toBe(700);
    expect(wanToYuan(0.07)).toBe(700);
    expect(1.005 * 10_000).not.toBe(10_050);
    expect(wanToYuan(1.005)).toBe(10_050);
    expect(wanToYuan('1.005')).toBe(10_050);
  });

  it('rejects what is not a whole number of yuan', () => {
    expect(() => wanToYuan('1.23456')).toThrow(/4 decimals/);
    expect(() => wanToYuan(0.1 + 0.2)).toThrow(RangeError);
  });

  it('rejects malformed, negative and oversized input', () => {
    for (const bad of ['', ' ', '-1', '+1', '1e3', 'abc', '1,00', '12,3456', '.5', '5.', '1 000', '１００']) {
      expect(() => wanToYuan(bad), JSON.stringify(bad)).toThrow(RangeError);
    }
    for (const bad of [-1, Number.NaN, Infinity, 1e21, 1e-7]) {
      expect(() => wanToYuan(bad), String(bad)).toThrow(RangeError);
    }
    expect(wanToYuan('900719925474.0991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => wanToYuan('900719925474.0992')).toThrow(/too large/);
  });
});

describe('yuanToWan', () => {
  it('gives up to four decimals without trailing zeros', () => {
    expect(yuanToWan(1_234_567)).toBe('123.4567');
    expect(yuanToWan(1_000_000)).toBe('100');
    expect(yuanToWan(1_500_000)).toBe('150');
    expect(yuanToWan(150_000)).toBe('15');
    expect(yuanToWan(12_345)).toBe('1.2345');
    expect(yuanToWan(10)).toBe('0.001');
    expect(yuanToWan(5)).toBe('0.0005');
    expect(yuanToWan(0)).toBe('0');
    expect(yuanToWan(Number.MAX_SAFE_INTEGER)).toBe('900719925474.0991');
  });

  it('rejects what is not yuan', () => {
    expect(() => yuanToWan(-1)).toThrow(RangeError);
    expect(() => yuanToWan(1.5)).toThrow(RangeError);
  });

  it('round-trips with wanToYuan', () => {
    let n = 1;
    for (let i = 0; i < 200; i++) {
      n = (n * 7919 + 104_729) % 9_000_000_000_000;
      expect(wanToYuan(yuanToWan(n))).toBe(n);
    }
  });
});
