/** Typed wrappers for the public notice endpoints (公示, 4.3.b). */
import type {
  ApprovalCandidateOut,
  ApprovalDecisionOut,
  NoticeOut,
  NoticeSource,
  NoticeSummaryOut,
  ObjectionOut,
  PlanView,
} from '@rdplan/domain';
import { api, request } from '../../api/client';

export interface ObjectionList {
  items: ObjectionOut[];
  lateAttempts: { at: string; name: string; applicationId: string | null }[];
}

const id = (s: string) => encodeURIComponent(s);

export const noticesApi = {
  publicList: async () => (await api.get<{ items: NoticeSummaryOut[] }>('/api/public/notices')).items,
  publicNotice: (noticeId: string) => api.get<NoticeOut>(`/api/public/notices/${id(noticeId)}`),
  /** Multipart: the fields and the evidence PDF as `file`. */
  object: (noticeId: string, fields: Record<string, string>, file: File) => {
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) if (v) body.append(k, v);
    body.append('file', file, file.name);
    return request<{ id: string; receivedAt: string; message: string }>('POST', `/api/public/notices/${id(noticeId)}/objections`, body);
  },
  plans: async () => (await api.get<{ items: PlanView[] }>('/api/plans')).items,
  list: async (planId?: string) => (await api.get<{ items: NoticeSummaryOut[] }>('/api/notices', { planId })).items,
  notice: (noticeId: string) => api.get<NoticeOut>(`/api/notices/${id(noticeId)}`),
  publish: (body: { planId: string; source: NoticeSource; howToObject: string; title?: string }) =>
    api.post<NoticeOut>('/api/notices', body),
  correct: (noticeId: string, body: { reason: string; title?: string; howToObject?: string }) =>
    api.post<NoticeOut>(`/api/notices/${id(noticeId)}/corrections`, body),
  objections: (noticeId: string) => api.get<ObjectionList>(`/api/notices/${id(noticeId)}/objections`),
  note: (objectionId: string, note: string) => api.post<ObjectionOut>(`/api/objections/${id(objectionId)}/notes`, { note }),
  decide: (objectionId: string, body: { outcome: 'upheld' | 'dismissed'; reason: string; reply: string }) =>
    api.post<ObjectionOut>(`/api/objections/${id(objectionId)}/decision`, body),
  evidenceUrl: (objectionId: string) => `/api/objections/${id(objectionId)}/evidence`,
  candidates: async (planId: string) => (await api.get<{ items: ApprovalCandidateOut[] }>('/api/approvals/candidates', { planId })).items,
  decisions: async (planId: string) => (await api.get<{ items: ApprovalDecisionOut[] }>('/api/approvals', { planId })).items,
  approve: (body: { planId: string; docNumber: string; applicationIds: string[]; title?: string }) =>
    api.post<ApprovalDecisionOut>('/api/approvals', body),
};
