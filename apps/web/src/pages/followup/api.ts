/** Typed wrappers for the national project follow-up endpoints (routes/national-followup.ts). */
import type { AcceptanceResult, FollowupKind, FollowupOutputType, NationalProjectStatus, OrgType } from '@rdplan/domain';
import { api } from '../../api/client';
import type { Paged } from '../../api/types';

export interface FollowupUnit {
  position: number;
  role: 'lead' | 'participant';
  name: string;
  uscc: string | null;
  type: OrgType | null;
  regionCode: string | null;
  isGuangzhou: boolean;
  orgId: string | null;
  orgName: string | null;
}

export type OutputCounts = Partial<Record<FollowupOutputType, number>>;

/** GET /api/national/followup items. */
export interface FollowupListItem {
  nationalId: string;
  title: string;
  programme: string;
  fieldCode: string | null;
  startDate: string | null;
  endDate: string | null;
  status: NationalProjectStatus;
  guangzhouUnits: FollowupUnit[];
  outputs: number;
  outputsByType: OutputCounts;
  entries: number;
  nextMilestone: { title: string; occurredOn: string } | null;
}

export interface FollowupEntry {
  id: string;
  kind: FollowupKind;
  title: string;
  detail: string;
  occurredOn: string;
  outputType: FollowupOutputType | null;
  orgId: string | null;
  orgName: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export type RecordEvent = 'start' | 'end' | 'acceptance_passed' | 'acceptance_failed';

export interface TimelineItem {
  key: string;
  source: 'record' | 'entry';
  event: RecordEvent | null;
  kind: FollowupKind;
  occurredOn: string;
  entry: FollowupEntry | null;
}

/** GET /api/national/followup/:nationalId. */
export interface FollowupProjectView {
  project: {
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
    people: { name: string; role: string; unit: string }[];
    acceptance: { date: string; result: AcceptanceResult } | null;
    updatedAt: string;
  };
  status: NationalProjectStatus;
  today: string;
  units: FollowupUnit[];
  outputsByType: OutputCounts;
  timeline: TimelineItem[];
  canEdit: boolean;
}

export interface FollowupListQuery {
  page: number;
  pageSize: number;
  q?: string;
  field?: string;
  status?: NationalProjectStatus;
  year?: number;
}

export interface FollowupEntryInput {
  kind: FollowupKind;
  title: string;
  detail?: string;
  occurredOn: string;
  outputType?: FollowupOutputType | null;
  orgId?: string | null;
}

const base = (nationalId: string) => `/api/national/followup/${encodeURIComponent(nationalId)}`;

export const followupApi = {
  list: (q: FollowupListQuery) => api.get<Paged<FollowupListItem>>('/api/national/followup', { ...q }),
  project: (nationalId: string) => api.get<FollowupProjectView>(base(nationalId)),
  addEntry: (nationalId: string, body: FollowupEntryInput) => api.post<FollowupEntry>(`${base(nationalId)}/entries`, body),
  updateEntry: (nationalId: string, id: string, body: Partial<FollowupEntryInput>) =>
    api.patch<FollowupEntry>(`${base(nationalId)}/entries/${id}`, body),
  deleteEntry: (nationalId: string, id: string) => api.del<void>(`${base(nationalId)}/entries/${id}`),
};
