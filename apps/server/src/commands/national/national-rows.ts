import { normaliseOrgName } from '@rdplan/domain';
import { sql, type RawBuilder } from 'kysely';
import type { Executor, Tx } from '../../db/database.js';
import type { NationalApplicationRow, NationalProjectRow } from '../../repositories/national.js';
import type { NationalApplicationRecord, NationalProjectRecord } from './national-records.js';

/**
 * Bulk storage of national records (4.2.a): multi-row `INSERT … SELECT FROM unnest($1::text[], …)
 * ON CONFLICT … DO UPDATE` in chunks — a handful of round trips per thousand records, on PGlite and
 * PostgreSQL alike. The units (lead at position 0, then participants) and people of every written
 * record are kept in national_units / national_people for matching and the map.
 */

export const CHUNK = 5000;

/** The normalised name kept with each unit (the matcher's strictest-to-loosest key is the domain's). */
export function unitNameNorm(name: string): string {
  return normaliseOrgName(name);
}

export function chunks<T>(list: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

type ColType = 'text' | 'int' | 'uuid' | 'date' | 'jsonb' | 'bigint' | 'timestamptz';

/** `unnest($1::text[], $2::int[], …) as t(a, b, …)` over the given columns of the rows. */
function unnest(columns: readonly (readonly [string, ColType])[], rows: readonly (readonly unknown[])[]): RawBuilder<unknown> {
  const arrays = columns.map(([, type], i) => {
    const values = rows.map((r) => r[i] ?? null);
    // uuid, date, jsonb and timestamptz travel as text and are cast in the select list.
    const arrayType = type === 'int' ? 'int[]' : type === 'bigint' ? 'bigint[]' : 'text[]';
    return sql`${values}::${sql.raw(arrayType)}`;
  });
  return sql`unnest(${sql.join(arrays)}) as t(${sql.raw(columns.map(([n]) => n).join(', '))})`;
}

function selectList(columns: readonly (readonly [string, ColType])[]) {
  return sql.raw(
    columns.map(([n, type]) => (type === 'text' || type === 'int' || type === 'bigint' ? `t.${n}` : `t.${n}::${type}`)).join(', '),
  );
}

/** Upserts rows into `table` in chunks; `update` is the ON CONFLICT … DO UPDATE clause. */
async function upsert(
  tx: Tx,
  table: string,
  columns: readonly (readonly [string, ColType])[],
  rows: readonly (readonly unknown[])[],
  conflict: string,
  update: string,
  onChunk?: (n: number) => void,
) {
  for (const part of chunks(rows)) {
    await sql`insert into ${sql.raw(table)} (${sql.raw(columns.map(([n]) => n).join(', '))})
      select ${selectList(columns)} from ${unnest(columns, part)}
      on conflict (${sql.raw(conflict)}) do update set ${sql.raw(update)}`.execute(tx);
    onChunk?.(part.length);
  }
}

const setAll = (columns: readonly (readonly [string, ColType])[], except: string[]) =>
  columns
    .filter(([n]) => !except.includes(n))
    .map(([n]) => `${n} = excluded.${n}`)
    .join(', ');

/** Organisations by credit code, in chunks: uscc → id. */
export async function orgIdsByUscc(db: Executor, usccs: Iterable<string | null | undefined>): Promise<Map<string, string>> {
  const wanted = [...new Set([...usccs].filter((u): u is string => !!u))];
  const out = new Map<string, string>();
  for (const part of chunks(wanted, 10_000)) {
    const rows = await db
      .selectFrom('organisations')
      .select(['id', 'uscc'])
      .where(sql<boolean>`uscc = any(${part}::text[])`)
      .execute();
    for (const r of rows) out.set(r.uscc, r.id);
  }
  return out;
}

/** Stored applications by national id, in chunks. */
export async function storedApplications(db: Executor, ids: readonly string[]) {
  const out: NationalApplicationRow[] = [];
  for (const part of chunks(ids, 10_000)) {
    out.push(
      ...(await db
        .selectFrom('national_applications')
        .selectAll()
        .where(sql<boolean>`national_id = any(${part}::text[])`)
        .execute()),
    );
  }
  return out;
}

/** Stored projects by national id, in chunks. */
export async function storedProjects(db: Executor, ids: readonly string[]) {
  const out: NationalProjectRow[] = [];
  for (const part of chunks(ids, 10_000)) {
    out.push(
      ...(await db
        .selectFrom('national_projects')
        .selectAll()
        .where(sql<boolean>`national_id = any(${part}::text[])`)
        .execute()),
    );
  }
  return out;
}

export interface ApplicationValues {
  national_id: string;
  year: number;
  programme: string;
  direction: string;
  field_code: string | null;
  title: string;
  lead_uscc: string | null;
  lead_name: string;
  lead_org_id: string | null;
  leader_name: string | null;
  participants: { uscc: string | null; name: string }[];
  stage: NationalApplicationRecord['stage'];
  outcome: NationalApplicationRecord['outcome'];
}

export interface ProjectValues {
  national_id: string;
  application_national_id: string | null;
  title: string;
  programme: string;
  direction: string;
  field_code: string | null;
  start_date: string;
  end_date: string;
  budget: { central: number; local: number; self: number };
  lead_uscc: string | null;
  lead_name: string;
  lead_type: NationalProjectRecord['lead']['type'];
  lead_region_code: string;
  lead_org_id: string | null;
  participants: { uscc: string | null; name: string }[];
  people: { name: string; role: string; unit: string }[];
  acceptance_date: string | null;
  acceptance_result: 'passed' | 'failed' | null;
}

const APP_COLUMNS = [
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
  ['participants', 'jsonb'],
  ['stage', 'text'],
  ['outcome', 'text'],
  ['batch_id', 'uuid'],
  ['updated_at', 'timestamptz'],
] as const;

const PROJECT_COLUMNS = [
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
  ['participants', 'jsonb'],
  ['people', 'jsonb'],
  ['acceptance_date', 'date'],
  ['acceptance_result', 'text'],
  ['batch_id', 'uuid'],
  ['updated_at', 'timestamptz'],
] as const;

const UNIT_COLUMNS = [
  ['record_kind', 'text'],
  ['national_id', 'text'],
  ['position', 'int'],
  ['role', 'text'],
  ['uscc', 'text'],
  ['name', 'text'],
  ['name_norm', 'text'],
  ['org_type', 'text'],
  ['region_code', 'text'],
  ['batch_id', 'uuid'],
] as const;

const PEOPLE_COLUMNS = [
  ['record_kind', 'text'],
  ['national_id', 'text'],
  ['position', 'int'],
  ['name', 'text'],
  ['role', 'text'],
  ['unit_name', 'text'],
  ['field_code', 'text'],
  ['batch_id', 'uuid'],
] as const;

/** A unit whose credit code or name changed loses its link (the matcher links it again). */
const UNIT_IDENTITY_CHANGED = `(national_units.uscc is distinct from excluded.uscc or national_units.name <> excluded.name)`;
const UNIT_UPDATE = [
  'role = excluded.role',
  'uscc = excluded.uscc',
  'name = excluded.name',
  'name_norm = excluded.name_norm',
  'org_type = excluded.org_type',
  'region_code = excluded.region_code',
  'batch_id = excluded.batch_id',
  ...['org_id', 'match_method', 'match_confidence', 'reviewed_by', 'reviewed_at'].map(
    (c) => `${c} = case when ${UNIT_IDENTITY_CHANGED} then null else national_units.${c} end`,
  ),
  `match_status = case when ${UNIT_IDENTITY_CHANGED} then 'unmatched' else national_units.match_status end`,
  `match_candidates = case when ${UNIT_IDENTITY_CHANGED} then '[]'::jsonb else national_units.match_candidates end`,
].join(', ');

export interface WriteProgress {
  (rowsWritten: number): void;
}

/** Writes new and changed applications with their units and people. */
export async function writeApplications(
  tx: Tx,
  rows: readonly { values: ApplicationValues; isNew: boolean }[],
  batchId: string,
  now: Date,
  onChunk?: WriteProgress,
) {
  const at = now.toISOString();
  await upsert(
    tx,
    'national_applications',
    APP_COLUMNS,
    rows.map(({ values: v }) => [
      v.national_id,
      v.year,
      v.programme,
      v.direction,
      v.field_code,
      v.title,
      v.lead_uscc,
      v.lead_name,
      v.lead_org_id,
      v.leader_name,
      JSON.stringify(v.participants),
      v.stage,
      v.outcome,
      batchId,
      at,
    ]),
    'national_id',
    setAll(APP_COLUMNS, ['national_id']),
    onChunk,
  );
  await writeUnitsAndPeople(
    tx,
    'application',
    rows.map(({ values: v, isNew }) => ({
      nationalId: v.national_id,
      isNew,
      fieldCode: v.field_code,
      units: [
        { uscc: v.lead_uscc, name: v.lead_name, type: null, region: null },
        ...v.participants.map((p) => ({ ...p, type: null, region: null })),
      ],
      people: v.leader_name ? [{ name: v.leader_name, role: '项目负责人', unit: v.lead_name }] : [],
    })),
    batchId,
  );
}

/** Writes new and changed projects with their units and people. */
export async function writeProjects(
  tx: Tx,
  rows: readonly { values: ProjectValues; isNew: boolean }[],
  batchId: string,
  now: Date,
  onChunk?: WriteProgress,
) {
  const at = now.toISOString();
  await upsert(
    tx,
    'national_projects',
    PROJECT_COLUMNS,
    rows.map(({ values: v }) => [
      v.national_id,
      v.application_national_id,
      v.title,
      v.programme,
      v.direction,
      v.field_code,
      v.start_date,
      v.end_date,
      JSON.stringify(v.budget),
      v.lead_uscc,
      v.lead_name,
      v.lead_type,
      v.lead_region_code,
      v.lead_org_id,
      JSON.stringify(v.participants),
      JSON.stringify(v.people),
      v.acceptance_date,
      v.acceptance_result,
      batchId,
      at,
    ]),
    'national_id',
    setAll(PROJECT_COLUMNS, ['national_id']),
    onChunk,
  );
  await writeUnitsAndPeople(
    tx,
    'project',
    rows.map(({ values: v, isNew }) => ({
      nationalId: v.national_id,
      isNew,
      fieldCode: v.field_code,
      units: [
        { uscc: v.lead_uscc, name: v.lead_name, type: v.lead_type, region: v.lead_region_code },
        ...v.participants.map((p) => ({ ...p, type: null, region: null })),
      ],
      people: v.people,
    })),
    batchId,
  );
}

interface RecordParts {
  nationalId: string;
  isNew: boolean;
  fieldCode: string | null;
  units: { uscc: string | null; name: string; type: string | null; region: string | null }[];
  people: { name: string; role: string; unit: string }[];
}

async function writeUnitsAndPeople(tx: Tx, kind: 'application' | 'project', records: readonly RecordParts[], batchId: string) {
  const units: unknown[][] = [];
  const people: unknown[][] = [];
  for (const r of records) {
    r.units.forEach((u, i) =>
      units.push([
        kind,
        r.nationalId,
        i,
        i === 0 ? 'lead' : 'participant',
        u.uscc,
        u.name,
        unitNameNorm(u.name),
        u.type,
        u.region,
        batchId,
      ]),
    );
    r.people.forEach((p, i) => people.push([kind, r.nationalId, i, p.name, p.role, p.unit, r.fieldCode, batchId]));
  }
  await upsert(tx, 'national_units', UNIT_COLUMNS, units, 'record_kind, national_id, position', UNIT_UPDATE);
  await upsert(
    tx,
    'national_people',
    PEOPLE_COLUMNS,
    people,
    'record_kind, national_id, position',
    setAll(PEOPLE_COLUMNS, ['record_kind', 'national_id', 'position']),
  );
  // A changed record may name fewer units or people than before: drop the surplus positions.
  const changed = records.filter((r) => !r.isNew);
  for (const part of chunks(changed)) {
    const ids = part.map((r) => r.nationalId);
    await sql`delete from national_units u using unnest(${ids}::text[], ${part.map((r) => r.units.length)}::int[]) as t(nid, n)
      where u.record_kind = ${kind} and u.national_id = t.nid and u.position >= t.n`.execute(tx);
    await sql`delete from national_people p using unnest(${ids}::text[], ${part.map((r) => r.people.length)}::int[]) as t(nid, n)
      where p.record_kind = ${kind} and p.national_id = t.nid and p.position >= t.n`.execute(tx);
  }
}

/** Sets the acceptance of stored projects (acceptance-result records for projects not in the file). */
export async function writeAcceptances(
  tx: Tx,
  rows: readonly { nationalId: string; date: string; result: string }[],
  batchId: string,
  now: Date,
) {
  for (const part of chunks(rows)) {
    await sql`update national_projects p set acceptance_date = t.d::date, acceptance_result = t.r, batch_id = ${batchId}::uuid, updated_at = ${now.toISOString()}::timestamptz
      from unnest(${part.map((r) => r.nationalId)}::text[], ${part.map((r) => r.date)}::text[], ${part.map((r) => r.result)}::text[]) as t(nid, d, r)
      where p.national_id = t.nid`.execute(tx);
  }
}
