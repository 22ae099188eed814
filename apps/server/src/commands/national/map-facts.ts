import { sql, type RawBuilder } from 'kysely';
import type { Executor, Tx } from '../../db/database.js';
import { POINTS_SQL } from '../../repositories/national-map.js';

/** Which records to rebuild: a batch's (records it wrote or whose units it wrote), given ids, or all. */
export interface MapFactsScope {
  batchId?: string | undefined;
  records?: { kind: 'application' | 'project'; nationalId: string }[] | undefined;
}

/** The unit key, label and region of a national_units row `nu` (with its registry organisation `o`). */
const UNIT_KEY = sql<string>`coalesce(nu.org_id::text, 'uscc:' || nu.uscc, 'name:' || nu.name_norm)`;
const REGION = sql<string | null>`coalesce(nu.region_code::text, o.region_code::text, substr(nu.uscc, 3, 6))`;
const BUDGET = sql<number>`(coalesce((p.budget->>'central')::bigint, 0) + coalesce((p.budget->>'local')::bigint, 0) + coalesce((p.budget->>'self')::bigint, 0))`;

function inScope(scope: MapFactsScope | undefined, kind: RawBuilder<unknown>, id: RawBuilder<unknown>): RawBuilder<boolean> {
  if (scope?.records) {
    const kinds = scope.records.map((r) => r.kind);
    const ids = scope.records.map((r) => r.nationalId);
    return sql<boolean>`(${kind}, ${id}) in (select * from unnest(${kinds}::text[], ${ids}::text[]))`;
  }
  if (scope?.batchId) {
    const b = scope.batchId;
    return sql<boolean>`(${kind}, ${id}) in (
      select record_kind, national_id from national_units where batch_id = ${b}
      union select 'application', national_id from national_applications where batch_id = ${b}
      union select 'project', national_id from national_projects where batch_id = ${b})`;
  }
  return sql<boolean>`true`;
}

/**
 * The secondary indexes of migrations 2026-11-24-04-map and -06-map-rollup (same names and definitions): a full refresh drops
 * them, bulk-inserts, and builds them again — far faster than maintaining them row by row.
 */
const INDEXES: Record<string, RawBuilder<unknown>> = {
  national_map_records_field_idx: sql`national_map_records (field_code collate "C")`,
  national_unit_facts_field_idx: sql`national_unit_facts (field_code collate "C")`,
  national_unit_facts_unit_idx: sql`national_unit_facts (unit_id)`,
  national_map_pairs_rec_idx: sql`national_map_pairs (rec_id)`,
  national_map_pairs_ab_idx: sql`national_map_pairs (a, b)`,
  national_map_pairs_gw_idx: sql`national_map_pairs (gw) where gw > 1`,
  national_map_pairs_field_idx: sql`national_map_pairs (field_code collate "C")`,
  // Migration 2026-11-24-06-map-rollup.
  national_map_record_regions_key_idx: sql`national_map_record_regions (lvl, rkey, rec_id)`,
  national_map_record_regions_rec_idx: sql`national_map_record_regions (rec_id)`,
};

/** The tables of migration 2026-11-24-06-map-rollup rebuilt whole after every refresh (small, derived). */
const ROLLUPS = ['national_map_record_rollup', 'national_map_unit_rollup', 'national_map_pair_twice', 'national_map_pair_multi'];

/**
 * The region keys of the records in scope (see national_map_record_regions): for each region of a record's
 * units, its first 2 and 4 characters and itself — the three kinds of region filter (regionCond).
 */
async function recordRegions(tx: Executor, scoped: RawBuilder<boolean>): Promise<void> {
  await sql`
    insert into national_map_record_regions (lvl, rkey, rec_id)
    select distinct l.lvl, case when l.lvl = 6 then g.region else left(g.region, l.lvl) end, r.rec_id
    from national_map_records r cross join unnest(r.regions) as g(region) cross join (values (2), (4), (6)) as l(lvl)
    where ${scoped}`.execute(tx);
}

