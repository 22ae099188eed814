/**
 * The map's roll-ups (migration 2026-11-24-06-map-rollup) answer as the stored facts do: the summary and the
 * network under several filters equal a direct computation, here in the test, from the base tables
 * (national_map_records, national_unit_facts, national_map_pairs, national_map_units) — after a full refresh
 * and after a partial one that changes pair counts.
 */
import { makeUscc } from '@rdplan/domain';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { refreshMapFacts } from '../src/commands/national/map-facts.js';
import { mapNetwork, mapSummary, type MapFilter } from '../src/repositories/national-map.js';
import { createOrg } from './support/fixtures.js';
import { startHarness } from './support/harness.js';
import { seedMapTaxonomy } from './support/map.js';

const h = await startHarness();
const db = h.deps.db;

await seedMapTaxonomy(db, ['F02.01', 'F03']);

/** A unit as written on a record: a registry organisation, a credit code only, or a name only. */
interface UnitSpec {
  uscc: string | null;
  name: string;
  orgId: string | null;
  /** The region written on the record (per row: the name-only unit below has it on some rows only). */
  region: (i: number) => string | null;
}
const orgUnit = async (name: string, regionCode: string): Promise<UnitSpec> => {
  const o = await createOrg(db, { name, regionCode });
  return { uscc: o.uscc, name: o.name, orgId: o.id, region: () => null };
};
const pool: UnitSpec[] = [
  await orgUnit('广州一号科技有限公司', '440106'),
  await orgUnit('广州二号医院', '440105'),
  await orgUnit('广州三号大学', '440113'),
  await orgUnit('北京某大学', '110108'),
  await orgUnit('深圳某科技有限公司', '440305'),
  await orgUnit('上海某研究所', '310104'),
  // Not in the registry: its region from its credit code (320102).
  { uscc: makeUscc('1', '2', '320102', 'MA1HX002'), name: '南京某研究院', orgId: null, region: () => null },
  // Known by name only, with a region on some of its rows only.
  { uscc: null, name: '杭州某团队', orgId: null, region: (i) => (i % 3 === 0 ? null : '330106') },
  // Known by name only, never with a region.
  { uscc: null, name: '无名课题组', orgId: null, region: () => null },
];
// Rarer units, so that many pairs occur once or twice only.
for (const [i, region] of ['440112', '440111', '420111', '610113', '510107', '440104', '441900', '230103'].entries()) {
  pool.push(await orgUnit(`协作单位${i}`, region));
}

/** A small deterministic generator (mulberry32). */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(20261124);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const FIELDS = ['F01', 'F01.01', 'F02', 'F02.01', 'F03', null] as const;
let row = 0;

async function writeUnits(kind: 'application' | 'project', nationalId: string, units: UnitSpec[]) {
  await db
    .insertInto('national_units')
    .values(
      units.map((x, position) => ({
        record_kind: kind,
        national_id: nationalId,
        position,
        role: position === 0 ? ('lead' as const) : ('participant' as const),
        uscc: x.uscc,
        name: x.name,
        name_norm: x.name,
        org_type: null,
        region_code: x.region(row++),
        org_id: x.orgId,
        match_status: x.orgId ? ('matched' as const) : ('unmatched' as const),
      })),
    )
    .execute();
}

/** 1–4 units, mostly distinct, now and then one twice on the record; the first few units come up most. */
function someUnits(): UnitSpec[] {
  const n = 1 + Math.floor(rand() * 4);
  const list: UnitSpec[] = [];
  for (let i = 0; i < n; i++) list.push(rand() < 0.4 ? pool[Math.floor(rand() * 4)]! : pick(pool));
  return list;
}

async function addApplication(id: string) {
  const units = someUnits();
  const lead = units[0]!;
  await db
    .insertInto('national_applications')
    .values({
      national_id: id,
      year: 2021 + Math.floor(rand() * 5),
      programme: '"智能机器人"重点专项',
      direction: `方向${id}`,
      field_code: pick(FIELDS),
      title: `申报${id}`,
      lead_uscc: lead.uscc,
      lead_name: lead.name,
      lead_org_id: lead.orgId,
      leader_name: null,
      stage: pick(['formal_check', 'first_round', 'final_defence'] as const),
      outcome: pick(['pending', 'approved', 'not_approved'] as const),
    })
    .execute();
  await writeUnits('application', id, units);
}

