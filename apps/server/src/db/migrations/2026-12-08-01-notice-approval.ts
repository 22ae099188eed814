import { sql, type Kysely } from 'kysely';

/**
 * Approval and recognition after the public notice (立项 / 认定).
 * - approval_decisions: a batch decision with its reference number (文号, unique).
 * - projects: each approved or recognised application once, with its stable code GZ-<year>-<track>-<seq>
 *   (unique; the sequence counts per plan year and track), unit, leader, team, amounts by source, period,
 *   KPIs and the rule codes the decision applied.
 * Frozen: a later change to the schema is a new migration, never an edit here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table approval_decisions (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plans(id),
      doc_number text not null unique,
      title text not null,
      reason text,
      decided_by uuid references users(id),
      decided_by_label text not null,
      decided_at timestamptz not null
    );
  `.execute(db);
  await sql`
    create table projects (
      id uuid primary key default gen_random_uuid(),
      code text not null unique,
      application_id uuid not null unique references applications(id),
      decision_id uuid not null references approval_decisions(id),
      plan_id uuid not null references plans(id),
      year int not null,
      track text not null check (track in ('consortium','backfill','continuation','recognition')),
      seq int not null check (seq between 1 and 9999),
      kind text not null check (kind in ('approved','recognised')),
      org_id uuid not null references organisations(id),
      org_name text not null,
      title text not null,
      leader jsonb,
      team jsonb not null default '[]',
      amounts jsonb not null,
      period_from text,
      period_to text,
      kpis jsonb not null default '[]',
      rules text[] not null,
      created_at timestamptz not null,
      unique (year, track, seq),
      check ((kind = 'recognised') = (track = 'recognition'))
    );
  `.execute(db);
  await sql`create index projects_plan on projects (plan_id, code)`.execute(db);
  await sql`create index projects_decision on projects (decision_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table projects`.execute(db);
  await sql`drop table approval_decisions`.execute(db);
}
