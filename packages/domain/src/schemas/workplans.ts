/**
 * The chain leader's annual S&T work plan (年度科技攻关工作方案, 4.1.b) with its innovation consortium
 * (3.1.f, 4.1.a), candidate projects (3.1.d–g, 4.1.e) and argument-and-comparison records (4.1.c):
 * requests shared by the server (authoritative) and the web forms, and the view both read.
 * Money is integer yuan.
 */
import { z } from 'zod';
import {
  MEMBER_POSITIONS,
  ORG_MODES,
  PROJECT_KINDS,
  RULE_CODES,
  type MemberPosition,
  type OrgMode,
  type ProjectKind,
} from '../policy/codes.js';
import type { PlanParams } from '../policy/params.js';
import type { RuleDecision, RuleResult } from '../policy/rule.js';
import { IsoDate, NonEmpty, Uuid } from './common.js';
import { PlanParamsOut, RuleDecisionOut, RuleResultOut } from './responses.js';

export const WORKPLAN_STATUSES = ['draft', 'finalised'] as const;
export type WorkplanStatus = (typeof WORKPLAN_STATUSES)[number];

/** Positions a leader chooses for a member; the leader's own 'leader' row is added automatically. */
export const CONSORTIUM_POSITIONS = MEMBER_POSITIONS.filter((p) => p !== 'leader') as Exclude<MemberPosition, 'leader'>[];
export type ConsortiumPosition = Exclude<MemberPosition, 'leader'>;

export const COMPARISON_VERDICTS = ['selected', 'not_selected'] as const;
export type ComparisonVerdict = (typeof COMPARISON_VERDICTS)[number];

/** The hard caps: adding or including a project that breaks one is refused (rules.md 3.1.b–d, f, g). */
export const CHAIN_HARD_CAPS = ['3.1.b', '3.1.c', '3.1.d', '3.1.f', '3.1.g'] as const;

const Yuan = z.number().int().min(0).max(10_000_000_000);
const Version = z.number().int().min(1);

/** A list in which every item's `field` is unique; the issue names the repeat. */
function uniqueBy<T>(list: readonly T[], field: keyof T & string, ctx: z.RefinementCtx) {
  const seen = new Map<unknown, number>();
  list.forEach((item, i) => {
    const value = item[field];
    const first = seen.get(value);
    if (first !== undefined) {
      ctx.addIssue({ code: 'custom', path: [i, field], message: `repeats item ${first + 1} / 与第 ${first + 1} 项重复` });
    } else seen.set(value, i);
  });
}

export const WorkplanListQuery = z.strictObject({
  planId: Uuid.optional(),
  chainId: Uuid.optional(),
  status: z.enum(WORKPLAN_STATUSES).optional(),
});
export type WorkplanListQuery = z.infer<typeof WorkplanListQuery>;

export const CreateWorkplanInput = z.strictObject({ planId: Uuid, chainId: Uuid });
export type CreateWorkplanInput = z.infer<typeof CreateWorkplanInput>;

/** 4.1.b: one weak point of the chain. */
export const WeakPoint = z.strictObject({ text: z.string().trim().min(1).max(1000) });
export type WeakPoint = z.infer<typeof WeakPoint>;

export const UpdateWorkplanInput = z.strictObject({
  /** The version the browser last saw; a stale one is refused with 409 so no edit is lost silently. */
  version: Version,
  summary: z.string().trim().max(10_000).optional(),
  weakPoints: z.array(WeakPoint).max(100).optional(),
});
export type UpdateWorkplanInput = z.infer<typeof UpdateWorkplanInput>;

/** 3.1.f: replaces the consortium's members (the leader stays, automatically). */
export const SetMembersInput = z.strictObject({
  version: Version.optional(),
  members: z
    .array(z.strictObject({ orgId: Uuid, position: z.enum(CONSORTIUM_POSITIONS), note: z.string().trim().max(500).default('') }))
    .max(200)
    .superRefine((list, ctx) => uniqueBy(list, 'orgId', ctx)),
});
export type SetMembersInput = z.infer<typeof SetMembersInput>;

/** 4.1.a: replaces the core technical expert team. */
export const SetExpertsInput = z.strictObject({
  version: Version.optional(),
  experts: z
    .array(z.strictObject({ personId: Uuid, role: z.string().trim().max(200).default('') }))
    .max(100)
    .superRefine((list, ctx) => uniqueBy(list, 'personId', ctx)),
});
export type SetExpertsInput = z.infer<typeof SetExpertsInput>;

const Participants = z
  .array(z.strictObject({ orgId: Uuid, role: z.string().trim().max(100).default('') }))
  .max(30)
  .superRefine((list, ctx) => uniqueBy(list, 'orgId', ctx));

