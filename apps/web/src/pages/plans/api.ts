/** Typed wrappers for the annual plan, call and national-records endpoints. */
import type {
  CallInput,
  CallListQuery,
  CallUpdate,
  CallView,
  NationalOutcome,
  NationalStage,
  NationalApplicationView,
  NationalProjectView,
  PlanInput,
  PlanListQuery,
  PlanUpdate,
  PlanView,
  RuleResult,
} from '@rdplan/domain';
import { ApiError, api, type Query } from '../../api/client';
import type { Paged } from '../../api/types';

/* ---------- national records: the response shapes are shared with the server (@rdplan/domain) ---------- */
export type { NationalApplicationView, NationalProjectView, NationalUnit } from '@rdplan/domain';

export interface ImportCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface ImportRowError {
  row: string;
  column: string;
  reason: string;
  /** CSV / xlsx: the sheet and its row number. */
  sheet?: string;
  line?: number;
}

/** The result of a national import (a finished job's `result`, plus the errors with `?wait=true`). */
export interface NationalImportResult extends ImportCounts {
  batchId: string | null;
  dryRun: boolean;
  filename: string;
  format: 'json' | 'csv' | 'xlsx';
  source: string | null;
  sha256: string;
  totalRecords: number;
  rejected: number;
  applications: ImportCounts;
  projects: ImportCounts;
  acceptances: ImportCounts;
  units: number;
  errors?: ImportRowError[];
}

export type ImportJobStatus = 'queued' | 'running' | 'done' | 'failed';

/** GET /api/national/import-jobs(/:id): a national import job and its progress. */
export interface NationalImportJob {
  id: string;
  filename: string;
  source: string | null;
  dryRun: boolean;
  status: ImportJobStatus;
  /** queued / reading / checking / writing / matching while not finished. */
  phase: string | null;
  totalRows: number;
  rowsDone: number;
  written: number | null;
  toWrite: number | null;
  errorsCount: number;
  /** The first row errors (the list answers none). */
  errors: ImportRowError[];
  ratePerSecond: number | null;
  elapsedMs: number | null;
  result: NationalImportResult | null;
  failure: string | null;
  batchId: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
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
  /** Queues an import job (202 { jobId }); follow it with nationalImportJob. */
  importNational: (file: File, options: { dryRun: boolean; source: string }) => {
    const q = new URLSearchParams({ dryRun: String(options.dryRun) });
    if (options.source.trim()) q.set('source', options.source.trim());
    return api.upload<{ jobId: string }>(`/api/national/import?${q.toString()}`, file);
  },
  nationalImportJobs: () => api.get<{ items: NationalImportJob[] }>('/api/national/import-jobs'),
  nationalImportJob: (id: string) => api.get<NationalImportJob>(`/api/national/import-jobs/${id}`),
  nationalApplications: (q: NationalApplicationQuery) =>
    api.get<Paged<NationalApplicationView>>('/api/national/applications', q as unknown as Query),
  nationalProjects: (q: NationalProjectQuery) => api.get<Paged<NationalProjectView>>('/api/national/projects', q as unknown as Query),
};