/** Region keys ('lvl:rkey') of the records of the pairs matching `which` (national_map_pairs p), in map_keys. */
async function pairKeys(tx: Executor, which: RawBuilder<boolean>): Promise<void> {
  await sql`create temporary table if not exists map_keys (rec_id int primary key, keys text[] not null) on commit drop`.execute(tx);
  await sql`
    insert into map_keys (rec_id, keys)
    select g.rec_id, array_agg(g.lvl || ':' || g.rkey order by g.lvl, g.rkey) from national_map_record_regions g
    where g.rec_id in (select p.rec_id from national_map_pairs p where ${which})
    group by g.rec_id`.execute(tx);
}

/** national_map_pair_twice and national_map_pair_multi rows of the pairs matching `which` (national_map_pairs p). */
async function insertPairRollups(tx: Executor, which: RawBuilder<boolean>): Promise<void> {
  await pairKeys(tx, which);
  await sql`
    insert into national_map_pair_twice (a, b, rec1, kind1, year1, field1, keys1, rec2, kind2, year2, field2, keys2)
    select a, b,
           min(rec_id) filter (where n = 1), min(record_kind) filter (where n = 1), min(year) filter (where n = 1),
           min(field_code) filter (where n = 1), coalesce(min(keys) filter (where n = 1), '{}'),
           min(rec_id) filter (where n = 2), min(record_kind) filter (where n = 2), min(year) filter (where n = 2),
           min(field_code) filter (where n = 2), coalesce(min(keys) filter (where n = 2), '{}')
    from (select p.*, k.keys, row_number() over (partition by p.a, p.b order by p.rec_id) as n
          from national_map_pairs p left join map_keys k on k.rec_id = p.rec_id where p.gw = 2 and ${which}) x
    group by a, b`.execute(tx);
  await sql`
    insert into national_map_pair_multi (a, b, rec_id, record_kind, year, field_code, keys)
    select p.a, p.b, p.rec_id, p.record_kind, p.year, p.field_code, coalesce(k.keys, '{}')
    from national_map_pairs p left join map_keys k on k.rec_id = p.rec_id where p.gw > 2 and ${which}
    order by p.a, p.b`.execute(tx);
  await sql`drop table map_keys`.execute(tx);
}

/** The unit roll-up rows of the units matching `which` (national_unit_facts f). */
async function insertUnitRollup(tx: Executor, which: RawBuilder<boolean>): Promise<void> {
  await sql`
    insert into national_map_unit_rollup (unit_id, record_kind, year, region, leads, participations, records, approved, budget)
    select f.unit_id, f.record_kind, f.year, f.region,
           count(*) filter (where f.role = 'lead'), count(*) filter (where f.role = 'participant'), count(*),
           count(*) filter (where f.record_kind = 'application' and f.outcome = 'approved'),
           coalesce(sum(f.budget) filter (where f.record_kind = 'project' and f.role = 'lead'), 0)
    from national_unit_facts f where ${which}
    group by f.unit_id, f.record_kind, f.year, f.region
    order by f.unit_id`.execute(tx);
}

/**
 * Rebuilds the roll-ups (national_map_record_rollup, national_map_unit_rollup, national_map_pair_twice,
 * national_map_pair_multi) from the stored facts, after they are current: whole after a full refresh.
 */
async function rollups(tx: Executor): Promise<void> {
  await sql`truncate ${sql.join(ROLLUPS.map((t) => sql.table(t)))}`.execute(tx);
  await sql`
    insert into national_map_record_rollup (lvl, rkey, record_kind, year, field_code, records, approved, budget, solo_pairs)
    with solo as (select rec_id, count(*)::int as n from national_map_pairs where gw = 1 group by rec_id),
    recs as (
      select r.rec_id, r.record_kind, r.year, r.field_code, r.budget, coalesce(s.n, 0) as solo,
             (r.record_kind = 'application' and r.outcome = 'approved')::int as approved
      from national_map_records r left join solo s on s.rec_id = r.rec_id
    )
    select 0, '', record_kind, year, field_code, count(*), sum(approved), sum(budget), sum(solo)
    from recs group by record_kind, year, field_code
    union all
    select g.lvl, g.rkey, recs.record_kind, recs.year, recs.field_code, count(*), sum(recs.approved), sum(recs.budget), sum(recs.solo)
    from recs join national_map_record_regions g on g.rec_id = recs.rec_id
    group by g.lvl, g.rkey, recs.record_kind, recs.year, recs.field_code
    order by 1, 2`.execute(tx);
  await insertUnitRollup(tx, sql<boolean>`true`);
  await insertPairRollups(tx, sql<boolean>`true`);
}