/** A candidate project as the chain leader proposes it (3.1.d–g, 4.1.e). */
export const CandidateInput = z.strictObject({
  title: NonEmpty(200),
  summary: z.string().trim().max(1000).default(''),
  /** 3.1.e; may stay empty while drafting, needed to finalise. */
  kind: z.enum(PROJECT_KINDS).nullable().default(null),
  /** 4.1.e; may stay empty while drafting, needed to finalise. */
  orgMode: z.enum(ORG_MODES).nullable().default(null),
  /** The lead unit: a consortium member (3.1.f). */
  leadOrgId: Uuid,
  /** 3.1.d: a fixed amount. */
  cityFunds: Yuan,
  /** 3.1.g: self-raised matching funds. */
  selfFunds: Yuan,
  /** Participating units other than the lead, each a consortium member (3.1.f). */
  participants: Participants.default([]),
});
export type CandidateInput = z.infer<typeof CandidateInput>;

export const UpdateCandidateInput = z.strictObject({
  /** The application's version the browser last saw (optional). */
  version: Version.optional(),
  title: NonEmpty(200).optional(),
  summary: z.string().trim().max(1000).optional(),
  kind: z.enum(PROJECT_KINDS).nullable().optional(),
  orgMode: z.enum(ORG_MODES).nullable().optional(),
  leadOrgId: Uuid.optional(),
  cityFunds: Yuan.optional(),
  selfFunds: Yuan.optional(),
  participants: Participants.optional(),
});
export type UpdateCandidateInput = z.infer<typeof UpdateCandidateInput>;

export const CandidateParams = z.strictObject({ id: Uuid, appId: Uuid });

/** Include / exclude / finalise take no fields but the optional version of the work plan. */
export const WorkplanStepInput = z.strictObject({ version: Version.optional() });
export type WorkplanStepInput = z.infer<typeof WorkplanStepInput>;

/** 4.1.c: one argument-and-comparison meeting (论证比选) and its verdict on each candidate. */
export const ComparisonInput = z.strictObject({
  topic: NonEmpty(200),
  heldOn: IsoDate,
  /** e.g. 专家论证会, 比选会, 函评 */
  method: NonEmpty(100),
  participants: z.string().trim().max(2000).default(''),
  conclusion: NonEmpty(5000),
  candidates: z
    .array(
      z.strictObject({
        applicationId: Uuid,
        verdict: z.enum(COMPARISON_VERDICTS),
        note: z.string().trim().max(1000).default(''),
      }),
    )
    .min(1)
    .max(100)
    .superRefine((list, ctx) => uniqueBy(list, 'applicationId', ctx)),
});
export type ComparisonInput = z.infer<typeof ComparisonInput>;

/** An officer's decision on an in-principle rule of the chain plan (3.1.h). */
export const WorkplanRuleDecisionInput = z.strictObject({
  code: z.enum(RULE_CODES),
  kind: z.enum(['override']),
  reason: z.string().trim().min(5, { message: 'a written reason of at least 5 characters / 请填写理由（至少 5 个字）' }).max(2000),
});
export type WorkplanRuleDecisionInput = z.infer<typeof WorkplanRuleDecisionInput>;

export const ReopenWorkplanInput = z.strictObject({
  reason: z.string().trim().min(5, { message: 'a written reason of at least 5 characters / 请填写理由（至少 5 个字）' }).max(2000),
});
export type ReopenWorkplanInput = z.infer<typeof ReopenWorkplanInput>;

export interface WorkplanMemberView {
  orgId: string;
  name: string;
  uscc: string;
  type: string;
  position: MemberPosition;
  note: string;
}

export interface WorkplanExpertView {
  personId: string;
  name: string;
  titleLevel: string;
  titleName: string | null;
  isExpert: boolean;
  orgName: string | null;
  role: string;
}

export interface WorkplanCandidateView {
  applicationId: string;
  title: string;
  summary: string;
  kind: ProjectKind | null;
  orgMode: OrgMode | null;
  leadOrgId: string;
  leadName: string;
  /** The lead unit belongs to the leader's corporate group (counts for 3.1.h). */
  leadInLeaderGroup: boolean;
  cityFunds: number | null;
  selfFunds: number | null;
  participants: { orgId: string; name: string; role: string; confirmed: boolean }[];
  inPlan: boolean;
  status: string;
  version: number;
  /** 4.1.c: appears in an argument-and-comparison record… */
  compared: boolean;
  /** …and the latest verdict there (only 'selected' may enter the plan). */
  verdict: ComparisonVerdict | null;
  /** CONSORTIUM_PROJECT_RULES on this project. */
  rules: RuleResult[];
}

export interface WorkplanComparisonView {
  id: string;
  topic: string;
  heldOn: string;
  method: string;
  participants: string;
  conclusion: string;
  candidates: { applicationId: string; title: string | null; verdict: ComparisonVerdict; note: string }[];
  createdAt: string;
}

