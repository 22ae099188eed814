/**
 * Mainland China working-day calendar. Monday–Friday are working days except official holidays;
 * some weekend days are adjusted working days (调休上班). The schedule is published year by year,
 * so a calendar is data: the years it covers and the exceptions inside them. Asking about a date in
 * a year that is not covered throws a CalendarGapError rather than guessing from weekdays.
 */
import { AppError } from './errors.js';
import type { Text } from './i18n.js';
import { addDays, assertIsoDate, isIsoDate, isWeekend, yearOf } from './dates.js';

export type CalendarDayKind = 'holiday' | 'workday';

export interface CalendarDay {
  date: string;
  /** holiday = official day off (any weekday); workday = adjusted working day on a weekend. */
  kind: CalendarDayKind;
  /** The festival the day belongs to, e.g. 国庆节 for both its days off and its 调休 workdays. */
  name: Text | null;
}

/**
 * A working-day calendar: `years` are covered completely (a covered year with no entry for a date
 * means an ordinary Monday–Friday rule), `days` are the exceptions. Treat it as immutable: lookups
 * are indexed once per object.
 */
export interface CalendarData {
  years: number[];
  days: CalendarDay[];
}

/** A date was asked about in a year that the calendar does not cover. */
export class CalendarGapError extends AppError {
  readonly year: number;
  readonly date: string;

  constructor(year: number, date: string) {
    super('calendar_gap', { year, date }, `no working-day calendar for ${year} (asked about ${date})`);
    this.name = 'CalendarGapError';
    this.year = year;
    this.date = date;
  }
}

interface CalendarIndex {
  years: readonly number[];
  days: readonly CalendarDay[];
  yearsLength: number;
  daysLength: number;
  covered: Set<number>;
  kinds: Map<string, CalendarDayKind>;
}

const INDEXES = new WeakMap<CalendarData, CalendarIndex>();

function indexOf(data: CalendarData): CalendarIndex {
  const cached = INDEXES.get(data);
  if (
    cached &&
    cached.years === data.years &&
    cached.days === data.days &&
    cached.yearsLength === data.years.length &&
    cached.daysLength === data.days.length
  ) {
    return cached;
  }
  const index: CalendarIndex = {
    years: data.years,
    days: data.days,
    yearsLength: data.years.length,
    daysLength: data.days.length,
    covered: new Set(data.years),
    kinds: new Map(data.days.map((d) => [d.date, d.kind])),
  };
  INDEXES.set(data, index);
  return index;
}

/** True when the calendar covers the year of the date. */
export function coversDate(date: string, data: CalendarData): boolean {
  return indexOf(data).covered.has(yearOf(date));
}

/** Whether the date is a working day; throws CalendarGapError for an uncovered year. */
export function isWorkingDay(date: string, data: CalendarData): boolean {
  const index = indexOf(data);
  const year = yearOf(date);
  if (!index.covered.has(year)) throw new CalendarGapError(year, date);
  const kind = index.kinds.get(date);
  if (kind) return kind === 'workday';
  return !isWeekend(date);
}

function assertCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`working-day count must be an integer ≥ 0: ${n}`);
}

/**
 * The date that is n working days after `date` (the date itself is not counted; n = 0 returns it
 * unchanged). E.g. 5 working days after Friday 2025-09-26 is 2025-10-10, skipping the National Day
 * holiday but counting the adjusted working day 2025-09-28.
 */
export function addWorkingDays(date: string, n: number, data: CalendarData): string {
  assertIsoDate(date);
  assertCount(n);
  let current = date;
  for (let counted = 0; counted < n;) {
    current = addDays(current, 1);
    if (isWorkingDay(current, data)) counted++;
  }
  return current;
}

/** The date itself when it is a working day, else the next working day. */
export function firstWorkingDayOnOrAfter(date: string, data: CalendarData): string {
  let current = date;
  while (!isWorkingDay(current, data)) current = addDays(current, 1);
  return current;
}

/**
 * Working days d with from < d ≤ to, so that workingDaysBetween(d, addWorkingDays(d, n)) = n.
 * Negative when `to` is before `from`; 0 when equal.
 */
export function workingDaysBetween(from: string, to: string, data: CalendarData): number {
  assertIsoDate(from);
  assertIsoDate(to);
  if (to < from) return -workingDaysBetween(to, from, data);
  let count = 0;
  for (let current = from; current < to;) {
    current = addDays(current, 1);
    if (isWorkingDay(current, data)) count++;
  }
  return count;
}

/**
 * Combines calendars year by year: a year's days come whole from the last part that covers it, so
 * an administrator's entry for a year replaces the built-in one rather than mixing with it.
 */
export function mergeCalendars(...parts: CalendarData[]): CalendarData {
  const source = new Map<number, CalendarData>();
  for (const part of parts) for (const year of part.years) source.set(year, part);
  const years = [...source.keys()].sort((a, b) => a - b);
  const days = years.flatMap((year) => source.get(year)!.days.filter((d) => isIsoDate(d.date) && yearOf(d.date) === year));
  days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { years, days };
}

export type CalendarProblemCode = 'bad_year' | 'bad_date' | 'year_not_covered' | 'duplicate' | 'workday_not_weekend';

export interface CalendarProblem {
  code: CalendarProblemCode;
  /** The offending date, or the year as a string for bad_year. */
  at: string;
  message: Text;
}

/** Checks data an administrator entered; returns every problem found (empty when valid). */
export function calendarProblems(data: CalendarData): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  const years = new Set<number>();
  for (const year of data.years) {
    if (!Number.isInteger(year) || year < 1900 || year > 9999) {
      problems.push({
        code: 'bad_year',
        at: String(year),
        message: { zh: `年度无效：${year}`, en: `Not a valid year: ${year}` },
      });
    }
    years.add(year);
  }
  const seen = new Set<string>();
  for (const day of data.days) {
    const at = day.date;
    if (!isIsoDate(at)) {
      problems.push({ code: 'bad_date', at, message: { zh: `日期格式无效：${at}`, en: `Not a valid date: ${at}` } });
      continue;
    }
    if (!years.has(yearOf(at))) {
      problems.push({
        code: 'year_not_covered',
        at,
        message: { zh: `${at} 所在年度未列入覆盖年度`, en: `The year of ${at} is not among the covered years` },
      });
    }
    if (seen.has(at)) {
      problems.push({ code: 'duplicate', at, message: { zh: `${at} 重复录入`, en: `${at} is entered twice` } });
    }
    seen.add(at);
    if (day.kind === 'workday' && !isWeekend(at)) {
      problems.push({
        code: 'workday_not_weekend',
        at,
        message: {
          zh: `${at} 不是周末，无需登记为调休上班日`,
          en: `${at} is not a weekend day, so it cannot be an adjusted working day`,
        },
      });
    }
  }
  return problems;
}
