import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

export type LeadScope = { batchId?: string } | { records: { kind: 'application' | 'project'; nationalId: string }[] } | undefined;

/**
 * Links each national record's first applicant / first undertaker (lead_org_id) to the registry: by its credit
 * code first, else by the match of its lead unit (matched only — a unit in review, unmatched or rejected links
 * nothing). Tracks 3.2 and 3.3 read their eligibility facts through this link, so a name matched by the
 * matching run or confirmed by an analyst makes the unit's records count; a rejected match unlinks them.
 * Runs after every matching run and match decision, for the records in scope (all when no scope).
 */
export async function linkLeadOrgs(db: Executor, scope?: LeadScope): Promise<number> {
  let changed = 0;
  for (const [kind, table] of [
    ['application', 'national_applications'],
    ['project', 'national_projects'],
  ] as const) {
    let filter = sql``;
    if (scope && 'batchId' in scope && scope.batchId) filter = sql`and nu.batch_id = ${scope.batchId}`;
    if (scope && 'records' in scope) {
      const ids = scope.records.filter((r) => r.kind === kind).map((r) => r.nationalId);
      if (ids.length === 0) continue;
      filter = sql`and nu.national_id = any(${ids}::text[])`;
    }
    const res = await sql`
      update ${sql.table(table)} as r set lead_org_id = v.org_id
      from (
        select nu.national_id, coalesce(o.id, case when nu.match_status = 'matched' then nu.org_id end) as org_id
        from national_units nu
        join ${sql.table(table)} r2 on r2.national_id = nu.national_id
        left join organisations o on o.uscc = r2.lead_uscc
        where nu.record_kind = ${kind} and nu.role = 'lead' ${filter}
      ) as v
      where r.national_id = v.national_id and r.lead_org_id is distinct from v.org_id
    `.execute(db);
    changed += Number(res.numAffectedRows ?? 0);
  }
  return changed;
}
