/**
 * Money is integer yuan, never floats. Chinese users read amounts in 万元 (10,000 yuan); conversion
 * to and from 万元 is done on decimal strings so that no binary-fraction error creeps in.
 */
import type { Lang } from './i18n.js';

/** An amount in yuan: a safe integer, ≥ 0 wherever assertYuan guards it. */
export type Yuan = number;

export const YUAN_PER_WAN = 10_000;

export function isYuan(n: unknown): n is Yuan {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

/** Throws a RangeError unless n is a safe integer ≥ 0. */
export function assertYuan(n: number): asserts n is Yuan {
  if (!isYuan(n)) throw new RangeError(`not an amount of yuan (safe integer ≥ 0): ${n}`);
}

/** Sum of amounts; throws if any is not yuan or the total is not a safe integer. */
export function sumYuan(amounts: readonly number[]): Yuan {
  let total = 0;
  for (const a of amounts) {
    assertYuan(a);
    total += a;
  }
  assertYuan(total);
  return total;
}

function assertInteger(n: number): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a safe integer amount: ${n}`);
}

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "1,000,000 元" / "RMB 1,000,000". Negative amounts (differences) keep their sign. */
export function formatYuan(n: number, lang: Lang): string {
  assertInteger(n);
  const sign = n < 0 ? '-' : '';
  const digits = group(String(Math.abs(n)));
  return lang === 'zh' ? `${sign}${digits} 元` : `${sign}RMB ${digits}`;
}

/** Splits |n| / 10^places into integer digits and fraction digits without trailing zeros. */
function scaled(n: number, places: number): { int: string; frac: string } {
  const digits = String(Math.abs(n)).padStart(places + 1, '0');
  return {
    int: digits.slice(0, -places),
    frac: digits.slice(-places).replace(/0+$/, ''),
  };
}

/**
 * An amount as people read it: in 万元 for zh ("100 万元", "123.46 万元", "1,000 万元") and in millions
 * for en ("RMB 1 million", "RMB 0.15 million", "RMB 1.2346 million"), to the nearest 100 yuan (two
 * decimals of 万元, the precision of a budget table), half away from zero. Inputs stay exact
 * (wanToYuan takes four decimals); only what is shown is rounded.
 */
export function formatWan(n: number, lang: Lang): string {
  assertInteger(n);
  const a = Math.abs(n);
  const hundreds = Math.floor(a / 100) + (a % 100 >= 50 ? 1 : 0);
  const sign = n < 0 && hundreds > 0 ? '-' : '';
  const { int, frac } = scaled(hundreds, lang === 'zh' ? 2 : 4);
  const num = group(int) + (frac ? `.${frac}` : '');
  return lang === 'zh' ? `${sign}${num} 万元` : `${sign}RMB ${num} million`;
}

/** Yuan as a 万元 decimal string with up to 4 decimals and no trailing zeros: 1234567 → '123.4567'. */
export function yuanToWan(n: Yuan): string {
  assertYuan(n);
  const { int, frac } = scaled(n, 4);
  return frac ? `${int}.${frac}` : int;
}

const WAN_PATTERN = /^(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/;

/**
 * 万元 → yuan, exactly: '123.4567' → 1234567, 100 → 1000000, '1,000' → 10000000. Accepts digits
 * with an optional fraction (thousands commas allowed); throws a RangeError for negatives, more than
 * 4 significant decimals (a fraction of a yuan), exponents, or results beyond a safe integer.
 */
export function wanToYuan(wan: number | string): Yuan {
  if (typeof wan === 'number' && !Number.isFinite(wan)) throw new RangeError(`not an amount in 万元: ${wan}`);
  const text = typeof wan === 'number' ? String(wan) : wan.trim();
  const m = WAN_PATTERN.exec(text);
  if (!m) throw new RangeError(`not an amount in 万元: ${JSON.stringify(wan)}`);
  const int = m[1]!.replace(/,/g, '');
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (frac.length > 4) throw new RangeError(`more than 4 decimals of 万元 (a fraction of a yuan): ${text}`);
  const yuan = BigInt(int) * 10_000n + BigInt(frac.padEnd(4, '0'));
  if (yuan > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`amount too large: ${text} 万元`);
  return Number(yuan);
}
