/**
 * Expert review and selection (issue 5): the API contract shared by the server and the web. Requests are
 * zod schemas (the server validates with them); responses are zod schemas too, so that routes declare them
 * and the web reads the inferred types. docs/review.md lists every route with who may call it.
 */
import { z } from 'zod';
import {
  SELECTION_OBJECTIVES,
  type LeaderCapOverride,
  type SelectionBudgets,
  type SelectionObjective,
  type SelectionResult,
} from '../review/selection.js';
import { IsoDate, NonEmpty } from './common.js';
import { TextOut } from './responses.js';

const Uuid = z.string().uuid();
const Reason = z.string().trim().max(500);
const RequiredReason = z.string().trim().min(2, { message: 'a reason of at least 2 characters / 请填写理由' }).max(500);
const FieldCode = z
  .string()
  .trim()
  .regex(/^F\d{2}(\.\d{2})?$/, { message: 'field code such as F07 or F07.01' });

// ---------------------------------------------------------------------------------------------------------
// Settings of a call's review

/** A scoring scale: values from min to max in steps of step (0–5 with half marks; 0–100). */
export const ReviewScale = z
  .strictObject({
    min: z.number().min(0).max(1000).default(0),
    max: z.number().min(1).max(1000).default(5),
    step: z.number().positive().max(100).default(0.5),
  })
  .refine((s) => s.max > s.min, { message: 'max must exceed min', path: ['max'] })
  .refine((s) => Number.isInteger(Math.round(((s.max - s.min) / s.step) * 1e6) / 1e6), {
    message: 'the range must be a whole number of steps',
    path: ['step'],
  });
export type ReviewScale = z.infer<typeof ReviewScale>;

