/**
 * The [param] numbers of rules.md: every one belongs to a year's plan, with the seed's value as the
 * default. A bureau changes them per year without a code change. Where the seed gives no figure
 * (3.1.g ratio, 3.3.e formula, 4.1.a team size) the default is the documented interpretation.
 */
import { z } from 'zod';
import type { Text } from '../i18n.js';
import type { RuleCode } from './codes.js';

const Count = z.number().int().min(0).max(1000);
const Amount = z.number().int().min(0).max(10_000_000_000);

export const PlanParams = z
  .strictObject({
    /** 3.1.a: chain directions selected per year. */
    maxChainsPerYear: Count.default(10),
    /** 3.1.b: city funds per chain per year, yuan. */
    chainFundsCap: Amount.default(10_000_000),
    /** 3.1.c: projects per selected chain. */
    chainProjectsMin: Count.default(5),
    chainProjectsMax: Count.default(10),
    /** 3.1.d: the only amounts a chain project may receive, yuan. */
    chainProjectAmounts: z.array(Amount.min(1)).min(1).max(10).default([1_000_000, 2_000_000]),
    /** 3.1.g: self-raised funds at least this percentage of city funds (100 = equal). */
    minMatchingRatioPct: z.number().int().min(0).max(10_000).default(100),
    /** 3.1.h: projects and city funds led by the chain leader's whole corporate group. */
    leaderGroupMaxProjects: Count.default(2),
    leaderGroupMaxFunds: Amount.default(2_000_000),
    /** 4.1.a: members of the core technical expert team (interpretation). */
    minExpertTeam: Count.default(3),
    /** 3.2.h: the fixed amount of a backfill project, yuan. */
    backfillAmount: Amount.default(1_000_000),
    /** 3.2.i: backfill applications per unit per year. */
    backfillPerUnitPerYear: Count.default(1),
    /** 3.3.c: acceptance year ≥ plan year − lookback (the plan's year, not the submission day's; docs/tracks.md). */
    continuationLookbackYears: Count.default(3),
    /** 3.3.e: the amount is this percentage of verified investment… */
    continuationSharePct: z.number().int().min(0).max(100).default(20),
    /** …capped at this many yuan. */
    continuationCap: Amount.default(2_000_000),
    /** 4.3.b: working days a public notice runs. */
    noticeWorkingDays: Count.default(5),
    /**
     * 4.3.b: whether the day of publication counts as the notice's first working day (when it is one).
     * Off by default: like a period in days under the Civil Code (art. 201), counting starts the next day,
     * so a notice published at 17:00 still gives the public its full number of working days.
     */
    noticeFirstDayCounts: z.boolean().default(false),
  })
  .superRefine((p, ctx) => {
    if (p.chainProjectsMin > p.chainProjectsMax) {
      ctx.addIssue({ code: 'custom', path: ['chainProjectsMin'], message: 'chainProjectsMin must not exceed chainProjectsMax' });
    }
    if (new Set(p.chainProjectAmounts).size !== p.chainProjectAmounts.length) {
      ctx.addIssue({ code: 'custom', path: ['chainProjectAmounts'], message: 'amounts must be distinct' });
    }
  });
export type PlanParams = z.infer<typeof PlanParams>;

export const DEFAULT_PLAN_PARAMS: PlanParams = PlanParams.parse({});

/** What each parameter means and which rule it belongs to, for the plan form and the docs. */
export const PARAM_META: Record<
  keyof PlanParams,
  { rule: RuleCode | '4.3.b'; label: Text; unit: 'count' | 'yuan' | 'pct' | 'yuan_list' | 'years' | 'days' | 'flag' }
> = {
  maxChainsPerYear: { rule: '3.1.a', unit: 'count', label: { zh: '每年选取产业链方向上限', en: 'Chain directions per year, at most' } },
  chainFundsCap: {
    rule: '3.1.b',
    unit: 'yuan',
    label: { zh: '每条产业链年度市财政经费上限', en: 'City funds per chain per year, at most' },
  },
  chainProjectsMin: { rule: '3.1.c', unit: 'count', label: { zh: '每条产业链支持项目数下限', en: 'Projects per chain, at least' } },
  chainProjectsMax: { rule: '3.1.c', unit: 'count', label: { zh: '每条产业链支持项目数上限', en: 'Projects per chain, at most' } },
  chainProjectAmounts: {
    rule: '3.1.d',
    unit: 'yuan_list',
    label: { zh: '联合体项目定额支持金额', en: 'Fixed amounts of a chain project' },
  },
  minMatchingRatioPct: {
    rule: '3.1.g',
    unit: 'pct',
    label: { zh: '自筹经费与市财政经费最低比例', en: 'Self-raised funds as a share of city funds, at least' },
  },
  leaderGroupMaxProjects: {
    rule: '3.1.h',
    unit: 'count',
    label: { zh: '链主及子公司牵头项目数上限', en: 'Projects led by the leader group, at most' },
  },
  leaderGroupMaxFunds: {
    rule: '3.1.h',
    unit: 'yuan',
    label: { zh: '链主及子公司市财政经费上限', en: 'City funds to the leader group, at most' },
  },
  minExpertTeam: { rule: '4.1.a', unit: 'count', label: { zh: '核心技术专家团队人数下限', en: 'Core technical expert team, at least' } },
  backfillAmount: { rule: '3.2.h', unit: 'yuan', label: { zh: '递补支持定额', en: 'Fixed amount of a backfill project' } },
  backfillPerUnitPerYear: {
    rule: '3.2.i',
    unit: 'count',
    label: { zh: '同一单位年度递补申报数上限', en: 'Backfill applications per unit per year, at most' },
  },
  continuationLookbackYears: {
    rule: '3.3.c',
    unit: 'years',
    label: { zh: '验收年限（验收年度不早于计划年度前 N 年）', en: 'Acceptance within N years (acceptance year ≥ plan year − N)' },
  },
  continuationSharePct: {
    rule: '3.3.e',
    unit: 'pct',
    label: { zh: '接续支持：核实投入的支持比例', en: 'Continuation: share of verified investment' },
  },
  continuationCap: { rule: '3.3.e', unit: 'yuan', label: { zh: '接续支持金额上限', en: 'Continuation amount, at most' } },
  noticeWorkingDays: { rule: '4.3.b', unit: 'days', label: { zh: '公示期（工作日）', en: 'Public notice (working days)' } },
  noticeFirstDayCounts: {
    rule: '4.3.b',
    unit: 'flag',
    label: { zh: '公示发布当日计入公示期', en: 'The day of publication counts as a notice day' },
  },
};
