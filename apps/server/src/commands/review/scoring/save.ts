import { AppError, checkScores, unscoredCriteria, weightedTotal, type ExpertReviewOut, type ScoreSave } from '@rdplan/domain';
import { appendAudit } from '../../../audit/audit.js';
import type { Actor, Deps } from '../../../context.js';
import { loadOwnAssignment, scoresOf, type OwnAssignment } from '../../../repositories/review-scoring.js';
import { inTransaction } from '../../transaction.js';
import { assertDeclaredNoConflict, buildExpertView } from './view.js';

function assertScoring(own: OwnAssignment) {
  if (own.review.status !== 'scoring') {
    throw new AppError('state_conflict', { status: own.review.status, message: 'the review is not in scoring / 评审不在打分阶段' });
  }
}

function assertVersion(own: OwnAssignment, version: number) {
  if (own.assignment.version !== version) {
    throw new AppError('conflict', {
      path: 'body.version',
      current: own.assignment.version,
      message: 'changed meanwhile; reload / 评分已被修改，请刷新后再编辑',
    });
  }
}

/** Saves the expert's scores (a draft): values on the scale's grid, the call's criteria only, the version current. */
export async function saveScores(deps: Deps, actor: Actor, assignmentId: string, input: ScoreSave): Promise<ExpertReviewOut> {
  return inTransaction(deps, async (tx, now) => {
    const own = await loadOwnAssignment(tx, actor.personId, assignmentId, true);
    assertDeclaredNoConflict(own);
    assertScoring(own);
    const { assignment, review } = own;
    if (assignment.status === 'submitted') {
      throw new AppError('state_conflict', { status: assignment.status, message: 'already submitted / 评分已提交，不能修改' });
    }
    assertVersion(own, input.version);
    const problems = checkScores(review.criteria, review.settings.scale, input.scores).map((p) => ({ ...p, path: `body.${p.path}` }));
    if (problems.length) throw new AppError('validation_failed', problems);
    const updated = await tx
      .updateTable('review_assignments')
      .set({ scores: JSON.stringify(input.scores), comment: input.comment, version: assignment.version + 1, updated_at: now })
      .where('id', '=', assignment.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, actor, now, {
      action: 'review.scores_saved',
      entityType: 'review_assignment',
      entityId: assignment.id,
      before: { version: assignment.version, scores: scoresOf(assignment.scores) },
      after: { version: updated.version, scores: input.scores },
    });
    return buildExpertView(tx, { ...own, assignment: updated });
  });
}

/**
 * Submits the scores: every criterion scored or marked N/A, at least one scored. Stores the weighted total.
 * A second submit changes nothing and answers the same view.
 */
export async function submitScores(deps: Deps, actor: Actor, assignmentId: string, version: number | undefined): Promise<ExpertReviewOut> {
  return inTransaction(deps, async (tx, now) => {
    const own = await loadOwnAssignment(tx, actor.personId, assignmentId, true);
    assertDeclaredNoConflict(own);
    const { assignment, review } = own;
    if (assignment.status === 'submitted') return buildExpertView(tx, own);
    assertScoring(own);
    if (version !== undefined) assertVersion(own, version);
    const scores = scoresOf(assignment.scores);
    const problems: { path: string; message: string }[] = unscoredCriteria(review.criteria, scores).map((key) => ({
      path: `scores.${key}`,
      message: `score this criterion or mark it not applicable / 请评分或标记为不适用: ${key}`,
    }));
    problems.push(...checkScores(review.criteria, review.settings.scale, scores));
    if (!problems.length && !scores.some((s) => s.value !== null)) {
      problems.push({ path: 'scores', message: 'score at least one criterion / 至少对一项指标评分' });
    }
    if (problems.length) throw new AppError('validation_failed', problems);
    const { total } = weightedTotal(review.criteria, review.settings.scale, scores);
    const updated = await tx
      .updateTable('review_assignments')
      .set({
        status: 'submitted',
        total: total === null ? null : String(total),
        submitted_at: now,
        version: assignment.version + 1,
        updated_at: now,
      })
      .where('id', '=', assignment.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, actor, now, {
      action: 'review.scores_submitted',
      entityType: 'review_assignment',
      entityId: assignment.id,
      before: { status: assignment.status, version: assignment.version },
      after: {
        status: 'submitted',
        version: updated.version,
        total,
        scores,
        reviewId: assignment.review_id,
        applicationId: assignment.application_id,
      },
    });
    return buildExpertView(tx, { ...own, assignment: updated });
  });
}
