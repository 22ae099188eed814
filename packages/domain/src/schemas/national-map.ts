/** The analysts' map of national units (4.2.c) as the API answers it, shared by the server and the web. */

export type RecordKind = 'application' | 'project';

export interface CountRow {
  applications: number;
  projects: number;
  approved: number;
  budget: number;
}

export interface UnitRow {
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
  approved: number;
  budget: number;
}

export interface MapSummary {
  totals: CountRow & { units: number };
  byField: (CountRow & { code: string; nameZh: string; nameEn: string })[];
  byChain: (CountRow & { id: string; code: string; nameZh: string; nameEn: string })[];
  byRegion: {
    code: string;
    labelZh: string;
    labelEn: string;
    isGuangzhou: boolean;
    leads: number;
    participations: number;
    units: number;
  }[];
  byYear: (CountRow & { year: number })[];
  topUnits: UnitRow[];
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
  /** Distinct collaborating pairs before the top-N cut. */
  totalEdges: number;
}

export interface EvidenceRow {
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

export interface AttractionCandidate extends Omit<UnitRow, 'approved' | 'budget'> {
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
  evidence: EvidenceRow[];
}

export interface AttractionResult {
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
  /** 3.2.a: an enterprise or a medical institution (null when the type is unknown). */
  eligibleType: boolean | null;
  records: { nationalId: string; year: number; programme: string; direction: string; fieldCode: string | null; title: string }[];
}
