/** Typed wrappers for the work-plan endpoints (apps/server/src/routes/workplans.ts) and the lookups the pages use. */
import type {
  CandidateInput,
  ComparisonInput,
  CreateWorkplanInput,
  ReopenWorkplanInput,
  SetExpertsInput,
  SetMembersInput,
  UpdateCandidateInput,
  UpdateWorkplanInput,
  WorkplanListQuery,
  WorkplanRuleDecisionInput,
  WorkplanStepInput,
} from '@rdplan/domain';
import { call, http } from '../../api/client';

const wp = (id: string) => ({ params: { path: { id } } });
const candidate = (id: string, appId: string) => ({ params: { path: { id, appId } } });

export const workplansApi = {
  list: async (query: WorkplanListQuery = {}) => (await call(http.GET('/api/workplans', { params: { query } }))).items,
  create: (body: CreateWorkplanInput) => call(http.POST('/api/workplans', { body })),
  get: (id: string) => call(http.GET('/api/workplans/{id}', wp(id))),
  update: (id: string, body: UpdateWorkplanInput) => call(http.PATCH('/api/workplans/{id}', { ...wp(id), body })),
  setMembers: (id: string, body: SetMembersInput) => call(http.PUT('/api/workplans/{id}/members', { ...wp(id), body })),
  setExperts: (id: string, body: SetExpertsInput) => call(http.PUT('/api/workplans/{id}/experts', { ...wp(id), body })),
  addCandidate: (id: string, body: CandidateInput) => call(http.POST('/api/workplans/{id}/candidates', { ...wp(id), body })),
  updateCandidate: (id: string, appId: string, body: UpdateCandidateInput) =>
    call(http.PATCH('/api/workplans/{id}/candidates/{appId}', { ...candidate(id, appId), body })),
  deleteCandidate: (id: string, appId: string) => call(http.DELETE('/api/workplans/{id}/candidates/{appId}', candidate(id, appId))),
  include: (id: string, appId: string, body: WorkplanStepInput = {}) =>
    call(http.POST('/api/workplans/{id}/candidates/{appId}/include', { ...candidate(id, appId), body })),
  exclude: (id: string, appId: string, body: WorkplanStepInput = {}) =>
    call(http.POST('/api/workplans/{id}/candidates/{appId}/exclude', { ...candidate(id, appId), body })),
  addComparison: (id: string, body: ComparisonInput) => call(http.POST('/api/workplans/{id}/comparisons', { ...wp(id), body })),
  ruleDecision: (id: string, body: WorkplanRuleDecisionInput) => call(http.POST('/api/workplans/{id}/rule-decisions', { ...wp(id), body })),
  finalise: (id: string, body: WorkplanStepInput = {}) => call(http.POST('/api/workplans/{id}/finalise', { ...wp(id), body })),
  reopen: (id: string, body: ReopenWorkplanInput) => call(http.POST('/api/workplans/{id}/reopen', { ...wp(id), body })),
  /** The year plans the user may read (chain leaders: the published ones). */
  plans: async () => (await call(http.GET('/api/plans'))).items,
};
