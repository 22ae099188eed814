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
 * The secondary indexes of migration 2026-11-24-04-map (same names and definitions): a full refresh drops
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
};

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
    await sql`truncate national_map_pairs, national_unit_facts, national_map_records`.execute(tx);
    for (const name of Object.keys(INDEXES)) await sql`drop index if exists ${sql.id(name)}`.execute(tx);
  } else {
    await notePairs(tx, scoped);
    // Facts and pairs of these records go with them (on delete cascade).
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
    await sql`drop table map_touched`.execute(tx);
  }
}

/**
 * Rebuilds the map's stored facts (national_map_records, national_map_units, national_unit_facts,
 * national_map_pairs) from the national records, their units and the registry: for the records in
 * `scope` (a batch's, or listed ones), else all of them. One transaction (joins the caller's if any).
 * Called after an import batch commits and after a matching run, since both change the units' keys.
 */
export async function refreshMapFacts(db: Executor, scope?: MapFactsScope): Promise<{ ms: number }> {
  const t = performance.now();
  if (db.isTransaction) await refresh(db, scope);
  else await db.transaction().execute((tx: Tx) => refresh(tx, scope));
  if (!scope?.records && !scope?.batchId) {
    await sql`analyze national_map_records, national_map_units, national_unit_facts, national_map_pairs`.execute(db);
  }
  return { ms: Math.round(performance.now() - t) };
}
