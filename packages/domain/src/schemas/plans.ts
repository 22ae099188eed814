import { z } from 'zod';
import type { Text } from '../i18n.js';
import { TRACKS, type Track } from '../policy/codes.js';
import { PlanParams } from '../policy/params.js';
import type { RuleResult } from '../policy/rule.js';
import { NonEmpty } from './common.js';

/**
 * Annual plans (年度计划) and calls (申报指南) — requests shared by the server and the web forms, and
 * the views both read. Money is integer yuan; call times are instants with an offset, shown in
 * Asia/Shanghai.
 */

const Flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const Yuan = z.number().int().min(0).max(100_000_000_000);
const Reason = z.string().trim().max(500).optional();

/**
 * Plan parameters as a request gives them: any subset. On create the missing ones take the seed's
 * defaults; on update they keep the stored value. The merged whole is checked with PlanParams.
 */
const paramShape = Object.fromEntries(
  Object.entries(PlanParams.shape).map(([key, schema]) => [key, (schema as z.ZodDefault<z.ZodType>).unwrap().optional()]),
);
export const PlanParamsPatch = z.strictObject(paramShape) as unknown as z.ZodType<Partial<PlanParams>>;
export type PlanParamsPatch = Partial<PlanParams>;

export const PlanBudgets = z.strictObject({
  total: Yuan,
  consortium: Yuan,
  backfill: Yuan,
  continuation: Yuan,
});
export type PlanBudgets = z.infer<typeof PlanBudgets>;

export const PlanChainInput = z.strictObject({
  chainId: z.string().uuid(),
  /** 3.1.a: the chain's key direction this year. */
  direction: z.string().trim().max(500).default(''),
  budget: Yuan.default(0),
});
export type PlanChainInput = z.infer<typeof PlanChainInput>;

/** A list in which every item's `field` is unique; the issue names the repeat. */
function uniqueBy<T>(list: readonly T[], field: keyof T & string, at: (string | number)[], ctx: z.RefinementCtx) {
  const seen = new Map<unknown, number>();
  list.forEach((item, i) => {
    const value = item[field];
    const first = seen.get(value);
    if (first !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [...at, i, field],
        message: `"${String(value)}" repeats item ${first} / 与第 ${first + 1} 项重复`,
      });
    } else seen.set(value, i);
  });
}

const PlanChains = z
  .array(PlanChainInput)
  .max(100)
  .superRefine((chains, ctx) => uniqueBy(chains, 'chainId', [], ctx));

export const PlanInput = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  title: NonEmpty(200),
  params: PlanParamsPatch.default({}),
  budgets: PlanBudgets.default({ total: 0, consortium: 0, backfill: 0, continuation: 0 }),
  chains: PlanChains.default([]),
  reason: Reason,
});
export type PlanInput = z.infer<typeof PlanInput>;

export const PlanUpdate = z.strictObject({
  title: NonEmpty(200).optional(),
  /** Merged with the stored parameters; a published plan's parameters cannot change. */
  params: PlanParamsPatch.optional(),
  budgets: PlanBudgets.partial().optional(),
  /** Replaces the selected chains. */
  chains: PlanChains.optional(),
  reason: Reason,
});
export type PlanUpdate = z.infer<typeof PlanUpdate>;

export const PlanListQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  status: z.enum(['draft', 'published']).optional(),
});
export type PlanListQuery = z.infer<typeof PlanListQuery>;

/* ---------- calls ---------- */

const Key = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, { message: 'lower-case letters, digits, _ or -, at most 40 / 仅限小写字母、数字、_、-' });
const Zh = NonEmpty(2000);
const En = z.string().trim().max(2000).default('');

export const CallItemInput = z.strictObject({ key: Key, zh: Zh, en: En });
export type CallItemInput = z.infer<typeof CallItemInput>;

export const MATERIAL_EVIDENCE = ['social_capital', 'completion'] as const;
export type MaterialEvidence = (typeof MATERIAL_EVIDENCE)[number];

export const CallMaterialInput = CallItemInput.extend({
  required: z.boolean().default(true),
  /** Largest file accepted, in MB. */
  maxMb: z.number().int().min(1).max(50).default(20),
  /** 3.4: the attachment that evidences social capital or completion. */
  evidence: z.enum(MATERIAL_EVIDENCE).nullable().default(null),
});
export type CallMaterialInput = z.infer<typeof CallMaterialInput>;

