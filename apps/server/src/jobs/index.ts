import type { FastifyBaseLogger } from 'fastify';
import { NATIONAL_IMPORT_QUEUE, nationalImportJobHandler, sweepImportJobs } from '../commands/national/import-jobs.js';
import { ORGANISATION_IMPORT_QUEUE, organisationImportJobHandler } from '../commands/registry/organisation-import-jobs.js';
import type { Deps } from '../context.js';
import { deliverOutbox, smtpTransport, type MailTransport } from './mail.js';
import type { JobQueue } from './queue.js';
import { sendDraftReminders } from './reminders.js';

/** Names of the queue jobs every instance works on. */
export const JOBS = {
  /** data { jobId }: runs an import_jobs row (national records). */
  nationalImport: NATIONAL_IMPORT_QUEUE,
  /** data { jobId }: runs an import_jobs row (organisations, `?background=true`). */
  organisationImport: ORGANISATION_IMPORT_QUEUE,
  /** Interrupted imports reported truthfully and resumed or retried; work recorded but never sent, sent. */
  sweep: 'maintenance.sweep',
  /** Drains the mail outbox over SMTP. */
  mail: 'mail.deliver',
  /** Reminds units whose application is still a draft when the call closes within config.reminderDays. */
  draftReminders: 'reminders.draft-deadline',
} as const;

export interface RegisterJobsOptions {
  /** Mail transport (default: SMTP from config.smtpUrl; none configured: mail stays in the outbox). */
  mailTransport?: MailTransport;
}

/** Declares the app's jobs and schedules on its queue (before it starts). Schedules run in Asia/Shanghai. */
export function registerJobs(deps: Deps, queue: JobQueue, log: FastifyBaseLogger, options: RegisterJobsOptions = {}) {
  // A live import writes progress every 250 ms; an instance that died is noticed by the sweep (10 min).
  queue.work(JOBS.nationalImport, (data) => nationalImportJobHandler(deps, data), { retryLimit: 2, expireInSeconds: 2 * 3600 });
  queue.work(JOBS.organisationImport, (data) => organisationImportJobHandler(deps, data), { retryLimit: 2, expireInSeconds: 2 * 3600 });
  queue.work(
    JOBS.sweep,
    async () => {
      const swept = await sweepImportJobs(deps);
      if (swept.stored + swept.retried + swept.failed + swept.resent > 0) log.warn({ swept }, 'interrupted import jobs recovered');
    },
    { policy: 'singleton', retryLimit: 1 },
  );
  queue.schedule(JOBS.sweep, '*/5 * * * *');

  queue.work(
    JOBS.draftReminders,
    async () => {
      const reminded = await sendDraftReminders(deps);
      if (reminded.applications > 0) log.info(reminded, 'draft reminders queued');
    },
    { policy: 'singleton' },
  );
  queue.schedule(JOBS.draftReminders, '0 9 * * *');

  const transport = options.mailTransport ?? (deps.config.smtpUrl ? smtpTransport(deps.config.smtpUrl) : null);
  if (!transport) {
    if (queue.mode !== 'off') log.info('no SMTP configured (RDPLAN_SMTP_URL): mail stays in the outbox (mail_outbox) and is not sent');
    return;
  }
  queue.work(
    JOBS.mail,
    async () => {
      const delivered = await deliverOutbox(deps, transport);
      if (delivered.retrying + delivered.failed > 0) log.warn(delivered, 'mail refused by the SMTP server; retried with back-off');
    },
    { policy: 'singleton', retryLimit: 1 },
  );
  queue.schedule(JOBS.mail, '* * * * *');
}