export const AGGREGATIONS = ['mean', 'trimmed_mean'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/** Tie-break keys, applied in the call's order after the aggregated score; the application id ends every tie. */
export const TIE_BREAKS = ['median', 'top_criterion', 'fewer_outliers', 'earlier_submission'] as const;
export type TieBreak = (typeof TIE_BREAKS)[number];

export const ReviewSettings = z.strictObject({
  /** Experts per application (k). */
  expertsPerApplication: z.number().int().min(1).max(15).default(3),
  /** At most one expert from the same unit on one application. */
  onePerUnit: z.boolean().default(true),
  /** Hide applicant identities (unit, participating units, team names) from experts. */
  blind: z.boolean().default(false),
  /** National co-participation within this many years before the plan year is a conflict. */
  conflictYears: z.number().int().min(0).max(20).default(3),
  /** Experts an applicant may name for exclusion per application. */
  exclusionLimit: z.number().int().min(0).max(10).default(3),
  scale: ReviewScale.default({ min: 0, max: 5, step: 0.5 }),
  aggregation: z.enum(AGGREGATIONS).default('mean'),
  /** Trimmed mean: scores dropped at each end (needs at least 2·trim + 1 scores, otherwise the plain mean). */
  trim: z.number().int().min(0).max(5).default(1),
  /** Per-expert normalisation (z-score over the expert's submitted totals in this review). */
  normalise: z.boolean().default(false),
  /** A total more than this many points (on 0–100) from the application's median is flagged an outlier. */
  outlierPoints: z.number().min(1).max(100).default(20),
  tieBreaks: z.array(z.enum(TIE_BREAKS)).max(TIE_BREAKS.length).default(['median', 'top_criterion', 'earlier_submission']),
  /** The selection's objective for this call's projects: rank-respecting (default), merit × amount, or count. */
  objective: z.enum(['rank', 'merit_amount', 'count']).default('rank'),
});
export type ReviewSettings = z.infer<typeof ReviewSettings>;
export const DEFAULT_REVIEW_SETTINGS: ReviewSettings = ReviewSettings.parse({});

/** A change of settings: only the keys sent change (no defaults here, unlike ReviewSettings). */
export const ReviewSettingsPatch = z.strictObject({
  expertsPerApplication: z.number().int().min(1).max(15).optional(),
  onePerUnit: z.boolean().optional(),
  blind: z.boolean().optional(),
  conflictYears: z.number().int().min(0).max(20).optional(),
  exclusionLimit: z.number().int().min(0).max(10).optional(),
  scale: ReviewScale.optional(),
  aggregation: z.enum(AGGREGATIONS).optional(),
  trim: z.number().int().min(0).max(5).optional(),
  normalise: z.boolean().optional(),
  outlierPoints: z.number().min(1).max(100).optional(),
  tieBreaks: z.array(z.enum(TIE_BREAKS)).max(TIE_BREAKS.length).optional(),
  objective: z.enum(['rank', 'merit_amount', 'count']).optional(),
  reason: Reason.optional(),
});
export type ReviewSettingsPatch = z.infer<typeof ReviewSettingsPatch>;

export const REVIEW_STATUSES = ['setup', 'scoring', 'closed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

// ---------------------------------------------------------------------------------------------------------
// Expert pool

export const ExpertListQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  field: FieldCode.optional(),
  available: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const ExpertOut = z.object({
  personId: Uuid,
  name: z.string(),
  titleLevel: z.string(),
  titleName: z.string().nullable(),
  fieldCodes: z.array(z.string()),
  keywords: z.array(z.string()),
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  isExpert: z.boolean(),
  loadCap: z.number().int(),
  available: z.boolean(),
  unavailableUntil: z.string().nullable(),
  note: z.string(),
  /** Assignments in reviews not yet closed. */
  currentLoad: z.number().int(),
  hasAccount: z.boolean(),
});
export type ExpertOut = z.infer<typeof ExpertOut>;
export const ExpertListOut = z.object({ items: z.array(ExpertOut), total: z.number().int() });
export type ExpertListOut = z.infer<typeof ExpertListOut>;

/** Officers curate the pool. */
export const ExpertCurate = z.strictObject({
  isExpert: z.boolean().optional(),
  fieldCodes: z.array(FieldCode).max(10).optional(),
  keywords: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
  loadCap: z.number().int().min(0).max(500).optional(),
  available: z.boolean().optional(),
  unavailableUntil: IsoDate.nullable().optional(),
  note: z.string().trim().max(1000).optional(),
  reason: Reason.optional(),
});
export type ExpertCurate = z.infer<typeof ExpertCurate>;

// ---------------------------------------------------------------------------------------------------------
// Reviews

export const ReviewCreate = z.strictObject({ settings: ReviewSettingsPatch.omit({ reason: true }).optional() });

export const ReviewApplicationOut = z.object({
  applicationId: Uuid,
  title: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  track: z.string(),
  fieldCode: z.string().nullable(),
  chainId: z.string().nullable(),
  chainName: z.string().nullable(),
  status: z.string(),
  cityFunds: z.number().nullable(),
  assigned: z.number().int(),
  submitted: z.number().int(),
  conflicts: z.number().int(),
  eligibleExperts: z.number().int(),
});
export type ReviewApplicationOut = z.infer<typeof ReviewApplicationOut>;

export const ReviewOut = z.object({
  id: Uuid,
  callId: Uuid,
  planId: Uuid,
  planYear: z.number().int(),
  callTitleZh: z.string(),
  callTitleEn: z.string(),
  track: z.string(),
  status: z.enum(REVIEW_STATUSES),
  settings: ReviewSettings,
  criteria: z.array(z.object({ key: z.string(), zh: z.string(), en: z.string(), weight: z.number() })),
  releasedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  applications: z.array(ReviewApplicationOut),
  counts: z.object({
    applications: z.number().int(),
    assignments: z.number().int(),
    declared: z.number().int(),
    submitted: z.number().int(),
  }),
});
export type ReviewOut = z.infer<typeof ReviewOut>;

export const ReviewListItem = z.object({
  id: Uuid,
  callId: Uuid,
  planYear: z.number().int(),
  callTitleZh: z.string(),
  callTitleEn: z.string(),
  track: z.string(),
  status: z.enum(REVIEW_STATUSES),
  applications: z.number().int(),
  assignments: z.number().int(),
  submitted: z.number().int(),
});
export const ReviewListOut = z.object({ items: z.array(ReviewListItem) });
export type ReviewListOut = z.infer<typeof ReviewListOut>;

/** Release the assignments to the experts (setup → scoring), close scoring (scoring → closed). */
export const ReviewTransition = z.strictObject({ reason: Reason.optional() });

// ---------------------------------------------------------------------------------------------------------
// Conflicts of interest (回避); reasons are shown to officers only

export const CONFLICT_KINDS = [
  'same_unit',
  'same_group',
  'consortium_member',
  'participating_unit',
  'national_coparticipation',
  'declared',
  'applicant_named',
] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

export const ConflictReasonOut = z.object({
  kind: z.enum(CONFLICT_KINDS),
  /** Bilingual explanation, e.g. the national project id and year, or the declared reason. */
  zh: z.string(),
  en: z.string(),
});
export const ConflictOut = z.object({
  applicationId: Uuid,
  personId: Uuid,
  expertName: z.string(),
  expertOrg: z.string().nullable(),
  reasons: z.array(ConflictReasonOut).min(1),
});
export type ConflictOut = z.infer<typeof ConflictOut>;
export const ConflictListQuery = z.strictObject({ applicationId: Uuid.optional() });
export const ConflictListOut = z.object({ items: z.array(ConflictOut) });
export type ConflictListOut = z.infer<typeof ConflictListOut>;

/** Applicant-named exclusions on an application (the unit's own users; limit = settings.exclusionLimit). */
export const ExclusionInput = z.strictObject({
  personName: NonEmpty(50),
  unitName: z.string().trim().max(200).default(''),
  reason: z.string().trim().max(500).default(''),
});
export type ExclusionInput = z.infer<typeof ExclusionInput>;
export const ExclusionOut = z.object({
  id: Uuid,
  personName: z.string(),
  unitName: z.string(),
  reason: z.string(),
  createdAt: z.string(),
});
export const ExclusionListOut = z.object({ items: z.array(ExclusionOut), limit: z.number().int() });
export type ExclusionListOut = z.infer<typeof ExclusionListOut>;

/** An expert's declaration on an assignment: no conflict (then the application opens) or a conflict. */
export const DeclarationInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('no_conflict') }),
  z.strictObject({ kind: z.literal('conflict'), reason: RequiredReason }),
]);
export type DeclarationInput = z.infer<typeof DeclarationInput>;

