import { sql, type Kysely } from 'kysely';

/**
 * National programme records, second form (4.2): units and people of every record in their own rows
 * (for matching to the registry and for the map), import jobs with progress, the follow-up of national
 * projects, and the 14th Five-Year fields each chain belongs to.
 * Frozen: a later change to the schema is a new migration, never an edit here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table import_batches add column source text;

    alter table chains add column field_codes text[] not null default '{}';

    -- Units named by a national record: the lead (position 0) and the participants, as written.
    create table national_units (
      id bigserial primary key,
      record_kind text not null check (record_kind in ('application','project')),
      national_id text not null,
      position int not null check (position >= 0),
      role text not null check (role in ('lead','participant')),
      uscc char(18),
      name text not null,
      name_norm text not null,
      org_type text check (org_type in ('enterprise','university','research_institute','medical_institution','other')),
      region_code char(6),
      org_id uuid references organisations(id),
      match_method text check (match_method in ('uscc','name','former_name','manual')),
      match_confidence real check (match_confidence between 0 and 1),
      match_status text not null default 'unmatched' check (match_status in ('matched','review','unmatched','rejected')),
      match_candidates jsonb not null default '[]'::jsonb,
      reviewed_by uuid references users(id),
      reviewed_at timestamptz,
      batch_id uuid references import_batches(id),
      unique (record_kind, national_id, position)
    );
    create index national_units_org_idx on national_units (org_id);
    create index national_units_norm_idx on national_units (name_norm);
    create index national_units_status_idx on national_units (match_status) where match_status = 'review';

    -- People named by a national record, linked conservatively into one person across records.
    create table national_people (
      id bigserial primary key,
      record_kind text not null check (record_kind in ('application','project')),
      national_id text not null,
      position int not null check (position >= 0),
      name text not null,
      role text not null default '',
      unit_name text not null default '',
      org_id uuid references organisations(id),
      field_code text,
      person_key text,
      batch_id uuid references import_batches(id),
      unique (record_kind, national_id, position)
    );
    create index national_people_key_idx on national_people (person_key);

    create index national_applications_year_idx on national_applications (year);
    create index national_applications_field_idx on national_applications (field_code);
    create index national_projects_field_idx on national_projects (field_code);

    -- A long import runs as a job: the web page and the CLI show its progress; the officer may leave.
    create table import_jobs (
      id uuid primary key default gen_random_uuid(),
      kind text not null,
      filename text not null,
      source text,
      sha256 char(64) not null,
      blob_sha256 char(64) references blobs(sha256),
      dry_run boolean not null default false,
      status text not null default 'queued' check (status in ('queued','running','done','failed')),
      total_rows int not null default 0,
      rows_done int not null default 0,
      errors_count int not null default 0,
      errors jsonb not null default '[]'::jsonb,
      result jsonb,
      failure text,
      batch_id uuid references import_batches(id),
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      started_at timestamptz,
      finished_at timestamptz,
      updated_at timestamptz not null default now()
    );
    create index import_jobs_status_idx on import_jobs (status, created_at);

    -- Follow-up of national projects involving Guangzhou units (4.2.b): a timeline of what happened.
    create table national_followups (
      id uuid primary key default gen_random_uuid(),
      project_national_id text not null references national_projects(national_id) on delete cascade,
      kind text not null check (kind in ('status','milestone','output','meeting','service')),
      title text not null,
      detail text not null default '',
      occurred_on date not null,
      output_type text check (output_type in ('patent','standard','product','paper','software','other')),
      org_id uuid references organisations(id),
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index national_followups_project_idx on national_followups (project_national_id, occurred_on);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table national_followups, import_jobs, national_people, national_units;
    drop index national_applications_year_idx, national_applications_field_idx, national_projects_field_idx;
    alter table chains drop column field_codes;
    alter table import_batches drop column source;
  `.execute(db);
}
