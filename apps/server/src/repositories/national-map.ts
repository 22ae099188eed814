/**
 * The map of enterprises and talent teams (rule 4.2.c): aggregates over the national programme records
 * (national_applications, national_projects) and the units named by them (national_units).
 *
 * A "unit" is the registry organisation once matched (org_id), else the credit code as written, else the
 * normalised name. Its region is the record's own region code, else the registry organisation's, else the
 * registration-authority digits of its credit code (characters 3–8). A record's year is the application
 * round for applications and the start year for projects; a project's budget is central + local + self.
 *
 * The queries read the stored facts of migration 2026-11-24-04-map (national_map_records, national_map_units,
 * national_unit_facts, national_map_pairs — integer unit ids, region, year and field copied onto each row),
 * kept current by refreshMapFacts (commands/national/map-facts.ts) after imports and matching runs — and
 * their roll-ups (migration 2026-11-24-06-map-rollup), which the summary and the network read so that the
 * widest filters (none, a year window, a region, a kind) aggregate thousands of rows rather than the facts:
 * records counted per region key / kind / year / field, units' facts summed per kind / year / region, and the
 * unit pairs occurring twice (one row) or more (their rows, with their records' region keys).
 */
import { isGuangzhouRegion, regionByCode, regionLabel } from '@rdplan/domain';
import { sql, type RawBuilder } from 'kysely';
import type {
  AttractionCandidate,
  AttractionResult,
  BackfillCandidate,
  CountRow,
  EvidenceRow,
  MapNetwork,
  MapSummary,
  RecordKind,
  UnitRow,
} from '@rdplan/domain';
export type {
  AttractionCandidate,
  AttractionResult,
  BackfillCandidate,
  CountRow,
  EvidenceRow,
  MapNetwork,
  MapSummary,
  RecordKind,
  UnitRow,
};
import type { Executor } from '../db/database.js';

export interface MapFilter {
  /** A 14th Five-Year field code; matches the code itself and its sub-codes (F07 ⊃ F07.01). */
  field?: string | undefined;
  /** A chain (id or code): matches the records in any of its field codes. */
  chain?: string | undefined;
  /** GB/T 2260 code: a province (xx0000), a prefecture (xxxx00) or a district. */
  region?: string | undefined;
  yearFrom?: number | undefined;
  yearTo?: number | undefined;
  kind?: RecordKind | undefined;
}

/* ---------- SQL building blocks ---------- */

/** The distinct field codes of a filter; each matches the code itself and its sub-codes (see fieldConds). */
function fieldPatterns(codes: readonly string[]): string[] {
  return [...new Set(codes)];
}

/** Region condition on a six-digit code expression: province → 2 digits, prefecture → 4, else exact. */
function regionCond(expr: RawBuilder<unknown>, code: string | undefined): RawBuilder<boolean> {
  if (!code) return sql<boolean>`true`;
  if (code.endsWith('0000')) return sql<boolean>`left(${expr}, 2) = ${code.slice(0, 2)}`;
  if (code.endsWith('00')) return sql<boolean>`left(${expr}, 4) = ${code.slice(0, 4)}`;
  return sql<boolean>`${expr} = ${code}`;
}

/** Resolved filter: the field patterns every record must match (null = all fields). */
interface Resolved {
  patterns: string[][];
  filter: MapFilter;
}

/** The field codes of a chain given by id or code ([] when there is no such chain). */
export async function chainFieldCodes(db: Executor, chain: string): Promise<string[]> {
  const row = await db
    .selectFrom('chains')
    .select('field_codes')
    .where((eb) => eb.or([eb('code', '=', chain), eb(sql`id::text`, '=', chain)]))
    .executeTakeFirst();
  return row?.field_codes ?? [];
}

async function resolve(db: Executor, filter: MapFilter): Promise<Resolved> {
  const patterns: string[][] = [];
  if (filter.field) patterns.push(fieldPatterns([filter.field]));
  if (filter.chain) patterns.push(fieldPatterns(await chainFieldCodes(db, filter.chain)));
  return { patterns, filter };
}

/**
 * A field code or any of its sub-codes (F07 ⊃ F07.01): the code itself or a code in [F07., F07/) in byte
 * order ("C" collation; '/' follows '.') — index ranges with sound estimates. No codes: no record.
 */
function fieldConds(col: RawBuilder<unknown>, patterns: string[][]): RawBuilder<boolean>[] {
  return patterns.map((codes) => {
    if (codes.length === 0) return sql<boolean>`false`;
    const c = sql`${col} collate "C"`;
    const ranges = codes.map((code) => sql<boolean>`${c} = ${code} or (${c} >= ${`${code}.`} and ${c} < ${`${code}/`})`);
    return sql<boolean>`(${sql.join(ranges, sql` or `)})`;
  });
}

