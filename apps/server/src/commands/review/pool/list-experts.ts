import { shanghaiDate, type ExpertListOut, type ExpertOut } from '@rdplan/domain';
import type { Actor, Deps } from '../../../context.js';
import { isAvailable, loadPool, type PoolExpert } from '../../../repositories/review.js';
import { assertRole } from '../assign/shared.js';

export interface ExpertListFilter {
  q?: string | undefined;
  field?: string | undefined;
  available?: 'true' | 'false' | undefined;
  page: number;
  pageSize: number;
}

export function presentExpert(e: PoolExpert): ExpertOut {
  return {
    personId: e.personId,
    name: e.name,
    titleLevel: e.titleLevel,
    titleName: e.titleName,
    fieldCodes: e.fieldCodes,
    keywords: e.keywords,
    orgId: e.org?.orgId ?? null,
    orgName: e.org?.orgName ?? null,
    isExpert: e.isExpert,
    loadCap: e.loadCap,
    available: e.available,
    unavailableUntil: e.unavailableUntil,
    note: e.note,
    currentLoad: e.otherLoad,
    hasAccount: e.hasAccount,
  };
}

/** The pool with each expert's current load (assignments in reviews not yet closed). */
export async function listExperts(deps: Deps, actor: Actor, filter: ExpertListFilter): Promise<ExpertListOut> {
  assertRole(actor, ['officer', 'admin']);
  const today = shanghaiDate(deps.clock.now());
  const pool = await loadPool(deps.db, today);
  const q = filter.q?.toLowerCase();
  const matched = pool.filter((e) => {
    if (
      q &&
      !(
        e.name.toLowerCase().includes(q) ||
        (e.org?.orgName.toLowerCase().includes(q) ?? false) ||
        e.keywords.some((k) => k.toLowerCase().includes(q))
      )
    )
      return false;
    if (
      filter.field &&
      !e.fieldCodes.some((f) => f === filter.field || f.startsWith(`${filter.field}.`) || filter.field!.startsWith(`${f}.`))
    )
      return false;
    if (filter.available !== undefined && isAvailable(e, today) !== (filter.available === 'true')) return false;
    return true;
  });
  const start = (filter.page - 1) * filter.pageSize;
  return { items: matched.slice(start, start + filter.pageSize).map(presentExpert), total: matched.length };
}