/** The work plan as every reader sees it, with the live rule results. */
export interface WorkplanView {
  id: string;
  planId: string;
  planYear: number;
  planTitle: string;
  /** The plan's published consortium call, under which candidates are created (null: none yet). */
  callId: string | null;
  chain: { id: string; code: string; nameZh: string; nameEn: string };
  leader: { orgId: string; name: string; uscc: string };
  status: WorkplanStatus;
  version: number;
  summary: string;
  weakPoints: WeakPoint[];
  finalisedAt: string | null;
  createdAt: string;
  updatedAt: string;
  members: WorkplanMemberView[];
  experts: WorkplanExpertView[];
  candidates: WorkplanCandidateView[];
  comparisons: WorkplanComparisonView[];
  /** CHAIN_PLAN_RULES over the in-plan projects (stage 'draft' while drafting, 'final' once finalised). */
  planRules: RuleResult[];
  /** The officers' decisions on this plan's rules, oldest first. */
  decisions: RuleDecision[];
  /** The leader and every organisation it controls, directly or indirectly (3.1.h). */
  leaderGroup: { orgId: string; name: string }[];
  totals: { candidates: number; inPlan: number; cityFunds: number; selfFunds: number };
  /** The plan parameters in force. */
  params: PlanParams;
}

export interface WorkplanSummary {
  id: string;
  planId: string;
  planYear: number;
  chain: { id: string; code: string; nameZh: string; nameEn: string };
  leader: { orgId: string; name: string };
  status: WorkplanStatus;
  version: number;
  candidates: number;
  inPlan: number;
  cityFundsInPlan: number;
  finalisedAt: string | null;
  updatedAt: string;
}

const ChainRefOut = z.object({ id: z.string(), code: z.string(), nameZh: z.string(), nameEn: z.string() });

/** The work plan as every reader sees it (WorkplanView), for the routes' response schemas. */
export const WorkplanViewOut = z
  .object({
    id: z.string(),
    planId: z.string(),
    planYear: z.number().int(),
    planTitle: z.string(),
    callId: z.string().nullable(),
    chain: ChainRefOut,
    leader: z.object({ orgId: z.string(), name: z.string(), uscc: z.string() }),
    status: z.enum(WORKPLAN_STATUSES),
    version: z.number().int(),
    summary: z.string(),
    weakPoints: z.array(z.object({ text: z.string() })),
    finalisedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    members: z.array(
      z.object({
        orgId: z.string(),
        name: z.string(),
        uscc: z.string(),
        type: z.string(),
        position: z.enum(MEMBER_POSITIONS),
        note: z.string(),
      }),
    ),
    experts: z.array(
      z.object({
        personId: z.string(),
        name: z.string(),
        titleLevel: z.string(),
        titleName: z.string().nullable(),
        isExpert: z.boolean(),
        orgName: z.string().nullable(),
        role: z.string(),
      }),
    ),
    candidates: z.array(
      z.object({
        applicationId: z.string(),
        title: z.string(),
        summary: z.string(),
        kind: z.enum(PROJECT_KINDS).nullable(),
        orgMode: z.enum(ORG_MODES).nullable(),
        leadOrgId: z.string(),
        leadName: z.string(),
        leadInLeaderGroup: z.boolean(),
        cityFunds: z.number().int().nullable(),
        selfFunds: z.number().int().nullable(),
        participants: z.array(z.object({ orgId: z.string(), name: z.string(), role: z.string(), confirmed: z.boolean() })),
        inPlan: z.boolean(),
        status: z.string(),
        version: z.number().int(),
        compared: z.boolean(),
        verdict: z.enum(COMPARISON_VERDICTS).nullable(),
        rules: z.array(RuleResultOut),
      }),
    ),
    comparisons: z.array(
      z.object({
        id: z.string(),
        topic: z.string(),
        heldOn: z.string(),
        method: z.string(),
        participants: z.string(),
        conclusion: z.string(),
        candidates: z.array(
          z.object({ applicationId: z.string(), title: z.string().nullable(), verdict: z.enum(COMPARISON_VERDICTS), note: z.string() }),
        ),
        createdAt: z.string(),
      }),
    ),
    planRules: z.array(RuleResultOut),
    decisions: z.array(RuleDecisionOut),
    leaderGroup: z.array(z.object({ orgId: z.string(), name: z.string() })),
    totals: z.object({ candidates: z.number().int(), inPlan: z.number().int(), cityFunds: z.number().int(), selfFunds: z.number().int() }),
    params: PlanParamsOut,
  })
  .meta({ id: 'WorkplanView' });

export const WorkplanSummaryOut = z
  .object({
    id: z.string(),
    planId: z.string(),
    planYear: z.number().int(),
    chain: ChainRefOut,
    leader: z.object({ orgId: z.string(), name: z.string() }),
    status: z.enum(WORKPLAN_STATUSES),
    version: z.number().int(),
    candidates: z.number().int(),
    inPlan: z.number().int(),
    cityFundsInPlan: z.number().int(),
    finalisedAt: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'WorkplanSummary' });
export const WorkplanListOut = z.object({ items: z.array(WorkplanSummaryOut) });

// The interfaces above and these schemas describe one shape: each side must fit the other.
type Fits<A extends B, B> = A;
export type WorkplanViewFits = Fits<z.output<typeof WorkplanViewOut>, WorkplanView> & Fits<WorkplanView, z.input<typeof WorkplanViewOut>>;
export type WorkplanSummaryFits = Fits<z.output<typeof WorkplanSummaryOut>, WorkplanSummary> &
  Fits<WorkplanSummary, z.input<typeof WorkplanSummaryOut>>;