function and(conds: RawBuilder<boolean>[]): RawBuilder<boolean> {
  return conds.length === 0 ? sql<boolean>`true` : sql<boolean>`${sql.join(conds, sql` and `)}`;
}

/**
 * Conditions of the record filter (kind, years, fields) on a stored-facts table aliased `t`
 * (national_map_records, national_unit_facts and national_map_pairs all carry record_kind, year, field_code).
 */
function recConds(r: Resolved, t: string): RawBuilder<boolean> {
  const col = (c: string) => sql.ref(`${t}.${c}`);
  return recCondsOn(r, col('record_kind'), col('year'), col('field_code'));
}

/** recConds on given kind, year and field columns (the two occurrences of national_map_pair_twice). */
function recCondsOn(r: Resolved, kind: RawBuilder<unknown>, year: RawBuilder<unknown>, field: RawBuilder<unknown>): RawBuilder<boolean> {
  const { filter, patterns } = r;
  return and([
    ...(filter.kind ? [sql<boolean>`${kind} = ${filter.kind}`] : []),
    ...(filter.yearFrom !== undefined ? [sql<boolean>`${year} >= ${filter.yearFrom}`] : []),
    ...(filter.yearTo !== undefined ? [sql<boolean>`${year} <= ${filter.yearTo}`] : []),
    ...fieldConds(field, patterns),
  ]);
}

/**
 * The key of a region filter in national_map_record_regions and national_map_record_rollup: the level and
 * key regionCond compares (province → first 2 characters, prefecture → first 4, else the region itself);
 * no region → level 0, key '' (every record).
 */
function regionKey(code: string | undefined): { lvl: number; rkey: string } {
  if (!code) return { lvl: 0, rkey: '' };
  if (code.endsWith('0000')) return { lvl: 2, rkey: code.slice(0, 2) };
  if (code.endsWith('00')) return { lvl: 4, rkey: code.slice(0, 4) };
  return { lvl: 6, rkey: code };
}

/** The record id `recId` is a record having at least one unit in the region (true without a region). */
function recRegion(recId: RawBuilder<unknown>, region: string | undefined): RawBuilder<boolean> {
  if (!region) return sql<boolean>`true`;
  const { lvl, rkey } = regionKey(region);
  return sql<boolean>`${recId} in (select g.rec_id from national_map_record_regions g where g.lvl = ${lvl} and g.rkey = ${rkey})`;
}

/** A record's region keys ('lvl:rkey', as national_map_record_regions) include the region's (true without one). */
function keysRegion(keys: RawBuilder<unknown>, region: string | undefined): RawBuilder<boolean> {
  if (!region) return sql<boolean>`true`;
  const { lvl, rkey } = regionKey(region);
  return sql<boolean>`${keys} @> array[${`${lvl}:${rkey}`}]::text[]`;
}

/**
 * CTE body of the filtered records' counts (records with a unit in the region when a region is given), from
 * national_map_record_rollup: kind, year, field_code, records, approved (applications), budget, solo_pairs.
 */
function frecsCte(r: Resolved): RawBuilder<unknown> {
  const { lvl, rkey } = regionKey(r.filter.region);
  return sql`
    select r.record_kind as kind, r.year, r.field_code, r.records, r.approved, r.budget, r.solo_pairs
    from national_map_record_rollup r where r.lvl = ${lvl} and r.rkey = ${rkey} and ${recConds(r, 'r')}`;
}

/**
 * Transaction with a larger work_mem for the remaining aggregations and no JIT compilation (its cost, tens to
 * hundreds of ms, exceeds these queries' own on estimates over the big tables); joins the caller's transaction.
 */
async function heavy<T>(db: Executor, work: (tx: Executor) => Promise<T>): Promise<T> {
  const run = async (tx: Executor) => {
    await sql`set local work_mem = '64MB'`.execute(tx);
    await sql`set local jit = off`.execute(tx);
    return work(tx);
  };
  return db.isTransaction ? work(db) : db.transaction().execute(run);
}

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

function regionNames(code: string | null) {
  if (!code) return { labelZh: '未知', labelEn: 'Unknown' };
  if (!regionByCode(code)) return { labelZh: code, labelEn: code };
  return { labelZh: regionLabel(code, 'zh'), labelEn: regionLabel(code, 'en') };
}

/* ---------- summary ---------- */

/** Record counts of rows of frecsCte (roll-up rows: sums of their counts). */
const COUNTS = sql`
  coalesce(sum(records) filter (where kind = 'application'), 0) as applications,
  coalesce(sum(records) filter (where kind = 'project'), 0) as projects,
  coalesce(sum(approved), 0) as approved,
  coalesce(sum(budget), 0) as budget`;

