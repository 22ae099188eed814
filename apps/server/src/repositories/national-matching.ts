import { isValidUscc, normaliseUscc } from '@rdplan/domain';
import type { Executor } from '../db/database.js';

export interface MatchCandidateView {
  orgId: string;
  name: string;
  score: number;
  uscc: string | null;
  type: string | null;
  regionCode: string | null;
  formerNames: string[];
}

export interface MatchRowView {
  id: number;
  recordKind: 'application' | 'project';
  nationalId: string;
  position: number;
  role: 'lead' | 'participant';
  name: string;
  uscc: string | null;
  orgType: string | null;
  regionCode: string | null;
  status: 'matched' | 'review' | 'unmatched' | 'rejected';
  method: string | null;
  confidence: number | null;
  orgId: string | null;
  /**
   * A possible match only: the unit's own valid credit code is not any candidate's (no organisation of
   * the registry has it), so the name alone proposed them; an analyst decides, nothing links by itself.
   */
  codeConflict: boolean;
  candidates: MatchCandidateView[];
}

/** Whether the unit carries a valid credit code that differs from a candidate's. */
function codeConflictOf(unitUscc: string | null, candidates: readonly { uscc: string | null }[]): boolean {
  const own = unitUscc ? normaliseUscc(unitUscc) : '';
  if (!own || !isValidUscc(own)) return false;
  return candidates.some((c) => c.uscc !== null && normaliseUscc(c.uscc) !== own);
}

type Status = MatchRowView['status'];

/** The matching queue: national units by status, with each candidate's registry facts. */
export async function listMatches(
  db: Executor,
  query: { status: Status; page: number; pageSize: number },
): Promise<{ total: number; items: MatchRowView[] }> {
  const base = db.selectFrom('national_units').where('match_status', '=', query.status);
  const total = Number((await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await base
    .selectAll()
    .orderBy('match_confidence', 'desc')
    .orderBy('id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const ids = new Set<string>();
  for (const r of rows) for (const c of candidatesOf(r.match_candidates)) ids.add(c.orgId);
  const orgs = ids.size
    ? await db
        .selectFrom('organisations')
        .select(['id', 'uscc', 'type', 'region_code', 'former_names'])
        .where('id', 'in', [...ids])
        .execute()
    : [];
  const byId = new Map(orgs.map((o) => [o.id, o]));
  return {
    total,
    items: rows.map((r) => {
      const candidates = candidatesOf(r.match_candidates).map((c) => {
        const o = byId.get(c.orgId);
        return {
          ...c,
          uscc: o?.uscc ?? null,
          type: o?.type ?? null,
          regionCode: o?.region_code ?? null,
          formerNames: ((o?.former_names as unknown as { name: string }[] | null) ?? []).map((f) => f.name),
        };
      });
      const uscc = r.uscc?.trim() || null;
      return {
        id: Number(r.id),
        recordKind: r.record_kind,
        nationalId: r.national_id,
        position: r.position,
        role: r.role,
        name: r.name,
        uscc,
        orgType: r.org_type,
        regionCode: r.region_code?.trim() || null,
        status: r.match_status,
        method: r.match_method,
        confidence: r.match_confidence,
        orgId: r.org_id,
        codeConflict: r.match_status === 'review' && codeConflictOf(uscc, candidates),
        candidates,
      };
    }),
  };
}

export function candidatesOf(value: unknown): { orgId: string; name: string; score: number }[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (c): c is { orgId: string; name: string; score: number } =>
      !!c && typeof c === 'object' && typeof (c as { orgId?: unknown }).orgId === 'string',
  );
}