// ---------------------------------------------------------------------------------------------------------
// Assignment

export const AssignmentSolveInput = z.strictObject({ reason: Reason.optional() });

export const LackingOut = z.object({
  applicationId: Uuid,
  title: z.string(),
  eligible: z.number().int(),
  needed: z.number().int(),
});
export const AssignmentRunOut = z.object({
  status: z.enum(['optimal', 'infeasible']),
  /** Total affinity of the assignment (optimal runs). */
  objective: z.number().nullable(),
  /** The dual certificate verified over all eligible pairs. */
  certificateOk: z.boolean().nullable(),
  applications: z.number().int(),
  experts: z.number().int(),
  eligiblePairs: z.number().int(),
  assigned: z.number().int(),
  ms: z.number(),
  /** Infeasible: the applications that lack eligible experts, and a plain explanation. */
  lacking: z.array(LackingOut),
  explanation: z.object({ zh: z.string(), en: z.string() }).nullable(),
  at: z.string(),
});
export type AssignmentRunOut = z.infer<typeof AssignmentRunOut>;

export const ASSIGNMENT_SOURCES = ['solver', 'manual', 'random'] as const;
export const ASSIGNMENT_STATUSES = ['assigned', 'declined', 'submitted'] as const;
export const AssignmentOut = z.object({
  id: Uuid,
  applicationId: Uuid,
  personId: Uuid,
  expertName: z.string(),
  expertOrg: z.string().nullable(),
  affinity: z.number().int(),
  source: z.enum(ASSIGNMENT_SOURCES),
  status: z.enum(ASSIGNMENT_STATUSES),
  declaration: z.enum(['no_conflict', 'conflict']).nullable(),
  submittedAt: z.string().nullable(),
});
export type AssignmentOut = z.infer<typeof AssignmentOut>;
export const AssignmentListOut = z.object({
  items: z.array(AssignmentOut),
  loads: z.array(z.object({ personId: Uuid, expertName: z.string(), load: z.number().int(), cap: z.number().int() })),
  lastRun: AssignmentRunOut.nullable(),
});
export type AssignmentListOut = z.infer<typeof AssignmentListOut>;