function countRow(r: Record<string, unknown>): CountRow {
  return { applications: num(r.applications), projects: num(r.projects), approved: num(r.approved), budget: num(r.budget) };
}

/**
 * Who leads and takes part: record counts by field, chain and year (records with a unit in the region
 * when a region is given), units by region, and the top units.
 * `approved` counts approved applications; `budget` sums project budgets (for units: projects they led).
 */
export async function mapSummary(db: Executor, filter: MapFilter, topN = 50): Promise<MapSummary> {
  const r = await resolve(db, filter);
  const withRecs = sql`with frecs as (${frecsCte(r)})`;
  // Group by the top-level field unless a field is chosen (then by its sub-codes).
  const fieldKey = filter.field ? sql`field_code` : sql`split_part(field_code, '.', 1)`;
  const [byFieldCode, byYear, perUnit, fields, chains] = await Promise.all([
    sql<Record<string, unknown>>`${withRecs}
      select ${fieldKey} as code, ${COUNTS} from frecs group by 1`.execute(db),
    sql<Record<string, unknown>>`${withRecs}
      select year, ${COUNTS} from frecs where year is not null group by year order by year`.execute(db),
    heavy(db, (tx) =>
      sql<Record<string, unknown>>`
      with pu as (${perUnitCte(r)}),
      -- Units by region first, then by bucket (a Guangzhou district, else the province): few regions.
      byreg as (select region, sum(leads) as leads, sum(participations) as participations, count(*) as units from pu group by region)
      select 'region' as part, 0 as rank,
             case when region ~ '^4401' then region when region ~ '^\\d{6}$' then left(region, 2) || '0000' end as unit_key,
             null as org_id, null as name, null as uscc, null as region, null as org_type,
             sum(leads) as leads, sum(participations) as participations, sum(units) as records, 0 as approved, 0 as budget
      from byreg group by 3
      union all
      select 'top' as part, t.rank, t.unit_key, t.org_id, t.name, t.uscc, t.region, t.org_type,
             t.leads, t.participations, t.records, ${unitMoney(r, 't')}
      from (
        select pu.*, m.unit_key, m.org_id::text as org_id, m.name, m.uscc, m.org_type,
               row_number() over (order by pu.leads desc, pu.participations desc, m.unit_key) as rank
        from pu join national_map_units m on m.unit_id = pu.unit_id
        order by pu.leads desc, pu.participations desc, m.unit_key limit ${topN}) t`.execute(tx),
    ),
    db
      .selectFrom('fields as f')
      .leftJoin('fields as p', 'p.id', 'f.parent_id')
      .select(['f.code', 'f.name_zh', 'f.name_en', 'p.code as parent_code'])
      .orderBy('f.code')
      .execute(),
    db
      .selectFrom('chains')
      .select(['id', 'code', 'name_zh', 'name_en', 'field_codes'])
      .where('active', '=', true)
      .orderBy('code')
      .execute(),
  ]);

  const fieldName = new Map(fields.map((f) => [f.code, f]));
  const byField = byFieldCode.rows
    .map((row) => {
      const code = (row.code as string | null) ?? '';
      const f = fieldName.get(code);
      return { code, nameZh: f?.name_zh ?? (code || '未分类'), nameEn: f?.name_en ?? (code || 'Unclassified'), ...countRow(row) };
    })
    .sort((a, b) => (a.code === '' ? 1 : b.code === '' ? -1 : a.code.localeCompare(b.code)));

  // Chains: a record counts in each chain whose field codes contain its field (sums over the exact field codes).
  const exact = filter.field
    ? byFieldCode.rows
    : (
        await sql<Record<string, unknown>>`${withRecs}
          select field_code as code, ${COUNTS} from frecs where field_code is not null group by 1`.execute(db)
      ).rows;
  const byChain = chains.map((c) => {
    const total: CountRow = { applications: 0, projects: 0, approved: 0, budget: 0 };
    for (const row of exact) {
      const code = row.code as string | null;
      if (!code || !c.field_codes.some((f) => code === f || code.startsWith(`${f}.`))) continue;
      const add = countRow(row);
      total.applications += add.applications;
      total.projects += add.projects;
      total.approved += add.approved;
      total.budget += add.budget;
    }
    return { id: c.id, code: c.code, nameZh: c.name_zh, nameEn: c.name_en, ...total };
  });

  const totals = byField.reduce<CountRow>(
    (t, f) => ({
      applications: t.applications + f.applications,
      projects: t.projects + f.projects,
      approved: t.approved + f.approved,
      budget: t.budget + f.budget,
    }),
    { applications: 0, projects: 0, approved: 0, budget: 0 },
  );

  const byRegion = perUnit.rows.filter((x) => x.part === 'region');
  const topUnits = perUnit.rows.filter((x) => x.part === 'top').sort((a, b) => num(a.rank) - num(b.rank));
  return {
    // Each unit counts once, in the region of its rows (a unit's rows agree on the region in practice).
    totals: { ...totals, units: byRegion.reduce((n, x) => n + num(x.records), 0) },
    byField,
    byChain,
    byRegion: byRegion
      .map((row) => {
        const code = (row.unit_key as string | null) ?? '';
        return {
          code,
          ...regionNames(code || null),
          isGuangzhou: code !== '' && isGuangzhouRegion(code),
          leads: num(row.leads),
          participations: num(row.participations),
          units: num(row.records),
        };
      })
      .sort((a, b) => b.leads + b.participations - (a.leads + a.participations) || a.code.localeCompare(b.code)),
    byYear: byYear.rows.map((row) => ({ year: num(row.year), ...countRow(row) })),
    topUnits: topUnits.map(unitRow),
    options: {
      fields: fields.map((f) => ({ code: f.code, nameZh: f.name_zh, nameEn: f.name_en, parentCode: f.parent_code })),
      chains: chains.map((c) => ({ id: c.id, code: c.code, nameZh: c.name_zh, nameEn: c.name_en, fieldCodes: c.field_codes })),
    },
  };
}

