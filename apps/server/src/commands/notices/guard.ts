import { AppError, DECISION_HOLD_MESSAGES, decisionHold, type DecisionHold } from '@rdplan/domain';
import type { Executor } from '../../db/database.js';

/**
 * The facts of 4.3.b about one application: its notice (the newest version of its series) and every
 * objection filed on it, read with the objections locked so that a decision and a new objection do not
 * pass each other.
 */
export async function decisionHoldFor(
  db: Executor,
  applicationId: string,
  now: Date,
  options: { requireEnded?: boolean; lock?: boolean } = {},
) {
  let noticeQuery = db
    .selectFrom('notice_items as i')
    .innerJoin('notices as n', 'n.id', 'i.notice_id')
    .select(['n.published_at', 'n.ends_at', 'n.series_id'])
    .where('i.application_id', '=', applicationId)
    .orderBy('n.version', 'desc')
    .orderBy('n.published_at', 'desc')
    .limit(1);
  // A decision locks the notice: an objection being filed on it (which holds the notice for share) commits
  // first and is seen here, or waits and then finds the notice ended.
  if (options.lock) noticeQuery = noticeQuery.forUpdate('n');
  const notice = await noticeQuery.executeTakeFirst();
  const objections = await db
    .selectFrom('notice_objections')
    .select(['id', 'status', 'decision_reason'])
    .where('application_id', '=', applicationId)
    .orderBy('received_at')
    .forUpdate()
    .execute();
  return decisionHold(
    {
      notice: notice ? { publishedAt: notice.published_at, endsAt: notice.ends_at } : null,
      objections: objections.map((o) => ({ id: o.id, status: o.status, decisionReason: o.decision_reason })),
    },
    now,
    options,
  );
}

/**
 * The guard every decision on a project calls (the approval among them): while an objection on it is
 * open no decision can be taken — 409 state_conflict with reason objection_open and the objections.
 */
export async function assertNoDecisionHold(
  db: Executor,
  applicationId: string,
  now: Date,
  options: { requireEnded?: boolean } = {},
): Promise<void> {
  const hold: DecisionHold | null = await decisionHoldFor(db, applicationId, now, { ...options, lock: true });
  if (!hold) return;
  const message = DECISION_HOLD_MESSAGES[hold.reason];
  throw new AppError('state_conflict', { ...hold, applicationId, rule: '4.3.b', message: `${message.en} / ${message.zh}` });
}
