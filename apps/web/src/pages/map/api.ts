/** Typed wrappers for the map of enterprises and talent teams (4.2.c): routes/national-map.ts. */
import { call, http, withQuery, type Query } from '../../api/client';

import type { AttractionCandidate, BackfillCandidate, EvidenceRow, MapNetwork, MapSummary, RecordKind } from '@rdplan/domain';

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
  summary: (f: MapFilters) => call(http.GET('/api/national/map/summary', { params: { query: f } })),
  network: (f: MapFilters, edges = 100) => call(http.GET('/api/national/map/network', { params: { query: { ...f, edges } } })),
  attraction: (f: { chain?: string | undefined; field?: string | undefined; yearFrom?: number | undefined; yearTo?: number | undefined }) =>
    call(http.GET('/api/national/map/attraction', { params: { query: f } })),
  backfill: (f: { year?: number | undefined; field?: string | undefined; chain?: string | undefined }) =>
    call(http.GET('/api/national/map/backfill-candidates', { params: { query: f } })),
  /** The address of a view's xlsx export (a plain download: same-origin cookie, GET). */
  exportUrl: (view: MapView, f: object) => withQuery('/api/national/map/export.xlsx', q({ view, ...f })),
};
