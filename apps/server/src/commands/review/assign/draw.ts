import { randomInt } from 'node:crypto';
import { AppError, type AssignmentOut } from '@rdplan/domain';
import { appendAudit } from '../../../audit/audit.js';
import type { Actor, Deps } from '../../../context.js';
import { conflictOf, expertAffinity, isAvailable, loadsInReview, reviewCap, type PoolExpert } from '../../../repositories/review.js';
import { inTransaction } from '../../transaction.js';
import { assertAssignable } from './checks.js';
import { assertRole, assertStatus, requireReviewData } from './shared.js';

/**
 * NSFC-style random draw: experts are drawn uniformly (crypto random source) among the eligible experts not
 * yet on the application and under their cap, one at a time, re-checking one-per-unit after each pick.
 * The count defaults to the gap to k.
 */
export async function drawAssignments(
  deps: Deps,
  actor: Actor,
  reviewId: string,
  input: { applicationId: string; count?: number | undefined; reason?: string | undefined },
): Promise<{ items: AssignmentOut[] }> {
  assertRole(actor, ['officer']);
  return inTransaction(deps, async (tx, now) => {
    const data = await requireReviewData(tx, reviewId, now, true);
    assertStatus(data.head, ['setup', 'scoring'], 'draw');
    const app = data.applications.find((a) => a.id === input.applicationId);
    if (!app)
      throw new AppError('validation_failed', [
        { path: 'body.applicationId', message: 'not an application of this review / 非本评审项目' },
      ]);
    const k = data.head.settings.expertsPerApplication;
    const active = data.assignments.filter((a) => a.applicationId === app.id && a.status !== 'declined').length;
    const count = input.count ?? k - active;
    if (count <= 0)
      throw new AppError('review_limit', {
        limit: 'experts_per_application',
        applicationId: app.id,
        assigned: active,
        needed: k,
        message: `the application already has ${active} of ${k} experts / 该项目专家已满`,
      });
    const loads = loadsInReview(data);
    const on = new Set(data.assignments.filter((a) => a.applicationId === app.id).map((a) => a.personId));
    const experts = new Map(data.experts.map((e) => [e.personId, e]));
    const usedUnits = new Set(
      data.assignments.filter((a) => a.applicationId === app.id && a.status !== 'declined').map((a) => experts.get(a.personId)?.unit ?? ''),
    );
    let pool: PoolExpert[] = data.experts.filter(
      (e) =>
        e.isExpert &&
        !on.has(e.personId) &&
        !conflictOf(data, app.id, e.personId) &&
        isAvailable(e, data.today) &&
        (loads.get(e.personId) ?? 0) < reviewCap(e) &&
        !(data.head.settings.onePerUnit && usedUnits.has(e.unit)),
    );
    const candidates = pool.length;
    const picked: PoolExpert[] = [];
    while (picked.length < count && pool.length > 0) {
      const e = pool[randomInt(pool.length)]!;
      picked.push(e);
      pool = pool.filter((x) => x !== e && !(data.head.settings.onePerUnit && x.unit === e.unit));
    }
    if (picked.length < count)
      throw new AppError('review_limit', {
        limit: 'eligible',
        applicationId: app.id,
        requested: count,
        eligible: picked.length,
        message: `only ${picked.length} eligible expert(s) can be drawn, ${count} requested / 可抽取的专家仅 ${picked.length} 名`,
      });
    const items: AssignmentOut[] = [];
    const seen = new Set<string>();
    for (const e of picked) {
      // Defence in depth: the same checks as a manual add (conflict, cap, unit, not already on it).
      assertAssignable(data, app, e, { units: seen });
      seen.add(e.unit);
      const aff = expertAffinity(e, app);
      const row = await tx
        .insertInto('review_assignments')
        .values({
          review_id: reviewId,
          application_id: app.id,
          person_id: e.personId,
          affinity: aff,
          source: 'random',
          assigned_by: actor.userId,
          assigned_at: now,
          updated_at: now,
        })
        .returning(['id', 'status'])
        .executeTakeFirstOrThrow();
      items.push({
        id: row.id,
        applicationId: app.id,
        personId: e.personId,
        expertName: e.name,
        expertOrg: e.org?.orgName ?? null,
        affinity: aff,
        source: 'random',
        status: row.status,
        declaration: null,
        submittedAt: null,
      });
    }
    await appendAudit(tx, actor, now, {
      action: 'review.draw',
      entityType: 'review',
      entityId: reviewId,
      before: { applicationId: app.id, assigned: active },
      after: {
        applicationId: app.id,
        drawn: items.map((i) => ({ assignmentId: i.id, personId: i.personId })),
        candidates,
      },
      reason: input.reason || null,
    });
    return { items };
  });
}
