import { sql, type Kysely } from 'kysely';

/**
 * The map's stored facts (issue 4): the national records and their units flattened once, so that the
 * map's queries group small integer keys over narrow rows instead of joining and computing a text unit
 * key per row. Derived data only — rebuilt from national_applications / national_projects /
 * national_units / organisations by refreshMapFacts (after an import batch and after matching).
 * Frozen: a later change to the schema is a new migration, never an edit here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- One row per unit of the map: its key (org_id, else 'uscc:' || credit code, else 'name:' || normalised
    -- name) and its label as of the last refresh. unit_id is stable across refreshes.
    create table national_map_units (
      unit_id serial primary key,
      unit_key text not null unique,
      org_id uuid,
      name text not null,
      uscc text,
      org_type text,
      region text
    );

    -- One row per national record: kind, year, field, stage / outcome, budget, and the six-digit region codes
    -- of its units (for "records with a unit in the region").
    create table national_map_records (
      rec_id serial primary key,
      record_kind text not null check (record_kind in ('application','project')),
      national_id text not null,
      year int,
      field_code text,
      stage text,
      outcome text not null,
      budget bigint not null default 0,
      regions text[] not null default '{}',
      unique (record_kind, national_id)
    );
    create index national_map_records_field_idx on national_map_records (field_code collate "C");

    -- One row per unit named on a record (national_units row), with the record's attributes copied in, and
    -- precomputed: the region bucket of the summary (a Guangzhou district, else the province), whether the
    -- unit is outside Guangzhou (a six-digit region not 4401xx), and the record's attraction points.
    create table national_unit_facts (
      rec_id int not null references national_map_records(rec_id) on delete cascade,
      position int not null,
      unit_id int not null references national_map_units(unit_id),
      record_kind text not null,
      role text not null,
      region text,
      year int,
      field_code text,
      stage text,
      outcome text not null,
      budget bigint not null default 0,
      bucket text,
      outside boolean not null,
      points float8 not null,
      primary key (rec_id, position)
    );
    create index national_unit_facts_field_idx on national_unit_facts (field_code collate "C");
    create index national_unit_facts_unit_idx on national_unit_facts (unit_id);

    -- One row per pair of positions on one record naming two distinct units (a < b by unit_id), for the
    -- collaboration network; gw = the pair's weight over all records (a bound on its weight under any filter).
    create table national_map_pairs (
      rec_id int not null references national_map_records(rec_id) on delete cascade,
      a int not null,
      b int not null,
      record_kind text not null,
      year int,
      field_code text,
      gw int not null default 1
    );
    create index national_map_pairs_rec_idx on national_map_pairs (rec_id);
    create index national_map_pairs_ab_idx on national_map_pairs (a, b);
    create index national_map_pairs_gw_idx on national_map_pairs (gw) where gw > 1;
    create index national_map_pairs_field_idx on national_map_pairs (field_code collate "C");
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table national_map_pairs, national_unit_facts, national_map_records, national_map_units`.execute(db);
}
