/**
 * Benchmark `map-query` (issue 4, target p95 < 300 ms on the benchmark size).
 *
 * On a real PostgreSQL (DATABASE_URL, else a throw-away server started like the test suite's): migrate,
 * seed the demo registry, bulk-load `generateNational(registry, { size: 'bench' })` — 100,000
 * applications, 20,000 projects, ~500,000 unit rows, with org_id set from the generator's truth so the
 * figure does not depend on matching — ANALYZE, rebuild the map's stored facts (refreshMapFacts, timed as
 * refresh_ms), then time the map's queries with varied filters, RUNS times each.
 * One JSON line per query; `heaviest: true` marks the one with the largest p95.
 */
import { generateNational, generateRegistry, type NationalData } from '@rdplan/demo';
import { normaliseOrgName, personKey } from '@rdplan/domain';
import { sql } from 'kysely';
import { systemClock } from '../apps/server/src/clock.js';
import { loadConfig } from '../apps/server/src/config.js';
import { createDeps } from '../apps/server/src/deps.js';
import { migrate, openDatabase, type Db } from '../apps/server/src/db/database.js';
import { refreshMapFacts } from '../apps/server/src/commands/national/map-facts.js';
import { mapAttraction, mapBackfill, mapNetwork, mapSummary, type MapFilter } from '../apps/server/src/repositories/national-map.js';
import { seedDemo } from '../apps/server/src/seed/demo.js';
import { findPostgresBin, startPostgres, type RunningPostgres } from '../apps/server/test/support/postgres-server.js';

const TARGET_P95_MS = 300;
const RUNS = 30;
const CHUNK = 20_000;

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)]!;
}

/** Inserts rows column-wise: INSERT … SELECT FROM unnest($1::type[], $2::type[], …), CHUNK rows at a time. */
async function bulkInsert(db: Db, table: string, columns: readonly (readonly [string, string])[], rows: readonly unknown[][]) {
  for (let start = 0; start < rows.length; start += CHUNK) {
    const part = rows.slice(start, start + CHUNK);
    const arrays = columns.map((_, c) => part.map((r) => r[c] ?? null));
    const cols = sql.join(columns.map(([name]) => sql.ref(name)));
    const args = sql.join(columns.map(([, type], c) => sql`${arrays[c]}::${sql.raw(type)}[]`));
    await sql`insert into ${sql.table(table)} (${cols}) select * from unnest(${args})`.execute(db);
  }
}