async function addProject(id: string) {
  const units = someUnits();
  const lead = units[0]!;
  await db
    .insertInto('national_projects')
    .values({
      national_id: id,
      title: `项目${id}`,
      programme: '"智能机器人"重点专项',
      field_code: pick(FIELDS),
      start_date: `${2021 + Math.floor(rand() * 5)}-03-01`,
      end_date: '2027-12-31',
      budget: JSON.stringify({ central: Math.round(rand() * 20) * 1_000_000, local: 0, self: Math.round(rand() * 5) * 1_000_000 }),
      lead_uscc: lead.uscc,
      lead_name: lead.name,
      lead_type: 'enterprise',
      lead_region_code: '440106',
      lead_org_id: lead.orgId,
    })
    .execute();
  await writeUnits('project', id, units);
}

for (let i = 1; i <= 60; i++) await addApplication(`RA${i}`);
for (let i = 1; i <= 25; i++) await addProject(`RP${i}`);
await refreshMapFacts(db);

/* ---------- the direct computation, from the base tables ---------- */

type Row = Record<string, unknown>;
const n = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

async function base() {
  const [records, facts, pairs, units, chains] = await Promise.all([
    sql<Row>`select * from national_map_records`.execute(db),
    sql<Row>`select * from national_unit_facts`.execute(db),
    sql<Row>`select * from national_map_pairs`.execute(db),
    sql<Row>`select * from national_map_units`.execute(db),
    sql<Row>`select code, field_codes from chains`.execute(db),
  ]);
  return { records: records.rows, facts: facts.rows, pairs: pairs.rows, units: units.rows, chains: chains.rows };
}
type Base = Awaited<ReturnType<typeof base>>;

function passes(b: Base, f: MapFilter, x: Row): boolean {
  if (f.kind && x.record_kind !== f.kind) return false;
  const year = x.year === null ? null : n(x.year);
  if (f.yearFrom !== undefined && (year === null || year < f.yearFrom)) return false;
  if (f.yearTo !== undefined && (year === null || year > f.yearTo)) return false;
  const lists: string[][] = [];
  if (f.field) lists.push([f.field]);
  if (f.chain) lists.push((b.chains.find((c) => c.code === f.chain)?.field_codes as string[] | undefined) ?? []);
  const code = x.field_code as string | null;
  return lists.every((codes) => code !== null && codes.some((c) => code === c || code.startsWith(`${c}.`)));
}

function inRegion(region: string, code: string): boolean {
  if (code.endsWith('0000')) return region.slice(0, 2) === code.slice(0, 2);
  if (code.endsWith('00')) return region.slice(0, 4) === code.slice(0, 4);
  return region === code;
}

const maxOf = (xs: (string | null)[]) =>
  xs.filter((x): x is string => x !== null).reduce<string | null>((m, x) => (m === null || x > m ? x : m), null);

