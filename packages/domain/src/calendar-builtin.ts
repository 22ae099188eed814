/**
 * The built-in mainland holiday schedule, from the `chinese-days` package (State Council notices).
 * The package lists days off (including the weekend days inside a holiday block) and adjusted
 * working days by date; a year appears once its whole schedule has been published.
 */
import raw from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import type { CalendarData, CalendarDay } from './calendar.js';
import type { Text } from './i18n.js';

// Values look like "National Day,国庆节,3" (English, Chinese, length of the holiday).
const HOLIDAYS: Record<string, string> = raw.holidays;
const WORKDAYS: Record<string, string> = raw.workdays;

function nameOf(value: string): Text | null {
  const [en, zh] = value.split(',');
  return en && zh ? { zh, en } : null;
}

function buildByYear(): Map<number, CalendarDay[]> {
  const byYear = new Map<number, CalendarDay[]>();
  const add = (map: Record<string, string>, kind: CalendarDay['kind']) => {
    for (const [date, value] of Object.entries(map)) {
      const year = Number(date.slice(0, 4));
      const list = byYear.get(year) ?? [];
      list.push({ date, kind, name: nameOf(value) });
      byYear.set(year, list);
    }
  };
  add(HOLIDAYS, 'holiday');
  add(WORKDAYS, 'workday');
  for (const list of byYear.values()) list.sort((a, b) => (a.date < b.date ? -1 : 1));
  return byYear;
}

const BY_YEAR = buildByYear();

/** Years the package covers, ascending (2004–2026 in chinese-days 1.5.7). */
export const BUILTIN_CALENDAR_YEARS: readonly number[] = [...BY_YEAR.keys()].sort((a, b) => a - b);

/** The built-in days of one year, sorted by date; null when the package does not cover the year. */
export function builtinCalendar(year: number): CalendarDay[] | null {
  const days = BY_YEAR.get(year);
  return days ? days.map((d) => ({ ...d, name: d.name && { ...d.name } })) : null;
}

/** Calendar data for the given built-in years (default: all of them); unknown years are skipped. */
export function builtinCalendarData(years: readonly number[] = BUILTIN_CALENDAR_YEARS): CalendarData {
  const covered = [...new Set(years)].filter((y) => BY_YEAR.has(y)).sort((a, b) => a - b);
  return { years: covered, days: covered.flatMap((y) => builtinCalendar(y)!) };
}
