import { sql, type Kysely } from 'kysely';

/**
 * The four tracks of section 三: annual plans and calls, national programme records (a first simple
 * form, extended by the national-data work), chain work plans and consortia, applications with their
 * participating units, attachments, rule decisions and formal checks.
 * Frozen: a later change to the schema is a new migration, never an edit here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table plans (
      id uuid primary key default gen_random_uuid(),
      year int not null unique check (year between 2000 and 2100),
      title text not null,
      status text not null default 'draft' check (status in ('draft','published')),
      params jsonb not null,
      budget_total bigint not null default 0 check (budget_total >= 0),
      budget_consortium bigint not null default 0 check (budget_consortium >= 0),
      budget_backfill bigint not null default 0 check (budget_backfill >= 0),
      budget_continuation bigint not null default 0 check (budget_continuation >= 0),
      published_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table plan_chains (
      plan_id uuid not null references plans(id) on delete cascade,
      chain_id uuid not null references chains(id),
      direction text not null default '',
      budget bigint not null default 0 check (budget >= 0),
      primary key (plan_id, chain_id)
    );

    create table calls (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plans(id),
      track text not null check (track in ('consortium','backfill','continuation','recognition')),
      title_zh text not null,
      title_en text not null,
      opens_at timestamptz not null,
      closes_at timestamptz not null,
      status text not null default 'draft' check (status in ('draft','published','cancelled')),
      conditions jsonb not null default '[]'::jsonb,
      materials jsonb not null default '[]'::jsonb,
      criteria jsonb not null default '[]'::jsonb,
      checklist jsonb not null default '[]'::jsonb,
      published_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (closes_at > opens_at)
    );
    create index calls_plan_idx on calls (plan_id);

    create table national_applications (
      id uuid primary key default gen_random_uuid(),
      national_id text not null unique,
      year int not null,
      programme text not null,
      direction text not null,
      field_code text,
      title text not null,
      lead_uscc char(18),
      lead_name text not null,
      lead_org_id uuid references organisations(id),
      leader_name text,
      participants jsonb not null default '[]'::jsonb,
      stage text not null check (stage in ('formal_check','first_round','final_defence')),
      outcome text not null check (outcome in ('pending','approved','not_approved')),
      batch_id uuid references import_batches(id),
      updated_at timestamptz not null default now()
    );
    create index national_applications_lead_idx on national_applications (lead_org_id, year);

    create table national_projects (
      id uuid primary key default gen_random_uuid(),
      national_id text not null unique,
      application_national_id text,
      title text not null,
      programme text not null,
      direction text not null default '',
      field_code text,
      start_date date,
      end_date date,
      budget jsonb not null default '{}'::jsonb,
      lead_uscc char(18),
      lead_name text not null,
      lead_type text check (lead_type in ('enterprise','university','research_institute','medical_institution','other')),
      lead_region_code char(6),
      lead_org_id uuid references organisations(id),
      participants jsonb not null default '[]'::jsonb,
      people jsonb not null default '[]'::jsonb,
      acceptance_date date,
      acceptance_result text check (acceptance_result in ('passed','failed')),
      batch_id uuid references import_batches(id),
      updated_at timestamptz not null default now()
    );

    create table workplans (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plans(id),
      chain_id uuid not null references chains(id),
      leader_org_id uuid not null references organisations(id),
      status text not null default 'draft' check (status in ('draft','finalised')),
      summary text not null default '',
      weak_points jsonb not null default '[]'::jsonb,
      finalised_at timestamptz,
      version int not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (plan_id, chain_id)
    );

    create table consortium_members (
      workplan_id uuid not null references workplans(id) on delete cascade,
      org_id uuid not null references organisations(id),
      position text not null check (position in ('leader','upstream','downstream','university','institute','hospital')),
      note text not null default '',
      added_at timestamptz not null default now(),
      primary key (workplan_id, org_id)
    );

    create table workplan_experts (
      workplan_id uuid not null references workplans(id) on delete cascade,
      person_id uuid not null references people(id),
      role text not null default '',
      primary key (workplan_id, person_id)
    );

    create table workplan_comparisons (
      id uuid primary key default gen_random_uuid(),
      workplan_id uuid not null references workplans(id) on delete cascade,
      topic text not null,
      held_on date not null,
      method text not null,
      participants text not null default '',
      conclusion text not null,
      candidates jsonb not null,
      created_by uuid references users(id),
      created_at timestamptz not null default now()
    );

    create table blobs (
      sha256 char(64) primary key,
      size bigint not null,
      mime text not null,
      created_at timestamptz not null default now()
    );

    create table applications (
      id uuid primary key default gen_random_uuid(),
      call_id uuid not null references calls(id),
      track text not null check (track in ('consortium','backfill','continuation','recognition')),
      org_id uuid not null references organisations(id),
      workplan_id uuid references workplans(id),
      in_plan boolean not null default false,
      status text not null default 'draft'
        check (status in ('draft','submitted','returned','formal_passed','rejected','withdrawn','rechecked','verified')),
      client_key uuid,
      kind text check (kind in ('key_common','disruptive')),
      org_mode text check (org_mode in ('open_challenge','project_manager','owner','standard')),
      city_funds bigint check (city_funds >= 0),
      self_funds bigint check (self_funds >= 0),
      national_application_id uuid references national_applications(id),
      national_project_id uuid references national_projects(id),
      form jsonb not null default '{}'::jsonb,
      version int not null default 1,
      round int not null default 0,
      submitted_at timestamptz,
      submitted_version int,
      verification jsonb,
      amount bigint check (amount >= 0),
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (org_id, client_key)
    );
    create index applications_call_idx on applications (call_id, status);
    create index applications_org_idx on applications (org_id);
    create index applications_workplan_idx on applications (workplan_id);

    create table application_units (
      application_id uuid not null references applications(id) on delete cascade,
      org_id uuid not null references organisations(id),
      role text not null default '',
      position int not null default 0,
      confirmed_at timestamptz,
      confirmed_by uuid references users(id),
      declined_at timestamptz,
      decline_reason text,
      primary key (application_id, org_id)
    );
    create index application_units_org_idx on application_units (org_id);

    create table application_attachments (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references applications(id) on delete cascade,
      material_key text not null,
      blob_sha256 char(64) not null references blobs(sha256),
      filename text not null,
      size bigint not null,
      uploaded_by uuid references users(id),
      uploaded_at timestamptz not null default now()
    );
    create index application_attachments_app_idx on application_attachments (application_id);

    create table rule_decisions (
      id uuid primary key default gen_random_uuid(),
      subject_type text not null check (subject_type in ('application','workplan')),
      subject_id uuid not null,
      rule_code text not null,
      kind text not null check (kind in ('override','confirm','refuse')),
      reason text not null check (length(reason) > 0),
      decided_by uuid references users(id),
      decided_by_label text not null,
      decided_at timestamptz not null default now()
    );
    create index rule_decisions_subject_idx on rule_decisions (subject_type, subject_id);

    create table formal_checks (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references applications(id) on delete cascade,
      round int not null,
      decision text not null check (decision in ('pass','return','reject','recheck','verify')),
      checklist jsonb not null default '[]'::jsonb,
      comment text not null default '',
      officer_id uuid references users(id),
      officer_label text not null,
      at timestamptz not null default now()
    );
    create index formal_checks_app_idx on formal_checks (application_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table formal_checks, rule_decisions, application_attachments, application_units, applications, blobs,
      workplan_comparisons, workplan_experts, consortium_members, workplans, national_projects, national_applications,
      calls, plan_chains, plans
  `.execute(db);
}