/**
 * Before a partial refresh deletes the records in scope: notes the roll-up groups (map_groups: region key,
 * kind, year, field) and the units (map_units) of their rows, which partialRollups recomputes.
 */
async function noteRollups(tx: Executor, scoped: RawBuilder<boolean>): Promise<void> {
  await sql`
    create temporary table if not exists map_groups (lvl smallint, rkey text, record_kind text, year int, field_code text)
    on commit drop`.execute(tx);
  await sql`create temporary table if not exists map_units (unit_id int) on commit drop`.execute(tx);
  await sql`
    insert into map_groups
    select 0, '', r.record_kind, r.year, r.field_code from national_map_records r where ${scoped}
    union all
    select g.lvl, g.rkey, r.record_kind, r.year, r.field_code
    from national_map_records r join national_map_record_regions g on g.rec_id = r.rec_id where ${scoped}`.execute(tx);
  await sql`
    insert into map_units select f.unit_id from national_unit_facts f join national_map_records r on r.rec_id = f.rec_id where ${scoped}`.execute(
    tx,
  );
}

/**
 * After a partial refresh (map_touched: the pairs the records in scope had or have, their gw recounted):
 * recomputes the roll-up rows these records and those pairs feed — the groups and units noted before
 * (noteRollups) and now, the groups of every record with a touched pair (its solo pairs may have changed),
 * and the touched pairs' rows of the pair roll-ups.
 */
async function partialRollups(tx: Executor, scoped: RawBuilder<boolean>): Promise<void> {
  await noteRollups(tx, scoped);
  const touched = sql<boolean>`(p.a, p.b) in (select a, b from map_touched)`;
  await sql`
    insert into map_groups
    with aff as (select p.rec_id from national_map_pairs p where ${touched})
    select 0, '', r.record_kind, r.year, r.field_code from national_map_records r where r.rec_id in (select rec_id from aff)
    union all
    select g.lvl, g.rkey, r.record_kind, r.year, r.field_code
    from national_map_records r join national_map_record_regions g on g.rec_id = r.rec_id where r.rec_id in (select rec_id from aff)`.execute(
    tx,
  );
  // A group as one hashable value (nulls included): jsonb [lvl, rkey, kind, year, field].
  const group = (x: string) =>
    sql`jsonb_build_array(${sql.ref(`${x}.lvl`)}, ${sql.ref(`${x}.rkey`)}, ${sql.ref(`${x}.record_kind`)}, ${sql.ref(`${x}.year`)}, ${sql.ref(`${x}.field_code`)})`;
  await sql`
    create temporary table map_grp on commit drop as
    select distinct ${group('g')} as k, jsonb_build_array(g.record_kind, g.year, g.field_code) as t from map_groups g`.execute(tx);
  await sql`delete from national_map_record_rollup x where ${group('x')} in (select k from map_grp)`.execute(tx);
  // The groups' records: those of their (kind, year, field), with their region keys.
  await sql`
    insert into national_map_record_rollup (lvl, rkey, record_kind, year, field_code, records, approved, budget, solo_pairs)
    with recs as (
      select r.rec_id, r.record_kind, r.year, r.field_code, r.budget,
             (select count(*) from national_map_pairs p where p.rec_id = r.rec_id and p.gw = 1)::int as solo,
             (r.record_kind = 'application' and r.outcome = 'approved')::int as approved
      from national_map_records r where jsonb_build_array(r.record_kind, r.year, r.field_code) in (select t from map_grp)
    ),
    keyed as (
      select 0::smallint as lvl, '' as rkey, recs.* from recs
      union all
      select g.lvl, g.rkey, recs.* from recs join national_map_record_regions g on g.rec_id = recs.rec_id
    )
    select k.lvl, k.rkey, k.record_kind, k.year, k.field_code, count(*), sum(k.approved), sum(k.budget), sum(k.solo)
    from keyed k where ${group('k')} in (select k from map_grp)
    group by k.lvl, k.rkey, k.record_kind, k.year, k.field_code`.execute(tx);
  await sql`drop table map_grp`.execute(tx);
  await sql`truncate map_groups`.execute(tx);
  // Units: their rows whole.
  await sql`delete from national_map_unit_rollup where unit_id in (select unit_id from map_units)`.execute(tx);
  await insertUnitRollup(tx, sql<boolean>`f.unit_id in (select unit_id from map_units)`);
  await sql`truncate map_units`.execute(tx);
  // Pairs: the touched ones' rows whole (their gw changed or their records did).
  await sql`delete from national_map_pair_twice p where ${touched}`.execute(tx);
  await sql`delete from national_map_pair_multi p where ${touched}`.execute(tx);
  await insertPairRollups(tx, touched);
}