/**
 * CTE body of the units' figures on the filtered records (their facts in the region when a region is
 * given): unit_id, region (the greatest), leads, participations, records, approved applications, budget of
 * the projects led. Without a field filter from national_map_unit_rollup (the facts summed per unit, kind,
 * year and region), else from the facts themselves (a field narrows them to a few).
 */
function perUnitCte(r: Resolved): RawBuilder<unknown> {
  const region = r.filter.region;
  if (r.patterns.length === 0) {
    // approved and budget: for the top units only (unitMoney) — numeric sums over every unit cost.
    return sql`
      select f.unit_id, max(f.region) as region, sum(f.leads) as leads, sum(f.participations) as participations,
             sum(f.records) as records
      from national_map_unit_rollup f where ${recConds(r, 'f')} and ${regionCond(sql`f.region`, region)}
      group by f.unit_id`;
  }
  return sql`
    select f.unit_id, max(f.region) as region,
           count(*) filter (where f.role = 'lead') as leads, count(*) filter (where f.role = 'participant') as participations,
           count(*) as records, count(*) filter (where f.record_kind = 'application' and f.outcome = 'approved') as approved,
           coalesce(sum(f.budget) filter (where f.record_kind = 'project' and f.role = 'lead'), 0) as budget
    from national_unit_facts f where ${recConds(r, 'f')} and ${regionCond(sql`f.region`, region)}
    group by f.unit_id`;
}

/** approved, budget of a row `t` of perUnitCte: its own, or summed from the roll-up for its unit. */
function unitMoney(r: Resolved, t: string): RawBuilder<unknown> {
  if (r.patterns.length > 0) return sql`${sql.ref(`${t}.approved`)} as approved, ${sql.ref(`${t}.budget`)} as budget`;
  return sql`
    (select coalesce(sum(f.approved), 0) from national_map_unit_rollup f
     where f.unit_id = ${sql.ref(`${t}.unit_id`)} and ${recConds(r, 'f')} and ${regionCond(sql`f.region`, r.filter.region)}) as approved,
    (select coalesce(sum(f.budget), 0) from national_map_unit_rollup f
     where f.unit_id = ${sql.ref(`${t}.unit_id`)} and ${recConds(r, 'f')} and ${regionCond(sql`f.region`, r.filter.region)}) as budget`;
}

function unitRow(row: Record<string, unknown>): UnitRow {
  const region = (row.region as string | null) ?? null;
  return {
    key: row.unit_key as string,
    orgId: (row.org_id as string | null) ?? null,
    name: row.name as string,
    uscc: row.uscc ? String(row.uscc).trim() : null,
    regionCode: region,
    isGuangzhou: region !== null && isGuangzhouRegion(region),
    orgType: (row.org_type as string | null) ?? null,
    leads: num(row.leads),
    participations: num(row.participations),
    records: num(row.records),
    approved: num(row.approved),
    budget: num(row.budget),
  };
}

/* ---------- collaboration network ---------- */

/**
 * Units that appear on the same record, weighted by the number of shared records; the `topEdges`
 * heaviest pairs (ties by key) and the units they join. With a region, only records with a unit there.
 */