/** Manual assignment: the server re-checks conflicts, the load cap and one-per-unit. */
export const AssignmentAdd = z.strictObject({ applicationId: Uuid, personId: Uuid, reason: Reason.optional() });
export const AssignmentRemove = z.strictObject({ reason: RequiredReason });
/** NSFC-style random draw among eligible experts not yet on the application (count defaults to the gap to k). */
export const AssignmentDraw = z.strictObject({
  applicationId: Uuid,
  count: z.number().int().min(1).max(15).optional(),
  reason: Reason.optional(),
});

export const EligibleQuery = z.strictObject({ applicationId: Uuid });
export const EligibleExpertOut = z.object({
  personId: Uuid,
  name: z.string(),
  orgName: z.string().nullable(),
  fieldCodes: z.array(z.string()),
  affinity: z.number().int(),
  load: z.number().int(),
  cap: z.number().int(),
});
export const EligibleListOut = z.object({ items: z.array(EligibleExpertOut) });
export type EligibleListOut = z.infer<typeof EligibleListOut>;

// ---------------------------------------------------------------------------------------------------------
// The expert's side

export const EXPERT_TASK_STATES = ['declare', 'conflict', 'scoring', 'submitted'] as const;
export const ExpertTaskOut = z.object({
  assignmentId: Uuid,
  reviewId: Uuid,
  callTitleZh: z.string(),
  callTitleEn: z.string(),
  applicationId: Uuid,
  title: z.string(),
  /** null under blind review. */
  applicantName: z.string().nullable(),
  fieldCode: z.string().nullable(),
  state: z.enum(EXPERT_TASK_STATES),
  reviewStatus: z.enum(REVIEW_STATUSES),
  /** The review's conflict window N (years), stated in the declaration. */
  conflictYears: z.number().int(),
});
export type ExpertTaskOut = z.infer<typeof ExpertTaskOut>;
export const ExpertTaskListOut = z.object({ items: z.array(ExpertTaskOut) });
export type ExpertTaskListOut = z.infer<typeof ExpertTaskListOut>;

/** A score per criterion: value on the scale, or null = not applicable (its weight is left out of the total). */
export const CriterionScore = z.strictObject({
  criterion: z.string().min(1).max(40),
  value: z.number().nullable(),
  comment: z.string().trim().max(2000).default(''),
});
export type CriterionScore = z.infer<typeof CriterionScore>;

export const ScoreSave = z.strictObject({
  scores: z.array(CriterionScore).max(100),
  comment: z.string().trim().max(4000).default(''),
  /** The version last read; a stale version gets 409. */
  version: z.number().int().min(0),
});
export type ScoreSave = z.infer<typeof ScoreSave>;

export const OtherScoreOut = z.object({
  expertLabel: z.string(),
  total: z.number().nullable(),
  scores: z.array(CriterionScore),
  comment: z.string(),
});

