import { AppError, hasAnyRole, shanghaiDate, type ReviewOut, type Role } from '@rdplan/domain';
import type { Actor } from '../../../context.js';
import type { Executor } from '../../../db/database.js';
import {
  expertUsable,
  findReviewHead,
  loadReviewData,
  lockReview,
  type ReviewData,
  type ReviewHead,
} from '../../../repositories/review.js';

export function assertRole(actor: Actor, roles: readonly Role[]): void {
  if (!hasAnyRole(actor.roles, roles)) throw new AppError('forbidden');
}

/** The review, or 404. With `lock`, the review row is locked for the transaction. */
export async function requireReview(db: Executor, reviewId: string, lock = false): Promise<ReviewHead> {
  const head = lock ? await lockReview(db, reviewId) : await findReviewHead(db, reviewId);
  if (!head) throw new AppError('not_found');
  return head;
}

export async function requireReviewData(db: Executor, reviewId: string, now: Date, lock = false): Promise<ReviewData> {
  const head = await requireReview(db, reviewId, lock);
  return loadReviewData(db, head, shanghaiDate(now));
}

export function assertStatus(head: ReviewHead, allowed: readonly ReviewHead['status'][], action: string): void {
  if (!allowed.includes(head.status))
    throw new AppError('state_conflict', {
      status: head.status,
      allowed,
      message: `${action} is not allowed while the review is ${head.status} / 评审当前状态（${head.status}）下不能执行此操作`,
    });
}

export const auditReview = (h: ReviewHead) => ({ status: h.status, callId: h.callId, settings: h.settings });

/** The review as officers see it: settings, applications with assignment, conflict and eligibility counts. */
export function presentReview(data: ReviewData): ReviewOut {
  const h = data.head;
  const perApp = new Map<string, { assigned: number; submitted: number }>();
  const usable = new Set(data.experts.filter((e) => expertUsable(data, e)).map((e) => e.personId));
  let declared = 0;
  let submitted = 0;
  let assignments = 0;
  for (const a of data.assignments) {
    const c = perApp.get(a.applicationId) ?? { assigned: 0, submitted: 0 };
    if (a.status !== 'declined') {
      c.assigned++;
      assignments++;
    }
    if (a.status === 'submitted') {
      c.submitted++;
      submitted++;
    }
    if (a.declaration) declared++;
    perApp.set(a.applicationId, c);
  }
  return {
    id: h.id,
    callId: h.callId,
    planId: h.planId,
    planYear: h.planYear,
    callTitleZh: h.callTitleZh,
    callTitleEn: h.callTitleEn,
    track: h.track,
    status: h.status,
    settings: h.settings,
    criteria: h.criteria,
    releasedAt: h.releasedAt?.toISOString() ?? null,
    closedAt: h.closedAt?.toISOString() ?? null,
    applications: data.applications.map((app) => {
      let conflicts = 0;
      let eligibleExperts = 0;
      const conflicted = data.conflicts.get(app.id);
      for (const e of data.experts) {
        if (!e.isExpert) continue;
        if (conflicted?.has(e.personId)) conflicts++;
        else if (usable.has(e.personId)) eligibleExperts++;
      }
      const c = perApp.get(app.id) ?? { assigned: 0, submitted: 0 };
      return {
        applicationId: app.id,
        title: app.title,
        orgId: app.orgId,
        orgName: app.orgName,
        track: app.track,
        fieldCode: app.fieldCode,
        chainId: app.chainId,
        chainName: app.chainName,
        status: app.status,
        cityFunds: app.cityFunds,
        assigned: c.assigned,
        submitted: c.submitted,
        conflicts,
        eligibleExperts,
      };
    }),
    counts: { applications: data.applications.length, assignments, declared, submitted },
  };
}