function expectedSummary(b: Base, f: MapFilter) {
  const recs = b.records.filter((r) => passes(b, f, r) && (!f.region || (r.regions as string[]).some((g) => inRegion(g, f.region!))));
  const counts = (rows: Row[]) => ({
    applications: rows.filter((r) => r.record_kind === 'application').length,
    projects: rows.filter((r) => r.record_kind === 'project').length,
    approved: rows.filter((r) => r.record_kind === 'application' && r.outcome === 'approved').length,
    budget: rows.reduce((s, r) => s + n(r.budget), 0),
  });
  const groups = <K>(rows: Row[], key: (r: Row) => K) => {
    const m = new Map<K, Row[]>();
    for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
    return m;
  };
  const byField = Object.fromEntries(
    [
      ...groups(recs, (r) => {
        const code = r.field_code as string | null;
        return code === null ? '' : f.field ? code : code.split('.')[0]!;
      }),
    ].map(([k, rows]) => [k, counts(rows)]),
  );
  const byYear = [
    ...groups(
      recs.filter((r) => r.year !== null),
      (r) => n(r.year),
    ),
  ]
    .map(([year, rows]) => ({ year, ...counts(rows) }))
    .sort((x, y) => x.year - y.year);
  const byChain = Object.fromEntries(
    b.chains.map((c) => [
      c.code,
      counts(
        recs.filter(
          (r) =>
            r.field_code !== null &&
            (c.field_codes as string[]).some((x) => r.field_code === x || (r.field_code as string).startsWith(`${x}.`)),
        ),
      ),
    ]),
  );
  const facts = b.facts.filter((x) => passes(b, f, x) && (!f.region || (x.region !== null && inRegion(x.region as string, f.region))));
  const perUnit = [...groups(facts, (x) => n(x.unit_id))].map(([unitId, rows]) => {
    const unit = b.units.find((u) => n(u.unit_id) === unitId)!;
    return {
      key: unit.unit_key as string,
      region: maxOf(rows.map((x) => x.region as string | null)),
      leads: rows.filter((x) => x.role === 'lead').length,
      participations: rows.filter((x) => x.role === 'participant').length,
      records: rows.length,
      approved: rows.filter((x) => x.record_kind === 'application' && x.outcome === 'approved').length,
      budget: rows.filter((x) => x.record_kind === 'project' && x.role === 'lead').reduce((s, x) => s + n(x.budget), 0),
    };
  });
  const bucket = (region: string | null) =>
    region === null ? '' : /^4401/.test(region) ? region : /^\d{6}$/.test(region) ? `${region.slice(0, 2)}0000` : '';
  const byRegion = Object.fromEntries(
    [...groups(perUnit as unknown as Row[], (u) => bucket(u.region as string | null))].map(([code, us]) => [
      code,
      [us.reduce((s, u) => s + n(u.leads), 0), us.reduce((s, u) => s + n(u.participations), 0), us.length],
    ]),
  );
  return { byField, byYear, byChain, byRegion, perUnit, units: perUnit.length, totals: counts(recs) };
}

function expectedNetwork(b: Base, f: MapFilter) {
  const regionRecs = new Set(
    b.records.filter((r) => !f.region || (r.regions as string[]).some((g) => inRegion(g, f.region!))).map((r) => n(r.rec_id)),
  );
  const keyOf = new Map(b.units.map((u) => [n(u.unit_id), u.unit_key as string]));
  const weights = new Map<string, number>();
  for (const p of b.pairs) {
    if (!passes(b, f, p) || !regionRecs.has(n(p.rec_id))) continue;
    const [x, y] = [keyOf.get(n(p.a))!, keyOf.get(n(p.b))!].sort((s, t) => (s < t ? -1 : s > t ? 1 : 0));
    const k = `${x}|${y}`;
    weights.set(k, (weights.get(k) ?? 0) + 1);
  }
  const nodeOf = (key: string) => {
    const unit = b.units.find((u) => u.unit_key === key)!;
    const rows = b.facts.filter((x) => n(x.unit_id) === n(unit.unit_id) && passes(b, f, x));
    return {
      records: rows.length,
      leads: rows.filter((x) => x.role === 'lead').length,
      regionCode: maxOf(rows.map((x) => x.region as string | null)),
    };
  };
  return { weights, nodeOf };
}

/* ---------- the comparison ---------- */

const FILTERS: MapFilter[] = [
  {},
  { kind: 'project' },
  { kind: 'application' },
  { yearFrom: 2022, yearTo: 2023 },
  { yearFrom: 2024 },
  { region: '440100' },
  { region: '440000' },
  { region: '110000' },
  { region: '440106' },
  { region: '320102' },
  { field: 'F01' },
  { chain: 'M02' },
  { region: '440000', kind: 'application', yearFrom: 2023 },
  { region: '330000', yearTo: 2024 },
];

