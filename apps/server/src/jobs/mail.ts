import nodemailer from 'nodemailer';
import { sql } from 'kysely';
import type { Deps } from '../context.js';

/**
 * Mail delivery (issue 10): the outbox (mailer.ts) is drained over SMTP by the `mail.deliver` queue job.
 * Each mail is claimed with a lease (one conditional update, `for update skip locked`), so instances
 * draining at once never send one mail twice; a refusal is recorded on the mail (attempts, last_error)
 * and it is tried again with back-off (1, 2, 4, 8, 16 minutes) until MAX_MAIL_ATTEMPTS, then kept with
 * failed_at. Times are the app's clock (tests move it). With no SMTP configured mail stays in the outbox.
 */

export const MAX_MAIL_ATTEMPTS = 6;
/** How long a claimed mail belongs to the instance sending it. */
const LEASE_MINUTES = 5;

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** An SMTP transport from a URL (smtp://user:pass@host:587, smtps://…:465). */
export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport(url);
  return {
    async send(mail) {
      await transporter.sendMail({ ...mail, textEncoding: 'base64' });
    },
    close: () => transporter.close(),
  };
}

/** Minutes before the next try after `attempts` failed ones. */
export function backoffMinutes(attempts: number): number {
  return 2 ** Math.max(0, attempts - 1);
}

export interface DeliveryResult {
  sent: number;
  /** Refused this time, tried again later. */
  retrying: number;
  /** Refused for the last time. */
  failed: number;
}

/** Sends the outbox's due mail (up to `limit`), one claimed mail at a time. */
export async function deliverOutbox(deps: Deps, transport: MailTransport, limit = 100): Promise<DeliveryResult> {
  const out: DeliveryResult = { sent: 0, retrying: 0, failed: 0 };
  for (let i = 0; i < limit; i++) {
    const now = deps.clock.now();
    const mail = await deps.db
      .updateTable('mail_outbox')
      .set({ attempts: sql<number>`attempts + 1`, claimed_until: new Date(now.getTime() + LEASE_MINUTES * 60_000) })
      .where(
        'id',
        '=',
        deps.db
          .selectFrom('mail_outbox')
          .select('id')
          .where('sent_at', 'is', null)
          .where('failed_at', 'is', null)
          .where((eb) => eb.or([eb('attempts', '=', 0), eb('next_attempt_at', '<=', now)]))
          .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
          .orderBy('created_at')
          .orderBy('id')
          .limit(1)
          .forUpdate()
          .skipLocked(),
      )
      .returning(['id', 'to_address', 'subject', 'body', 'attempts'])
      .executeTakeFirst();
    if (!mail) break;
    try {
      await transport.send({ from: deps.config.mailFrom, to: mail.to_address, subject: mail.subject, text: mail.body });
      await deps.db
        .updateTable('mail_outbox')
        .set({ sent_at: deps.clock.now(), claimed_until: null, last_error: null })
        .where('id', '=', mail.id)
        .execute();
      out.sent++;
    } catch (err) {
      const lastError = (err instanceof Error ? err.message : String(err)).slice(0, 500);
      const giveUp = mail.attempts >= MAX_MAIL_ATTEMPTS;
      const at = deps.clock.now();
      await deps.db
        .updateTable('mail_outbox')
        .set({
          last_error: lastError,
          claimed_until: null,
          next_attempt_at: new Date(at.getTime() + backoffMinutes(mail.attempts) * 60_000),
          ...(giveUp ? { failed_at: at } : {}),
        })
        .where('id', '=', mail.id)
        .execute();
      if (giveUp) out.failed++;
      else out.retrying++;
    }
  }
  return out;
}