export async function mapNetwork(db: Executor, filter: MapFilter, topEdges = 100): Promise<MapNetwork> {
  const r = await resolve(db, filter);
  // Pair rows passing the filter: of national_map_pairs (any weight), of national_map_pair_multi (pairs
  // occurring three times or more), and either occurrence of a pair of national_map_pair_twice.
  const inFilter = sql<boolean>`${recConds(r, 'p')} and ${recRegion(sql`p.rec_id`, filter.region)}`;
  const inMulti = sql<boolean>`${recConds(r, 'p')} and ${keysRegion(sql`p.keys`, filter.region)}`;
  const twice = (n: 1 | 2) =>
    sql<boolean>`${recCondsOn(r, sql.ref(`t.kind${n}`), sql.ref(`t.year${n}`), sql.ref(`t.field${n}`))} and ${keysRegion(sql.ref(`t.keys${n}`), filter.region)}`;
  // Distinct pairs: a pair occurring once over all records (gw = 1) is one wherever it occurs (the records'
  // solo_pairs, rolled up); one occurring twice counts when either occurrence passes; the rest are grouped.
  const total = heavy(db, (tx) =>
    sql<{ total: string }>`
    with frecs as (${frecsCte(r)})
    select (select coalesce(sum(solo_pairs), 0) from frecs)
         + (select count(*) from national_map_pair_twice t where (${twice(1)}) or (${twice(2)}))
         + (select count(*) from (select 1 from national_map_pair_multi p where ${inMulti} group by p.a, p.b) x) as total`.execute(tx),
  );
  // The heaviest pairs: a pair's weight under the filter is at most its weight over all records (gw), so
  // when the N-th heaviest among the pairs with gw >= T weighs T or more, no other pair can enter the top
  // N (ties included); else retry with a lower T (T = 1: every pair). Pairs are grouped by integer unit
  // ids; only those at least as heavy as the N-th get their text keys (for the order by weight, keys).
  // T = 3 reads national_map_pair_multi; T = 2 adds the pairs occurring twice that weigh 2 (both occurrences
  // pass; national_map_pair_twice) — those weighing less stay out, sound since the N-th must weigh 2 or more.
  const top = async (tier: number) =>
    heavy(db, (tx) =>
      sql<Record<string, unknown>>`
      with agg as (
        ${
          tier === 1
            ? sql`select p.a, p.b, count(*) as weight from national_map_pairs p where ${inFilter} group by p.a, p.b`
            : sql`select p.a, p.b, count(*) as weight from national_map_pair_multi p where ${inMulti} group by p.a, p.b`
        }
        ${tier === 2 ? sql`union all select t.a, t.b, 2 from national_map_pair_twice t where (${twice(1)}) and (${twice(2)})` : sql``}
      ),
      thr as (select weight from agg order by weight desc offset ${Math.max(0, topEdges - 1)} limit 1),
      cut as (select * from agg where weight >= coalesce((select weight from thr), 0))
      select least(ka.unit_key, kb.unit_key) as source, greatest(ka.unit_key, kb.unit_key) as target, cut.weight
      from cut join national_map_units ka on ka.unit_id = cut.a join national_map_units kb on kb.unit_id = cut.b
      order by cut.weight desc, 1, 2 limit ${topEdges}`.execute(tx),
    );
  const edgesOf = async () => {
    for (const tier of [3, 2]) {
      const res = await top(tier);
      if (res.rows.length === topEdges && num(res.rows[topEdges - 1]!.weight) >= tier) return res;
    }
    return top(1);
  };
  const [pairs, totals] = await Promise.all([edgesOf(), total]);
  const edges = pairs.rows.map((p) => ({ source: p.source as string, target: p.target as string, weight: num(p.weight) }));
  const keys = [...new Set(edges.flatMap((e) => [e.source, e.target]))];
  if (keys.length === 0) return { nodes: [], edges: [], totalEdges: 0 };
  // The units' records and leads on the filtered records (whatever their region), summed from the roll-up
  // unless a field narrows the records.
  const nodes = await (
    r.patterns.length === 0
      ? sql<Record<string, unknown>>`
        select m.unit_key, m.org_id::text as org_id, m.name, max(f.region) as region, m.org_type,
               sum(f.records) as records, sum(f.leads) as leads
        from national_map_units m join national_map_unit_rollup f on f.unit_id = m.unit_id
        where m.unit_key = any(${keys}::text[]) and ${recConds(r, 'f')}
        group by m.unit_id`
      : sql<Record<string, unknown>>`
        select m.unit_key, m.org_id::text as org_id, m.name, max(f.region) as region, m.org_type,
               count(*) as records, count(*) filter (where f.role = 'lead') as leads
        from national_map_units m join national_unit_facts f on f.unit_id = m.unit_id
        where m.unit_key = any(${keys}::text[]) and ${recConds(r, 'f')}
        group by m.unit_id`
  ).execute(db);
  return {
    nodes: nodes.rows
      .map((n) => {
        const region = (n.region as string | null) ?? null;
        return {
          key: n.unit_key as string,
          orgId: (n.org_id as string | null) ?? null,
          name: n.name as string,
          regionCode: region,
          isGuangzhou: region !== null && isGuangzhouRegion(region),
          orgType: (n.org_type as string | null) ?? null,
          records: num(n.records),
          leads: num(n.leads),
        };
      })
      .sort((a, b) => b.records - a.records || a.key.localeCompare(b.key)),
    edges,
    totalEdges: num(totals.rows[0]?.total),
  };
}

