import { addWorkingDays, isWorkingDay } from '@rdplan/domain';
import type { Deps } from '../../context.js';
import { loadCalendar } from '../../repositories/reference.js';

/** The date n working days after `from` by the stored calendar (calendar_gap naming a missing year). */
export async function workingDaysAfter(deps: Deps, from: string, n: number) {
  const calendar = await loadCalendar(deps.db);
  const date = addWorkingDays(from, n, calendar);
  return { from, n, date, fromIsWorkingDay: isWorkingDay(from, calendar) };
}
