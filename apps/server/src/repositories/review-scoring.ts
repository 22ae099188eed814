import { AppError, type CriterionScore } from '@rdplan/domain';
import type { Executor } from '../db/database.js';
import { findReviewHead, json } from './review.js';
import { AccessDenied } from '../http/access-denied.js';

/**
 * SQL of the expert's side of a review and of its results (issue 5): a review with its call's criteria and
 * parsed settings, an expert's own assignments, the submitted scores and the panel records.
 */

/** Stored scores (CriterionScore[]), read leniently. */
export function scoresOf(raw: unknown): CriterionScore[] {
  const list = json<unknown>(raw, []);
  if (!Array.isArray(list)) return [];
  return list.flatMap((s: unknown) => {
    if (!s || typeof s !== 'object') return [];
    const o = s as Record<string, unknown>;
    if (typeof o.criterion !== 'string') return [];
    const value = o.value === null || o.value === undefined ? null : Number(o.value);
    return [
      {
        criterion: o.criterion,
        value: value !== null && Number.isFinite(value) ? value : null,
        comment: typeof o.comment === 'string' ? o.comment : '',
      },
    ];
  });
}

export function totalOf(raw: string | number | null): number | null {
  if (raw === null) return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : null;
}

export async function loadOwnAssignment(db: Executor, personId: string | null, assignmentId: string, lock = false) {
  if (!personId) throw new AccessDenied('review_assignment', assignmentId);
  let q = db.selectFrom('review_assignments').selectAll().where('id', '=', assignmentId).where('person_id', '=', personId);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  // Another expert's assignment (or none): refused like a missing record, and logged.
  if (!row) throw new AccessDenied('review_assignment', assignmentId);
  const review = await findReviewHead(db, row.review_id);
  if (!review || review.status === 'setup') throw new AppError('not_found');
  const declaration = await db
    .selectFrom('review_declarations')
    .select(['kind', 'reason', 'declared_at'])
    .where('review_id', '=', row.review_id)
    .where('application_id', '=', row.application_id)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return { assignment: row, review, declaration: declaration ?? null };
}

export type OwnAssignment = Awaited<ReturnType<typeof loadOwnAssignment>>;
export type AssignmentRow = OwnAssignment['assignment'];