export const CallCriterionInput = CallItemInput.extend({
  weight: z.number().int().min(0).max(100),
});
export type CallCriterionInput = z.infer<typeof CallCriterionInput>;

function keyedList<T extends z.ZodType<{ key: string }>>(item: T) {
  return z
    .array(item)
    .max(100)
    .superRefine((list, ctx) => uniqueBy(list as { key: string }[], 'key', [], ctx));
}

const Conditions = keyedList(CallItemInput);
const Materials = keyedList(CallMaterialInput);
const Criteria = keyedList(CallCriterionInput);
const Checklist = keyedList(CallItemInput);

/** An instant with its offset, e.g. 2026-03-01T09:00:00+08:00. */
const Instant = z.iso.datetime({ offset: true, message: 'date-time with offset, e.g. 2026-03-01T09:00:00+08:00' });

const closesAfterOpens = (v: { opensAt?: string; closesAt?: string }, ctx: z.RefinementCtx) => {
  if (v.opensAt && v.closesAt && Date.parse(v.closesAt) <= Date.parse(v.opensAt)) {
    ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'closes before it opens / 截止时间须晚于开始时间' });
  }
};

export const CallInput = z
  .strictObject({
    planId: z.string().uuid(),
    track: z.enum(TRACKS),
    titleZh: NonEmpty(200),
    titleEn: z.string().trim().max(300).default(''),
    opensAt: Instant,
    closesAt: Instant,
    conditions: Conditions.default([]),
    materials: Materials.default([]),
    criteria: Criteria.default([]),
    checklist: Checklist.default([]),
    reason: Reason,
  })
  .superRefine(closesAfterOpens);
export type CallInput = z.infer<typeof CallInput>;

export const CallUpdate = z
  .strictObject({
    titleZh: NonEmpty(200).optional(),
    titleEn: z.string().trim().max(300).optional(),
    opensAt: Instant.optional(),
    closesAt: Instant.optional(),
    conditions: Conditions.optional(),
    materials: Materials.optional(),
    criteria: Criteria.optional(),
    checklist: Checklist.optional(),
    reason: Reason,
  })
  .superRefine(closesAfterOpens);
export type CallUpdate = z.infer<typeof CallUpdate>;

export const CallListQuery = z.strictObject({
  planId: z.string().uuid().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  track: z.enum(TRACKS).optional(),
  /** Staff only: drafts and cancelled calls too. */
  all: Flag.optional(),
});
export type CallListQuery = z.infer<typeof CallListQuery>;

/* ---------- views (responses), shared by server and web ---------- */

export type PlanStatus = 'draft' | 'published';

export interface PlanChainView {
  chainId: string;
  code: string;
  nameZh: string;
  nameEn: string;
  direction: string;
  budget: number;
  leaders: { orgId: string; name: string }[];
}

export interface PlanView {
  id: string;
  year: number;
  title: string;
  status: PlanStatus;
  params: PlanParams;
  budgets: PlanBudgets;
  chains: PlanChainView[];
  /** 3.1.a, as checked now. */
  rules: RuleResult[];
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export type CallStatus = 'draft' | 'published' | 'cancelled';
/** Where the call stands by the server clock. */
export type CallState = 'upcoming' | 'open' | 'closed';

export type CallItem = { key: string } & Text;
export interface CallMaterial extends CallItem {
  required: boolean;
  maxMb: number;
  evidence: MaterialEvidence | null;
}
export interface CallCriterion extends CallItem {
  weight: number;
}

export interface CallView {
  id: string;
  planId: string;
  year: number;
  track: Track;
  titleZh: string;
  titleEn: string;
  /** ISO instants (UTC); display in Asia/Shanghai. */
  opensAt: string;
  closesAt: string;
  status: CallStatus;
  state: CallState;
  conditions: CallItem[];
  materials: CallMaterial[];
  criteria: CallCriterion[];
  checklist: CallItem[];
  /** The plan parameters that apply to applications under this call (4.3.a). */
  params: PlanParams;
  /** 4.3.a, as checked now. */
  rules: RuleResult[];
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}
