import { AppError, DEFAULT_REVIEW_SETTINGS, ReviewSettings, type CriterionScore, type ReviewStatus } from '@rdplan/domain';
import type { Executor } from '../db/database.js';

/**
 * SQL of the expert's side of a review and of its results (issue 5): a review with its call's criteria and
 * parsed settings, an expert's own assignments, the submitted scores and the panel records.
 */

/** jsonb arrives parsed from node-postgres and PGlite alike; a string is parsed to be safe. */
function parsed(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

export interface CallCriterion {
  key: string;
  zh: string;
  en: string;
  weight: number;
}

/** The call's criteria (calls.criteria), read leniently. */
export function criteriaOf(raw: unknown): CallCriterion[] {
  const list = parsed(raw);
  if (!Array.isArray(list)) return [];
  return list.flatMap((c: unknown) => {
    if (!c || typeof c !== 'object') return [];
    const o = c as Record<string, unknown>;
    if (typeof o.key !== 'string') return [];
    const weight = Number(o.weight);
    return [
      {
        key: o.key,
        zh: typeof o.zh === 'string' ? o.zh : o.key,
        en: typeof o.en === 'string' ? o.en : o.key,
        weight: Number.isFinite(weight) && weight >= 0 ? weight : 0,
      },
    ];
  });
}

/** The stored settings with the defaults filled in. */
export function settingsOf(raw: unknown): ReviewSettings {
  const r = ReviewSettings.safeParse(parsed(raw) ?? {});
  return r.success ? r.data : DEFAULT_REVIEW_SETTINGS;
}

/** Stored scores (CriterionScore[]), read leniently. */
export function scoresOf(raw: unknown): CriterionScore[] {
  const list = parsed(raw);
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

export interface ReviewContext {
  id: string;
  callId: string;
  status: ReviewStatus;
  settings: ReviewSettings;
  criteria: CallCriterion[];
  track: string;
  callTitleZh: string;
  callTitleEn: string;
}

export async function loadReview(db: Executor, reviewId: string): Promise<ReviewContext | null> {
  const row = await db
    .selectFrom('reviews as r')
    .innerJoin('calls as c', 'c.id', 'r.call_id')
    .select(['r.id', 'r.call_id', 'r.status', 'r.settings', 'c.criteria', 'c.track', 'c.title_zh', 'c.title_en'])
    .where('r.id', '=', reviewId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    callId: row.call_id,
    status: row.status,
    settings: settingsOf(row.settings),
    criteria: criteriaOf(row.criteria),
    track: row.track,
    callTitleZh: row.title_zh,
    callTitleEn: row.title_en,
  };
}

/** Application states that belong to a review: reviewed, and later selected or not. */
export const REVIEWED_STATES = ['formal_passed', 'selected', 'not_selected'] as const;

/**
 * One of the signed-in expert's own assignments (404 otherwise, also for an unreleased review), optionally
 * locked for update.
 */
export async function loadOwnAssignment(db: Executor, personId: string | null, assignmentId: string, lock = false) {
  if (!personId) throw new AppError('not_found');
  let q = db.selectFrom('review_assignments').selectAll().where('id', '=', assignmentId).where('person_id', '=', personId);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new AppError('not_found');
  const review = await loadReview(db, row.review_id);
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