async function compareAll() {
  const b = await base();
  for (const f of FILTERS) {
    const label = JSON.stringify(f);
    const s = await mapSummary(db, f, 500);
    const e = expectedSummary(b, f);
    expect(
      Object.fromEntries(
        s.byField.map(({ code, applications, projects, approved, budget }) => [code, { applications, projects, approved, budget }]),
      ),
      label,
    ).toEqual(e.byField);
    expect(s.byYear, label).toEqual(e.byYear);
    expect(
      Object.fromEntries(
        s.byChain.map(({ code, applications, projects, approved, budget }) => [code, { applications, projects, approved, budget }]),
      ),
      label,
    ).toEqual(e.byChain);
    expect(s.totals, label).toEqual({ ...e.totals, units: e.units });
    expect(Object.fromEntries(s.byRegion.map((x) => [x.code, [x.leads, x.participations, x.units]])), label).toEqual(e.byRegion);
    // Every unit (top 500 > all of them), each with its own figures, by leads then participations.
    expect(s.topUnits, label).toHaveLength(e.perUnit.length);
    for (const u of s.topUnits) {
      const want = e.perUnit.find((x) => x.key === u.key)!;
      expect(u, label).toMatchObject({
        regionCode: want.region,
        leads: want.leads,
        participations: want.participations,
        records: want.records,
        approved: want.approved,
        budget: want.budget,
      });
    }
    const order = s.topUnits.map((u) => [u.leads, u.participations]);
    expect(order, label).toEqual([...order].sort((x, y) => y[0]! - x[0]! || y[1]! - x[1]!));
    // A short top list is the head of the full one.
    expect((await mapSummary(db, f, 3)).topUnits, label).toEqual(s.topUnits.slice(0, 3));

    const net = await mapNetwork(db, f, 1000);
    const { weights, nodeOf } = expectedNetwork(b, f);
    expect(net.totalEdges, label).toBe(weights.size);
    expect(Object.fromEntries(net.edges.map((x) => [`${x.source}|${x.target}`, x.weight])), label).toEqual(Object.fromEntries(weights));
    const ws = net.edges.map((x) => x.weight);
    expect(ws, label).toEqual([...ws].sort((x, y) => y - x));
    for (const node of net.nodes) expect(node, label).toMatchObject(nodeOf(node.key));
    // The heaviest few: the same weights as the heaviest of the direct computation, the head of the full list.
    for (const top of [1, 2, 3, 5, 8, 13, 21]) {
      const few = await mapNetwork(db, f, top);
      expect(few.edges, `${label} top ${top}`).toEqual(net.edges.slice(0, top));
      expect(few.totalEdges, label).toBe(weights.size);
    }
  }
}

describe('map roll-ups', () => {
  it('hold pairs occurring once, twice and more, and units with and without a region (the cases they treat apart)', async () => {
    const gw = await sql<{ gw: number; n: string }>`select least(gw, 3) as gw, count(*) as n from national_map_pairs group by 1`.execute(
      db,
    );
    expect(gw.rows.map((x) => Number(x.gw)).sort()).toEqual([1, 2, 3]);
    const twice = await db
      .selectFrom('national_map_pair_twice')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(twice.n)).toBe(Number(gw.rows.find((x) => Number(x.gw) === 2)!.n) / 2);
    const mixed = await sql<{ n: string }>`
      select count(*) as n from (select unit_id from national_unit_facts group by unit_id
                                 having count(region) > 0 and count(region) < count(*)) x`.execute(db);
    expect(Number(mixed.rows[0]!.n)).toBeGreaterThan(0);
  });

  it('answer the summary and the network as the stored facts do, under every kind of filter', async () => {
    await compareAll();
  });

  it('stay equal to the stored facts after a partial refresh that changes which pairs recur', async () => {
    // RA1 gains the units of RA2 (its pairs now occur once more), RA3 loses all but its lead, RP1 moves year.
    const ra2 = await db.selectFrom('national_units').selectAll().where('national_id', '=', 'RA2').orderBy('position').execute();
    await db.deleteFrom('national_units').where('national_id', '=', 'RA1').execute();
    await db
      .insertInto('national_units')
      .values(ra2.map(({ id: _id, ...u }) => ({ ...u, national_id: 'RA1', match_candidates: JSON.stringify(u.match_candidates) })))
      .execute();
    await db.deleteFrom('national_units').where('national_id', '=', 'RA3').where('position', '>', 0).execute();
    await db.updateTable('national_projects').set({ start_date: '2022-05-01' }).where('national_id', '=', 'RP1').execute();
    await refreshMapFacts(db, {
      records: [
        { kind: 'application', nationalId: 'RA1' },
        { kind: 'application', nationalId: 'RA3' },
        { kind: 'project', nationalId: 'RP1' },
      ],
    });
    await compareAll();
    // And a full refresh answers the same.
    const before = await Promise.all(FILTERS.map((f) => Promise.all([mapSummary(db, f, 50), mapNetwork(db, f, 20)])));
    await refreshMapFacts(db);
    const after = await Promise.all(FILTERS.map((f) => Promise.all([mapSummary(db, f, 50), mapNetwork(db, f, 20)])));
    expect(after).toEqual(before);
  });
});
