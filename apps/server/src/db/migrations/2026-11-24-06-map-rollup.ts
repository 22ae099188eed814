import { sql, type Kysely } from 'kysely';

/**
 * Roll-ups of the map's stored facts (issue 4, map-query p95 < 300 ms): small tables the map's widest
 * filters (none, a year window, a region, a kind) aggregate instead of the half-million fact rows and the
 * million pair rows. Derived data only — rebuilt by refreshMapFacts after the facts of migration
 * 2026-11-24-04-map. Frozen: a later change to the schema is a new migration, never an edit here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- "Records with a unit in the region", indexed: one row per record and region key of its units' regions,
    -- at each level of a region filter: lvl 2 = left(region, 2) (a province), lvl 4 = left(region, 4)
    -- (a prefecture), lvl 6 = the region itself (a district). No foreign key (it would check each of the ~7
    -- rows per record in a full refresh): refreshMapFacts deletes a record's rows with the record.
    create table national_map_record_regions (
      lvl smallint not null,
      rkey text not null,
      rec_id int not null
    );
    create index national_map_record_regions_key_idx on national_map_record_regions (lvl, rkey, rec_id);
    create index national_map_record_regions_rec_idx on national_map_record_regions (rec_id);

    -- The records counted per (region key, kind, year, field): lvl 0 / rkey '' = every record, else the records
    -- with a unit in the region key (as national_map_record_regions). records = how many, approved = approved
    -- applications, budget = project budgets, solo_pairs = their unit pairs that occur on no other record.
    create table national_map_record_rollup (
      lvl smallint not null,
      rkey text not null,
      record_kind text not null,
      year int,
      field_code text,
      records int not null,
      approved int not null,
      budget bigint not null,
      solo_pairs int not null
    );
    create index national_map_record_rollup_key_idx on national_map_record_rollup (lvl, rkey);

    -- national_unit_facts summed per (unit, kind, year, region): what the map's per-unit figures need when no
    -- field narrows the records. budget = budgets of the projects the unit led.
    create table national_map_unit_rollup (
      unit_id int not null,
      record_kind text not null,
      year int,
      region text,
      leads int not null,
      participations int not null,
      records int not null,
      approved int not null,
      budget bigint not null
    );
    create index national_map_unit_rollup_unit_idx on national_map_unit_rollup (unit_id);

    -- The unit pairs occurring on exactly two pair rows (national_map_pairs.gw = 2), one row each with both
    -- occurrences: counted once under a filter when either occurrence passes it, weighing 2 when both do.
    -- keys1 / keys2: the region keys of the occurrence's record, 'lvl:rkey' (as national_map_record_regions).
    create table national_map_pair_twice (
      a int not null,
      b int not null,
      rec1 int not null,
      kind1 text not null,
      year1 int,
      field1 text,
      keys1 text[] not null,
      rec2 int not null,
      kind2 text not null,
      year2 int,
      field2 text,
      keys2 text[] not null
    );
    create index national_map_pair_twice_field1_idx on national_map_pair_twice (field1 collate "C");
    create index national_map_pair_twice_field2_idx on national_map_pair_twice (field2 collate "C");

    -- The pair rows of the pairs occurring three times or more (national_map_pairs.gw >= 3), with the region
    -- keys of their records: the candidates of the network's heaviest pairs under any filter.
    create table national_map_pair_multi (
      a int not null,
      b int not null,
      rec_id int not null,
      record_kind text not null,
      year int,
      field_code text,
      keys text[] not null
    );
    create index national_map_pair_multi_field_idx on national_map_pair_multi (field_code collate "C");
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table national_map_pair_multi, national_map_pair_twice, national_map_unit_rollup, national_map_record_rollup, national_map_record_regions`.execute(
    db,
  );
}
