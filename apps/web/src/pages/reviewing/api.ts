/** Typed wrappers for the expert's review endpoints (docs/review.md, "The expert's side"). */
import type { DeclarationInput, ExpertProfileInput, ExpertReviewOut, ExpertTaskListOut, ScoreSave } from '@rdplan/domain';
import { api } from '../../api/client';
import type { Person } from '../../api/types';

const task = (assignmentId: string) => `/api/review/tasks/${encodeURIComponent(assignmentId)}`;

/** The expert's own profile, with the availability and load cap the review adds. */
export type ExpertProfile = Person & {
  available?: boolean;
  unavailableUntil?: string | null;
  loadCap?: number;
};

/** Saving scores answers the review as the expert now sees it (or at least the new version). */
type SaveAnswer = Partial<ExpertReviewOut> & { version?: number };

/** The version a save answer carries: `mine.version` (ExpertReviewOut) or a bare `version`. */
export function savedVersion(a: SaveAnswer | null | undefined, fallback: number): number {
  return a?.mine?.version ?? a?.version ?? fallback;
}

export const reviewingApi = {
  tasks: () => api.get<ExpertTaskListOut>('/api/review/tasks'),
  declare: (assignmentId: string, body: DeclarationInput) => api.post<unknown>(`${task(assignmentId)}/declaration`, body),
  task: (assignmentId: string) => api.get<ExpertReviewOut>(task(assignmentId)),
  save: (assignmentId: string, body: ScoreSave) => api.put<SaveAnswer>(`${task(assignmentId)}/scores`, body),
  submit: (assignmentId: string, version: number) => api.post<ExpertReviewOut>(`${task(assignmentId)}/submit`, { version }),
  profile: () => api.get<ExpertProfile>('/api/me/expert-profile'),
  updateProfile: (body: ExpertProfileInput) => api.patch<ExpertProfile>('/api/me/expert-profile', body),
};
