import { sql, type Kysely } from 'kysely';

/**
 * Foundation: registry, reference data, people, accounts, sessions, audit, imports, mail outbox.
 * Frozen: a later change to the schema is a new migration, never an edit here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table organisations (
      id uuid primary key default gen_random_uuid(),
      uscc char(18) not null unique,
      name text not null,
      type text not null check (type in ('enterprise','university','research_institute','medical_institution','other')),
      region_code char(6) not null check (region_code ~ '^[0-9]{6}$'),
      address text,
      above_designated_size boolean not null default false,
      above_designated_size_year int,
      hnte_cert_no text,
      hnte_valid_from date,
      hnte_valid_to date,
      tech_sme boolean not null default false,
      tech_sme_year int,
      former_names jsonb not null default '[]'::jsonb,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (hnte_valid_to is null or hnte_valid_from is null or hnte_valid_to >= hnte_valid_from)
    );
    create index organisations_name_idx on organisations (name);
    create index organisations_region_idx on organisations (region_code);

    create table control_edges (
      parent_id uuid not null references organisations(id) on delete cascade,
      child_id uuid not null references organisations(id) on delete cascade,
      share_pct numeric(5,2),
      created_at timestamptz not null default now(),
      primary key (parent_id, child_id),
      check (parent_id <> child_id)
    );
    create index control_edges_child_idx on control_edges (child_id);

    create table chains (
      id uuid primary key default gen_random_uuid(),
      code text not null unique,
      name_zh text not null,
      name_en text not null,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create table chain_leaders (
      chain_id uuid not null references chains(id) on delete cascade,
      org_id uuid not null references organisations(id),
      primary key (chain_id, org_id)
    );

    create table fields (
      id uuid primary key default gen_random_uuid(),
      code text not null unique,
      name_zh text not null,
      name_en text not null,
      parent_id uuid references fields(id),
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table calendar_years (
      year int primary key check (year between 2000 and 2100),
      source text not null check (source in ('builtin','admin')),
      updated_at timestamptz not null default now()
    );
    create table calendar_days (
      date date primary key,
      kind text not null check (kind in ('holiday','workday')),
      name_zh text,
      name_en text
    );

    create table people (
      id uuid primary key default gen_random_uuid(),
      key text not null unique,
      name text not null,
      email text,
      title_level text not null check (title_level in ('senior','associate_senior','intermediate','junior','none')),
      title_name text,
      field_codes text[] not null default '{}',
      keywords text[] not null default '{}',
      is_expert boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index people_name_idx on people (name);
    create table affiliations (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id) on delete cascade,
      org_id uuid not null references organisations(id),
      position text not null default '',
      from_date date not null,
      to_date date,
      check (to_date is null or to_date >= from_date)
    );
    create index affiliations_person_idx on affiliations (person_id);
    create index affiliations_org_idx on affiliations (org_id);

    create table users (
      id uuid primary key default gen_random_uuid(),
      email text not null,
      name text not null,
      password_hash text,
      roles text[] not null,
      org_id uuid references organisations(id),
      person_id uuid references people(id),
      status text not null default 'active' check (status in ('pending','active','disabled')),
      failed_logins int not null default 0,
      locked_until timestamptz,
      last_login_at timestamptz,
      password_changed_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index users_email_idx on users (lower(email));
    create index users_org_idx on users (org_id);

    create table sessions (
      id text primary key,
      user_id uuid not null references users(id) on delete cascade,
      csrf_token text not null,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      ip text,
      user_agent text
    );
    create index sessions_user_idx on sessions (user_id);

    create table invitations (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisations(id),
      email text not null,
      name text not null,
      role text not null check (role in ('unit_admin','unit_member')),
      token_hash text not null unique,
      invited_by uuid not null references users(id),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      accepted_at timestamptz,
      revoked_at timestamptz
    );

    create table audit_events (
      seq bigint primary key,
      at timestamptz not null,
      actor_id uuid,
      actor_label text not null,
      action text not null,
      entity_type text not null,
      entity_id text,
      before jsonb,
      after jsonb,
      reason text,
      prev_hash text not null,
      hash text not null unique
    );
    create index audit_events_entity_idx on audit_events (entity_type, entity_id);

    create table security_events (
      id bigserial primary key,
      at timestamptz not null default now(),
      kind text not null,
      user_id uuid,
      method text,
      url text,
      ip text,
      details jsonb
    );

    create table import_batches (
      id uuid primary key default gen_random_uuid(),
      kind text not null,
      filename text not null,
      sha256 text not null,
      imported_by uuid references users(id),
      at timestamptz not null default now(),
      total_rows int not null,
      inserted int not null,
      updated int not null,
      unchanged int not null,
      errors jsonb not null default '[]'::jsonb
    );

    create table mail_outbox (
      id uuid primary key default gen_random_uuid(),
      to_address text not null,
      subject text not null,
      body text not null,
      created_at timestamptz not null default now(),
      sent_at timestamptz
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table mail_outbox, import_batches, security_events, audit_events, invitations, sessions,
      users, affiliations, people, calendar_days, calendar_years, fields, chain_leaders, chains,
      control_edges, organisations;
  `.execute(db);
}
