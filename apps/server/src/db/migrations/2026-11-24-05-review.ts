import { sql, type Kysely } from 'kysely';

/**
 * Expert review and selection (issue 5): the expert pool's curation, one review per call with its settings,
 * applicant-named exclusions, expert declarations, assignments, scores, panel records, overlap flags,
 * selection pins and confirmed selections. Applications gain the states 'selected' and 'not_selected'.
 * Frozen: a later change to the schema is a new migration, never an edit here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The pool: a person with people.is_expert = true. The profile (fields, keywords, title) stays on people;
    -- what the bureau curates for review lives here (one row per expert, created on first curation).
    create table expert_profiles (
      person_id uuid primary key references people(id) on delete cascade,
      load_cap int not null default 10 check (load_cap between 0 and 500),
      available boolean not null default true,
      unavailable_until date,
      note text not null default '',
      updated_by uuid references users(id),
      updated_at timestamptz not null default now()
    );

    -- One review per call. settings: ReviewSettings (packages/domain/src/schemas/review.ts).
    create table reviews (
      id uuid primary key default gen_random_uuid(),
      call_id uuid not null unique references calls(id),
      status text not null default 'setup' check (status in ('setup','scoring','closed')),
      settings jsonb not null default '{}'::jsonb,
      last_run jsonb,
      released_at timestamptz,
      closed_at timestamptz,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    -- Applicants name people they want excluded (limited per call by the review settings).
    create table review_exclusions (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references applications(id) on delete cascade,
      person_name text not null,
      unit_name text not null default '',
      person_id uuid references people(id),
      reason text not null default '',
      created_by uuid references users(id),
      created_at timestamptz not null default now()
    );
    create index review_exclusions_app_idx on review_exclusions (application_id);

    -- An expert's declaration on one application: no conflict (required before seeing it) or a conflict.
    create table review_declarations (
      id uuid primary key default gen_random_uuid(),
      review_id uuid not null references reviews(id) on delete cascade,
      application_id uuid not null references applications(id),
      person_id uuid not null references people(id),
      kind text not null check (kind in ('no_conflict','conflict')),
      reason text not null default '',
      declared_by uuid references users(id),
      declared_at timestamptz not null default now(),
      unique (review_id, application_id, person_id)
    );

    create table review_assignments (
      id uuid primary key default gen_random_uuid(),
      review_id uuid not null references reviews(id) on delete cascade,
      application_id uuid not null references applications(id),
      person_id uuid not null references people(id),
      affinity int not null default 0,
      source text not null check (source in ('solver','manual','random')),
      status text not null default 'assigned' check (status in ('assigned','declined','submitted')),
      scores jsonb not null default '[]'::jsonb,
      comment text not null default '',
      total numeric(7,3),
      version int not null default 0,
      submitted_at timestamptz,
      assigned_by uuid references users(id),
      assigned_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (review_id, application_id, person_id)
    );
    create index review_assignments_person_idx on review_assignments (person_id);
    create index review_assignments_app_idx on review_assignments (application_id);

    -- The panel's (consensus) record per application.
    create table review_panels (
      review_id uuid not null references reviews(id) on delete cascade,
      application_id uuid not null references applications(id),
      opinion text not null,
      recommendation text not null check (recommendation in ('fund','fund_if_budget','do_not_fund')),
      recorded_by uuid references users(id),
      recorded_at timestamptz not null default now(),
      primary key (review_id, application_id)
    );

    -- Near-duplicate flags (一题多报), for officers.
    create table overlap_flags (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references applications(id) on delete cascade,
      other_kind text not null check (other_kind in ('application','national')),
      other_id text not null,
      similarity real not null,
      containment real not null,
      passages jsonb not null default '[]'::jsonb,
      status text not null default 'open' check (status in ('open','dismissed','confirmed')),
      note text not null default '',
      decided_by uuid references users(id),
      decided_at timestamptz,
      found_at timestamptz not null default now(),
      unique (application_id, other_kind, other_id)
    );

    -- Selection per plan: the officer's pins and the confirmed choice.
    create table selection_pins (
      plan_id uuid not null references plans(id),
      application_id uuid not null references applications(id),
      pin text not null check (pin in ('in','out')),
      reason text not null check (length(reason) > 0),
      pinned_by uuid references users(id),
      pinned_at timestamptz not null default now(),
      primary key (plan_id, application_id)
    );
    create table selections (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plans(id),
      objective text not null check (objective in ('rank','merit_amount','count')),
      funded uuid[] not null,
      result jsonb not null,
      reason text not null default '',
      confirmed_by uuid references users(id),
      confirmed_at timestamptz not null default now()
    );
    create index selections_plan_idx on selections (plan_id, confirmed_at);

    alter table applications drop constraint applications_status_check;
    alter table applications add constraint applications_status_check check (status in
      ('draft','submitted','returned','formal_passed','rejected','withdrawn','rechecked','verified','selected','not_selected'));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table applications drop constraint applications_status_check;
    alter table applications add constraint applications_status_check check (status in
      ('draft','submitted','returned','formal_passed','rejected','withdrawn','rechecked','verified'));
    drop table selections;
    drop table selection_pins;
    drop table overlap_flags;
    drop table review_panels;
    drop table review_assignments;
    drop table review_declarations;
    drop table review_exclusions;
    drop table reviews;
    drop table expert_profiles;
  `.execute(db);
}
