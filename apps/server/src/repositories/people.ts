import type { TitleLevel } from '@rdplan/domain';
import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { Person } from '../db/schema.js';

export interface PersonSummary {
  id: string;
  key: string;
  name: string;
  email: string | null;
  titleLevel: TitleLevel;
  titleName: string | null;
  fieldCodes: string[];
  keywords: string[];
  isExpert: boolean;
  currentOrg: { id: string; name: string; position: string } | null;
}

export interface AffiliationView {
  id: string;
  orgId: string;
  orgName: string;
  position: string;
  from: string;
  to: string | null;
}

export interface PersonDetail extends PersonSummary {
  fields: { code: string; nameZh: string; nameEn: string; parentCode: string | null }[];
  affiliations: AffiliationView[];
  createdAt: string;
  updatedAt: string;
}

export interface PeopleFilter {
  q?: string | undefined;
  expert?: boolean | undefined;
  field?: string | undefined;
  orgId?: string | undefined;
  page: number;
  pageSize: number;
}

/** An affiliation is current on `today` when it has begun and has not ended. */
function currentOn(today: string) {
  return sql<boolean>`a.from_date <= ${today} and (a.to_date is null or a.to_date >= ${today})`;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** People matching the filter, a page of them with their current organisation, and the total. */
export async function listPeople(db: Executor, filter: PeopleFilter, today: string) {
  let base = db.selectFrom('people');
  if (filter.q) base = base.where('people.name', 'ilike', `%${likeEscape(filter.q)}%`);
  if (filter.expert !== undefined) base = base.where('people.is_expert', '=', filter.expert);
  if (filter.field) {
    const prefix = `${likeEscape(filter.field)}%`;
    base = base.where(sql<boolean>`exists (select 1 from unnest(people.field_codes) as c(code) where c.code like ${prefix})`);
  }
  if (filter.orgId) {
    base = base.where(
      sql<boolean>`exists (select 1 from affiliations a where a.person_id = people.id and a.org_id = ${filter.orgId} and ${currentOn(today)})`,
    );
  }
  const [rows, count] = await Promise.all([
    base
      .selectAll('people')
      .orderBy('people.name')
      .orderBy('people.id')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const current = await currentOrgs(
    db,
    rows.map((r) => r.id),
    today,
  );
  return { total: Number(count.n), items: rows.map((r) => presentPerson(r, current.get(r.id) ?? null)) };
}

/** Each person's current organisation (the most recently begun current post). */
async function currentOrgs(db: Executor, personIds: readonly string[], today: string) {
  const out = new Map<string, { id: string; name: string; position: string }>();
  if (personIds.length === 0) return out;
  const rows = await db
    .selectFrom('affiliations as a')
    .innerJoin('organisations as o', 'o.id', 'a.org_id')
    .select(['a.person_id', 'o.id', 'o.name', 'a.position', 'a.from_date'])
    .where('a.person_id', 'in', personIds)
    .where(currentOn(today))
    .orderBy('a.from_date')
    .execute();
  for (const r of rows) out.set(r.person_id, { id: r.id, name: r.name, position: r.position });
  return out;
}

export function presentPerson(p: Person, currentOrg: PersonSummary['currentOrg']): PersonSummary {
  return {
    id: p.id,
    key: p.key,
    name: p.name,
    email: p.email,
    titleLevel: p.title_level as TitleLevel,
    titleName: p.title_name,
    fieldCodes: p.field_codes,
    keywords: p.keywords,
    isExpert: p.is_expert,
    currentOrg,
  };
}

/** What the audit log keeps of a person. */
export function auditPerson(p: Person) {
  return {
    key: p.key,
    name: p.name,
    email: p.email,
    titleLevel: p.title_level,
    titleName: p.title_name,
    fieldCodes: p.field_codes,
    keywords: p.keywords,
    isExpert: p.is_expert,
  };
}

export function findPerson(db: Executor, id: string) {
  return db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findPersonForUpdate(db: Executor, id: string) {
  return db.selectFrom('people').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findPersonByKey(db: Executor, key: string) {
  return db.selectFrom('people').select('id').where('key', '=', key).executeTakeFirst();
}

export function listAffiliations(db: Executor, personId: string): Promise<AffiliationView[]> {
  return db
    .selectFrom('affiliations as a')
    .innerJoin('organisations as o', 'o.id', 'a.org_id')
    .select(['a.id', 'a.org_id', 'o.name', 'a.position', 'a.from_date', 'a.to_date'])
    .where('a.person_id', '=', personId)
    .orderBy('a.from_date', 'desc')
    .orderBy('a.id')
    .execute()
    .then((rows) =>
      rows.map((r) => ({ id: r.id, orgId: r.org_id, orgName: r.name, position: r.position, from: r.from_date, to: r.to_date })),
    );
}

/** A person with fields (names), title, keywords and the whole affiliation history. */
export async function personDetail(db: Executor, id: string, today: string): Promise<PersonDetail | undefined> {
  const p = await findPerson(db, id);
  if (!p) return undefined;
  const [affiliations, fields] = await Promise.all([
    listAffiliations(db, id),
    p.field_codes.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('fields as f')
          .leftJoin('fields as parent', 'parent.id', 'f.parent_id')
          .select(['f.code', 'f.name_zh', 'f.name_en', 'parent.code as parent_code'])
          .where('f.code', 'in', p.field_codes)
          .execute(),
  ]);
  const byCode = new Map(fields.map((f) => [f.code, f]));
  const current = affiliations
    .filter((a) => a.from <= today && (a.to === null || a.to >= today))
    .sort((a, b) => (a.from < b.from ? 1 : -1))[0];
  return {
    ...presentPerson(p, current ? { id: current.orgId, name: current.orgName, position: current.position } : null),
    fields: p.field_codes.flatMap((code) => {
      const f = byCode.get(code);
      return f ? [{ code, nameZh: f.name_zh, nameEn: f.name_en, parentCode: f.parent_code }] : [];
    }),
    affiliations,
    createdAt: p.created_at.toISOString(),
    updatedAt: new Date(p.updated_at).toISOString(),
  };
}

/** Posts without an end date (the person's current posts), locked for the transaction. */
export function openAffiliationsForUpdate(db: Executor, personId: string) {
  return db
    .selectFrom('affiliations')
    .selectAll()
    .where('person_id', '=', personId)
    .where('to_date', 'is', null)
    .orderBy('from_date')
    .forUpdate()
    .execute();
}

export function closeAffiliation(db: Executor, id: string, to: string) {
  return db.updateTable('affiliations').set({ to_date: to }).where('id', '=', id).execute();
}

export function insertAffiliation(
  db: Executor,
  values: { person_id: string; org_id: string; position: string; from_date: string; to_date: string | null },
) {
  return db.insertInto('affiliations').values(values).returningAll().executeTakeFirstOrThrow();
}

export function findOrganisation(db: Executor, id: string) {
  return db.selectFrom('organisations').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}
