/** Typed wrappers for the map of enterprises and talent teams (4.2.c): routes/national-map.ts. */
import { api, withQuery, type Query } from '../../api/client';

import type {
  AttractionCandidate,
  AttractionResult,
  BackfillCandidate,
  EvidenceRow,
  MapNetwork,
  MapSummary,
  RecordKind,
} from '@rdplan/domain';

/* The response shapes are shared with the server (@rdplan/domain); the names below are this folder's. */
export type { AttractionCandidate, BackfillCandidate, MapNetwork, MapSummary, RecordKind };
export type Evidence = EvidenceRow;

export interface MapFilters {
  field?: string | undefined;
  chain?: string | undefined;
  region?: string | undefined;
  yearFrom?: number | undefined;
  yearTo?: number | undefined;
  kind?: RecordKind | undefined;
}

export type MapView = 'summary' | 'network' | 'attraction' | 'backfill';

const q = (f: object): Query => f as Query;

export const mapApi = {
  summary: (f: MapFilters) => api.get<MapSummary>('/api/national/map/summary', q(f)),
  network: (f: MapFilters, edges = 100) => api.get<MapNetwork>('/api/national/map/network', q({ ...f, edges })),
  attraction: (f: { chain?: string | undefined; field?: string | undefined; yearFrom?: number | undefined; yearTo?: number | undefined }) =>
    api.get<AttractionResult>('/api/national/map/attraction', q(f)),
  backfill: (f: { year?: number | undefined; field?: string | undefined; chain?: string | undefined }) =>
    api.get<{ year: number; candidates: BackfillCandidate[] }>('/api/national/map/backfill-candidates', q(f)),
  /** The address of a view's xlsx export (a plain download: same-origin cookie, GET). */
  exportUrl: (view: MapView, f: object) => withQuery('/api/national/map/export.xlsx', q({ view, ...f })),
};