/** The application as the assigned expert sees it (after declaring no conflict). */
export const ExpertReviewOut = z.object({
  assignmentId: Uuid,
  reviewId: Uuid,
  reviewStatus: z.enum(REVIEW_STATUSES),
  state: z.enum(EXPERT_TASK_STATES),
  blind: z.boolean(),
  application: z.object({
    id: Uuid,
    track: z.string(),
    title: z.string(),
    applicantName: z.string().nullable(),
    fieldCode: z.string().nullable(),
    direction: z.string().nullable(),
    /** The form's content (objectives, research content, KPIs, schedule, budget); team names removed if blind. */
    form: z.record(z.string(), z.unknown()),
    cityFunds: z.number().nullable(),
    attachments: z.array(z.object({ id: Uuid, materialKey: z.string(), filename: z.string(), size: z.number() })),
  }),
  criteria: z.array(z.object({ key: z.string(), zh: z.string(), en: z.string(), weight: z.number() })),
  scale: ReviewScale,
  mine: z.object({
    scores: z.array(CriterionScore),
    comment: z.string(),
    total: z.number().nullable(),
    version: z.number().int(),
    submittedAt: z.string().nullable(),
  }),
  /** Others' scores: empty until the expert has submitted their own. */
  others: z.array(OtherScoreOut),
});
export type ExpertReviewOut = z.infer<typeof ExpertReviewOut>;

// ---------------------------------------------------------------------------------------------------------
// Results: aggregation, ranking, panel records

