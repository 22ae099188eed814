import type { ExpertTaskListOut, ExpertTaskOut, ReviewStatus } from '@rdplan/domain';
import type { Actor } from '../../../context.js';
import type { Executor } from '../../../db/database.js';
import { parseSettings } from '../../../repositories/review.js';

export type TaskState = ExpertTaskOut['state'];

/** Where the expert stands on one assignment. */
export function taskState(status: 'assigned' | 'declined' | 'submitted', declaration: 'no_conflict' | 'conflict' | null): TaskState {
  if (status === 'submitted') return 'submitted';
  if (status === 'declined' || declaration === 'conflict') return 'conflict';
  return declaration === 'no_conflict' ? 'scoring' : 'declare';
}

/** The signed-in expert's own assignments in released reviews (scoring or closed); the applicant is hidden when blind. */
export async function listExpertTasks(db: Executor, actor: Actor, only?: string): Promise<ExpertTaskListOut> {
  if (!actor.personId) return { items: [] };
  let q = db
    .selectFrom('review_assignments as ra')
    .innerJoin('reviews as r', 'r.id', 'ra.review_id')
    .innerJoin('calls as c', 'c.id', 'r.call_id')
    .innerJoin('applications as a', 'a.id', 'ra.application_id')
    .innerJoin('organisations as o', 'o.id', 'a.org_id')
    .leftJoin('review_declarations as d', (j) =>
      j
        .onRef('d.review_id', '=', 'ra.review_id')
        .onRef('d.application_id', '=', 'ra.application_id')
        .onRef('d.person_id', '=', 'ra.person_id'),
    )
    .select([
      'ra.id',
      'ra.review_id',
      'ra.application_id',
      'ra.status',
      'r.status as review_status',
      'r.settings',
      'c.title_zh',
      'c.title_en',
      'a.form',
      'o.name as org_name',
      'd.kind as declaration',
    ])
    .where('ra.person_id', '=', actor.personId)
    .where('r.status', 'in', ['scoring', 'closed']);
  if (only) q = q.where('ra.id', '=', only);
  const rows = await q.orderBy('r.released_at', 'desc').orderBy('ra.assigned_at').orderBy('ra.id').execute();
  return {
    items: rows.map((row) => {
      const form = (typeof row.form === 'string' ? JSON.parse(row.form) : row.form) as Record<string, unknown> | null;
      const settings = parseSettings(row.settings);
      const blind = settings.blind;
      return {
        assignmentId: row.id,
        reviewId: row.review_id,
        callTitleZh: row.title_zh,
        callTitleEn: row.title_en,
        applicationId: row.application_id,
        title: typeof form?.title === 'string' ? form.title : '',
        applicantName: blind ? null : row.org_name,
        fieldCode: typeof form?.fieldCode === 'string' ? form.fieldCode : null,
        state: taskState(row.status, row.declaration ?? null),
        reviewStatus: row.review_status as ReviewStatus,
        conflictYears: settings.conflictYears,
      };
    }),
  };
}
