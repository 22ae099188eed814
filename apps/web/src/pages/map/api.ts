/** Typed wrappers for the map of enterprises and talent teams (4.2.c): routes/national-map.ts. */
import { api, withQuery, type Query } from '../../api/client';

export type RecordKind = 'application' | 'project';

export interface MapFilters {
  field?: string | undefined;
  chain?: string | undefined;
  region?: string | undefined;
  yearFrom?: number | undefined;
  yearTo?: number | undefined;
  kind?: RecordKind | undefined;
}

export interface Counts {
  applications: number;
  projects: number;
  approved: number;
  budget: number;
}

export interface UnitBase {
  key: string;
  orgId: string | null;
  name: string;
  uscc: string | null;
  regionCode: string | null;
  isGuangzhou: boolean;
  orgType: string | null;
  leads: number;
  participations: number;
  records: number;
}

export interface MapSummary {
  totals: Counts & { units: number };
  byField: (Counts & { code: string; nameZh: string; nameEn: string })[];
  byChain: (Counts & { id: string; code: string; nameZh: string; nameEn: string })[];
  byRegion: {
    code: string;
    labelZh: string;
    labelEn: string;
    isGuangzhou: boolean;
    leads: number;
    participations: number;
    units: number;
  }[];
  byYear: (Counts & { year: number })[];
  topUnits: (UnitBase & { approved: number; budget: number })[];
  options: {
    fields: { code: string; nameZh: string; nameEn: string; parentCode: string | null }[];
    chains: { id: string; code: string; nameZh: string; nameEn: string; fieldCodes: string[] }[];
  };
}

export interface MapNetwork {
  nodes: {
    key: string;
    orgId: string | null;
    name: string;
    regionCode: string | null;
    isGuangzhou: boolean;
    orgType: string | null;
    records: number;
    leads: number;
  }[];
  edges: { source: string; target: string; weight: number }[];
  totalEdges: number;
}

export interface Evidence {
  kind: RecordKind;
  nationalId: string;
  year: number | null;
  title: string;
  fieldCode: string | null;
  role: 'lead' | 'participant';
  stage: string | null;
  outcome: string;
  budget: number;
  points: number;
}

export interface AttractionCandidate extends UnitBase {
  rank: number;
  score: number;
  activity: number;
  projectsLed: number;
  projectsJoined: number;
  applicationsLed: number;
  applicationsJoined: number;
  approved: number;
  finalDefence: number;
  budgetLed: number;
  budgetJoined: number;
  keyPeople: number;
  lastYear: number | null;
  people: string[];
  evidence: Evidence[];
}

export interface MapAttraction {
  refYear: number;
  fieldCodes: string[];
  formula: string;
  candidates: AttractionCandidate[];
}

export interface BackfillCandidate {
  key: string;
  orgId: string | null;
  name: string;
  uscc: string | null;
  regionCode: string | null;
  orgType: string | null;
  eligibleType: boolean | null;
  records: { nationalId: string; year: number; programme: string; direction: string; fieldCode: string | null; title: string }[];
}

export type MapView = 'summary' | 'network' | 'attraction' | 'backfill';

const q = (f: object): Query => f as Query;

export const mapApi = {
  summary: (f: MapFilters) => api.get<MapSummary>('/api/national/map/summary', q(f)),
  network: (f: MapFilters, edges = 100) => api.get<MapNetwork>('/api/national/map/network', q({ ...f, edges })),
  attraction: (f: { chain?: string | undefined; field?: string | undefined; yearFrom?: number | undefined; yearTo?: number | undefined }) =>
    api.get<MapAttraction>('/api/national/map/attraction', q(f)),
  backfill: (f: { year?: number | undefined; field?: string | undefined; chain?: string | undefined }) =>
    api.get<{ year: number; candidates: BackfillCandidate[] }>('/api/national/map/backfill-candidates', q(f)),
  /** The address of a view's xlsx export (a plain download: same-origin cookie, GET). */
  exportUrl: (view: MapView, f: object) => withQuery('/api/national/map/export.xlsx', q({ view, ...f })),
};
