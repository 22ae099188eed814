/**
 * Public notice (公示, 4.3.b): how long a notice runs on the mainland working-day calendar, when an
 * objection may still be filed, and whether an objection holds a decision on a project. Pure rules;
 * the server decides with them and the web shows the same answers.
 */
import { addWorkingDays, isWorkingDay, type CalendarData } from './calendar.js';
import { addDays, shanghaiDate } from './dates.js';
import { AppError } from './errors.js';
import type { Text } from './i18n.js';
import type { Track } from './policy/codes.js';

/** What a notice publishes: a confirmed selection (3.1, 3.2), verified continuations (3.3) or re-checked recognitions (3.4). */
export const NOTICE_SOURCES = ['selection', 'continuation', 'recognition'] as const;
export type NoticeSource = (typeof NOTICE_SOURCES)[number];

export const NOTICE_SOURCE_LABELS: Record<NoticeSource, Text> = {
  selection: { zh: '拟立项项目', en: 'projects selected for funding' },
  continuation: { zh: '接续支持项目', en: 'continuation projects' },
  recognition: { zh: '拟认定项目', en: 'projects to be recognised' },
};

/** The rule that set each track's amount on a notice: fixed amounts (3.1.d, 3.2.h), the formula (3.3.e), none (3.4.b). */
export const NOTICE_AMOUNT_RULES: Record<Track, '3.1.d' | '3.2.h' | '3.3.e' | '3.4.b'> = {
  consortium: '3.1.d',
  backfill: '3.2.h',
  continuation: '3.3.e',
  recognition: '3.4.b',
};

export interface NoticePeriod {
  /** The day of publication in Beijing time: the notice is public and objections are received from then. */
  startsOn: string;
  /** The first of the counted working days. */
  firstCountedDay: string;
  /** The last working day of the notice. */
  endsOn: string;
  /** The end of endsOn in Beijing time (the next day's 00:00 +08:00), as an ISO instant in UTC. */
  endsAt: string;
  workingDays: number;
  firstDayCounts: boolean;
}

/**
 * The period of a notice published at `publishedAt`: `workingDays` working days on the calendar (holidays
 * and adjusted working days 调休 included). With `firstDayCounts` the day of publication is the first
 * counted day when it is a working day; otherwise counting starts with the next working day. A period
 * reaching into a year the calendar does not cover throws `calendar_gap` (never a Monday–Friday guess).
 */
export function noticePeriod(publishedAt: Date, workingDays: number, firstDayCounts: boolean, calendar: CalendarData): NoticePeriod {
  if (!Number.isSafeInteger(workingDays) || workingDays < 1) {
    throw new AppError('state_conflict', {
      reason: 'notice_working_days',
      rule: '4.3.b',
      message: "the plan's notice period must be at least one working day / 年度计划的公示期至少为 1 个工作日",
    });
  }
  const startsOn = shanghaiDate(publishedAt);
  const counted = firstDayCounts && isWorkingDay(startsOn, calendar);
  const endsOn = counted ? addWorkingDays(startsOn, workingDays - 1, calendar) : addWorkingDays(startsOn, workingDays, calendar);
  const firstCountedDay = counted ? startsOn : addWorkingDays(startsOn, 1, calendar);
  const endsAt = new Date(`${addDays(endsOn, 1)}T00:00:00+08:00`).toISOString();
  return { startsOn, firstCountedDay, endsOn, endsAt, workingDays, firstDayCounts };
}

/** Whether a notice is running at `now`: from its publication until the end of its last working day. */
export function noticeRunning(notice: { publishedAt: string | Date; endsAt: string | Date }, now: Date): boolean {
  const t = now.getTime();
  return t >= new Date(notice.publishedAt).getTime() && t < new Date(notice.endsAt).getTime();
}

export type ObjectionStatus = 'open' | 'upheld' | 'dismissed';

export const OBJECTION_STATUS_LABELS: Record<ObjectionStatus, Text> = {
  open: { zh: '核查中', en: 'Under investigation' },
  upheld: { zh: '异议成立', en: 'Upheld' },
  dismissed: { zh: '异议不成立', en: 'Dismissed' },
};

/** Why no decision may be taken on a project now; null when it may. */
export type DecisionHold =
  | { reason: 'not_on_notice' }
  | { reason: 'notice_running'; endsAt: string }
  | { reason: 'objection_open'; objectionIds: string[] }
  | { reason: 'removed_by_objection'; objectionId: string; note: string };

export interface DecisionFacts {
  /** The project's notice (the current version of its series), null when it was never published. */
  notice: { publishedAt: string | Date; endsAt: string | Date } | null;
  /** The objections filed on this project (any version of the notice). */
  objections: readonly { id: string; status: ObjectionStatus; decisionReason?: string | null }[];
}

/**
 * 4.3.b: an objection on a project holds every decision on it until an officer has decided it; a project
 * whose objection was upheld has left the list. With `requireEnded` (approval) the project must also have
 * been on a notice that has ended. The approval calls this through the server's guard.
 */
export function decisionHold(facts: DecisionFacts, now: Date, options: { requireEnded?: boolean } = {}): DecisionHold | null {
  const open = facts.objections.filter((o) => o.status === 'open').map((o) => o.id);
  if (open.length > 0) return { reason: 'objection_open', objectionIds: open };
  const upheld = facts.objections.find((o) => o.status === 'upheld');
  if (upheld) return { reason: 'removed_by_objection', objectionId: upheld.id, note: upheld.decisionReason ?? '' };
  if (options.requireEnded) {
    if (!facts.notice) return { reason: 'not_on_notice' };
    if (now.getTime() < new Date(facts.notice.endsAt).getTime())
      return { reason: 'notice_running', endsAt: new Date(facts.notice.endsAt).toISOString() };
  }
  return null;
}

export const DECISION_HOLD_MESSAGES: Record<DecisionHold['reason'], Text> = {
  not_on_notice: { zh: '该项目尚未公示（4.3.b）', en: 'The project has not been on public notice (4.3.b)' },
  notice_running: { zh: '公示期尚未结束（4.3.b）', en: 'The public notice has not ended yet (4.3.b)' },
  objection_open: {
    zh: '该项目有未办结的公示异议，办结前不能作出决定（4.3.b）',
    en: 'An objection on this project is open; no decision can be taken until it is decided (4.3.b)',
  },
  removed_by_objection: {
    zh: '异议成立，该项目已移出公示名单（4.3.b）',
    en: 'An objection was upheld and the project has left the list (4.3.b)',
  },
};
