import { AppError, type DeclarationInput, type ExpertTaskOut } from '@rdplan/domain';
import { appendAudit } from '../../../audit/audit.js';
import type { Actor, Deps } from '../../../context.js';
import { loadOwnAssignment } from '../../../repositories/review-scoring.js';
import { inTransaction } from '../../transaction.js';
import { listExpertTasks } from './tasks.js';

/**
 * The expert's declaration before the application opens: no conflict (the task opens) or a conflict with a
 * reason (the assignment is declined; the officer replaces the expert). One declaration per assignment.
 */
export async function declare(deps: Deps, actor: Actor, assignmentId: string, input: DeclarationInput): Promise<ExpertTaskOut> {
  return inTransaction(deps, async (tx, now) => {
    const own = await loadOwnAssignment(tx, actor.personId, assignmentId, true);
    const { assignment, review } = own;
    if (review.status !== 'scoring') {
      throw new AppError('state_conflict', { status: review.status, message: 'the review is not in scoring / 评审不在打分阶段' });
    }
    if (own.declaration) {
      throw new AppError('conflict', {
        path: 'body.kind',
        declared: own.declaration.kind,
        message: 'already declared on this application / 已作出回避声明',
      });
    }
    if (assignment.status !== 'assigned') throw new AppError('state_conflict', { status: assignment.status });
    const reason = input.kind === 'conflict' ? input.reason : '';
    await tx
      .insertInto('review_declarations')
      .values({
        review_id: assignment.review_id,
        application_id: assignment.application_id,
        person_id: assignment.person_id,
        kind: input.kind,
        reason,
        declared_by: actor.userId,
        declared_at: now,
      })
      .execute();
    if (input.kind === 'conflict') {
      await tx.updateTable('review_assignments').set({ status: 'declined', updated_at: now }).where('id', '=', assignment.id).execute();
    }
    await appendAudit(tx, actor, now, {
      action: input.kind === 'conflict' ? 'review.conflict_declared' : 'review.no_conflict_declared',
      entityType: 'review_assignment',
      entityId: assignment.id,
      before: { status: assignment.status },
      after: {
        status: input.kind === 'conflict' ? 'declined' : assignment.status,
        reviewId: assignment.review_id,
        applicationId: assignment.application_id,
        personId: assignment.person_id,
        declaration: input.kind,
      },
      reason: reason || null,
    });
    const [task] = (await listExpertTasks(tx, actor, assignment.id)).items;
    return task!;
  });
}
