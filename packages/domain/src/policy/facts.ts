/**
 * The facts each rule decides on. The server gathers them from the registry, the national records and
 * the plan (never from the applicant's word alone); the web form overlays what the user is typing.
 */
import type { OrgType } from '../registry.js';
import type { Yuan } from '../money.js';
import type { AcceptanceResult, NationalOutcome, NationalStage, OrgMode, ProjectKind } from './codes.js';

/** What the registry knows about the applying unit. */
export interface ApplicantFacts {
  orgId: string;
  name: string;
  uscc: string;
  type: OrgType;
  regionCode: string;
  aboveDesignatedSize: boolean;
  aboveDesignatedSizeYear: number | null;
  hnteCertNo: string | null;
  hnteValidFrom: string | null;
  hnteValidTo: string | null;
}

/** 3.1.a: the year's plan. */
export interface PlanFacts {
  selectedChainCodes: string[];
}

/** 4.3.a: a call before it opens. */
export interface CallPublicationFacts {
  conditions: number;
  materials: number;
  criteria: number;
}

/** 3.1.d–g, 4.1.e: one chain project (a candidate of the chain's work plan). */
export interface ConsortiumProjectFacts {
  kind: ProjectKind | null;
  orgMode: OrgMode | null;
  cityFunds: Yuan | null;
  selfFunds: Yuan | null;
  leadOrgId: string | null;
  participantOrgIds: string[];
  /** The consortium's members, the leader included. */
  memberOrgIds: string[];
}

/** One project counted by the chain caps. */
export interface ChainProjectFacts {
  id: string;
  title: string;
  cityFunds: Yuan | null;
  leadOrgId: string | null;
  kind: ProjectKind | null;
  /** 4.1.c: the project appears in an argument-and-comparison record. */
  compared: boolean;
}

/** 3.1.b, 3.1.c, 3.1.h, 4.1.a–c: a chain's annual work plan. */
export interface ChainPlanFacts {
  /** 'draft': live checks as projects are added; 'final': the plan is being finalised. */
  stage: 'draft' | 'final';
  /** The projects taken into the plan. */
  projects: ChainProjectFacts[];
  /** The leader and every organisation it controls, directly or through others. */
  leaderGroupOrgIds: string[];
  memberCount: number;
  expertCount: number;
  weakPointCount: number;
}

/** A national application as imported (4.2.a). */
export interface NationalApplicationFacts {
  nationalId: string;
  year: number;
  programme: string;
  direction: string;
  fieldCode: string | null;
  leadUscc: string | null;
  leadOrgId: string | null;
  leadName: string;
  stage: NationalStage;
  outcome: NationalOutcome;
}

/** 3.2: a backfill application. */
export interface BackfillFacts {
  applicant: ApplicantFacts;
  applicationYear: number;
  national: NationalApplicationFacts | null;
  proposedFieldCode: string | null;
  proposedDirection: string | null;
  /** 3.2.f: the 14th Five-Year fields and directions in force. */
  planFieldCodes: string[];
  cityFunds: Yuan | null;
  /** 3.2.i: the unit's other live backfill applications in the same year. */
  otherApplicationsThisYear: { id: string; title: string }[];
}

/** An approved national project with its acceptance (4.2.a). */
export interface NationalProjectFacts {
  nationalId: string;
  title: string;
  leadName: string;
  leadType: OrgType | null;
  leadRegionCode: string | null;
  acceptanceDate: string | null;
  acceptanceResult: AcceptanceResult | null;
}

/** 3.3.e: implementation verified by an officer. */
export interface VerifiedImplementation {
  investment: Yuan;
  output: Yuan;
  sales: Yuan;
  jobs: number;
}

/** 3.3: a continuation application. */
export interface ContinuationFacts {
  applicant: ApplicantFacts;
  applicationDate: string;
  /** 3.3.c: the plan's year (the application year, as for 3.2.b). */
  applicationYear: number;
  national: NationalProjectFacts | null;
  verification: VerifiedImplementation | null;
  /** 3.3.e: city funds the applicant's budget asks for (null: no budget yet); only 0 is allowed. */
  requestedCityFunds: Yuan | null;
}

/** 3.4: a recognition application. */
export interface RecognitionFacts {
  applicationDate: string;
  socialCapital: Yuan | null;
  cityFunds: Yuan | null;
  completedOn: string | null;
  /** Attachments present for the two kinds of evidence. */
  socialCapitalEvidence: boolean;
  completionEvidence: boolean;
  /** The call's published conditions and whether the applicant affirmed each. */
  conditions: { key: string; affirmed: boolean }[];
  /** The officers' re-check (3.4.b), once recorded. */
  recheck: { passed: boolean } | null;
}
