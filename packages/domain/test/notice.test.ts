import { describe, expect, it } from 'vitest';
import {
  approvalOutcome,
  builtinCalendarData,
  CalendarGapError,
  DEFAULT_PLAN_PARAMS,
  decisionHold,
  isProjectCode,
  noticePeriod,
  noticeRunning,
  ObjectionFields,
  projectCode,
} from '../src/index.js';

const calendar = builtinCalendarData([2024, 2025, 2026]);
const beijing = (local: string) => new Date(`${local}+08:00`);

describe('noticePeriod (4.3.b)', () => {
  it('counts from the next working day by default, skipping holidays and counting adjusted working days', () => {
    // 2025 National Day: Sunday 09-28 worked, 10-01 … 10-08 off.
    expect(noticePeriod(beijing('2025-09-26T10:00:00'), 5, false, calendar)).toEqual({
      startsOn: '2025-09-26',
      firstCountedDay: '2025-09-28',
      endsOn: '2025-10-10',
      endsAt: '2025-10-10T16:00:00.000Z',
      workingDays: 5,
      firstDayCounts: false,
    });
    // 2024 Spring Festival: 02-10 … 02-17 off, Sunday 02-18 worked.
    expect(noticePeriod(beijing('2024-02-07T10:00:00'), 5, false, calendar).endsOn).toBe('2024-02-20');
  });

  it('with the first day counted, a working day of publication is day one; a holiday is not', () => {
    expect(noticePeriod(beijing('2026-09-29T09:00:00'), 5, true, calendar)).toMatchObject({
      firstCountedDay: '2026-09-29',
      endsOn: '2026-10-10', // Saturday, an adjusted working day
    });
    // Published on National Day itself: the first counted day is the next working day.
    expect(noticePeriod(beijing('2026-10-02T09:00:00'), 1, true, calendar)).toMatchObject({
      firstCountedDay: '2026-10-08',
      endsOn: '2026-10-08',
    });
    expect(noticePeriod(beijing('2026-10-02T09:00:00'), 1, false, calendar)).toMatchObject({ endsOn: '2026-10-08' });
  });

  it('takes the day of publication in Beijing time', () => {
    // 2025-09-25T17:00Z is 01:00 on the 26th in Beijing.
    expect(noticePeriod(new Date('2025-09-25T17:00:00Z'), 5, false, calendar).startsOn).toBe('2025-09-26');
  });

  it('refuses a period reaching into a year without calendar data, and a period of no days', () => {
    expect(() => noticePeriod(beijing('2026-12-28T10:00:00'), 5, false, calendar)).toThrow(CalendarGapError);
    try {
      noticePeriod(beijing('2026-12-28T10:00:00'), 5, false, calendar);
    } catch (e) {
      expect((e as CalendarGapError).year).toBe(2027);
    }
    expect(noticePeriod(beijing('2026-12-23T10:00:00'), 5, false, calendar).endsOn).toBe('2026-12-30');
    expect(() => noticePeriod(beijing('2026-06-01T10:00:00'), 0, false, calendar)).toThrow(
      expect.objectContaining({ code: 'state_conflict', details: expect.objectContaining({ reason: 'notice_working_days' }) }),
    );
  });

  it('runs from publication until the end of its last working day', () => {
    const n = { publishedAt: '2026-06-01T02:00:00Z', endsAt: '2026-06-08T16:00:00Z' };
    expect(noticeRunning(n, new Date('2026-06-01T01:59:59Z'))).toBe(false);
    expect(noticeRunning(n, new Date('2026-06-08T15:59:59.999Z'))).toBe(true);
    expect(noticeRunning(n, new Date('2026-06-08T16:00:00Z'))).toBe(false);
  });
});

describe('objections and the decision hold', () => {
  const good = {
    name: '李明',
    workUnit: '广州某大学',
    phone: '020-12345678',
    applicationId: '00000000-0000-4000-8000-000000000001',
    grounds: '研究内容与已立项项目重复，请核查。',
  };
  it('an anonymous objection or one without grounds or contact is refused naming the field', () => {
    expect(ObjectionFields.safeParse(good).success).toBe(true);
    const paths = (v: Record<string, unknown>) => ObjectionFields.safeParse(v).error?.issues.map((i) => i.path.join('.'));
    expect(paths({ ...good, name: ' ' })).toEqual(['name']);
    expect(paths({ ...good, name: undefined })).toEqual(['name']);
    expect(paths({ ...good, grounds: '有问题' })).toEqual(['grounds']);
    expect(paths({ ...good, phone: '' })).toEqual(['phone']);
    expect(paths({ ...good, phone: '', email: 'li@example.com' })).toBeUndefined();
  });

  it('an open objection holds every decision; an upheld one took the project off; approval needs the notice ended', () => {
    const notice = { publishedAt: '2026-06-01T02:00:00Z', endsAt: '2026-06-08T16:00:00Z' };
    const after = new Date('2026-06-09T02:00:00Z');
    expect(decisionHold({ notice, objections: [{ id: 'o1', status: 'open' }] }, after)).toEqual({
      reason: 'objection_open',
      objectionIds: ['o1'],
    });
    expect(decisionHold({ notice, objections: [{ id: 'o1', status: 'upheld', decisionReason: '属实' }] }, after)).toEqual({
      reason: 'removed_by_objection',
      objectionId: 'o1',
      note: '属实',
    });
    expect(decisionHold({ notice, objections: [{ id: 'o1', status: 'dismissed' }] }, after, { requireEnded: true })).toBeNull();
    expect(decisionHold({ notice, objections: [] }, new Date('2026-06-05T02:00:00Z'), { requireEnded: true })).toMatchObject({
      reason: 'notice_running',
    });
    expect(decisionHold({ notice: null, objections: [] }, after, { requireEnded: true })).toEqual({ reason: 'not_on_notice' });
  });
});

describe('approval', () => {
  it('codes projects stably and sets each track’s amount by its rule', () => {
    expect(projectCode(2026, 'backfill', 7)).toBe('GZ-2026-3.2-0007');
    expect(isProjectCode('GZ-2026-3.4-0012')).toBe(true);
    expect(isProjectCode('GZ-2026-3.5-0012')).toBe(false);
    expect(() => projectCode(2026, 'backfill', 0)).toThrow(RangeError);
    const p = DEFAULT_PLAN_PARAMS;
    expect(approvalOutcome({ track: 'consortium', status: 'selected', cityFunds: 2_000_000, amount: null }, p)).toEqual({
      ok: true,
      kind: 'approved',
      cityFunds: 2_000_000,
      rules: ['4.3.b', '3.1.d'],
    });
    expect(approvalOutcome({ track: 'continuation', status: 'verified', cityFunds: 1_350_000, amount: 1_350_000 }, p)).toMatchObject({
      cityFunds: 1_350_000,
      rules: ['4.3.b', '3.3.e'],
    });
    expect(approvalOutcome({ track: 'recognition', status: 'rechecked', cityFunds: null, amount: null }, p)).toMatchObject({
      kind: 'recognised',
      cityFunds: 0,
      rules: ['4.3.b', '3.4.a', '3.4.b'],
    });
    expect(approvalOutcome({ track: 'backfill', status: 'formal_passed', cityFunds: 1_000_000, amount: null }, p)).toMatchObject({
      ok: false,
      reason: 'state',
    });
  });
});