/* ---------- attraction candidates ---------- */

/** Points of one record for the unit named on it (see ATTRACTION_SCORE). */
export const ATTRACTION_POINTS = {
  projectLead: 5,
  projectParticipant: 2,
  applicationLead: 2,
  applicationParticipant: 1,
  approvedBonus: 2,
  finalDefenceBonus: 0.5,
  /** Each year before the reference year multiplies the points by this. */
  yearDecay: 0.8,
  /** × ln(1 + budget in millions of yuan) — projects led count fully, joined ones half. */
  budgetWeight: 2,
  /** Per distinct key person of the unit on these records, at most keyPeopleCap of them. */
  keyPersonWeight: 1,
  keyPeopleCap: 10,
} as const;

/**
 * The attraction score of a unit outside Guangzhou over the records in the target fields:
 *
 *   score = Σ_records decay^(refYear − year) × points(record)
 *         + budgetWeight × ln(1 + (budget of projects led + ½ budget of projects joined) / 1,000,000)
 *         + keyPersonWeight × min(keyPeopleCap, distinct key people)
 *
 * points: project lead 5, project participant 2, application lead 2, application participant 1;
 * an application adds 2 when approved, 0.5 when it reached the final defence without approval.
 * (An approved application that became a project counts as both, by design: it shows the unit wins.)
 */
export const ATTRACTION_SCORE =
  'Σ 0.8^(refYear−year) × points + 2·ln(1 + (budget led + ½ budget joined)/1,000,000) + min(10, key people); points: project lead 5 / participant 2, application lead 2 / participant 1, +2 approved, +0.5 final defence';

const P = ATTRACTION_POINTS;
/** Points of one fact (columns kind, role, outcome, stage); stored as national_unit_facts.points by refreshMapFacts. */
export const POINTS_SQL = sql<number>`(case when kind = 'project' then (case when role = 'lead' then ${sql.lit(P.projectLead)} else ${sql.lit(P.projectParticipant)} end)
  else (case when role = 'lead' then ${sql.lit(P.applicationLead)} else ${sql.lit(P.applicationParticipant)} end)
     + (case when outcome = 'approved' then ${sql.lit(P.approvedBonus)} when stage = 'final_defence' then ${sql.lit(P.finalDefenceBonus)} else 0 end) end)::float8`;

export interface AttractionFilter {
  chain?: string | undefined;
  field?: string | undefined;
  yearFrom?: number | undefined;
  yearTo?: number | undefined;
}

/** Target fields: the chain's, the field, both (intersected by matching both), or every active chain's. */
async function attractionPatterns(db: Executor, f: AttractionFilter): Promise<{ patterns: string[][]; codes: string[] }> {
  const patterns: string[][] = [];
  const codes: string[] = [];
  if (f.chain) {
    const c = await chainFieldCodes(db, f.chain);
    patterns.push(fieldPatterns(c));
    codes.push(...c);
  }
  if (f.field) {
    patterns.push(fieldPatterns([f.field]));
    codes.push(f.field);
  }
  if (patterns.length === 0) {
    const all = await db.selectFrom('chains').select('field_codes').where('active', '=', true).execute();
    const c = [...new Set(all.flatMap((x) => x.field_codes))].sort();
    patterns.push(fieldPatterns(c));
    codes.push(...c);
  }
  return { patterns, codes: [...new Set(codes)] };
}

/**
 * Units outside Guangzhou strong in the fields of the city's chains, ranked by ATTRACTION_SCORE, each
 * with the records behind its score (the `evidenceN` with most points) and its key people.
 */
