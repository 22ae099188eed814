import { AppError } from '@rdplan/domain';
import { appendAudit } from '../../../audit/audit.js';
import type { Actor, Deps } from '../../../context.js';
import { inTransaction } from '../../transaction.js';
import { assertRole, assertStatus, requireReview } from './shared.js';

/** An officer removes an assignment with a reason; never once its scores are submitted, never after closing. */
export async function removeAssignment(deps: Deps, actor: Actor, reviewId: string, assignmentId: string, reason: string): Promise<void> {
  assertRole(actor, ['officer']);
  await inTransaction(deps, async (tx, now) => {
    const head = await requireReview(tx, reviewId, true);
    const row = await tx
      .selectFrom('review_assignments')
      .selectAll()
      .where('id', '=', assignmentId)
      .where('review_id', '=', reviewId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new AppError('not_found');
    assertStatus(head, ['setup', 'scoring'], 'remove');
    if (row.status === 'submitted')
      throw new AppError('state_conflict', { status: row.status, message: 'the scores are submitted / 评审意见已提交，不能移除' });
    await tx.deleteFrom('review_assignments').where('id', '=', row.id).execute();
    await appendAudit(tx, actor, now, {
      action: 'review.unassign',
      entityType: 'review_assignment',
      entityId: row.id,
      before: {
        reviewId,
        applicationId: row.application_id,
        personId: row.person_id,
        source: row.source,
        status: row.status,
        affinity: row.affinity,
      },
      after: null,
      reason,
    });
  });
}
