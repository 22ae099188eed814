import { isWorkday as libraryIsWorkday } from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { AppError } from '../src/errors.js';
import { addDays } from '../src/dates.js';
import { BUILTIN_CALENDAR_YEARS, builtinCalendar, builtinCalendarData } from '../src/calendar-builtin.js';
import {
  CalendarGapError,
  addWorkingDays,
  calendarProblems,
  coversDate,
  firstWorkingDayOnOrAfter,
  isWorkingDay,
  mergeCalendars,
  workingDaysBetween,
  type CalendarData,
} from '../src/calendar.js';

const all = builtinCalendarData();
const only2025 = builtinCalendarData([2025]);

describe('built-in calendar from chinese-days', () => {
  it('covers a contiguous run of years from 2004 through at least 2026', () => {
    expect(BUILTIN_CALENDAR_YEARS[0]).toBe(2004);
    expect(BUILTIN_CALENDAR_YEARS).toContain(2025);
    expect(BUILTIN_CALENDAR_YEARS).toContain(2026);
    const last = BUILTIN_CALENDAR_YEARS.at(-1)!;
    expect(BUILTIN_CALENDAR_YEARS).toEqual(Array.from({ length: last - 2003 }, (_, i) => 2004 + i));
    expect(all.years).toEqual([...BUILTIN_CALENDAR_YEARS]);
  });

  it('returns null outside the covered years', () => {
    expect(builtinCalendar(2003)).toBeNull();
    expect(builtinCalendar(2100)).toBeNull();
    expect(builtinCalendarData([2003, 2025, 2100, 2025]).years).toEqual([2025]);
  });

  it('has the 2025 National Day block and its adjusted working days', () => {
    const days = builtinCalendar(2025)!;
    const byDate = new Map(days.map((d) => [d.date, d]));
    for (let i = 1; i <= 8; i++) {
      expect(byDate.get(`2025-10-0${i}`)?.kind).toBe('holiday');
    }
    expect(byDate.get('2025-10-01')?.name).toEqual({ zh: '国庆节', en: 'National Day' });
    expect(byDate.get('2025-10-06')?.name?.zh).toBe('中秋');
    expect(byDate.get('2025-09-28')).toEqual({
      date: '2025-09-28',
      kind: 'workday',
      name: { zh: '国庆节', en: 'National Day' },
    });
    expect(byDate.get('2025-10-11')?.kind).toBe('workday');
    expect(byDate.has('2025-10-09')).toBe(false);
    expect(days.filter((d) => d.kind === 'workday').map((d) => d.date)).toEqual([
      '2025-01-26',
      '2025-02-08',
      '2025-04-27',
      '2025-09-28',
      '2025-10-11',
    ]);
  });

  it('has every day sorted and inside its year', () => {
    for (const year of BUILTIN_CALENDAR_YEARS) {
      const days = builtinCalendar(year)!;
      expect(days.length).toBeGreaterThan(10);
      expect(days.every((d) => d.date.startsWith(`${year}-`))).toBe(true);
      expect(days.map((d) => d.date)).toEqual(days.map((d) => d.date).sort());
    }
    expect(calendarProblems(all)).toEqual([]);
  });

  it('returns copies, so callers cannot corrupt the table', () => {
    const days = builtinCalendar(2025)!;
    days[0]!.kind = 'workday';
    days.length = 0;
    expect(builtinCalendar(2025)![0]!.kind).toBe('holiday');
  });

  it('agrees with the library on every day of 2024–2026', () => {
    for (let d = '2024-01-01'; d <= '2026-12-31'; d = addDays(d, 1)) {
      expect(isWorkingDay(d, all), d).toBe(libraryIsWorkday(d));
    }
  });
});

