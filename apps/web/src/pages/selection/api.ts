/** Typed wrappers for the selection endpoints (docs/review.md, "Selection per plan"). */
import type { PlanView, SelectionObjective, SelectionOut } from '@rdplan/domain';
import { api } from '../../api/client';

const base = (planId: string) => `/api/plans/${encodeURIComponent(planId)}/selection`;

export const selectionApi = {
  plans: async () => (await api.get<{ items: PlanView[] }>('/api/plans')).items,
  selection: (planId: string) => api.get<SelectionOut>(base(planId)),
  pin: (planId: string, applicationId: string, body: { pin: 'in' | 'out' | null; reason: string }) =>
    api.put<unknown>(`${base(planId)}/pins/${encodeURIComponent(applicationId)}`, body),
  fieldBudget: (planId: string, fieldCode: string, body: { budget: number | null; maxProjects: number | null; reason: string }) =>
    api.put<unknown>(`${base(planId)}/fields/${encodeURIComponent(fieldCode)}`, body),
  confirm: (planId: string, body: { objective: SelectionObjective; reason: string }) => api.post<unknown>(`${base(planId)}/confirm`, body),
};
