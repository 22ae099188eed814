import {
  isGuangzhouRegion,
  ORG_TYPE_LABELS,
  regionLabel,
  type FormerName,
  type Lang,
  type OrganisationListQuery,
  type OrgType,
} from '@rdplan/domain';
import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { Organisation } from '../db/schema.js';

/** SQL of the registry: organisations and the corporate control edges between them. */

export function findOrganisation(db: Executor, id: string) {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the row for the rest of the transaction. */
export function findOrganisationForUpdate(db: Executor, id: string) {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findOrganisationByUscc(db: Executor, uscc: string, lock = false) {
  const q = db.selectFrom('organisations').selectAll().where('uscc', '=', uscc);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

export function findOrganisationsByUscc(db: Executor, usccs: string[], lock = false) {
  if (usccs.length === 0) return Promise.resolve([] as Organisation[]);
  const q = db.selectFrom('organisations').selectAll().where('uscc', 'in', usccs);
  return (lock ? q.forUpdate() : q).execute();
}

export async function listOrganisations(db: Executor, query: OrganisationListQuery) {
  const { page, pageSize, q, type, region, inGuangzhou, aboveDesignatedSize, hnteValidOn } = query;
  let base = db.selectFrom('organisations');
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const codeLike = `%${q
      .replace(/[\s\u3000]/g, '')
      .toUpperCase()
      .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) =>
      eb.or([eb('name', 'ilike', like), eb('uscc', 'like', codeLike), eb(sql<string>`former_names::text`, 'ilike', like)]),
    );
  }
  if (type) base = base.where('type', '=', type);
  if (region) base = base.where('region_code', 'like', `${region}%`);
  if (inGuangzhou !== undefined) {
    base = inGuangzhou ? base.where('region_code', 'like', '4401%') : base.where('region_code', 'not like', '4401%');
  }
  if (aboveDesignatedSize !== undefined) base = base.where('above_designated_size', '=', aboveDesignatedSize);
  if (hnteValidOn) {
    base = base.where('hnte_cert_no', 'is not', null).where('hnte_valid_from', '<=', hnteValidOn).where('hnte_valid_to', '>=', hnteValidOn);
  }
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('name')
      .orderBy('id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { total: Number(count.n), rows };
}

export interface OrgSummary {
  id: string;
  uscc: string;
  name: string;
  type: OrgType;
  regionCode: string;
}

export function summarise(o: Pick<Organisation, 'id' | 'uscc' | 'name' | 'type' | 'region_code'>): OrgSummary {
  return { id: o.id, uscc: o.uscc, name: o.name, type: o.type as OrgType, regionCode: o.region_code };
}

/** The certificate counts on a date when it has a number and the date lies within its validity. */
export function hnteValidOn(o: Organisation, date: string): boolean {
  return (
    o.hnte_cert_no !== null &&
    o.hnte_valid_from !== null &&
    o.hnte_valid_to !== null &&
    o.hnte_valid_from <= date &&
    date <= o.hnte_valid_to
  );
}

/** The list entry: the registry fields plus derived labels. */
export function presentOrganisationItem(o: Organisation, today: string, lang: Lang) {
  return {
    id: o.id,
    uscc: o.uscc,
    name: o.name,
    type: o.type as OrgType,
    typeLabel: ORG_TYPE_LABELS[o.type as OrgType]?.[lang] ?? o.type,
    regionCode: o.region_code,
    regionLabel: regionLabel(o.region_code, lang),
    isGuangzhou: isGuangzhouRegion(o.region_code),
    address: o.address,
    aboveDesignatedSize: o.above_designated_size,
    aboveDesignatedSizeYear: o.above_designated_size_year,
    techSme: o.tech_sme,
    techSmeYear: o.tech_sme_year,
    hnte: o.hnte_cert_no
      ? { certNo: o.hnte_cert_no, validFrom: o.hnte_valid_from, validTo: o.hnte_valid_to, validToday: hnteValidOn(o, today) }
      : null,
    hnteValidToday: hnteValidOn(o, today),
    formerNames: formerNames(o),
    updatedAt: o.updated_at.toISOString(),
  };
}

export function formerNames(o: Organisation): FormerName[] {
  const raw: unknown = o.former_names;
  const list = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
  return Array.isArray(list) ? (list as FormerName[]) : [];
}

/** What the audit log keeps of an organisation. */
export function auditOrganisation(o: Organisation) {
  return {
    uscc: o.uscc,
    name: o.name,
    type: o.type,
    regionCode: o.region_code,
    address: o.address,
    aboveDesignatedSize: o.above_designated_size,
    aboveDesignatedSizeYear: o.above_designated_size_year,
    hnteCertNo: o.hnte_cert_no,
    hnteValidFrom: o.hnte_valid_from,
    hnteValidTo: o.hnte_valid_to,
    techSme: o.tech_sme,
    techSmeYear: o.tech_sme_year,
    formerNames: formerNames(o),
  };
}

export type SummaryWithShare = OrgSummary & { sharePct: number | null };

/** Direct controllers and direct subsidiaries, with shareholdings. */
export async function directControl(db: Executor, id: string) {
  const [parents, children] = await Promise.all([
    db
      .selectFrom('control_edges')
      .innerJoin('organisations', 'organisations.id', 'control_edges.parent_id')
      .select(['organisations.id', 'organisations.uscc', 'organisations.name', 'organisations.type', 'organisations.region_code'])
      .select('control_edges.share_pct')
      .where('control_edges.child_id', '=', id)
      .orderBy('organisations.name')
      .execute(),
    db
      .selectFrom('control_edges')
      .innerJoin('organisations', 'organisations.id', 'control_edges.child_id')
      .select(['organisations.id', 'organisations.uscc', 'organisations.name', 'organisations.type', 'organisations.region_code'])
      .select('control_edges.share_pct')
      .where('control_edges.parent_id', '=', id)
      .orderBy('organisations.name')
      .execute(),
  ]);
  const withShare = (r: (typeof parents)[number]): SummaryWithShare => ({
    ...summarise(r),
    sharePct: r.share_pct === null ? null : Number(r.share_pct),
  });
  return { parents: parents.map(withShare), children: children.map(withShare) };
}

/**
 * Everything reachable from `id` along control edges, walked in SQL (recursive, `union` so that a
 * cycle in stored data cannot loop), with the shortest distance.
 */
export async function reachable(db: Executor, id: string, direction: 'down' | 'up') {
  const from = direction === 'down' ? sql.ref('e.parent_id') : sql.ref('e.child_id');
  const to = direction === 'down' ? sql.ref('e.child_id') : sql.ref('e.parent_id');
  const result = await sql<{ id: string; uscc: string; name: string; type: string; region_code: string; depth: number }>`
    with recursive walk(id, depth) as (
      select ${to}, 1 from control_edges e where ${from} = ${id}
      union
      select ${to}, w.depth + 1 from control_edges e join walk w on ${from} = w.id where w.depth < 64
    )
    select o.id, o.uscc, o.name, o.type, o.region_code, min(w.depth)::int as depth
    from walk w join organisations o on o.id = w.id
    where o.id <> ${id}
    group by o.id, o.uscc, o.name, o.type, o.region_code
    order by min(w.depth), o.name
  `.execute(db);
  return result.rows.map((r) => ({ ...summarise(r), depth: Number(r.depth) }));
}

export function loadControlEdges(db: Executor) {
  return db.selectFrom('control_edges').select(['parent_id as parent', 'child_id as child']).execute();
}

export function findControlEdge(db: Executor, parentId: string, childId: string) {
  return db.selectFrom('control_edges').selectAll().where('parent_id', '=', parentId).where('child_id', '=', childId).executeTakeFirst();
}

export function organisationNames(db: Executor, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([] as { id: string; name: string }[]);
  return db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', ids).execute();
}

/** One writer at a time changes control edges, so two concurrent additions cannot close a cycle. */
export async function lockControlGraph(db: Executor) {
  await sql`select pg_advisory_xact_lock(7426002)`.execute(db);
}
