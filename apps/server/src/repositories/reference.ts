import type { CalendarData, CalendarDay } from '@rdplan/domain';
import { sql } from 'kysely';
import type { Executor } from '../db/database.js';

/* ---------- chains ---------- */

export interface ChainView {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  active: boolean;
  leaders: { orgId: string; name: string }[];
}

/** Chains with their leader enterprises (by code; one chain when `id` is given). */
export async function listChains(db: Executor, id?: string): Promise<ChainView[]> {
  let q = db.selectFrom('chains').selectAll();
  if (id) q = q.where('id', '=', id);
  const chains = await q.orderBy('code').execute();
  if (chains.length === 0) return [];
  const leaders = await db
    .selectFrom('chain_leaders')
    .innerJoin('organisations', 'organisations.id', 'chain_leaders.org_id')
    .select(['chain_leaders.chain_id', 'organisations.id', 'organisations.name'])
    .where(
      'chain_leaders.chain_id',
      'in',
      chains.map((c) => c.id),
    )
    .orderBy('organisations.name')
    .execute();
  return chains.map((c) => ({
    id: c.id,
    code: c.code,
    nameZh: c.name_zh,
    nameEn: c.name_en,
    active: c.active,
    leaders: leaders.filter((l) => l.chain_id === c.id).map((l) => ({ orgId: l.id, name: l.name })),
  }));
}

export async function findChain(db: Executor, id: string) {
  return (await listChains(db, id))[0];
}

export function findChainRowForUpdate(db: Executor, id: string) {
  return db.selectFrom('chains').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findChainByCode(db: Executor, code: string) {
  return db.selectFrom('chains').select('id').where('code', '=', code).executeTakeFirst();
}

/** Organisations among `ids` (id, type), to check leader candidates. */
export function findOrganisations(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('organisations').select(['id', 'type', 'name']).where('id', 'in', ids).execute();
}

export async function replaceChainLeaders(db: Executor, chainId: string, orgIds: readonly string[]) {
  await db.deleteFrom('chain_leaders').where('chain_id', '=', chainId).execute();
  if (orgIds.length > 0) {
    await db
      .insertInto('chain_leaders')
      .values(orgIds.map((org_id) => ({ chain_id: chainId, org_id })))
      .execute();
  }
}

/* ---------- fields ---------- */

export interface FieldView {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  parentCode: string | null;
  active: boolean;
}
export interface FieldTreeNode extends FieldView {
  directions: FieldView[];
}

export async function listFields(db: Executor): Promise<FieldView[]> {
  const rows = await db
    .selectFrom('fields as f')
    .leftJoin('fields as p', 'p.id', 'f.parent_id')
    .select(['f.id', 'f.code', 'f.name_zh', 'f.name_en', 'f.active', 'p.code as parent_code'])
    .orderBy('f.code')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    parentCode: r.parent_code,
    active: r.active,
  }));
}

/** Fields as a two-level tree: each top-level field with its directions. */
export async function fieldTree(db: Executor): Promise<FieldTreeNode[]> {
  const all = await listFields(db);
  return all.filter((f) => f.parentCode === null).map((f) => ({ ...f, directions: all.filter((d) => d.parentCode === f.code) }));
}

export async function findField(db: Executor, id: string): Promise<FieldView | undefined> {
  return (await listFields(db)).find((f) => f.id === id);
}

export function findFieldRowForUpdate(db: Executor, id: string) {
  return db.selectFrom('fields').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findFieldByCode(db: Executor, code: string) {
  return db.selectFrom('fields').selectAll().where('code', '=', code).executeTakeFirst();
}

export function countDirections(db: Executor, parentId: string) {
  return db
    .selectFrom('fields')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parent_id', '=', parentId)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

/** Of the given codes, those that name no field. */
export async function unknownFieldCodes(db: Executor, codes: readonly string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const found = await db.selectFrom('fields').select('code').where('code', 'in', codes).execute();
  const known = new Set(found.map((f) => f.code));
  return codes.filter((c) => !known.has(c));
}

/* ---------- working-day calendar ---------- */

/**
 * The stored working-day calendar (all covered years, or only `years`). Every deadline computation
 * reads it through here; asking about a year it does not cover raises calendar_gap.
 */
export async function loadCalendar(db: Executor, years?: readonly number[]): Promise<CalendarData> {
  if (years && years.length === 0) return { years: [], days: [] };
  let yq = db.selectFrom('calendar_years').select('year');
  if (years) yq = yq.where('year', 'in', [...years]);
  const covered = (await yq.orderBy('year').execute()).map((r) => Number(r.year));
  if (covered.length === 0) return { years: [], days: [] };
  const rows = await db
    .selectFrom('calendar_days')
    .selectAll()
    .where((eb) => eb.or(covered.map((y) => eb.and([eb('date', '>=', `${y}-01-01`), eb('date', '<=', `${y}-12-31`)]))))
    .orderBy('date')
    .execute();
  const days: CalendarDay[] = rows.map((r) => ({
    date: r.date,
    kind: r.kind,
    name: r.name_zh !== null || r.name_en !== null ? { zh: r.name_zh ?? r.name_en ?? '', en: r.name_en ?? r.name_zh ?? '' } : null,
  }));
  return { years: covered, days };
}

export function findCalendarYear(db: Executor, year: number) {
  return db.selectFrom('calendar_years').selectAll().where('year', '=', year).executeTakeFirst();
}

export function countCalendarDays(db: Executor, year: number) {
  return db
    .selectFrom('calendar_days')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

/** Replaces a year's special days and marks the year covered from `source`. */
export async function replaceCalendarYear(
  db: Executor,
  year: number,
  source: 'builtin' | 'admin',
  days: readonly CalendarDay[],
  now: Date,
) {
  await db.deleteFrom('calendar_days').where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`).execute();
  if (days.length > 0) {
    await db
      .insertInto('calendar_days')
      .values(days.map((d) => ({ date: d.date, kind: d.kind, name_zh: d.name?.zh ?? null, name_en: d.name?.en ?? null })))
      .execute();
  }
  await db
    .insertInto('calendar_years')
    .values({ year, source, updated_at: now })
    .onConflict((oc) => oc.column('year').doUpdateSet({ source, updated_at: now }))
    .execute();
}

/** A field's code changed: people who named the old code now name the new one. */
export async function renameFieldCodeInPeople(db: Executor, from: string, to: string) {
  await sql`update people set field_codes = array_replace(field_codes, ${from}, ${to}) where ${from} = any(field_codes)`.execute(db);
}

export interface CalendarYearView {
  year: number;
  covered: boolean;
  source: 'builtin' | 'admin' | null;
  updatedAt: string | null;
  holidays: { date: string; nameZh: string | null; nameEn: string | null }[];
  workdays: { date: string; nameZh: string | null; nameEn: string | null }[];
}

/** One year as the API shows it: whether it is covered, from where, and its special days. */
export async function calendarYearView(db: Executor, year: number): Promise<CalendarYearView> {
  const [stored, calendar] = await Promise.all([findCalendarYear(db, year), loadCalendar(db, [year])]);
  const out = (kind: 'holiday' | 'workday') =>
    calendar.days.filter((d) => d.kind === kind).map((d) => ({ date: d.date, nameZh: d.name?.zh ?? null, nameEn: d.name?.en ?? null }));
  return {
    year,
    covered: stored !== undefined,
    source: stored?.source ?? null,
    updatedAt: stored ? new Date(stored.updated_at).toISOString() : null,
    holidays: out('holiday'),
    workdays: out('workday'),
  };
}

/** A unique constraint refused the write (two writers raced past the existence check). */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}