describe('isWorkingDay', () => {
  it('follows holidays, adjusted working days and weekends', () => {
    expect(isWorkingDay('2025-09-26', only2025)).toBe(true); // Friday
    expect(isWorkingDay('2025-09-27', only2025)).toBe(false); // Saturday
    expect(isWorkingDay('2025-09-28', only2025)).toBe(true); // Sunday, adjusted
    expect(isWorkingDay('2025-10-01', only2025)).toBe(false); // Wednesday, holiday
    expect(isWorkingDay('2025-10-08', only2025)).toBe(false);
    expect(isWorkingDay('2025-10-09', only2025)).toBe(true);
    expect(isWorkingDay('2025-10-11', only2025)).toBe(true); // Saturday, adjusted
    expect(isWorkingDay('2025-10-12', only2025)).toBe(false); // Sunday
  });

  it('throws a typed CalendarGapError naming the year for an uncovered year', () => {
    let caught: unknown;
    try {
      isWorkingDay('2026-03-02', only2025);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CalendarGapError);
    expect(caught).toBeInstanceOf(AppError);
    const gap = caught as CalendarGapError;
    expect(gap.year).toBe(2026);
    expect(gap.date).toBe('2026-03-02');
    expect(gap.code).toBe('calendar_gap');
    expect(gap.status).toBe(409);
    expect(gap.details).toEqual({ year: 2026, date: '2026-03-02' });
    expect(gap.message).toContain('2026');
    // Even a plain weekend in an uncovered year is not guessed.
    expect(() => isWorkingDay('2024-12-28', only2025)).toThrow(CalendarGapError);
  });

  it('rejects malformed dates', () => {
    for (const bad of ['2025-02-29', '2025-1-1', '20250101', '', '2025-13-01', '2025-10-01T00:00']) {
      expect(() => isWorkingDay(bad, only2025), bad).toThrow(RangeError);
    }
  });

  it('uses weekday rules for a covered year without exceptions', () => {
    const data: CalendarData = { years: [2099], days: [] };
    expect(isWorkingDay('2099-01-01', data)).toBe(true); // Thursday
    expect(isWorkingDay('2099-01-03', data)).toBe(false); // Saturday
    expect(coversDate('2099-06-01', data)).toBe(true);
    expect(coversDate('2098-12-31', data)).toBe(false);
  });

  it('sees later changes to the days list', () => {
    const data: CalendarData = { years: [2030], days: [] };
    expect(isWorkingDay('2030-01-01', data)).toBe(true);
    data.days.push({ date: '2030-01-01', kind: 'holiday', name: null });
    expect(isWorkingDay('2030-01-01', data)).toBe(false);
    data.days = [];
    expect(isWorkingDay('2030-01-01', data)).toBe(true);
  });
});

