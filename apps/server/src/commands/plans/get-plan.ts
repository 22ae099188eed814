import { AppError, hasAnyRole, STAFF_ROLES, type PlanListQuery, type PlanView } from '@rdplan/domain';
import type { Actor, Deps } from '../../context.js';
import { AccessDenied } from '../../http/access-denied.js';
import { listPlans, planView } from '../../repositories/plans.js';

/** Bureau staff read every plan; a chain leader reads published plans only (a draft answers 404). */
export async function getPlan(deps: Deps, actor: Actor, id: string): Promise<PlanView> {
  const view = await planView(deps.db, id);
  if (!view) throw new AppError('not_found');
  if (view.status !== 'published' && !hasAnyRole(actor.roles, STAFF_ROLES)) throw new AccessDenied('plan', id);
  return view;
}

export async function getPlans(deps: Deps, actor: Actor, query: PlanListQuery): Promise<PlanView[]> {
  return listPlans(deps.db, { ...query, publishedOnly: !hasAnyRole(actor.roles, STAFF_ROLES) });
}
