import { addWorkingDays, BUILTIN_CALENDAR_YEARS, workingDaysBetween } from '@rdplan/domain';
import { describe, expect, it } from 'vitest';
import { seedBuiltinCalendar } from '../src/commands/reference/seed-builtin-calendar.js';
import { systemActor } from '../src/context.js';
import { loadCalendar } from '../src/repositories/reference.js';
import { createUser, PASSWORD } from './support/fixtures.js';
import { startHarness } from './support/harness.js';

const h = await startHarness();
const db = h.deps.db;

async function signIn(roles: Parameters<typeof createUser>[1]['roles']) {
  const u = await createUser(db, { roles });
  const c = h.client();
  expect((await c.login(u.email, PASSWORD)).status).toBe(200);
  return c;
}
const admin = await signIn(['admin']);
const officer = await signIn(['officer']);
const pub = h.client();

const NATIONAL_DAY_2025 = [
  { date: '2025-09-28', kind: 'workday', nameZh: '国庆节、中秋节', nameEn: 'National Day' },
  ...['01', '02', '03', '04', '05', '06', '07', '08'].map((d) => ({
    date: `2025-10-${d}`,
    kind: 'holiday',
    nameZh: '国庆节、中秋节',
    nameEn: 'National Day',
  })),
  { date: '2025-10-11', kind: 'workday', nameZh: '国庆节、中秋节', nameEn: 'National Day' },
];

