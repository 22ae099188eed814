import { sql, type Kysely } from 'kysely';

/**
 * Issue 10, jobs: the mail outbox becomes a delivery record (attempts, last error, when to try next,
 * a lease so that one instance sends a mail at a time), and reminders sent are recorded under a unique
 * key so each is sent once. The job queue itself (pg-boss) keeps its tables in the `pgboss` schema,
 * which it installs and migrates itself when it starts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table mail_outbox
      add column attempts int not null default 0,
      add column last_error text,
      add column next_attempt_at timestamptz not null default now(),
      add column claimed_until timestamptz,
      add column failed_at timestamptz;
    create index mail_outbox_pending_idx on mail_outbox (next_attempt_at) where sent_at is null and failed_at is null;

    create table reminders_sent (
      kind text not null,
      application_id uuid not null references applications(id) on delete cascade,
      call_id uuid not null references calls(id) on delete cascade,
      sent_at timestamptz not null default now(),
      recipients int not null,
      primary key (kind, application_id, call_id)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table reminders_sent;
    drop index mail_outbox_pending_idx;
    alter table mail_outbox drop column attempts, drop column last_error, drop column next_attempt_at,
      drop column claimed_until, drop column failed_at;
  `.execute(db);
}
