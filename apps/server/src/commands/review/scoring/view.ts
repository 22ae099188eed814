import { AppError, weightedTotal, type ExpertReviewOut } from '@rdplan/domain';
import type { Actor, Deps } from '../../../context.js';
import type { Executor } from '../../../db/database.js';
import { loadOwnAssignment, scoresOf, totalOf, type OwnAssignment } from '../../../repositories/review-scoring.js';
import { taskState } from './tasks.js';

/** Form keys that name the applicant, its participating units or people (removed under blind review). */
const IDENTITY_KEYS = ['applicant', 'applicantName', 'orgName', 'units', 'participants', 'participatingUnits'];
/** Keys of a team row that name a person or a unit. */
const TEAM_IDENTITY_KEYS = ['name', 'orgName'];

/** The form as an expert sees it; under blind review the team's names and units and any unit names are removed. */
export function expertForm(raw: unknown, blind: boolean): Record<string, unknown> {
  const parsed = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
  const form = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? { ...(parsed as Record<string, unknown>) } : {};
  if (!blind) return form;
  for (const key of IDENTITY_KEYS) delete form[key];
  if (Array.isArray(form.team)) {
    form.team = form.team.map((row: unknown) => {
      if (!row || typeof row !== 'object') return row;
      const copy = { ...(row as Record<string, unknown>) };
      for (const key of TEAM_IDENTITY_KEYS) delete copy[key];
      return copy;
    });
  }
  return form;
}

/** The expert may open the application only after declaring no conflict. */
export function assertDeclaredNoConflict(own: OwnAssignment) {
  if (own.declaration?.kind !== 'no_conflict' || own.assignment.status === 'declined') {
    throw new AppError('forbidden', {
      reason: own.declaration ? 'conflict_declared' : 'declaration_required',
      message: own.declaration
        ? 'a conflict was declared on this application / 已申报回避，不能查看'
        : 'declare whether you have a conflict of interest first / 请先作出回避声明',
    });
  }
}

/** Builds the expert's view of an assignment (the caller has checked the declaration). */
export async function buildExpertView(db: Executor, own: OwnAssignment): Promise<ExpertReviewOut> {
  const { assignment, review } = own;
  const blind = review.settings.blind;
  const app = await db
    .selectFrom('applications as a')
    .innerJoin('organisations as o', 'o.id', 'a.org_id')
    .select(['a.id', 'a.track', 'a.form', 'a.city_funds', 'o.name as org_name'])
    .where('a.id', '=', assignment.application_id)
    .executeTakeFirstOrThrow();
  const form = expertForm(app.form, blind);
  const attachments = await db
    .selectFrom('application_attachments')
    .select(['id', 'material_key', 'filename', 'size'])
    .where('application_id', '=', app.id)
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute();
  const mineScores = scoresOf(assignment.scores);
  const submitted = assignment.status === 'submitted';
  const stored = totalOf(assignment.total);
  // Before submitting, the total shown is a preview of the scores saved so far.
  const total = submitted ? stored : weightedTotal(review.criteria, review.settings.scale, mineScores).total;
  let others: ExpertReviewOut['others'] = [];
  if (submitted) {
    const rows = await db
      .selectFrom('review_assignments')
      .select(['id', 'scores', 'comment', 'total'])
      .where('review_id', '=', assignment.review_id)
      .where('application_id', '=', assignment.application_id)
      .where('status', '=', 'submitted')
      .where('id', '<>', assignment.id)
      .orderBy('submitted_at')
      .orderBy('id')
      .execute();
    others = rows.map((r, i) => ({
      expertLabel: `专家${i + 1}`,
      total: totalOf(r.total),
      scores: scoresOf(r.scores),
      comment: r.comment,
    }));
  }
  return {
    assignmentId: assignment.id,
    reviewId: assignment.review_id,
    reviewStatus: review.status,
    state: taskState(assignment.status, own.declaration?.kind ?? null),
    blind,
    application: {
      id: app.id,
      track: app.track,
      title: typeof form.title === 'string' ? form.title : '',
      applicantName: blind ? null : app.org_name,
      fieldCode: typeof form.fieldCode === 'string' ? form.fieldCode : null,
      direction: typeof form.direction === 'string' ? form.direction : null,
      form,
      cityFunds: app.city_funds === null ? null : Number(app.city_funds),
      attachments: attachments.map((a) => ({ id: a.id, materialKey: a.material_key, filename: a.filename, size: Number(a.size) })),
    },
    criteria: review.criteria,
    scale: review.settings.scale,
    mine: {
      scores: mineScores,
      comment: assignment.comment,
      total,
      version: assignment.version,
      submittedAt: assignment.submitted_at ? new Date(assignment.submitted_at).toISOString() : null,
    },
    others,
  };
}

/** GET /api/review/tasks/:assignmentId: 404 for another expert's assignment, 403 until no conflict is declared. */
export async function getExpertTask(deps: Deps, actor: Actor, assignmentId: string): Promise<ExpertReviewOut> {
  const own = await loadOwnAssignment(deps.db, actor.personId, assignmentId);
  assertDeclaredNoConflict(own);
  return buildExpertView(deps.db, own);
}