export async function mapAttraction(
  db: Executor,
  f: AttractionFilter,
  refYear: number,
  topN = 50,
  evidenceN = 20,
): Promise<AttractionResult> {
  const { patterns, codes } = await attractionPatterns(db, f);
  const r: Resolved = { patterns, filter: { yearFrom: f.yearFrom, yearTo: f.yearTo } };
  const ranked = await heavy(db, (tx) =>
    sql<Record<string, unknown>>`
    with units as (
      select f.unit_id, f.region, f.record_kind as kind, f.role, f.outcome, f.stage, f.budget, f.year, f.points
      from national_unit_facts f where ${recConds(r, 'f')} and f.outside
    ),
    -- Key people per registry organisation on the filtered records.
    kp as (
      select np.org_id, count(distinct np.person_key) as n
      from national_people np join national_map_records r on r.record_kind = np.record_kind and r.national_id = np.national_id
      where np.org_id is not null and np.person_key is not null and ${recConds(r, 'r')}
      group by np.org_id
    ),
    agg as (
      select unit_id, max(region) as region,
             count(*) filter (where kind = 'project' and role = 'lead') as p_lead,
             count(*) filter (where kind = 'project' and role = 'participant') as p_part,
             count(*) filter (where kind = 'application' and role = 'lead') as a_lead,
             count(*) filter (where kind = 'application' and role = 'participant') as a_part,
             count(*) filter (where kind = 'application' and outcome = 'approved') as a_appr,
             count(*) filter (where kind = 'application' and stage = 'final_defence' and outcome <> 'approved') as a_final,
             coalesce(sum(budget) filter (where kind = 'project' and role = 'lead'), 0) as budget_led,
             coalesce(sum(budget) filter (where kind = 'project' and role = 'participant'), 0) as budget_part,
             sum(power(${sql.lit(P.yearDecay)}::float8, greatest(0, ${refYear}::int - coalesce(year, ${refYear}::int))) * points) as activity,
             count(*) as records, max(year) as last_year
      from units
      group by unit_id
    ),
    scored as (
      select agg.*, m.unit_key, m.org_id::text as org_id, m.name, m.uscc, m.org_type, coalesce(kp.n, 0) as key_people
      from agg join national_map_units m on m.unit_id = agg.unit_id left join kp on kp.org_id = m.org_id
    )
    select scored.*,
           scored.activity
           + ${sql.lit(P.budgetWeight)} * ln(1 + (scored.budget_led + scored.budget_part / 2.0) / 1000000.0)
           + ${sql.lit(P.keyPersonWeight)} * least(${sql.lit(P.keyPeopleCap)}, scored.key_people) as score
    from scored
    order by score desc, unit_key
    limit ${topN}`.execute(tx),
  );

  const keys = ranked.rows.map((x) => x.unit_key as string);
  const evidence = new Map<string, EvidenceRow[]>();
  const people = new Map<string, string[]>();
  if (keys.length > 0) {
    const orgIds = keys.filter((k) => !k.startsWith('uscc:') && !k.startsWith('name:'));
    // The top units' facts (by unit id) on the filtered records, with the records' titles.
    const [ev, ppl] = await Promise.all([
      sql<Record<string, unknown>>`
        with units as (
          select f.record_kind as kind, r.national_id, f.year, f.field_code,
                 coalesce(a.title, p.title) as title, f.stage, f.outcome, f.budget, f.role, m.unit_key, f.points
          from national_map_units m
          join national_unit_facts f on f.unit_id = m.unit_id
          join national_map_records r on r.rec_id = f.rec_id
          left join national_applications a on f.record_kind = 'application' and a.national_id = r.national_id
          left join national_projects p on f.record_kind = 'project' and p.national_id = r.national_id
          where m.unit_key = any(${keys}::text[]) and ${recConds(r, 'f')} and f.outside
        ),
        scored as (
          select *,
                 row_number() over (partition by unit_key order by points * power(${sql.lit(P.yearDecay)}::float8, greatest(0, ${refYear}::int - coalesce(year, ${refYear}::int))) desc, year desc nulls last, national_id) as n
          from units
        )
        select * from scored where n <= ${evidenceN} order by unit_key, n`.execute(db),
      orgIds.length === 0
        ? Promise.resolve({ rows: [] as Record<string, unknown>[] })
        : sql<Record<string, unknown>>`
            with recs as (select r.record_kind as kind, r.national_id from national_map_records r where ${recConds(r, 'r')})
            select np.org_id::text as org_id, np.name, max(np.role) as role, count(*) as records
            from national_people np join recs on recs.kind = np.record_kind and recs.national_id = np.national_id
            where np.org_id = any(${orgIds}::uuid[])
            group by np.org_id, np.name, np.person_key
            order by np.org_id, count(*) desc, np.name`.execute(db),
    ]);
    for (const e of ev.rows) {
      const k = e.unit_key as string;
      const list = evidence.get(k) ?? [];
      list.push({
        kind: e.kind as RecordKind,
        nationalId: e.national_id as string,
        year: e.year === null ? null : num(e.year),
        title: e.title as string,
        fieldCode: (e.field_code as string | null) ?? null,
        role: e.role as 'lead' | 'participant',
        stage: (e.stage as string | null) ?? null,
        outcome: e.outcome as string,
        budget: num(e.budget),
        points: num(e.points),
      });
      evidence.set(k, list);
    }
    for (const p of ppl.rows) {
      const k = p.org_id as string;
      const list = people.get(k) ?? [];
      if (list.length < P.keyPeopleCap) list.push(p.role ? `${p.name as string}（${p.role as string}）` : (p.name as string));
      people.set(k, list);
    }
  }

  return {
    refYear,
    fieldCodes: codes.sort(),
    formula: ATTRACTION_SCORE,
    candidates: ranked.rows.map((x, i) => {
      const base = unitRow({ ...x, leads: num(x.p_lead) + num(x.a_lead), participations: num(x.p_part) + num(x.a_part) });
      const key = base.key;
      return {
        key,
        orgId: base.orgId,
        name: base.name,
        uscc: base.uscc,
        regionCode: base.regionCode,
        isGuangzhou: base.isGuangzhou,
        orgType: base.orgType,
        leads: base.leads,
        participations: base.participations,
        records: base.records,
        rank: i + 1,
        score: round2(num(x.score)),
        activity: round2(num(x.activity)),
        projectsLed: num(x.p_lead),
        projectsJoined: num(x.p_part),
        applicationsLed: num(x.a_lead),
        applicationsJoined: num(x.a_part),
        approved: num(x.a_appr),
        finalDefence: num(x.a_final),
        budgetLed: num(x.budget_led),
        budgetJoined: num(x.budget_part),
        keyPeople: num(x.key_people),
        lastYear: x.last_year === null ? null : num(x.last_year),
        people: base.orgId ? (people.get(base.orgId) ?? []) : [],
        evidence: evidence.get(key) ?? [],
      };
    }),
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/* ---------- backfill candidates (3.2) ---------- */

/**
 * Guangzhou units that were the first applicant (3.2.b) of an application in `year` that reached the
 * final defence (3.2.c) and was not approved (3.2.d), with those applications; field / chain narrow them.
 */
export async function mapBackfill(db: Executor, year: number, f: { field?: string | undefined; chain?: string | undefined }) {
  const r = await resolve(db, { field: f.field, chain: f.chain });
  const rows = await sql<Record<string, unknown>>`
    select a.national_id, a.year, a.programme, a.direction, a.field_code, a.title,
           coalesce(nu.org_id, a.lead_org_id)::text as org_id, coalesce(o.name, nu.name, a.lead_name) as name,
           coalesce(nu.uscc, a.lead_uscc)::text as uscc, coalesce(nu.org_type, o.type) as org_type,
           coalesce(nu.region_code::text, o.region_code::text, substr(coalesce(nu.uscc, a.lead_uscc), 3, 6)) as region,
           coalesce(nu.org_id::text, a.lead_org_id::text, 'uscc:' || coalesce(nu.uscc, a.lead_uscc), 'name:' || coalesce(nu.name_norm, a.lead_name)) as unit_key
    from national_applications a
    left join national_units nu on nu.record_kind = 'application' and nu.national_id = a.national_id and nu.position = 0
    left join organisations o on o.id = coalesce(nu.org_id, a.lead_org_id)
    where a.year = ${year} and a.stage = 'final_defence' and a.outcome = 'not_approved'
      and ${and(fieldConds(sql`a.field_code`, r.patterns))}
    order by name, a.national_id`.execute(db);
  const byUnit = new Map<string, BackfillCandidate>();
  for (const row of rows.rows) {
    const region = (row.region as string | null) ?? null;
    if (!region || !isGuangzhouRegion(region)) continue;
    const key = row.unit_key as string;
    let c = byUnit.get(key);
    if (!c) {
      const orgType = (row.org_type as string | null) ?? null;
      c = {
        key,
        orgId: (row.org_id as string | null) ?? null,
        name: row.name as string,
        uscc: row.uscc ? String(row.uscc).trim() : null,
        regionCode: region,
        orgType,
        eligibleType: orgType === null ? null : orgType === 'enterprise' || orgType === 'medical_institution',
        records: [],
      };
      byUnit.set(key, c);
    }
    c.records.push({
      nationalId: row.national_id as string,
      year: num(row.year),
      programme: row.programme as string,
      direction: row.direction as string,
      fieldCode: (row.field_code as string | null) ?? null,
      title: row.title as string,
    });
  }
  return { year, candidates: [...byUnit.values()] };
}
