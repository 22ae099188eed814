/** Typed wrappers for the review endpoints (docs/review.md). */
import type {
  AssignmentListOut,
  AssignmentOut,
  AssignmentRunOut,
  CallView,
  ConflictListOut,
  EligibleListOut,
  ExpertCurate,
  ExpertListOut,
  ExpertOut,
  OverlapFlagOut,
  OverlapListOut,
  ReviewListOut,
  ReviewOut,
  ReviewSettingsPatch,
  ResultsOut,
} from '@rdplan/domain';
import { api, request } from '../../api/client';
import type { Body, QueryOf } from '../../api/types';

const enc = encodeURIComponent;
const base = (reviewId: string) => `/api/reviews/${enc(reviewId)}`;

export type ExpertQuery = QueryOf<'/api/review/experts'>;
export type PanelBody = Body<'/api/reviews/{reviewId}/panels/{applicationId}', 'put'>;
export type Recommendation = PanelBody['recommendation'];

/** Lists answer either a bare array or {items}. */
function itemsOf<T>(res: T[] | { items: T[] }): T[] {
  return Array.isArray(res) ? res : (res.items ?? []);
}

export const reviewApi = {
  list: () => api.get<ReviewListOut>('/api/reviews'),
  calls: async () => itemsOf(await api.get<CallView[] | { items: CallView[] }>('/api/calls')),
  create: (callId: string) => api.post<ReviewOut>(`/api/calls/${enc(callId)}/review`, {}),
  get: (reviewId: string) => api.get<ReviewOut>(base(reviewId)),
  patchSettings: (reviewId: string, body: ReviewSettingsPatch) => api.patch<ReviewOut>(`${base(reviewId)}/settings`, body),
  release: (reviewId: string, reason?: string) => api.post<ReviewOut>(`${base(reviewId)}/release`, reason ? { reason } : {}),
  close: (reviewId: string, reason?: string) => api.post<ReviewOut>(`${base(reviewId)}/close`, reason ? { reason } : {}),

  conflicts: (reviewId: string, applicationId?: string) => api.get<ConflictListOut>(`${base(reviewId)}/conflicts`, { applicationId }),

  solve: (reviewId: string) => api.post<AssignmentRunOut>(`${base(reviewId)}/assignment/solve`, {}),
  assignments: (reviewId: string) => api.get<AssignmentListOut>(`${base(reviewId)}/assignments`),
  eligible: (reviewId: string, applicationId: string) => api.get<EligibleListOut>(`${base(reviewId)}/eligible`, { applicationId }),
  add: (reviewId: string, applicationId: string, personId: string, reason?: string) =>
    api.post<AssignmentOut>(`${base(reviewId)}/assignments`, { applicationId, personId, ...(reason ? { reason } : {}) }),
  remove: (reviewId: string, assignmentId: string, reason: string) =>
    request<unknown>('DELETE', `${base(reviewId)}/assignments/${enc(assignmentId)}`, { reason }),
  draw: (reviewId: string, applicationId: string, count?: number) =>
    api.post<{ items: AssignmentOut[] }>(`${base(reviewId)}/assignments/draw`, { applicationId, ...(count ? { count } : {}) }),

  results: (reviewId: string) => api.get<ResultsOut>(`${base(reviewId)}/results`),
  panel: (reviewId: string, applicationId: string, body: PanelBody) =>
    api.put<unknown>(`${base(reviewId)}/panels/${enc(applicationId)}`, body),

  overlaps: (reviewId: string) => api.get<OverlapListOut>(`${base(reviewId)}/overlaps`),
  scan: (reviewId: string) => api.post<OverlapListOut>(`${base(reviewId)}/overlaps/scan`, {}),
  decide: (flagId: string, status: 'dismissed' | 'confirmed', note: string) =>
    api.patch<OverlapFlagOut>(`/api/overlaps/${enc(flagId)}`, { status, note }),

  experts: (q: ExpertQuery) => api.get<ExpertListOut>('/api/review/experts', { ...q }),
  curate: (personId: string, body: ExpertCurate) => api.patch<ExpertOut>(`/api/review/experts/${enc(personId)}`, body),
};
