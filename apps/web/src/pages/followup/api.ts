/** The national project follow-up endpoints (routes/national-followup.ts), through the generated client. */
import { call, http } from '../../api/client';
import type { Answer, Body, QueryOf } from '../../api/types';

/** GET /api/national/followup/:nationalId. */
export type FollowupProjectView = Answer<'/api/national/followup/{nationalId}', 'get'>;
/** GET /api/national/followup items. */
export type FollowupListItem = Answer<'/api/national/followup', 'get'>['items'][number];
export type FollowupUnit = FollowupProjectView['units'][number];
export type TimelineItem = FollowupProjectView['timeline'][number];
export type RecordEvent = NonNullable<TimelineItem['event']>;
export type FollowupEntry = Answer<'/api/national/followup/{nationalId}/entries', 'post'>;

type FollowupListQuery = QueryOf<'/api/national/followup'>;
type EntryInput = Body<'/api/national/followup/{nationalId}/entries', 'post'>;
type EntryPatch = Body<'/api/national/followup/{nationalId}/entries/{entryId}', 'patch'>;

const entry = (nationalId: string, entryId: string) => ({ params: { path: { nationalId, entryId } } });

export const followupApi = {
  list: (query: FollowupListQuery) => call(http.GET('/api/national/followup', { params: { query } })),
  project: (nationalId: string) => call(http.GET('/api/national/followup/{nationalId}', { params: { path: { nationalId } } })),
  addEntry: (nationalId: string, body: EntryInput) =>
    call(http.POST('/api/national/followup/{nationalId}/entries', { params: { path: { nationalId } }, body })),
  updateEntry: (nationalId: string, entryId: string, body: EntryPatch) =>
    call(http.PATCH('/api/national/followup/{nationalId}/entries/{entryId}', { ...entry(nationalId, entryId), body })),
  deleteEntry: (nationalId: string, entryId: string) =>
    call(http.DELETE('/api/national/followup/{nationalId}/entries/{entryId}', entry(nationalId, entryId))),
};