describe('addWorkingDays', () => {
  it('skips the National Day block and counts the adjusted Sunday', () => {
    expect(addWorkingDays('2025-09-26', 1, only2025)).toBe('2025-09-28');
    expect(addWorkingDays('2025-09-26', 5, only2025)).toBe('2025-10-10');
    expect(addWorkingDays('2025-09-30', 1, only2025)).toBe('2025-10-09');
    expect(addWorkingDays('2025-10-10', 1, only2025)).toBe('2025-10-11');
    expect(addWorkingDays('2025-10-11', 1, only2025)).toBe('2025-10-13');
  });

  it('skips the Spring Festival', () => {
    expect(addWorkingDays('2025-01-24', 1, only2025)).toBe('2025-01-26');
    expect(addWorkingDays('2025-01-27', 1, only2025)).toBe('2025-02-05');
  });

  it('returns the date itself for n = 0, even on a holiday', () => {
    expect(addWorkingDays('2025-10-01', 0, only2025)).toBe('2025-10-01');
  });

  it('starting on a holiday counts from the next working day', () => {
    expect(addWorkingDays('2025-10-03', 1, only2025)).toBe('2025-10-09');
  });

  it('crosses into the next year when that year is covered', () => {
    // 2026-01-01..03 off, Sunday 2026-01-04 is an adjusted working day.
    expect(addWorkingDays('2025-12-31', 1, all)).toBe('2026-01-04');
  });

  it('throws CalendarGapError when the count runs into an uncovered year', () => {
    expect(addWorkingDays('2025-12-29', 2, only2025)).toBe('2025-12-31');
    expect(() => addWorkingDays('2025-12-29', 3, only2025)).toThrow(CalendarGapError);
  });

  it('rejects a negative or fractional count', () => {
    expect(() => addWorkingDays('2025-10-09', -1, only2025)).toThrow(RangeError);
    expect(() => addWorkingDays('2025-10-09', 1.5, only2025)).toThrow(RangeError);
    expect(() => addWorkingDays('2025-10-09', Number.NaN, only2025)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts working days after from up to and including to', () => {
    expect(workingDaysBetween('2025-09-26', '2025-10-10', only2025)).toBe(5);
    expect(workingDaysBetween('2025-10-01', '2025-10-08', only2025)).toBe(0);
    expect(workingDaysBetween('2025-10-08', '2025-10-09', only2025)).toBe(1);
    expect(workingDaysBetween('2025-10-09', '2025-10-09', only2025)).toBe(0);
  });

  it('is negative when to is before from', () => {
    expect(workingDaysBetween('2025-10-10', '2025-09-26', only2025)).toBe(-5);
  });

  it('inverts addWorkingDays', () => {
    for (let d = '2025-01-01'; d < '2025-12-01'; d = addDays(d, 13)) {
      for (const n of [0, 1, 2, 5, 10, 15]) {
        expect(workingDaysBetween(d, addWorkingDays(d, n, only2025), only2025)).toBe(n);
      }
    }
  });

  it('counts a whole year', () => {
    // 365 days − 104 weekend days − 18 weekday holidays + 5 adjusted working days.
    expect(workingDaysBetween('2024-12-31', '2025-12-31', only2025)).toBe(248);
  });

  it('throws for uncovered years', () => {
    expect(() => workingDaysBetween('2025-12-01', '2026-01-10', only2025)).toThrow(CalendarGapError);
  });
});

describe('firstWorkingDayOnOrAfter', () => {
  it('rolls a holiday forward and keeps a working day', () => {
    expect(firstWorkingDayOnOrAfter('2025-10-01', only2025)).toBe('2025-10-09');
    expect(firstWorkingDayOnOrAfter('2025-09-28', only2025)).toBe('2025-09-28');
    expect(firstWorkingDayOnOrAfter('2025-10-12', only2025)).toBe('2025-10-13');
  });
});

describe('mergeCalendars', () => {
  it('takes each year whole from the last part covering it', () => {
    const admin: CalendarData = {
      years: [2025, 2027],
      days: [
        { date: '2025-03-03', kind: 'holiday', name: { zh: '测试', en: 'Test' } },
        { date: '2027-01-01', kind: 'holiday', name: null },
        { date: '2028-01-01', kind: 'holiday', name: null }, // outside its years: dropped
      ],
    };
    const merged = mergeCalendars(builtinCalendarData([2024, 2025]), admin);
    expect(merged.years).toEqual([2024, 2025, 2027]);
    expect(isWorkingDay('2025-03-03', merged)).toBe(false);
    expect(isWorkingDay('2025-10-01', merged)).toBe(true); // built-in 2025 replaced
    expect(isWorkingDay('2024-10-01', merged)).toBe(false); // built-in 2024 kept
    expect(isWorkingDay('2027-01-01', merged)).toBe(false);
    expect(() => isWorkingDay('2028-01-03', merged)).toThrow(CalendarGapError);
    expect(merged.days.map((d) => d.date)).toEqual(merged.days.map((d) => d.date).sort());
  });

  it('of nothing is empty', () => {
    expect(mergeCalendars()).toEqual({ years: [], days: [] });
  });
});

describe('calendarProblems', () => {
  it('accepts a valid entry', () => {
    expect(
      calendarProblems({
        years: [2027],
        days: [
          { date: '2027-01-01', kind: 'holiday', name: { zh: '元旦', en: "New Year's Day" } },
          { date: '2027-01-02', kind: 'holiday', name: null }, // a Saturday inside a block is fine
          { date: '2027-02-06', kind: 'workday', name: null }, // Saturday
        ],
      }),
    ).toEqual([]);
  });

  it('names every problem', () => {
    const problems = calendarProblems({
      years: [2027, 1.5],
      days: [
        { date: '2027-02-30', kind: 'holiday', name: null },
        { date: '2028-01-01', kind: 'holiday', name: null },
        { date: '2027-01-01', kind: 'holiday', name: null },
        { date: '2027-01-01', kind: 'holiday', name: null },
        { date: '2027-01-04', kind: 'workday', name: null }, // Monday
      ],
    });
    expect(problems.map((p) => [p.code, p.at])).toEqual([
      ['bad_year', '1.5'],
      ['bad_date', '2027-02-30'],
      ['year_not_covered', '2028-01-01'],
      ['duplicate', '2027-01-01'],
      ['workday_not_weekend', '2027-01-04'],
    ]);
    for (const p of problems) {
      expect(p.message.zh).not.toBe('');
      expect(p.message.en).not.toBe('');
    }
  });
});
