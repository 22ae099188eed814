/** Typed wrappers for the annual plan, call and national-records endpoints. */
import type {
  CallInput,
  CallListQuery,
  CallUpdate,
  CallView,
  PlanInput,
  PlanListQuery,
  PlanUpdate,
  PlanView,
  RuleResult,
} from '@rdplan/domain';
import { ApiError, api, call, http, type Query } from '../../api/client';
import type { Answer, AnswerOf, QueryOf } from '../../api/types';

/* ---------- national records: the response shapes are shared with the server (@rdplan/domain) ---------- */
export type { NationalApplicationView, NationalProjectView, NationalUnit } from '@rdplan/domain';

/** GET /api/national/import-jobs(/:id): a national import job and its progress. */
export type NationalImportJob = Answer<'/api/national/import-jobs/{id}', 'get'>;
export type ImportJobStatus = NationalImportJob['status'];
export type ImportRowError = NationalImportJob['errors'][number];
/** The result of a national import (a finished job's `result`). */
export type NationalImportResult = NonNullable<NationalImportJob['result']>;

type NationalApplicationQuery = QueryOf<'/api/national/applications'>;
type NationalProjectQuery = QueryOf<'/api/national/projects'>;

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
  /** Queues an import job (202 { jobId }); follow it with nationalImportJob. */
  importNational: (file: File, options: { dryRun: boolean; source: string }) => {
    const q = new URLSearchParams({ dryRun: String(options.dryRun) });
    if (options.source.trim()) q.set('source', options.source.trim());
    return api.upload<AnswerOf<'/api/national/import', 'post', 202>>(`/api/national/import?${q.toString()}`, file);
  },
  nationalImportJobs: () => call(http.GET('/api/national/import-jobs')),
  nationalImportJob: (id: string) => call(http.GET('/api/national/import-jobs/{id}', { params: { path: { id } } })),
  nationalApplications: (query: NationalApplicationQuery) => call(http.GET('/api/national/applications', { params: { query } })),
  nationalProjects: (query: NationalProjectQuery) => call(http.GET('/api/national/projects', { params: { query } })),
};