export async function load(db: Db, data: NationalData) {
  const orgs = await db.selectFrom('organisations').select(['id', 'uscc', 'region_code', 'type']).execute();
  const byUscc = new Map(orgs.map((o) => [o.uscc, o]));
  const truth = new Map(data.truth.map((t) => [`${t.kind}|${t.nationalId}|${t.position}`, t.uscc]));

  await bulkInsert(
    db,
    'national_applications',
    [
      ['national_id', 'text'],
      ['year', 'int'],
      ['programme', 'text'],
      ['direction', 'text'],
      ['field_code', 'text'],
      ['title', 'text'],
      ['lead_uscc', 'text'],
      ['lead_name', 'text'],
      ['lead_org_id', 'uuid'],
      ['leader_name', 'text'],
      ['stage', 'text'],
      ['outcome', 'text'],
    ],
    data.applications.map((a) => {
      const org = byUscc.get(truth.get(`application|${a.nationalId}|0`) ?? '');
      return [
        a.nationalId,
        a.year,
        a.programme,
        a.direction,
        a.fieldCode,
        a.title,
        a.lead.uscc,
        a.lead.name,
        org?.id,
        a.leaderName,
        a.stage,
        a.outcome,
      ];
    }),
  );
  await bulkInsert(
    db,
    'national_projects',
    [
      ['national_id', 'text'],
      ['application_national_id', 'text'],
      ['title', 'text'],
      ['programme', 'text'],
      ['direction', 'text'],
      ['field_code', 'text'],
      ['start_date', 'date'],
      ['end_date', 'date'],
      ['budget', 'jsonb'],
      ['lead_uscc', 'text'],
      ['lead_name', 'text'],
      ['lead_type', 'text'],
      ['lead_region_code', 'text'],
      ['lead_org_id', 'uuid'],
      ['acceptance_date', 'date'],
      ['acceptance_result', 'text'],
    ],
    data.projects.map((p) => {
      const org = byUscc.get(truth.get(`project|${p.nationalId}|0`) ?? '');
      return [
        p.nationalId,
        p.applicationNationalId,
        p.title,
        p.programme,
        p.direction,
        p.fieldCode,
        p.startDate,
        p.endDate,
        JSON.stringify(p.budget),
        p.lead.uscc,
        p.lead.name,
        p.lead.type,
        p.lead.regionCode,
        org?.id,
        p.acceptance?.date,
        p.acceptance?.result,
      ];
    }),
  );

  const units: unknown[][] = [];
  const people: unknown[][] = [];
  const unitRow = (
    kind: 'application' | 'project',
    nationalId: string,
    position: number,
    u: { uscc?: string; name: string },
    extra?: { type: string; regionCode: string },
  ) => {
    const org = byUscc.get(truth.get(`${kind}|${nationalId}|${position}`) ?? '');
    const region = extra?.regionCode ?? org?.region_code ?? (u.uscc ? u.uscc.slice(2, 8) : null);
    const row = [
      kind,
      nationalId,
      position,
      position === 0 ? 'lead' : 'participant',
      u.uscc,
      u.name,
      normaliseOrgName(u.name),
      extra?.type ?? org?.type ?? null,
      region,
      org?.id,
      org ? 'matched' : 'unmatched',
    ];
    units.push(row);
    return row;
  };
  for (const a of data.applications) [a.lead, ...a.participants].forEach((u, i) => unitRow('application', a.nationalId, i, u));
  for (const p of data.projects) {
    const rows = [unitRow('project', p.nationalId, 0, p.lead, { type: p.lead.type, regionCode: p.lead.regionCode })];
    p.participants.forEach((u, i) => rows.push(unitRow('project', p.nationalId, i + 1, u)));
    p.people.forEach((person, i) => {
      const unit = rows.find((r) => r[5] === person.unit);
      const orgId = (unit?.[9] as string | undefined) ?? null;
      people.push([
        'project',
        p.nationalId,
        i,
        person.name,
        person.role,
        person.unit,
        orgId,
        p.fieldCode,
        personKey(person.name, orgId ?? normaliseOrgName(person.unit), p.fieldCode),
      ]);
    });
  }
  await bulkInsert(
    db,
    'national_units',
    [
      ['record_kind', 'text'],
      ['national_id', 'text'],
      ['position', 'int'],
      ['role', 'text'],
      ['uscc', 'text'],
      ['name', 'text'],
      ['name_norm', 'text'],
      ['org_type', 'text'],
      ['region_code', 'text'],
      ['org_id', 'uuid'],
      ['match_status', 'text'],
    ],
    units,
  );
  await bulkInsert(
    db,
    'national_people',
    [
      ['record_kind', 'text'],
      ['national_id', 'text'],
      ['position', 'int'],
      ['name', 'text'],
      ['role', 'text'],
      ['unit_name', 'text'],
      ['org_id', 'uuid'],
      ['field_code', 'text'],
      ['person_key', 'text'],
    ],
    people,
  );
  await sql`analyze`.execute(db);
  return { units: units.length, people: people.length };
}

async function time<T>(runs: number, run: (i: number) => Promise<T>, rows: (r: T) => number) {
  await run(0); // warm-up: plans and caches
  const ms: number[] = [];
  let last = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = await run(i);
    ms.push(performance.now() - t);
    last = rows(r);
  }
  ms.sort((a, b) => a - b);
  return {
    runs,
    p50_ms: Math.round(percentile(ms, 50)),
    p95_ms: Math.round(percentile(ms, 95)),
    max_ms: Math.round(ms[ms.length - 1]!),
    rows: last,
  };
}

