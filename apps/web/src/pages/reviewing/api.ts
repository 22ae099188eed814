/** The expert's review endpoints (docs/review.md, "The expert's side"), through the generated client. */
import type { DeclarationInput, ExpertProfileInput, ScoreSave } from '@rdplan/domain';
import { call, http } from '../../api/client';
import type { Answer } from '../../api/types';

const task = (assignmentId: string) => ({ params: { path: { assignmentId } } });

/** The expert's own profile. */
export type ExpertProfile = Answer<'/api/me/expert-profile', 'get'>;

/** Saving scores answers the review as the expert now sees it. */
type SaveAnswer = Answer<'/api/review/tasks/{assignmentId}/scores', 'put'>;

/** The version a save answer carries (`mine.version`). */
export function savedVersion(a: SaveAnswer | null | undefined, fallback: number): number {
  return a?.mine?.version ?? fallback;
}

export const reviewingApi = {
  tasks: () => call(http.GET('/api/review/tasks')),
  declare: (assignmentId: string, body: DeclarationInput) =>
    call(http.POST('/api/review/tasks/{assignmentId}/declaration', { ...task(assignmentId), body })),
  task: (assignmentId: string) => call(http.GET('/api/review/tasks/{assignmentId}', task(assignmentId))),
  save: (assignmentId: string, body: ScoreSave) =>
    call(http.PUT('/api/review/tasks/{assignmentId}/scores', { ...task(assignmentId), body })),
  submit: (assignmentId: string, version: number) =>
    call(http.POST('/api/review/tasks/{assignmentId}/submit', { ...task(assignmentId), body: { version } })),
  profile: () => call(http.GET('/api/me/expert-profile')),
  updateProfile: (body: ExpertProfileInput) => call(http.PATCH('/api/me/expert-profile', { body })),
};
