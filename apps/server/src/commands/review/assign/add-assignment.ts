import { AppError, type AssignmentOut } from '@rdplan/domain';
import { appendAudit } from '../../../audit/audit.js';
import type { Actor, Deps } from '../../../context.js';
import { expertAffinity } from '../../../repositories/review.js';
import { inTransaction } from '../../transaction.js';
import { assertAssignable } from './checks.js';
import { assertRole, assertStatus, requireReviewData } from './shared.js';

/** An officer adds an expert by hand (setup or scoring); conflicts, caps and one-per-unit are re-checked. */
export async function addAssignment(
  deps: Deps,
  actor: Actor,
  reviewId: string,
  input: { applicationId: string; personId: string; reason?: string | undefined },
): Promise<AssignmentOut> {
  assertRole(actor, ['officer']);
  return inTransaction(deps, async (tx, now) => {
    const data = await requireReviewData(tx, reviewId, now, true);
    assertStatus(data.head, ['setup', 'scoring'], 'assign');
    const app = data.applications.find((a) => a.id === input.applicationId);
    if (!app)
      throw new AppError('validation_failed', [
        { path: 'body.applicationId', message: 'not an application of this review / 非本评审项目' },
      ]);
    const e = data.experts.find((x) => x.personId === input.personId);
    if (!e) throw new AppError('validation_failed', [{ path: 'body.personId', message: 'not an expert of the pool / 非专家库专家' }]);
    assertAssignable(data, app, e);
    const aff = expertAffinity(e, app);
    const row = await tx
      .insertInto('review_assignments')
      .values({
        review_id: reviewId,
        application_id: app.id,
        person_id: e.personId,
        affinity: aff,
        source: 'manual',
        assigned_by: actor.userId,
        assigned_at: now,
        updated_at: now,
      })
      .returning(['id', 'status'])
      .executeTakeFirstOrThrow();
    await appendAudit(tx, actor, now, {
      action: 'review.assign',
      entityType: 'review_assignment',
      entityId: row.id,
      before: null,
      after: { reviewId, applicationId: app.id, personId: e.personId, source: 'manual', affinity: aff },
      reason: input.reason || null,
    });
    return {
      id: row.id,
      applicationId: app.id,
      personId: e.personId,
      expertName: e.name,
      expertOrg: e.org?.orgName ?? null,
      affinity: aff,
      source: 'manual',
      status: row.status,
      declaration: null,
      submittedAt: null,
    };
  });
}
