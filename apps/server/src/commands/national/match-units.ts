import { buildOrgIndex, matchUnit, normaliseOrgName, personKey, type MatchResult } from '@rdplan/domain';
import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { linkLeadOrgs } from './link-leads.js';
import { refreshMapFacts } from './map-facts.js';

const CHUNK = 5000;

interface FormerNameJson {
  name: string;
  until?: string | null;
}

/**
 * Links the units of national records to registry organisations (4.2): by credit code first, then by
 * normalised name and former names, with a confidence; uncertain ones go to the analysts' review queue.
 * The registry is loaded into one in-memory index; the results are written in bulk (UPDATE … FROM
 * unnest(arrays)). A row an analyst decided (method 'manual', reviewed, or rejected) is never touched.
 * Scope: a batch's rows, or else every 'unmatched' / 'review' row nobody reviewed. Afterwards every
 * person of the records in scope gets its conservative person key (name + organisation + field).
 */
export async function matchNationalUnits(
  db: Executor,
  scope: { batchId?: string } = {},
): Promise<{ matched: number; review: number; unmatched: number }> {
  const orgs = await db.selectFrom('organisations').select(['id', 'uscc', 'name', 'type', 'region_code', 'former_names']).execute();
  const index = buildOrgIndex(
    orgs.map((o) => ({
      id: o.id,
      uscc: o.uscc,
      name: o.name,
      type: o.type,
      regionCode: o.region_code,
      formerNames: ((o.former_names as unknown as FormerNameJson[] | null) ?? []).filter((f) => typeof f?.name === 'string'),
    })),
  );

  let q = db
    .selectFrom('national_units')
    .select(['id', 'uscc', 'name', 'org_type', 'region_code'])
    .where('reviewed_at', 'is', null)
    .where((eb) => eb.or([eb('match_method', 'is', null), eb('match_method', '!=', 'manual')]))
    .where('match_status', '!=', 'rejected');
  q = scope.batchId ? q.where('batch_id', '=', scope.batchId) : q.where('match_status', 'in', ['unmatched', 'review']);
  const rows = await q.orderBy('id').execute();

  const counts = { matched: 0, review: 0, unmatched: 0 };
  const results: { id: number; r: MatchResult }[] = rows.map((row) => {
    const r = matchUnit(index, {
      uscc: row.uscc?.trim() || null,
      name: row.name,
      type: row.org_type,
      regionCode: row.region_code?.trim() || null,
    });
    counts[r.status]++;
    return { id: Number(row.id), r };
  });
  for (let i = 0; i < results.length; i += CHUNK) {
    const part = results.slice(i, i + CHUNK);
    await sql`
      update national_units as u set
        org_id = v.org_id,
        match_method = v.method,
        match_confidence = v.confidence,
        match_status = v.status,
        match_candidates = v.candidates::jsonb
      from unnest(
        ${part.map((p) => p.id)}::bigint[],
        ${part.map((p) => p.r.orgId)}::uuid[],
        ${part.map((p) => p.r.method)}::text[],
        ${part.map((p) => p.r.confidence)}::real[],
        ${part.map((p) => p.r.status)}::text[],
        ${part.map((p) => JSON.stringify(p.r.candidates))}::text[]
      ) as v(id, org_id, method, confidence, status, candidates)
      where u.id = v.id and u.reviewed_at is null and u.match_method is distinct from 'manual' and u.match_status <> 'rejected'
    `.execute(db);
  }

  await assignPersonKeys(db, index, scope);
  await linkLeadOrgs(db, scope.batchId ? { batchId: scope.batchId } : undefined);
  await refreshMapFacts(db, scope.batchId ? { batchId: scope.batchId } : undefined);
  return counts;
}

/** Person keys of the records' people: the organisation is the matched unit the person is named with. */
async function assignPersonKeys(db: Executor, index: ReturnType<typeof buildOrgIndex>, scope: { batchId?: string }): Promise<void> {
  let pq = db.selectFrom('national_people').select(['id', 'record_kind', 'national_id', 'name', 'unit_name', 'field_code']);
  if (scope.batchId) pq = pq.where('batch_id', '=', scope.batchId);
  const people = await pq.orderBy('id').execute();
  if (people.length === 0) return;
  const units = await db
    .selectFrom('national_units')
    .select(['record_kind', 'national_id', 'position', 'name', 'org_id'])
    .where('match_status', '=', 'matched')
    .where('org_id', 'is not', null)
    .execute();
  const byRecord = new Map<string, { core: string; position: number; orgId: string }[]>();
  for (const u of units) {
    const key = `${u.record_kind}|${u.national_id}`;
    const list = byRecord.get(key) ?? [];
    list.push({ core: normaliseOrgName(u.name), position: u.position, orgId: u.org_id! });
    byRecord.set(key, list);
  }
  const ids: number[] = [];
  const keys: (string | null)[] = [];
  const orgIds: (string | null)[] = [];
  for (const p of people) {
    const core = p.unit_name ? normaliseOrgName(p.unit_name) : '';
    const list = byRecord.get(`${p.record_kind}|${p.national_id}`) ?? [];
    let orgId = (core ? list.find((u) => u.core === core) : list.find((u) => u.position === 0))?.orgId ?? null;
    if (!orgId && p.unit_name) {
      const r = matchUnit(index, { name: p.unit_name });
      if (r.status === 'matched') orgId = r.orgId;
    }
    ids.push(Number(p.id));
    keys.push(personKey(p.name, orgId ?? (core || null), p.field_code));
    orgIds.push(orgId);
  }
  for (let i = 0; i < ids.length; i += CHUNK) {
    await sql`
      update national_people as p set person_key = v.person_key, org_id = v.org_id
      from unnest(
        ${ids.slice(i, i + CHUNK)}::bigint[],
        ${keys.slice(i, i + CHUNK)}::text[],
        ${orgIds.slice(i, i + CHUNK)}::uuid[]
      ) as v(id, person_key, org_id)
      where p.id = v.id
    `.execute(db);
  }
}
