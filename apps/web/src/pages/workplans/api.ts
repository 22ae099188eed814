/** Typed wrappers for the work-plan endpoints (apps/server/src/routes/workplans.ts) and the lookups the pages use. */
import type {
  CandidateInput,
  ComparisonInput,
  CreateWorkplanInput,
  PlanView,
  ReopenWorkplanInput,
  SetExpertsInput,
  SetMembersInput,
  UpdateCandidateInput,
  UpdateWorkplanInput,
  WorkplanListQuery,
  WorkplanRuleDecisionInput,
  WorkplanStepInput,
  WorkplanSummary,
  WorkplanView,
} from '@rdplan/domain';
import { api } from '../../api/client';

const base = (id: string) => `/api/workplans/${encodeURIComponent(id)}`;
const candidate = (id: string, appId: string) => `${base(id)}/candidates/${encodeURIComponent(appId)}`;

export const workplansApi = {
  list: async (q: WorkplanListQuery = {}) => (await api.get<{ items: WorkplanSummary[] }>('/api/workplans', q)).items,
  create: (body: CreateWorkplanInput) => api.post<WorkplanView>('/api/workplans', body),
  get: (id: string) => api.get<WorkplanView>(base(id)),
  update: (id: string, body: UpdateWorkplanInput) => api.patch<WorkplanView>(base(id), body),
  setMembers: (id: string, body: SetMembersInput) => api.put<WorkplanView>(`${base(id)}/members`, body),
  setExperts: (id: string, body: SetExpertsInput) => api.put<WorkplanView>(`${base(id)}/experts`, body),
  addCandidate: (id: string, body: CandidateInput) => api.post<WorkplanView>(`${base(id)}/candidates`, body),
  updateCandidate: (id: string, appId: string, body: UpdateCandidateInput) => api.patch<WorkplanView>(candidate(id, appId), body),
  deleteCandidate: (id: string, appId: string) => api.del<WorkplanView>(candidate(id, appId)),
  include: (id: string, appId: string, body: WorkplanStepInput = {}) => api.post<WorkplanView>(`${candidate(id, appId)}/include`, body),
  exclude: (id: string, appId: string, body: WorkplanStepInput = {}) => api.post<WorkplanView>(`${candidate(id, appId)}/exclude`, body),
  addComparison: (id: string, body: ComparisonInput) => api.post<WorkplanView>(`${base(id)}/comparisons`, body),
  ruleDecision: (id: string, body: WorkplanRuleDecisionInput) => api.post<WorkplanView>(`${base(id)}/rule-decisions`, body),
  finalise: (id: string, body: WorkplanStepInput = {}) => api.post<WorkplanView>(`${base(id)}/finalise`, body),
  reopen: (id: string, body: ReopenWorkplanInput) => api.post<WorkplanView>(`${base(id)}/reopen`, body),
  /** The year plans the user may read (chain leaders: the published ones). */
  plans: async () => (await api.get<{ items: PlanView[] }>('/api/plans')).items,
};
