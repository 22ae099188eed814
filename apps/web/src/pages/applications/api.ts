/** Typed wrappers for the applications, calls and national-records endpoints. */
import type {
  ApplicationListQuery,
  ApplicationSummary,
  ApplicationView,
  CallView,
  ConfirmUnitInput,
  CreateApplicationInput,
  FormalCheckInput,
  NationalApplicationView,
  NationalProjectView,
  RecheckInput,
  RuleDecisionInput,
  SaveDraftInput,
  SetUnitsInput,
  VerifyImplementationInput,
} from '@rdplan/domain';
import { api, request } from '../../api/client';
import type { Paged } from '../../api/types';

/** A national application the unit led (3.2 backfill picker) and an accepted national project (3.3 picker). */
export type NationalApplicationRow = NationalApplicationView;
export type NationalProjectRow = NationalProjectView;

/** Lists answer either a bare array or {items} (optionally with total). */
function itemsOf<T>(res: T[] | { items: T[] }): T[] {
  return Array.isArray(res) ? res : (res.items ?? []);
}

type ListQuery = Partial<Omit<ApplicationListQuery, 'participating'>> & { participating?: 'true' };

const base = (id: string) => `/api/applications/${encodeURIComponent(id)}`;

export const applicationsApi = {
  calls: async () => itemsOf(await api.get<CallView[] | { items: CallView[] }>('/api/calls')),
  call: (id: string) => api.get<CallView>(`/api/calls/${encodeURIComponent(id)}`),

  nationalApplications: async () =>
    itemsOf(await api.get<NationalApplicationRow[] | { items: NationalApplicationRow[] }>('/api/national/applications', { pageSize: 200 })),
  nationalProjects: async (q: string) =>
    itemsOf(await api.get<NationalProjectRow[] | { items: NationalProjectRow[] }>('/api/national/projects', { q, pageSize: 50 })),

  list: (q: ListQuery) => api.get<Paged<ApplicationSummary>>('/api/applications', q),
  create: (body: CreateApplicationInput) => api.post<ApplicationView>('/api/applications', body),
  get: (id: string) => api.get<ApplicationView>(base(id)),
  saveDraft: (id: string, body: SaveDraftInput) => api.put<ApplicationView>(`${base(id)}/draft`, body),
  setUnits: (id: string, body: SetUnitsInput) => api.put<ApplicationView>(`${base(id)}/units`, body),
  confirmUnit: (id: string, body: ConfirmUnitInput) => api.post<ApplicationView>(`${base(id)}/units/confirm`, body),
  uploadAttachment: (id: string, materialKey: string, file: File) =>
    api.upload<ApplicationView>(`${base(id)}/attachments?materialKey=${encodeURIComponent(materialKey)}`, file),
  deleteAttachment: (id: string, attachmentId: string) =>
    request<ApplicationView>('DELETE', `${base(id)}/attachments/${encodeURIComponent(attachmentId)}`),
  attachmentUrl: (id: string, attachmentId: string) => `${base(id)}/attachments/${encodeURIComponent(attachmentId)}`,
  submit: (id: string, version: number) => api.post<ApplicationView>(`${base(id)}/submit`, { version }),
  withdraw: (id: string, reason: string) => api.post<ApplicationView>(`${base(id)}/withdraw`, { reason }),
  ruleDecision: (id: string, body: RuleDecisionInput) => api.post<ApplicationView>(`${base(id)}/rule-decisions`, body),
  formalCheck: (id: string, body: FormalCheckInput) => api.post<ApplicationView>(`${base(id)}/formal-check`, body),
  recheck: (id: string, body: RecheckInput) => api.post<ApplicationView>(`${base(id)}/recheck`, body),
  verify: (id: string, body: VerifyImplementationInput) => api.post<ApplicationView>(`${base(id)}/verify`, body),
};
