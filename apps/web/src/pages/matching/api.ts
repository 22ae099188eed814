/** The matching endpoints (routes/national-matching.ts), through the generated client. */
import { call, http } from '../../api/client';
import type { Answer } from '../../api/types';

export type MatchView = Answer<'/api/national/matches', 'get'>['items'][number];
export type MatchCandidateView = MatchView['candidates'][number];

type MatchQuery = { status?: MatchView['status']; page: number; pageSize: number };
const match = (id: number) => ({ params: { path: { id } } });

export const matchingApi = {
  matches: (query: MatchQuery) => call(http.GET('/api/national/matches', { params: { query } })),
  confirm: (id: number, orgId: string) =>
    call(http.POST('/api/national/matches/{id}', { ...match(id), body: { decision: 'confirm', orgId } })),
  reject: (id: number) => call(http.POST('/api/national/matches/{id}', { ...match(id), body: { decision: 'reject' } })),
  run: () => call(http.POST('/api/national/matches/run')),
};
