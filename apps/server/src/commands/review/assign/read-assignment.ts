import { AppError, type AssignmentListOut, type ConflictListOut, type EligibleListOut } from '@rdplan/domain';
import type { Actor, Deps } from '../../../context.js';
import { conflictOf, expertAffinity, ineligibility, loadsInReview, reviewCap } from '../../../repositories/review.js';
import { assertRole, requireReviewData } from './shared.js';

/** Conflicts of the review's applications with the pool, with their reasons (officers and admins only). */
export async function listConflicts(deps: Deps, actor: Actor, reviewId: string, applicationId?: string): Promise<ConflictListOut> {
  assertRole(actor, ['officer', 'admin']);
  const data = await requireReviewData(deps.db, reviewId, deps.clock.now());
  const experts = new Map(data.experts.map((e) => [e.personId, e]));
  const items: ConflictListOut['items'] = [];
  for (const app of data.applications) {
    if (applicationId && app.id !== applicationId) continue;
    for (const e of data.experts) {
      const reasons = conflictOf(data, app.id, e.personId);
      if (!reasons) continue;
      const ex = experts.get(e.personId)!;
      items.push({ applicationId: app.id, personId: e.personId, expertName: ex.name, expertOrg: ex.org?.orgName ?? null, reasons });
    }
  }
  return { items };
}

/** The experts who may take the application, best affinity first (not on it yet, no conflict, available, with capacity). */
export async function listEligible(deps: Deps, actor: Actor, reviewId: string, applicationId: string): Promise<EligibleListOut> {
  assertRole(actor, ['officer']);
  const data = await requireReviewData(deps.db, reviewId, deps.clock.now());
  const app = data.applications.find((a) => a.id === applicationId);
  if (!app) throw new AppError('not_found');
  const on = new Set(data.assignments.filter((a) => a.applicationId === app.id).map((a) => a.personId));
  const loads = loadsInReview(data);
  const items = data.experts
    .filter((e) => !on.has(e.personId) && ineligibility(data, app, e) === null)
    .map((e) => ({
      personId: e.personId,
      name: e.name,
      orgName: e.org?.orgName ?? null,
      fieldCodes: e.fieldCodes,
      affinity: expertAffinity(e, app),
      load: loads.get(e.personId) ?? 0,
      cap: reviewCap(e),
    }))
    .sort(
      (a, b) => b.affinity - a.affinity || a.load - b.load || a.name.localeCompare(b.name, 'zh-CN') || a.personId.localeCompare(b.personId),
    );
  return { items };
}

/** The review's assignments, the loads against caps, and the last solver run. */
export async function listAssignments(deps: Deps, actor: Actor, reviewId: string): Promise<AssignmentListOut> {
  assertRole(actor, ['officer', 'admin']);
  const data = await requireReviewData(deps.db, reviewId, deps.clock.now());
  const experts = new Map(data.experts.map((e) => [e.personId, e]));
  const loads = loadsInReview(data);
  return {
    items: data.assignments.map((a) => ({
      id: a.id,
      applicationId: a.applicationId,
      personId: a.personId,
      expertName: experts.get(a.personId)?.name ?? '',
      expertOrg: experts.get(a.personId)?.org?.orgName ?? null,
      affinity: a.affinity,
      source: a.source,
      status: a.status,
      declaration: a.declaration,
      submittedAt: a.submittedAt?.toISOString() ?? null,
    })),
    loads: [...loads.entries()].map(([personId, load]) => {
      const e = experts.get(personId);
      return { personId, expertName: e?.name ?? '', load, cap: e ? reviewCap(e) : 0 };
    }),
    lastRun: data.head.lastRun,
  };
}
