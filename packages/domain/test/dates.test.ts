import { describe, expect, it } from 'vitest';
import { addDays, assertIsoDate, daysBetween, isIsoDate, isWeekend, shanghaiDate, weekday, yearOf } from '../src/dates.js';

describe('ISO dates', () => {
  it('accepts real dates only', () => {
    expect(isIsoDate('2025-10-01')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2000-02-29')).toBe(true);
    for (const bad of ['2025-02-29', '1900-02-29', '2025-04-31', '2025-00-10', '2025-1-1', ' 2025-10-01', '0099-01-01x', '']) {
      expect(isIsoDate(bad), bad).toBe(false);
    }
    expect(isIsoDate(20251001)).toBe(false);
    expect(isIsoDate(null)).toBe(false);
    expect(() => assertIsoDate('2025/10/01')).toThrow(/2025\/10\/01/);
  });

  it('handles years before 100 without Date.UTC remapping', () => {
    expect(isIsoDate('0050-03-01')).toBe(true);
    expect(addDays('0050-03-01', 1)).toBe('0050-03-02');
  });

  it('adds days across months, leap days and years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2025-10-01', 0)).toBe('2025-10-01');
    expect(() => addDays('2025-10-01', 0.5)).toThrow(RangeError);
    expect(() => addDays('2025-10-32', 1)).toThrow(RangeError);
  });

  it('counts calendar days', () => {
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-10-08', '2025-10-01')).toBe(-7);
  });

  it('gives ISO weekdays', () => {
    expect(weekday('2025-09-29')).toBe(1); // Monday
    expect(weekday('2025-10-11')).toBe(6); // Saturday
    expect(weekday('2025-09-28')).toBe(7); // Sunday
    expect(isWeekend('2025-09-28')).toBe(true);
    expect(isWeekend('2025-10-10')).toBe(false);
    expect(yearOf('2025-10-10')).toBe(2025);
    expect(() => weekday('yesterday')).toThrow(RangeError);
  });
});

describe('shanghaiDate', () => {
  it('is the calendar date at UTC+8', () => {
    expect(shanghaiDate(new Date('2025-09-30T15:59:59.999Z'))).toBe('2025-09-30');
    expect(shanghaiDate(new Date('2025-09-30T16:00:00Z'))).toBe('2025-10-01');
    expect(shanghaiDate(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
    expect(shanghaiDate(new Date('2025-10-01T00:00:00+08:00'))).toBe('2025-10-01');
    expect(shanghaiDate(new Date('2025-10-01T23:59:00-05:00'))).toBe('2025-10-02');
  });

  it('rejects an invalid Date', () => {
    expect(() => shanghaiDate(new Date('nope'))).toThrow(RangeError);
  });
});