/** The (a, b) unit pairs of the records in scope, kept in a temporary table to recount their weights. */
async function notePairs(tx: Executor, scoped: RawBuilder<boolean>): Promise<void> {
  await sql`create temporary table if not exists map_touched (a int not null, b int not null) on commit drop`.execute(tx);
  await sql`
    insert into map_touched (a, b)
    select p.a, p.b from national_map_pairs p join national_map_records r on r.rec_id = p.rec_id where ${scoped}`.execute(tx);
}

async function refresh(tx: Executor, scope: MapFactsScope | undefined): Promise<void> {
  const full = !scope?.records && !scope?.batchId;
  const scoped = full ? sql<boolean>`true` : inScope(scope, sql`r.record_kind`, sql`r.national_id`);
  if (full) {
    await sql`truncate national_map_record_regions, national_map_pairs, national_unit_facts, national_map_records`.execute(tx);
    for (const name of Object.keys(INDEXES)) await sql`drop index if exists ${sql.id(name)}`.execute(tx);
  } else {
    await notePairs(tx, scoped);
    await noteRollups(tx, scoped);
    // Facts and pairs of these records go with them (on delete cascade), their region keys here.
    await sql`delete from national_map_record_regions g using national_map_records r where g.rec_id = r.rec_id and ${scoped}`.execute(tx);
    await sql`delete from national_map_records r where ${scoped}`.execute(tx);
  }
  await sql`
    insert into national_map_records (record_kind, national_id, year, field_code, stage, outcome, budget)
    select 'application', a.national_id, a.year, a.field_code, a.stage::text, a.outcome::text, 0
    from national_applications a where ${inScope(scope, sql`'application'`, sql`a.national_id`)}
    union all
    select 'project', p.national_id, extract(year from p.start_date)::int, p.field_code, null, 'approved', ${BUDGET}
    from national_projects p where ${inScope(scope, sql`'project'`, sql`p.national_id`)}`.execute(tx);
  const units = sql`
    select r.rec_id, nu.position, nu.role, ${UNIT_KEY} as unit_key, nu.org_id, coalesce(o.name, nu.name) as name,
           nu.uscc::text as uscc, coalesce(nu.org_type, o.type)::text as org_type, ${REGION} as region
    from national_map_records r
    join national_units nu on nu.record_kind = r.record_kind and nu.national_id = r.national_id
    left join organisations o on o.id = nu.org_id
    where ${scoped}`;
  // Labels: the greatest over the unit's rows (as the queries' max() did); a partial refresh only raises them.
  await sql`
    insert into national_map_units as m (unit_key, org_id, name, uscc, org_type, region)
    select unit_key, max(org_id::text)::uuid, max(name), max(uscc), max(org_type), max(region) from (${units}) u group by unit_key
    on conflict (unit_key) do update set
      org_id = coalesce(excluded.org_id, m.org_id),
      name = ${full ? sql`excluded.name` : sql`greatest(m.name, excluded.name)`},
      uscc = ${full ? sql`excluded.uscc` : sql`greatest(m.uscc, excluded.uscc)`},
      org_type = ${full ? sql`excluded.org_type` : sql`greatest(m.org_type, excluded.org_type)`},
      region = ${full ? sql`excluded.region` : sql`greatest(m.region, excluded.region)`}`.execute(tx);
  // In field order, so that a field's facts sit together on disk (the filters read them by range).
  await sql`
    insert into national_unit_facts
      (rec_id, position, unit_id, record_kind, role, region, year, field_code, stage, outcome, budget, bucket, outside, points)
    select rec_id, position, unit_id, kind, role, region, year, field_code, stage, outcome, budget,
           case when region ~ '^4401' then region when region ~ '^\\d{6}$' then left(region, 2) || '0000' end,
           coalesce(region ~ '^\\d{6}$' and region !~ '^4401', false), ${POINTS_SQL}
    from (
      select u.rec_id, u.position, m.unit_id, r.record_kind as kind, u.role, u.region, r.year, r.field_code, r.stage, r.outcome, r.budget
      from (${units}) u
      join national_map_units m on m.unit_key = u.unit_key
      join national_map_records r on r.rec_id = u.rec_id
    ) x
    order by field_code collate "C", year, rec_id`.execute(tx);
  await sql`
    update national_map_records r set regions = x.regions
    from (select f.rec_id, array_agg(distinct f.region) as regions from national_unit_facts f
          join national_map_records r on r.rec_id = f.rec_id
          where f.region is not null and ${scoped} group by f.rec_id) x
    where x.rec_id = r.rec_id`.execute(tx);
  await recordRegions(tx, scoped);
  const pairs = sql`
    select x.rec_id, least(x.unit_id, y.unit_id) as a, greatest(x.unit_id, y.unit_id) as b, x.record_kind, x.year, x.field_code
    from national_unit_facts x
    join national_unit_facts y on y.rec_id = x.rec_id and x.position < y.position and x.unit_id <> y.unit_id
    join national_map_records r on r.rec_id = x.rec_id
    where ${scoped}`;
  if (full) {
    await sql`
      insert into national_map_pairs (rec_id, a, b, record_kind, year, field_code, gw)
      select *, count(*) over (partition by a, b) from (${pairs}) p
      order by field_code collate "C", year, rec_id`.execute(tx);
    for (const [name, def] of Object.entries(INDEXES)) await sql`create index ${sql.id(name)} on ${def}`.execute(tx);
  } else {
    await sql`insert into national_map_pairs (rec_id, a, b, record_kind, year, field_code) ${pairs}`.execute(tx);
    await notePairs(tx, scoped);
    // The weights over all records of the pairs these records had or have now.
    await sql`
      update national_map_pairs p set gw = w.n
      from (select p.a, p.b, count(*)::int as n from national_map_pairs p
            where (p.a, p.b) in (select distinct a, b from map_touched) group by p.a, p.b) w
      where p.a = w.a and p.b = w.b and p.gw <> w.n`.execute(tx);
    await partialRollups(tx, scoped);
    await sql`drop table map_touched`.execute(tx);
  }
  if (full) await rollups(tx);
}

/**
 * Rebuilds the map's stored facts (national_map_records, national_map_units, national_unit_facts,
 * national_map_pairs, national_map_record_regions) and their roll-ups (migration 2026-11-24-06) from the national records, their units and the registry: for the records in
 * `scope` (a batch's, or listed ones), else all of them. One transaction (joins the caller's if any).
 * Called after an import batch commits and after a matching run, since both change the units' keys.
 */
export async function refreshMapFacts(db: Executor, scope?: MapFactsScope): Promise<{ ms: number }> {
  const t = performance.now();
  if (db.isTransaction) await refresh(db, scope);
  else
    await db.transaction().execute(async (tx: Tx) => {
      // Room for the refresh's aggregations; no JIT compilation (seconds of it for statements run once).
      await sql`set local work_mem = '64MB'`.execute(tx);
      await sql`set local jit = off`.execute(tx);
      await refresh(tx, scope);
    });
  if (!scope?.records && !scope?.batchId) {
    await sql`analyze national_map_records, national_map_units, national_unit_facts, national_map_pairs, national_map_record_regions, ${sql.join(
      ROLLUPS.map((t) => sql.table(t)),
    )}`.execute(db);
  }
  return { ms: Math.round(performance.now() - t) };
}
