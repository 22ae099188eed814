import { shanghaiDate } from '@rdplan/domain';
import { sql } from 'kysely';
import type { Deps } from '../context.js';
import { queueMail } from '../mailer.js';

/**
 * The draft-deadline reminder (issue 10): a unit whose application to a published call is still a
 * draft when the call closes within `config.reminderDays` days is reminded by mail, once per
 * application and call — the reminder is recorded under a unique key (reminders_sent) in the same
 * transaction as its mails are queued in the outbox, so a run repeated (a retry, a second instance, the
 * next day) sends nothing again. Runs as the scheduled `reminders.draft-deadline` job; "now" is the app's clock.
 */

export const DRAFT_DEADLINE_REMINDER = 'draft-deadline';

export async function sendDraftReminders(deps: Deps): Promise<{ applications: number; mails: number }> {
  const now = deps.clock.now();
  const until = new Date(now.getTime() + deps.config.reminderDays * 24 * 3600_000);
  const due = await deps.db
    .selectFrom('applications as a')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
    .innerJoin('organisations as o', 'o.id', 'a.org_id')
    .select(['a.id', 'a.call_id', 'a.org_id', 'a.created_by', 'c.title_zh', 'c.title_en', 'c.closes_at', 'o.name as org_name'])
    .where('a.status', '=', 'draft')
    .where('c.status', '=', 'published')
    .where('c.closes_at', '>', now)
    .where('c.closes_at', '<=', until)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('reminders_sent as r')
            .select(sql`1`.as('one'))
            .where('r.kind', '=', DRAFT_DEADLINE_REMINDER)
            .whereRef('r.application_id', '=', 'a.id')
            .whereRef('r.call_id', '=', 'a.call_id'),
        ),
      ),
    )
    .orderBy('c.closes_at')
    .orderBy('a.id')
    .execute();
  let applications = 0;
  let mails = 0;
  for (const app of due) {
    const sent = await deps.db.transaction().execute(async (tx) => {
      const recipients = await tx
        .selectFrom('users')
        .select(['email', 'name'])
        .where('status', '=', 'active')
        .where('org_id', '=', app.org_id)
        .where((eb) =>
          eb.or([eb(sql.val('unit_admin'), '=', eb.fn.any('roles')), ...(app.created_by ? [eb('id', '=', app.created_by)] : [])]),
        )
        .orderBy('email')
        .execute();
      const claimed = await tx
        .insertInto('reminders_sent')
        .values({ kind: DRAFT_DEADLINE_REMINDER, application_id: app.id, call_id: app.call_id, recipients: recipients.length })
        .onConflict((oc) => oc.doNothing())
        .returning('application_id')
        .executeTakeFirst();
      if (!claimed) return null; // another run recorded it first
      const closes = new Date(app.closes_at);
      const day = shanghaiDate(closes);
      for (const r of recipients) {
        await queueMail(
          tx,
          r.email,
          `申报即将截止，申报书尚未提交 / Call closes soon: your application is still a draft`,
          `${r.name}，您好：\n\n贵单位（${app.org_name}）在“${app.title_zh}”中的申报书仍为草稿，尚未提交。该指南将于 ${day}（北京时间）截止，请在截止前完成并提交。\n\n` +
            `Dear ${r.name},\n\nYour unit's application to "${app.title_en}" is still a draft. The call closes on ${day} (Beijing time); please submit it before then.\n`,
        );
      }
      return recipients.length;
    });
    if (sent === null) continue;
    applications++;
    mails += sent;
  }
  return { applications, mails };
}
