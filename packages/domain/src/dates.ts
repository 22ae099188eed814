/**
 * Calendar dates as ISO 'YYYY-MM-DD' strings. A date of policy meaning (deadline, notice period,
 * certificate validity) is a calendar date in Asia/Shanghai, never an instant.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function toUtcMs(date: string): number | null {
  const m = ISO_DATE.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // setUTCFullYear, unlike Date.UTC, keeps years 0–99; a rolled-over 02-30 fails the round trip.
  const back = new Date(0);
  back.setUTCFullYear(y, mo - 1, d);
  const ms = back.getTime();
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms;
}

function fromUtcMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** True for a real calendar date written 'YYYY-MM-DD' (rejects 2025-02-29, 2025-1-1). */
export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && toUtcMs(value) !== null;
}

/** Throws a RangeError naming the value unless it is a real 'YYYY-MM-DD' date. */
export function assertIsoDate(value: string): void {
  if (!isIsoDate(value)) throw new RangeError(`not a calendar date 'YYYY-MM-DD': ${JSON.stringify(value)}`);
}

function ms(date: string): number {
  assertIsoDate(date);
  return toUtcMs(date)!;
}

/** The date n calendar days later (n may be negative). */
export function addDays(date: string, n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`day count must be an integer: ${n}`);
  return fromUtcMs(ms(date) + n * DAY_MS);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((ms(to) - ms(from)) / DAY_MS);
}

/** ISO 8601 weekday: 1 = Monday … 6 = Saturday, 7 = Sunday. */
export function weekday(date: string): number {
  const d = new Date(ms(date)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Saturday or Sunday. */
export function isWeekend(date: string): boolean {
  return weekday(date) >= 6;
}

export function yearOf(date: string): number {
  assertIsoDate(date);
  return Number(date.slice(0, 4));
}

const SHANGHAI = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Asia/Shanghai at an instant, e.g. 2025-09-30T16:00Z → '2025-10-01'. */
export function shanghaiDate(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError('invalid Date');
  const parts = SHANGHAI.formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year').padStart(4, '0')}-${get('month')}-${get('day')}`;
}
