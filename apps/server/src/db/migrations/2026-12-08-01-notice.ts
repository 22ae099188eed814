import { sql, type Kysely } from 'kysely';

/**
 * Public notice (公示, 4.3.b) and its objections.
 * - notices: one row per published version; a correction is a new version of the same series with its
 *   reason, the older rows are never changed. The period is computed at publication on the working-day
 *   calendar and stored (starts_on … ends_on, ends_at = end of the last working day, Beijing time).
 * - notice_items: what each version published (unit, title, track, field or chain, amount), as shown then.
 * - notice_objections: objections of the public with their evidence PDF in the blob store, the officers'
 *   notes and decision; an upheld objection takes its project off every version of the series.
 * - notice_objection_attempts: objections refused because the notice had ended, kept as a record.
 * Frozen: a later change to the schema is a new migration, never an edit here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table notices (
      id uuid primary key default gen_random_uuid(),
      series_id uuid not null,
      version int not null check (version >= 1),
      plan_id uuid not null references plans(id),
      source text not null check (source in ('selection','continuation','recognition')),
      title text not null,
      how_to_object text not null,
      working_days int not null check (working_days >= 1),
      first_day_counts boolean not null,
      starts_on date not null,
      ends_on date not null,
      ends_at timestamptz not null,
      correction_reason text,
      published_by uuid references users(id),
      published_by_label text not null,
      published_at timestamptz not null,
      unique (series_id, version),
      check ((version = 1) = (correction_reason is null))
    );
  `.execute(db);
  await sql`create index notices_plan on notices (plan_id, published_at)`.execute(db);
  await sql`create index notices_ends on notices (ends_at)`.execute(db);
  await sql`
    create table notice_items (
      notice_id uuid not null references notices(id),
      application_id uuid not null references applications(id),
      position int not null,
      org_name text not null,
      title text not null,
      track text not null check (track in ('consortium','backfill','continuation','recognition')),
      field_or_chain text not null,
      amount bigint check (amount >= 0),
      amount_rule text not null,
      primary key (notice_id, application_id)
    );
  `.execute(db);
  await sql`create index notice_items_application on notice_items (application_id)`.execute(db);
  await sql`
    create table notice_objections (
      id uuid primary key default gen_random_uuid(),
      notice_id uuid not null references notices(id),
      series_id uuid not null,
      application_id uuid not null references applications(id),
      name text not null,
      work_unit text not null,
      phone text,
      email text,
      grounds text not null,
      evidence_sha256 text references blobs(sha256),
      evidence_filename text,
      evidence_size int,
      evidence_active_content text[] not null default '{}',
      received_at timestamptz not null,
      status text not null default 'open' check (status in ('open','upheld','dismissed')),
      notes jsonb not null default '[]',
      decision_reason text,
      reply text,
      decided_by uuid references users(id),
      decided_by_label text,
      decided_at timestamptz,
      check ((status = 'open') = (decided_at is null))
    );
  `.execute(db);
  await sql`create index notice_objections_series on notice_objections (series_id, received_at)`.execute(db);
  await sql`create index notice_objections_application on notice_objections (application_id, status)`.execute(db);
  await sql`
    create table notice_objection_attempts (
      id uuid primary key default gen_random_uuid(),
      notice_id uuid not null references notices(id),
      attempted_at timestamptz not null,
      reason text not null,
      name text not null default '',
      application_id uuid
    );
  `.execute(db);
  await sql`create index notice_objection_attempts_notice on notice_objection_attempts (notice_id, attempted_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table notice_objection_attempts`.execute(db);
  await sql`drop table notice_objections`.execute(db);
  await sql`drop table notice_items`.execute(db);
  await sql`drop table notices`.execute(db);
}
