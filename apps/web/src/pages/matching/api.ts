/** Typed wrappers for the matching endpoints (routes/national-matching.ts). */
import { api, type Query } from '../../api/client';

export interface MatchCandidateView {
  orgId: string;
  name: string;
  score: number;
  uscc: string | null;
  type: string | null;
  regionCode: string | null;
  formerNames: string[];
}

export interface MatchView {
  id: number;
  recordKind: 'application' | 'project';
  nationalId: string;
  position: number;
  role: 'lead' | 'participant';
  name: string;
  uscc: string | null;
  orgType: string | null;
  regionCode: string | null;
  status: 'matched' | 'review' | 'unmatched' | 'rejected';
  method: string | null;
  confidence: number | null;
  orgId: string | null;
  /** A possible match by name only: the unit's credit code differs from the candidates'. */
  codeConflict: boolean;
  candidates: MatchCandidateView[];
}

export const matchingApi = {
  matches: (q: { status?: string; page: number; pageSize: number }) =>
    api.get<{ total: number; items: MatchView[] }>('/api/national/matches', q as Query),
  confirm: (id: number, orgId: string) => api.post<{ id: number }>(`/api/national/matches/${id}`, { decision: 'confirm', orgId }),
  reject: (id: number) => api.post<{ id: number }>(`/api/national/matches/${id}`, { decision: 'reject' }),
  run: () => api.post<{ matched: number; review: number; unmatched: number }>('/api/national/matches/run', {}),
};
