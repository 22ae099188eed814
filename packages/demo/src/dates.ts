/** Calendar helpers on ISO dates (YYYY-MM-DD), computed in UTC so that results never depend on the host. */

import type { Rng } from './random.js';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for an ISO date. */
export function dayNumber(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`not an ISO date: ${iso}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

export function isoFromDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function isoDate(year: number, month: number, day: number): string {
  return isoFromDay(Date.UTC(year, month - 1, day) / DAY_MS);
}

export function addDays(iso: string, days: number): string {
  return isoFromDay(dayNumber(iso) + days);
}

/** Same calendar day `years` later, minus one day: the last day of a validity period. */
export function periodEnd(fromIso: string, years: number): string {
  const y = Number(fromIso.slice(0, 4));
  return addDays(`${y + years}${fromIso.slice(4)}`, -1);
}

/** A uniformly random day in [fromIso, toIso]. */
export function randomDate(rng: Rng, fromIso: string, toIso: string): string {
  return isoFromDay(rng.int(dayNumber(fromIso), dayNumber(toIso)));
}
