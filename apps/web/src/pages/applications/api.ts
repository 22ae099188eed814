/** Typed wrappers for the applications, calls and national-records endpoints. */
import type {
  ApplicationListQuery,
  ApplicationSummary,
  ApplicationView,
  CallView,
  ConfirmUnitInput,
  CreateApplicationInput,
  FormalCheckInput,
  RecheckInput,
  RuleDecisionInput,
  SaveDraftInput,
  SetUnitsInput,
  VerifyImplementationInput,
} from '@rdplan/domain';
import { ApiError, api, request, setCsrfToken } from '../../api/client';
import type { Paged } from '../../api/types';

/** A national application the unit led (3.2 backfill picker), as GET /api/national/applications answers. */
export interface NationalApplicationRow {
  id: string;
  nationalId: string;
  year: number;
  programme: string;
  direction: string;
  fieldCode: string | null;
  title: string;
  lead: { uscc: string | null; name: string; orgId: string | null };
  stage: 'formal_check' | 'first_round' | 'final_defence';
  outcome: 'pending' | 'approved' | 'not_approved';
}

/** A national project with its acceptance (3.3 continuation picker), as GET /api/national/projects answers. */
export interface NationalProjectRow {
  id: string;
  nationalId: string;
  title: string;
  programme: string;
  lead: { uscc: string | null; name: string; type: string | null; regionCode: string | null; isGuangzhou: boolean | null };
  acceptance: { date: string; result: 'passed' | 'failed' } | null;
}

/** Lists answer either a bare array or {items} (optionally with total). */
function itemsOf<T>(res: T[] | { items: T[] }): T[] {
  return Array.isArray(res) ? res : (res.items ?? []);
}

type ListQuery = Partial<Omit<ApplicationListQuery, 'participating'>> & { participating?: 'true' };

const base = (id: string) => `/api/applications/${encodeURIComponent(id)}`;

function csrfCookie(): string {
  const m = /(?:^|;\s*)rdplan_csrf=([^;]*)/.exec(document.cookie);
  return m ? decodeURIComponent(m[1]!) : '';
}

/** Multipart upload with the same CSRF and error handling as the JSON client (retries once on a stale token). */
async function upload<T>(path: string, file: File): Promise<T> {
  const send = async (csrf: string): Promise<T> => {
    const body = new FormData();
    body.append('file', file, file.name);
    let res: Response;
    try {
      res = await fetch(path, {
        method: 'POST',
        body,
        credentials: 'same-origin',
        headers: { Accept: 'application/json', 'Accept-Language': document.documentElement.lang || 'zh-CN', 'x-csrf-token': csrf },
      });
    } catch (e) {
      throw new ApiError(0, 'network', 'Network error / 网络错误', e);
    }
    const text = await res.text();
    let data: unknown = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = null;
    }
    if (!res.ok) {
      const err = (data ?? {}) as { code?: string; message?: string; details?: unknown };
      throw new ApiError(res.status, err.code ?? `http_${res.status}`, err.message ?? `HTTP ${res.status}`, err.details ?? null);
    }
    return data as T;
  };
  try {
    return await send(csrfCookie());
  } catch (e) {
    if (e instanceof ApiError && e.code === 'csrf_failed') {
      const s = await api.get<{ csrfToken: string }>('/api/auth/session');
      setCsrfToken(s.csrfToken);
      return send(s.csrfToken);
    }
    throw e;
  }
}

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
    upload<ApplicationView>(`${base(id)}/attachments?materialKey=${encodeURIComponent(materialKey)}`, file),
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
