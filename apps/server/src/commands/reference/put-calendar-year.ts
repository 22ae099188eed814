import { addDays, AppError, calendarProblems, isWeekend, type CalendarDay, type PutCalendarYearInput } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { countCalendarDays, findCalendarYear, replaceCalendarYear } from '../../repositories/reference.js';
import { inTransaction } from '../transaction.js';

/**
 * A weekend holiday is only meaningful inside a holiday block: reachable, over holidays and weekend
 * days, from a weekday holiday (e.g. Sat 2025-10-04 within National Day). A lone weekend "holiday"
 * is an ordinary weekend and changes nothing, so it is refused as a likely typing error.
 */
function ordinaryWeekendHolidays(days: readonly CalendarDayInputLike[]): Set<string> {
  const holidays = new Set(days.filter((d) => d.kind === 'holiday').map((d) => d.date));
  const bad = new Set<string>();
  for (const date of holidays) {
    if (!isWeekend(date)) continue;
    let anchored = false;
    for (const step of [-1, 1]) {
      for (let c = addDays(date, step); holidays.has(c) || isWeekend(c); c = addDays(c, step)) {
        if (holidays.has(c) && !isWeekend(c)) {
          anchored = true;
          break;
        }
      }
      if (anchored) break;
    }
    if (!anchored) bad.add(date);
  }
  return bad;
}
interface CalendarDayInputLike {
  date: string;
  kind: 'holiday' | 'workday';
}

/**
 * An administrator enters (or corrects) a whole year's holidays and adjusted working days, e.g. when
 * the State Council publishes next year's schedule. The year becomes covered with source 'admin'.
 */
export async function putCalendarYear(deps: Deps, actor: Actor, year: number, input: PutCalendarYearInput) {
  const days: CalendarDay[] = input.days
    .map((d) => ({
      date: d.date,
      kind: d.kind,
      name: d.nameZh || d.nameEn ? { zh: d.nameZh ?? d.nameEn ?? '', en: d.nameEn ?? d.nameZh ?? '' } : null,
    }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const indexOf = new Map<string, number>();
  input.days.forEach((d, i) => {
    if (!indexOf.has(d.date)) indexOf.set(d.date, i);
  });
  const problems: { path: string; message: string }[] = [];
  const reported = new Set<string>();
  const report = (i: number, message: string) => {
    const key = `${i}:${message}`;
    if (reported.has(key)) return;
    reported.add(key);
    problems.push({ path: `body.days.${i}.date`, message });
  };
  for (const p of calendarProblems({ years: [year], days })) {
    // A duplicate names the second entry with that date.
    const i =
      p.code === 'duplicate' ? input.days.findIndex((d, j) => d.date === p.at && j !== indexOf.get(p.at)) : (indexOf.get(p.at) ?? 0);
    const message =
      p.code === 'year_not_covered' ? `${p.at} is not in ${year} / 日期不在 ${year} 年内` : `${p.message.en} / ${p.message.zh}`;
    report(i, message);
  }
  for (const date of ordinaryWeekendHolidays(input.days)) {
    report(indexOf.get(date) ?? 0, `${date} is an ordinary weekend day, not part of a holiday / ${date} 为普通周末，不属于法定节假日安排`);
  }
  if (problems.length > 0) {
    problems.sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));
    throw new AppError('validation_failed', problems);
  }
  return inTransaction(deps, async (tx, now) => {
    const stored = await findCalendarYear(tx, year);
    const beforeCount = await countCalendarDays(tx, year);
    await replaceCalendarYear(tx, year, 'admin', days, now);
    const count = (kind: CalendarDay['kind']) => days.filter((d) => d.kind === kind).length;
    await appendAudit(tx, actor, now, {
      action: 'calendar.replace_year',
      entityType: 'calendar_year',
      entityId: String(year),
      before: { covered: stored !== undefined, source: stored?.source ?? null, days: beforeCount },
      after: { covered: true, source: 'admin', days: days.length, holidays: count('holiday'), workdays: count('workday') },
      reason: input.reason ?? null,
    });
  });
}