export async function mapQueryBench(): Promise<Record<string, unknown>[]> {
  let server: RunningPostgres | null = null;
  let url = process.env.DATABASE_URL;
  if (!url) {
    const bin = findPostgresBin();
    if (!bin) return [{ bench: 'map-query', skipped: 'no PostgreSQL: set DATABASE_URL or install the server binaries' }];
    server = await startPostgres(bin);
    url = server.url;
  }
  const database = await openDatabase({ url });
  try {
    const db = database.db;
    await migrate(db);
    const existing = await db
      .selectFrom('national_units')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(existing.n) > 0) throw new Error('map-query needs an empty database (national_units has rows)');
    await seedDemo(await createDeps(db, loadConfig(), systemClock));
    // The demo seed imports its own small body of national records: the benchmark replaces it (unlinking the
    // demo applications that point at them).
    await sql`
      update applications set national_application_id = null where national_application_id is not null;
      delete from national_followups; delete from national_people; delete from national_units;
      delete from national_projects; delete from national_applications`.execute(db);
    const t0 = performance.now();
    const data = generateNational(generateRegistry(), { size: 'bench' });
    const loaded = await load(db, data);
    const loadMs = Math.round(performance.now() - t0);
    // The map's stored facts, rebuilt in full as after a matching run (the bulk load bypasses the import).
    const refreshMs = (await refreshMapFacts(db)).ms;
    const size = { applications: data.applications.length, projects: data.projects.length, units: loaded.units, people: loaded.people };

    const chains = (await db.selectFrom('chains').select(['code', 'field_codes']).orderBy('code').execute()).map((c) => c.code);
    const fields = ['F01', 'F02.01', 'F03', 'F04.02', 'F05', 'F06.01', 'F07', 'F08.03', 'F09', 'F10', 'F11', 'F12'];
    const refYear = 2026;
    // Varied filters: none, a chain, a field, a year window, a region, a kind — cycling.
    const summaryFilters: MapFilter[] = [
      {},
      ...chains.slice(0, 6).map((chain) => ({ chain })),
      ...fields.slice(0, 4).map((field) => ({ field })),
      { yearFrom: 2023, yearTo: 2025 },
      { region: '440100' },
      { region: '110000' },
      { kind: 'project' },
      { chain: chains[1], yearFrom: 2022, region: '440000' },
    ];
    const attractionFilters = [{}, ...chains.map((chain) => ({ chain })), ...fields.map((field) => ({ field })), { yearFrom: 2023 }];

    const results: Record<string, unknown>[] = [];
    const base = { bench: 'map-query', size: 'bench', ...size, load_ms: loadMs, refresh_ms: refreshMs, target_p95_ms: TARGET_P95_MS };
    results.push({
      ...base,
      query: 'attraction ranking (score over all units outside Guangzhou in the chain fields + evidence of the top 50)',
      ...(await time(
        RUNS,
        (i) => mapAttraction(db, attractionFilters[i % attractionFilters.length]!, refYear, 50),
        (r) => r.candidates.length,
      )),
    });
    results.push({
      ...base,
      query: 'summary (by field, chain, region, year, top 50 units)',
      ...(await time(
        RUNS,
        (i) => mapSummary(db, summaryFilters[i % summaryFilters.length]!, 50),
        (r) => r.byField.length + r.byChain.length + r.byRegion.length + r.byYear.length + r.topUnits.length,
      )),
    });
    results.push({
      ...base,
      query: 'collaboration network (top 150 edges)',
      ...(await time(
        RUNS,
        (i) => mapNetwork(db, summaryFilters[i % summaryFilters.length]!, 150),
        (r) => r.edges.length,
      )),
    });
    results.push({
      ...base,
      query: 'backfill candidates',
      ...(await time(
        RUNS,
        (i) => mapBackfill(db, 2019 + (i % 7), i % 3 === 0 ? { chain: chains[i % chains.length] } : {}),
        (r) => r.candidates.length,
      )),
    });
    const heaviest = results.reduce((a, b) => (Number(b.p95_ms) > Number(a.p95_ms) ? b : a));
    heaviest.heaviest = true;
    return results;
  } finally {
    await database.close();
    await server?.stop();
  }
}
