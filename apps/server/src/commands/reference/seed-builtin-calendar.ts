import { builtinCalendar } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { countCalendarDays, findCalendarYear, replaceCalendarYear } from '../../repositories/reference.js';
import { inTransaction } from '../transaction.js';

export interface SeedCalendarResult {
  /** Years written from the built-in schedule now. */
  seeded: number[];
  /** Years already stored from the built-in schedule (left as they are). */
  unchanged: number[];
  /** Years an administrator entered: never overwritten by the built-in schedule. */
  keptAdmin: number[];
  /** Years the built-in schedule (chinese-days) does not cover. */
  unavailable: number[];
}

/**
 * Stores the built-in holiday schedule (chinese-days) for the given years. Idempotent: a year
 * already stored from the built-in data is left alone, and an administrator's year is never replaced.
 */
export async function seedBuiltinCalendar(deps: Deps, actor: Actor, years: readonly number[]): Promise<SeedCalendarResult> {
  const result: SeedCalendarResult = { seeded: [], unchanged: [], keptAdmin: [], unavailable: [] };
  const wanted = [...new Set(years)].sort((a, b) => a - b);
  return inTransaction(deps, async (tx, now) => {
    for (const year of wanted) {
      const days = builtinCalendar(year);
      if (!days) {
        result.unavailable.push(year);
        continue;
      }
      const stored = await findCalendarYear(tx, year);
      if (stored?.source === 'admin') {
        result.keptAdmin.push(year);
        continue;
      }
      if (stored?.source === 'builtin') {
        result.unchanged.push(year);
        continue;
      }
      const beforeCount = await countCalendarDays(tx, year);
      await replaceCalendarYear(tx, year, 'builtin', days, now);
      await appendAudit(tx, actor, now, {
        action: 'calendar.seed',
        entityType: 'calendar_year',
        entityId: String(year),
        before: { covered: false, days: beforeCount },
        after: { covered: true, source: 'builtin', days: days.length },
      });
      result.seeded.push(year);
    }
    return result;
  });
}
