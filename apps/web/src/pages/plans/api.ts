/** Typed wrappers for the annual plan, call and national-records endpoints. */
import type {
  AcceptanceResult,
  CallInput,
  CallListQuery,
  CallUpdate,
  CallView,
  NationalOutcome,
  NationalStage,
  OrgType,
  PlanInput,
  PlanListQuery,
  PlanUpdate,
  PlanView,
  RuleResult,
} from '@rdplan/domain';
import { ApiError, api, type Query } from '../../api/client';
import type { Paged } from '../../api/types';

/* ---------- national records: the server's response shapes (routes/national.ts) ---------- */

export interface NationalUnit {
  uscc: string | null;
  name: string;
}

/** GET /api/national/applications items. */
export interface NationalApplicationView {
  id: string;
  nationalId: string;
  year: number;
  programme: string;
  direction: string;
  fieldCode: string | null;
  title: string;
  lead: NationalUnit & { orgId: string | null };
  leaderName: string | null;
  participants: NationalUnit[];
  stage: NationalStage;
  outcome: NationalOutcome;
  batchId: string | null;
  updatedAt: string;
}

/** GET /api/national/projects items. */
export interface NationalProjectView {
  id: string;
  nationalId: string;
  applicationNationalId: string | null;
  title: string;
  programme: string;
  direction: string;
  fieldCode: string | null;
  startDate: string | null;
  endDate: string | null;
  budget: { central: number; local: number; self: number };
  lead: NationalUnit & { type: OrgType | null; regionCode: string | null; isGuangzhou: boolean | null; orgId: string | null };
  participants: NationalUnit[];
  people: { name: string; role: string; unit: string }[];
  acceptance: { date: string; result: AcceptanceResult } | null;
  batchId: string | null;
  updatedAt: string;
}

export interface ImportCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface ImportRowError {
  row: string;
  column: string;
  reason: string;
}

/** POST /api/national/import answer. */
export interface NationalImportResult extends ImportCounts {
  batchId: string | null;
  dryRun: boolean;
  filename: string;
  sha256: string;
  totalRecords: number;
  rejected: number;
  applications: ImportCounts;
  projects: ImportCounts;
  errors: ImportRowError[];
}

export interface NationalApplicationQuery {
  page: number;
  pageSize: number;
  q?: string;
  year?: number;
  stage?: NationalStage;
  outcome?: NationalOutcome;
}

export interface NationalProjectQuery {
  page: number;
  pageSize: number;
  q?: string;
  /** Passed acceptance on or after this date (YYYY-MM-DD). */
  acceptedSince?: string;
}

/* ---------- error details ---------- */

/** details of 422 rule_failed: the codes and the failing results. */
export interface RuleFailureDetails {
  rules: string[];
  results: RuleResult[];
}

export interface Problem {
  path: string;
  message: string;
}

export function ruleFailureOf(e: unknown): RuleFailureDetails | null {
  if (!(e instanceof ApiError) || e.code !== 'rule_failed') return null;
  const d = e.details as Partial<RuleFailureDetails> | null;
  if (!d || !Array.isArray(d.results)) return null;
  return { rules: Array.isArray(d.rules) ? d.rules : d.results.map((r) => r.code), results: d.results };
}

export function problemsOf(e: unknown): Problem[] {
  if (!(e instanceof ApiError) || !Array.isArray(e.details)) return [];
  return (e.details as unknown[]).filter((p): p is Problem => !!p && typeof p === 'object' && typeof (p as Problem).message === 'string');
}

const enc = encodeURIComponent;

export const plansApi = {
  /* plans */
  plans: async (q: Partial<PlanListQuery> = {}) => (await api.get<{ items: PlanView[] }>('/api/plans', q as Query)).items,
  plan: (id: string) => api.get<PlanView>(`/api/plans/${enc(id)}`),
  createPlan: (body: PlanInput) => api.post<PlanView>('/api/plans', body),
  updatePlan: (id: string, body: PlanUpdate) => api.patch<PlanView>(`/api/plans/${enc(id)}`, body),
  publishPlan: (id: string, reason?: string) => api.post<PlanView>(`/api/plans/${enc(id)}/publish`, reason ? { reason } : {}),

  /* calls */
  calls: async (q: Partial<Omit<CallListQuery, 'all'>> & { all?: boolean } = {}) =>
    (await api.get<{ items: CallView[] }>('/api/calls', { ...q, all: q.all ? 'true' : undefined } as Query)).items,
  call: (id: string) => api.get<CallView>(`/api/calls/${enc(id)}`),
  createCall: (body: CallInput) => api.post<CallView>('/api/calls', body),
  updateCall: (id: string, body: CallUpdate) => api.patch<CallView>(`/api/calls/${enc(id)}`, body),
  publishCall: (id: string, reason?: string) => api.post<CallView>(`/api/calls/${enc(id)}/publish`, reason ? { reason } : {}),

  /* national records (4.2.a) */
  importNational: (file: File, dryRun: boolean) =>
    api.upload<NationalImportResult>(`/api/national/import${dryRun ? '?dryRun=true' : ''}`, file),
  nationalApplications: (q: NationalApplicationQuery) =>
    api.get<Paged<NationalApplicationView>>('/api/national/applications', q as unknown as Query),
  nationalProjects: (q: NationalProjectQuery) => api.get<Paged<NationalProjectView>>('/api/national/projects', q as unknown as Query),
};
