import type { Executor } from './db/database.js';

/**
 * Outgoing mail is written to the outbox in the transaction that caused it, so a rolled-back change
 * sends nothing; a delivery worker (SMTP in production) drains the outbox. Tests read the outbox.
 */
export async function queueMail(db: Executor, to: string, subject: string, body: string) {
  await db.insertInto('mail_outbox').values({ to_address: to, subject, body }).execute();
}