describe('working-day calendar', () => {
  it('starts empty: every question is a calendar gap', async () => {
    expect(await loadCalendar(db)).toEqual({ years: [], days: [] });
    const year = await pub.get('/api/calendar/2025');
    expect(year.status).toBe(200);
    expect(year.body).toMatchObject({ year: 2025, covered: false, source: null, holidays: [], workdays: [] });
    const gap = await pub.get('/api/calendar/working-days?from=2025-09-26&n=5');
    expect(gap.status).toBe(409);
    expect(gap.body.code).toBe('calendar_gap');
    expect(gap.body.details.year).toBe(2025);
  });

  it('seeds the built-in schedule idempotently, never over an admin year', async () => {
    const actor = systemActor('test');
    const first = await seedBuiltinCalendar(h.deps, actor, [2025, 2026, 2099]);
    expect(first).toEqual({ seeded: [2025, 2026], unchanged: [], keptAdmin: [], unavailable: [2099] });
    const second = await seedBuiltinCalendar(h.deps, actor, [2026, 2025]);
    expect(second).toEqual({ seeded: [], unchanged: [2025, 2026], keptAdmin: [], unavailable: [] });
    const audits = await db.selectFrom('audit_events').selectAll().where('action', '=', 'calendar.seed').execute();
    expect(audits.map((a) => a.entity_id).sort()).toEqual(['2025', '2026']);
    expect(BUILTIN_CALENDAR_YEARS).toContain(2025);

    const calendar = await loadCalendar(db);
    expect(calendar.years).toEqual([2025, 2026]);
    expect(addWorkingDays('2025-09-26', 5, calendar)).toBe('2025-10-10');
    expect(workingDaysBetween('2025-09-26', '2025-10-10', calendar)).toBe(5);
    expect((await loadCalendar(db, [2026])).days.every((d) => d.date.startsWith('2026-'))).toBe(true);
  });

  it('shows 2025 National Day: 10-01..08 off, 09-28 and 10-11 worked', async () => {
    const res = await pub.get('/api/calendar/2025');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ year: 2025, covered: true, source: 'builtin' });
    const holidays = res.body.holidays.map((d: { date: string }) => d.date);
    for (let d = 1; d <= 8; d++) expect(holidays).toContain(`2025-10-0${d}`);
    expect(holidays).not.toContain('2025-10-09');
    const workdays = res.body.workdays.map((d: { date: string }) => d.date);
    expect(workdays).toEqual(expect.arrayContaining(['2025-09-28', '2025-10-11']));
    expect(res.body.holidays.find((d: { date: string }) => d.date === '2025-10-01').nameZh).toMatch(/国庆/);
  });

  it('answers working-day questions across the holiday', async () => {
    const a = await pub.get('/api/calendar/working-days?from=2025-09-26&n=5');
    expect(a.status).toBe(200);
    expect(a.body).toEqual({ from: '2025-09-26', n: 5, date: '2025-10-10', fromIsWorkingDay: true });
    // 09-27 (Sat) → 09-28 (adjusted workday) is one working day; 09-30 + 1 skips the whole holiday.
    expect((await pub.get('/api/calendar/working-days?from=2025-09-27&n=1')).body.date).toBe('2025-09-28');
    expect((await pub.get('/api/calendar/working-days?from=2025-09-30&n=1')).body.date).toBe('2025-10-09');
    expect((await pub.get('/api/calendar/working-days?from=2025-10-10&n=1')).body.date).toBe('2025-10-11');
    expect((await pub.get('/api/calendar/working-days?from=2025-10-01&n=0')).body).toMatchObject({
      date: '2025-10-01',
      fromIsWorkingDay: false,
    });
    const bad = await pub.get('/api/calendar/working-days?from=2025-02-30&n=1');
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].path).toBe('querystring.from');
    expect((await pub.get('/api/calendar/working-days?from=2025-02-03&n=-1')).status).toBe(400);
  });

  it('refuses 2027 with calendar_gap until an admin enters the year', async () => {
    const gap = await pub.get('/api/calendar/working-days?from=2026-12-28&n=10');
    expect(gap.status).toBe(409);
    expect(gap.body.code).toBe('calendar_gap');
    expect(gap.body.details).toMatchObject({ year: 2027 });

    expect((await officer.put('/api/calendar/2027', { days: [] })).status).toBe(403);
    expect((await pub.put('/api/calendar/2027', { days: [] })).status).toBe(401);

    const put = await admin.put('/api/calendar/2027', {
      days: [{ date: '2027-01-01', kind: 'holiday', nameZh: '元旦', nameEn: "New Year's Day" }],
      reason: '国务院办公厅通知',
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      year: 2027,
      covered: true,
      source: 'admin',
      holidays: [{ date: '2027-01-01', nameZh: '元旦', nameEn: "New Year's Day" }],
      workdays: [],
    });
    const audit = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'calendar.replace_year')
      .orderBy('seq', 'desc')
      .executeTakeFirst();
    expect(audit).toMatchObject({ entity_type: 'calendar_year', entity_id: '2027', reason: '国务院办公厅通知' });
    expect(audit?.before).toMatchObject({ covered: false, days: 0 });
    expect(audit?.after).toMatchObject({ covered: true, source: 'admin', days: 1, holidays: 1, workdays: 0 });

    // 2026-12-28 (Mon): 29, 30, 31 (3), 2027-01-01 off, 01-04…08 (8), 01-11, 01-12 (10).
    const ok = await pub.get('/api/calendar/working-days?from=2026-12-28&n=10');
    expect(ok.status).toBe(200);
    expect(ok.body.date).toBe('2027-01-12');
  });

  it('validates a year: in the year, no duplicates, workdays on weekends, no ordinary-weekend holidays', async () => {
    const res = await admin.put('/api/calendar/2028', {
      days: [
        { date: '2028-01-03', kind: 'holiday' }, // Monday: fine
        { date: '2027-12-31', kind: 'holiday' }, // other year
        { date: '2028-01-03', kind: 'holiday' }, // duplicate
        { date: '2028-01-05', kind: 'workday' }, // Wednesday
        { date: '2028-03-11', kind: 'holiday' }, // an ordinary Saturday
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.details.map((d: { path: string }) => d.path)).toEqual([
      'body.days.1.date',
      'body.days.2.date',
      'body.days.3.date',
      'body.days.4.date',
    ]);
    expect((await pub.get('/api/calendar/2028')).body.covered).toBe(false);
    const shape = await admin.put('/api/calendar/2028', { days: [{ date: '2028-13-01', kind: 'holiday' }] });
    expect(shape.status).toBe(400);
    expect(shape.body.details[0].path).toMatch(/^body\.days\.0\.date/);
    expect((await admin.put('/api/calendar/2028', { days: [{ date: '2028-01-03', kind: 'vacation' }] })).status).toBe(400);
  });

  it('lets an admin replace a built-in year whole; seeding then leaves it alone', async () => {
    const put = await admin.put('/api/calendar/2025', { days: NATIONAL_DAY_2025 });
    expect(put.status).toBe(200);
    expect(put.body.source).toBe('admin');
    expect(put.body.holidays).toHaveLength(8);
    expect(put.body.workdays.map((d: { date: string }) => d.date)).toEqual(['2025-09-28', '2025-10-11']);
    const audit = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'calendar.replace_year')
      .orderBy('seq', 'desc')
      .executeTakeFirst();
    expect(audit?.before).toMatchObject({ covered: true, source: 'builtin' });
    expect((audit?.before as { days: number }).days).toBeGreaterThan(10);
    expect(audit?.after).toMatchObject({ days: 10, holidays: 8, workdays: 2 });
    // Spring Festival is gone from 2025 now (replaced whole), the National Day answer is unchanged.
    expect((await pub.get('/api/calendar/working-days?from=2025-01-27&n=1')).body.date).toBe('2025-01-28');
    expect((await pub.get('/api/calendar/working-days?from=2025-09-26&n=5')).body.date).toBe('2025-10-10');
    expect(await seedBuiltinCalendar(h.deps, systemActor('test'), [2025])).toMatchObject({ keptAdmin: [2025], seeded: [] });
    // Other years are untouched.
    expect((await pub.get('/api/calendar/2026')).body.source).toBe('builtin');
  });
});