export const ExpertTotalOut = z.object({
  personId: Uuid,
  expertName: z.string(),
  total: z.number().nullable(),
  normalised: z.number().nullable(),
  outlier: z.boolean(),
  submittedAt: z.string().nullable(),
});
export const RECOMMENDATIONS = ['fund', 'fund_if_budget', 'do_not_fund'] as const;
export const PanelInput = z.strictObject({ opinion: NonEmpty(4000), recommendation: z.enum(RECOMMENDATIONS) });
export const PanelOut = z.object({
  opinion: z.string(),
  recommendation: z.enum(RECOMMENDATIONS),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export const ResultRowOut = z.object({
  applicationId: Uuid,
  title: z.string(),
  orgName: z.string(),
  track: z.string(),
  fieldCode: z.string().nullable(),
  chainId: z.string().nullable(),
  chainName: z.string().nullable(),
  cityFunds: z.number().nullable(),
  /** `field:<code>` (3.2.g) or `chain:<id>`. */
  group: z.string(),
  experts: z.array(ExpertTotalOut),
  /** Aggregated score on 0–100; null until at least one score is submitted. */
  score: z.number().nullable(),
  mean: z.number().nullable(),
  median: z.number().nullable(),
  outliers: z.number().int(),
  rankInCall: z.number().int().nullable(),
  rankInGroup: z.number().int().nullable(),
  /** The tie-break that separated it from the next row, when the scores tie. */
  tieBrokenBy: z.string().nullable(),
  panel: PanelOut.nullable(),
});
export type ResultRowOut = z.infer<typeof ResultRowOut>;
export const ResultsOut = z.object({
  reviewId: Uuid,
  status: z.enum(REVIEW_STATUSES),
  settings: ReviewSettings,
  rows: z.array(ResultRowOut),
  groups: z.array(z.object({ group: z.string(), labelZh: z.string(), labelEn: z.string(), ranked: z.array(Uuid) })),
});
export type ResultsOut = z.infer<typeof ResultsOut>;

// ---------------------------------------------------------------------------------------------------------
// Overlap flags (一题多报)

export const OverlapFlagOut = z.object({
  id: Uuid,
  applicationId: Uuid,
  applicationTitle: z.string(),
  otherKind: z.enum(['application', 'national']),
  otherId: z.string(),
  otherTitle: z.string(),
  otherLabel: z.string(),
  similarity: z.number(),
  containment: z.number(),
  passages: z.array(
    z.object({ text: z.string(), otherText: z.string(), start: z.number(), end: z.number(), otherStart: z.number(), otherEnd: z.number() }),
  ),
  status: z.enum(['open', 'dismissed', 'confirmed']),
  note: z.string(),
});
export type OverlapFlagOut = z.infer<typeof OverlapFlagOut>;
export const OverlapListOut = z.object({ items: z.array(OverlapFlagOut), scannedAt: z.string().nullable() });
export type OverlapListOut = z.infer<typeof OverlapListOut>;
export const OverlapDecide = z.strictObject({ status: z.enum(['dismissed', 'confirmed']), note: RequiredReason });

// ---------------------------------------------------------------------------------------------------------
// Selection per plan

export const SelectionPinInput = z.strictObject({ pin: z.enum(['in', 'out']).nullable(), reason: RequiredReason });
/** An officer's allotment for one field (3.2.g): a budget in yuan and / or a number of projects; both null removes it. */
export const FieldBudgetInput = z
  .strictObject({
    budget: z.number().int().min(0).max(10_000_000_000).nullable(),
    maxProjects: z.number().int().min(0).max(1000).nullable(),
    reason: RequiredReason,
  })
  .refine((v) => v.budget === null || v.budget % 10_000 === 0, { message: 'whole 万元 / 须为整万元', path: ['budget'] });
export type FieldBudgetInput = z.infer<typeof FieldBudgetInput>;

export const SelectionConfirm = z.strictObject({ objective: z.enum(['rank', 'merit_amount', 'count']), reason: RequiredReason });

/** A candidate of the plan's selection: a reviewed consortium (3.1) or backfill (3.2) application. */
export interface SelectionCandidateOut {
  applicationId: string;
  title: string;
  orgName: string;
  track: 'consortium' | 'backfill';
  chainId: string | null;
  chainName: string | null;
  fieldCode: string | null;
  amount: number;
  /** Place in its call's ranked list (1 = best). */
  rank: number;
  score: number;
  leaderGroup: boolean;
  pin: 'in' | 'out' | null;
  pinReason: string | null;
  /** Open or confirmed overlap flags on the application (一题多报). */
  overlapFlags: number;
}

/** The chain leader's comparison record (4.1.c) shown beside the chain's candidates while selecting. */
export interface ComparisonRecordOut {
  chainId: string;
  chainName: string;
  workplanId: string;
  items: { title: string; selected: boolean; reason: string; applicationId: string | null }[];
}

export interface SelectionOut {
  planId: string;
  planYear: number;
  /** The call setting's objective, the default shown first. */
  objective: SelectionObjective;
  candidates: SelectionCandidateOut[];
  budgets: SelectionBudgets;
  /** The officers' per-field allotments (3.2.g) with who set them and why. */
  fieldBudgets: { fieldCode: string; budget: number | null; maxProjects: number | null; reason: string; setAt: string }[];
  /** The three plans side by side (each carries the rank-and-cut list with its cap breaches). */
  plans: Record<SelectionObjective, SelectionResult>;
  /** Officers' 3.1.h overrides on the chains' work plans, by chain id, carried into every plan. */
  leaderOverrides: Record<string, LeaderCapOverride>;
  comparisons: ComparisonRecordOut[];
  /** Reviews of the plan's calls not yet closed (selection uses the scores so far; confirming needs them closed). */
  openReviews: { reviewId: string; callTitleZh: string; status: ReviewStatus }[];
  confirmed: {
    id: string;
    objective: SelectionObjective;
    funded: string[];
    confirmedBy: string;
    confirmedAt: string;
    reason: string;
  } | null;
  ms: number;
}

const CapCodeOut = z.enum(['3.1.b', '3.1.c', '3.1.d', '3.1.h', '3.2.g', '3.2.h', 'consortium_total', 'backfill_total', 'yearly_total']);
const CapBreachOut = z.object({
  code: CapCodeOut,
  group: z.string().nullable(),
  what: z.enum(['funds', 'projects', 'projects_min', 'leader_projects', 'leader_funds', 'amount']),
  value: z.number(),
  limit: z.number(),
  projects: z.array(z.string()),
  message: TextOut,
});
const SelectionTotalsShape = {
  count: z.number().int(),
  amount: z.number(),
  consortium: z.number().int(),
  backfill: z.number().int(),
  merit: z.number(),
};
/** An officer's 3.1.h override carried from a chain's work plan (LeaderCapOverride). */
const LeaderCapOverrideOut = z.object({
  maxProjects: z.number(),
  maxFunds: z.number(),
  reason: z.string(),
  by: z.string(),
  at: z.string(),
});

const SelectionResultOut = z.object({
  objective: z.enum(SELECTION_OBJECTIVES),
  feasible: z.boolean(),
  breaches: z.array(CapBreachOut),
  funded: z.array(z.string()),
  totals: z.object(SelectionTotalsShape),
  objectiveValue: z.number(),
  groups: z.array(
    z.object({
      key: z.string(),
      kind: z.enum(['chain', 'field']),
      id: z.string(),
      count: z.number().int(),
      amount: z.number(),
      leaderCount: z.number().int(),
      leaderAmount: z.number(),
      leaderOverride: LeaderCapOverrideOut.optional(),
    }),
  ),
  places: z.array(
    z.object({
      id: z.string(),
      track: z.enum(['consortium', 'backfill']),
      group: z.string(),
      rank: z.number(),
      score: z.number(),
      amount: z.number(),
      pin: z.enum(['in', 'out']).nullable(),
      status: z.enum(['funded', 'not_funded', 'pinned_out', 'ineligible']),
      blockedBy: z.array(CapCodeOut),
      wouldBreak: z.array(CapCodeOut),
      groupPosition: z.number().int(),
      belowLine: z.object({ lastFundedId: z.string(), rankGap: z.number(), scoreGap: z.number() }).nullable(),
      lowerRankedFunded: z.number().int(),
      inRankAndCut: z.boolean(),
      message: TextOut,
    }),
  ),
  rankAndCut: z.object({
    ...SelectionTotalsShape,
    funded: z.array(z.string()),
    cutAt: z.string().nullable(),
    violations: z.array(CapBreachOut),
  }),
});
const Limit = z.number().nullable().optional();

/** The plan's selection as the API answers it (SelectionOut), for the routes' response schemas. */
export const SelectionViewOut = z
  .object({
    planId: z.string(),
    planYear: z.number().int(),
    objective: z.enum(SELECTION_OBJECTIVES),
    candidates: z.array(
      z.object({
        applicationId: z.string(),
        title: z.string(),
        orgName: z.string(),
        track: z.enum(['consortium', 'backfill']),
        chainId: z.string().nullable(),
        chainName: z.string().nullable(),
        fieldCode: z.string().nullable(),
        amount: z.number(),
        rank: z.number(),
        score: z.number(),
        leaderGroup: z.boolean(),
        pin: z.enum(['in', 'out']).nullable(),
        pinReason: z.string().nullable(),
        overlapFlags: z.number().int(),
      }),
    ),
    budgets: z.object({
      yearlyTotal: Limit,
      consortiumTotal: Limit,
      backfillTotal: Limit,
      fields: z.record(z.string(), z.object({ budget: Limit, maxProjects: Limit })).optional(),
    }),
    fieldBudgets: z.array(
      z.object({
        fieldCode: z.string(),
        budget: z.number().nullable(),
        maxProjects: z.number().nullable(),
        reason: z.string(),
        setAt: z.string(),
      }),
    ),
    plans: z.object({ rank: SelectionResultOut, merit_amount: SelectionResultOut, count: SelectionResultOut }),
    comparisons: z.array(
      z.object({
        chainId: z.string(),
        chainName: z.string(),
        workplanId: z.string(),
        items: z.array(z.object({ title: z.string(), selected: z.boolean(), reason: z.string(), applicationId: z.string().nullable() })),
      }),
    ),
    openReviews: z.array(z.object({ reviewId: z.string(), callTitleZh: z.string(), status: z.enum(REVIEW_STATUSES) })),
    confirmed: z
      .object({
        id: z.string(),
        objective: z.enum(SELECTION_OBJECTIVES),
        funded: z.array(z.string()),
        confirmedBy: z.string(),
        confirmedAt: z.string(),
        reason: z.string(),
      })
      .nullable(),
    leaderOverrides: z.record(z.string(), LeaderCapOverrideOut),
    ms: z.number(),
  })
  .meta({ id: 'SelectionView' });

// SelectionOut and its schema describe one shape: each side must fit the other.
type Fits<A extends B, B> = A;
export type SelectionViewFits = Fits<SelectionOut, z.input<typeof SelectionViewOut>> &
  Fits<z.output<typeof SelectionViewOut>, SelectionOut>;
