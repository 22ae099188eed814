/**
 * The application form of every track, drawn from the national application's structure: title, field
 * and direction, objectives, research content, key performance indicators (考核指标), schedule, team,
 * budget table (city, self-raised, other), participating units and attachments. Drafts accept a
 * half-filled form; `formProblems` says what submission still needs, field by field, and is shared by
 * the server (authoritative) and the web form (live hints).
 */
import { z } from 'zod';
import type { Text } from '../i18n.js';
import { formatWan, type Yuan } from '../money.js';
import { APPLICATION_EVENTS, APPLICATION_STATES, type ApplicationEvent, type ApplicationState } from '../policy/application-workflow.js';
import { TRACKS, type Track } from '../policy/codes.js';
import type { TrackFacts } from '../policy/evaluate.js';
import type { PlanParams } from '../policy/params.js';
import type { RuleDecision, RuleResult } from '../policy/rule.js';
import { IsoDate, Uuid } from './common.js';
import { PlanParamsOut, RuleDecisionOut, RuleResultOut, TextOut } from './responses.js';

export const BUDGET_CATEGORIES = [
  'equipment',
  'materials',
  'testing',
  'fuel_power',
  'travel_meetings',
  'publication_ip',
  'labour',
  'consultancy',
  'indirect',
  'other',
] as const;
export type BudgetCategory = (typeof BUDGET_CATEGORIES)[number];
export const BUDGET_CATEGORY_LABELS: Record<BudgetCategory, Text> = {
  equipment: { zh: '设备费', en: 'Equipment' },
  materials: { zh: '材料费', en: 'Materials' },
  testing: { zh: '测试化验加工费', en: 'Testing and processing' },
  fuel_power: { zh: '燃料动力费', en: 'Fuel and power' },
  travel_meetings: { zh: '差旅/会议/国际合作与交流费', en: 'Travel, meetings, international exchange' },
  publication_ip: { zh: '出版/文献/信息传播/知识产权事务费', en: 'Publication and intellectual property' },
  labour: { zh: '劳务费', en: 'Labour' },
  consultancy: { zh: '专家咨询费', en: 'Expert consultancy' },
  indirect: { zh: '间接费用', en: 'Indirect costs' },
  other: { zh: '其他支出', en: 'Other' },
};

export const TEAM_ROLES = ['leader', 'core', 'member'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];
export const TEAM_ROLE_LABELS: Record<TeamRole, Text> = {
  leader: { zh: '项目负责人', en: 'Project leader' },
  core: { zh: '骨干成员', en: 'Core member' },
  member: { zh: '一般成员', en: 'Member' },
};

const Str = (max: number) => z.string().max(max);
/** 'YYYY-MM' or empty while drafting. */
const YearMonth = z.string().regex(/^(\d{4}-(0[1-9]|1[0-2]))?$/, { message: 'month as YYYY-MM' });
const Amount = z.number().int().min(0).max(10_000_000_000);

export const KpiRow = z.strictObject({ indicator: Str(200), target: Str(200), measure: Str(200).default('') });
export type KpiRow = z.infer<typeof KpiRow>;
export const ScheduleRow = z.strictObject({ from: YearMonth, to: YearMonth, task: Str(500) });
export type ScheduleRow = z.infer<typeof ScheduleRow>;
export const TeamRow = z.strictObject({
  name: Str(50),
  role: z.enum(TEAM_ROLES),
  title: Str(50).default(''),
  orgName: Str(200).default(''),
  duty: Str(200).default(''),
});
export type TeamRow = z.infer<typeof TeamRow>;
export const BudgetRow = z.strictObject({ category: z.enum(BUDGET_CATEGORIES), city: Amount, self: Amount, other: Amount });
export type BudgetRow = z.infer<typeof BudgetRow>;

/** Everything the applicant types. Locked facts (registry, national records, the chain's plan) are not here. */
export const ApplicationForm = z.strictObject({
  title: Str(200).optional(),
  summary: Str(1000).optional(),
  /** 14th Five-Year field or direction code (F01 / F01.02). */
  fieldCode: z.string().max(21).nullable().optional(),
  direction: Str(200).optional(),
  objectives: Str(5000).optional(),
  content: Str(20000).optional(),
  kpis: z.array(KpiRow).max(50).optional(),
  schedule: z.array(ScheduleRow).max(50).optional(),
  team: z.array(TeamRow).max(100).optional(),
  budget: z
    .array(BudgetRow)
    .max(BUDGET_CATEGORIES.length)
    .refine((rows) => new Set(rows.map((r) => r.category)).size === rows.length, { message: 'each budget category once' })
    .optional(),
  /** 3.3: how the national results will be industrialised, and the planned investment. */
  implementationPlan: Str(5000).optional(),
  plannedInvestment: Amount.nullable().optional(),
  /** 3.4: social capital invested, completion date, the published conditions the applicant affirms. */
  socialCapital: Amount.nullable().optional(),
  completedOn: IsoDate.nullable().optional(),
  conditionsAffirmed: z.array(z.string().max(50)).max(50).optional(),
});
export type ApplicationForm = z.infer<typeof ApplicationForm>;

export const CreateApplicationInput = z.strictObject({
  callId: Uuid,
  /** Chosen by the browser once per "new application" action: a retried create returns the same draft. */
  clientKey: Uuid,
  /** 3.2: the unit's national application, chosen from imported records. */
  nationalApplicationId: Uuid.optional(),
  /** 3.3: the accepted national project whose results the unit industrialises. */
  nationalProjectId: Uuid.optional(),
});
export type CreateApplicationInput = z.infer<typeof CreateApplicationInput>;

export const SaveDraftInput = z.strictObject({
  /** The version the browser last saw; a stale one is refused with 409 so no edit is lost silently. */
  version: z.number().int().min(1),
  form: ApplicationForm,
  nationalApplicationId: Uuid.nullable().optional(),
  nationalProjectId: Uuid.nullable().optional(),
});
export type SaveDraftInput = z.infer<typeof SaveDraftInput>;

export const SetUnitsInput = z.strictObject({
  version: z.number().int().min(1),
  units: z.array(z.strictObject({ orgId: Uuid, role: Str(100).default('') })).max(30),
});
export type SetUnitsInput = z.infer<typeof SetUnitsInput>;

export const SubmitInput = z.strictObject({ version: z.number().int().min(1) });
export type SubmitInput = z.infer<typeof SubmitInput>;

export const ReasonInput = z.strictObject({ reason: z.string().trim().min(2).max(2000) });

export const ConfirmUnitInput = z.strictObject({
  decision: z.enum(['confirm', 'decline']),
  reason: z.string().trim().max(1000).optional(),
});
export type ConfirmUnitInput = z.infer<typeof ConfirmUnitInput>;

export const RuleDecisionInput = z.strictObject({
  code: z.string().regex(/^\d\.\d\.[a-z]$/, { message: 'a rule code such as 3.2.i' }),
  kind: z.enum(['override', 'confirm', 'refuse']),
  reason: z.string().trim().min(5, { message: 'a written reason of at least 5 characters / 请填写理由（至少 5 个字）' }).max(2000),
});
export type RuleDecisionInput = z.infer<typeof RuleDecisionInput>;

export const FormalCheckInput = z.strictObject({
  decision: z.enum(['pass', 'return', 'reject']),
  checklist: z.array(z.strictObject({ key: Str(50), ok: z.boolean(), note: Str(1000).default('') })).max(50),
  comment: z.string().trim().max(5000).default(''),
});
export type FormalCheckInput = z.infer<typeof FormalCheckInput>;

export const RecheckInput = z.strictObject({
  passed: z.boolean(),
  checklist: z.array(z.strictObject({ key: Str(50), ok: z.boolean(), note: Str(1000).default('') })).max(50),
  comment: z.string().trim().max(5000).default(''),
});
export type RecheckInput = z.infer<typeof RecheckInput>;

export const VerifyImplementationInput = z.strictObject({
  investment: Amount,
  output: Amount,
  sales: Amount,
  jobs: z.number().int().min(0).max(1_000_000),
  comment: z.string().trim().max(5000).default(''),
});
export type VerifyImplementationInput = z.infer<typeof VerifyImplementationInput>;

export const ApplicationListQuery = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  callId: Uuid.optional(),
  track: z.enum(['consortium', 'backfill', 'continuation', 'recognition']).optional(),
  status: z.enum(APPLICATION_STATES).optional(),
  fieldCode: z.string().max(21).optional(),
  /** For units: applications in which their unit is a participating unit (to confirm). */
  participating: z.enum(['true', 'false']).optional(),
});
export type ApplicationListQuery = z.infer<typeof ApplicationListQuery>;

export interface FormProblem {
  path: string;
  message: Text;
}

export function budgetTotals(form: ApplicationForm): { city: Yuan; self: Yuan; other: Yuan } {
  const rows = form.budget ?? [];
  return {
    city: rows.reduce((s, r) => s + r.city, 0),
    self: rows.reduce((s, r) => s + r.self, 0),
    other: rows.reduce((s, r) => s + r.other, 0),
  };
}

/** Overlays what the applicant typed on the server's facts, so both sides run the rules on the same input. */
export function overlayForm(facts: TrackFacts, form: ApplicationForm): TrackFacts {
  switch (facts.track) {
    case 'consortium':
      return facts;
    case 'backfill':
      return {
        track: 'backfill',
        facts: {
          ...facts.facts,
          proposedFieldCode: form.fieldCode ?? null,
          proposedDirection: form.direction?.trim() ? form.direction.trim() : null,
          cityFunds: form.budget && form.budget.length > 0 ? budgetTotals(form).city : null,
        },
      };
    case 'continuation':
      return {
        track: 'continuation',
        facts: { ...facts.facts, requestedCityFunds: form.budget && form.budget.length > 0 ? budgetTotals(form).city : null },
      };
    case 'recognition':
      return {
        track: 'recognition',
        facts: {
          ...facts.facts,
          socialCapital: form.socialCapital ?? null,
          completedOn: form.completedOn ?? null,
          cityFunds: form.budget && form.budget.length > 0 ? budgetTotals(form).city : null,
          conditions: facts.facts.conditions.map((c) => ({ key: c.key, affirmed: (form.conditionsAffirmed ?? []).includes(c.key) })),
        },
      };
  }
}

const need = (path: string, zh: string, en: string): FormProblem => ({ path, message: { zh, en } });

export interface FormContext {
  track: Track;
  /** Consortium: the amounts the chain leader fixed. */
  lockedCityFunds: Yuan | null;
  lockedSelfFunds: Yuan | null;
  /** Required materials of the call, and the ones attached. */
  requiredMaterials: { key: string; zh: string; en: string }[];
  attachedMaterials: string[];
  /** Participating units not yet confirmed. */
  unconfirmedUnits: { orgId: string; name: string }[];
}

/** What submission still needs, field by field (paths as the API reports them). */
export function formProblems(form: ApplicationForm, ctx: FormContext): FormProblem[] {
  const out: FormProblem[] = [];
  const blank = (s: string | undefined) => !s || s.trim() === '';
  if (blank(form.title)) out.push(need('form.title', '请填写项目名称', 'give the project title'));
  if (!form.fieldCode) out.push(need('form.fieldCode', '请选择所属领域', 'choose the field'));
  if (blank(form.direction)) out.push(need('form.direction', '请填写研究方向', 'give the research direction'));
  if (blank(form.objectives)) out.push(need('form.objectives', '请填写项目目标', 'give the objectives'));
  if (blank(form.content)) out.push(need('form.content', '请填写研究内容', 'give the research content'));
  const kpis = form.kpis ?? [];
  if (kpis.length === 0) out.push(need('form.kpis', '请至少填写一项考核指标', 'give at least one performance indicator'));
  kpis.forEach((k, i) => {
    if (blank(k.indicator)) out.push(need(`form.kpis.${i}.indicator`, '请填写指标名称', 'give the indicator'));
    if (blank(k.target)) out.push(need(`form.kpis.${i}.target`, '请填写目标值', 'give the target'));
  });
  const schedule = form.schedule ?? [];
  if (schedule.length === 0) out.push(need('form.schedule', '请至少填写一个进度安排', 'give at least one schedule step'));
  schedule.forEach((s, i) => {
    if (blank(s.from) || blank(s.to)) out.push(need(`form.schedule.${i}.from`, '请填写起止年月', 'give the start and end months'));
    else if (s.from > s.to) out.push(need(`form.schedule.${i}.to`, '结束年月早于开始年月', 'the end month is before the start'));
    if (blank(s.task)) out.push(need(`form.schedule.${i}.task`, '请填写工作内容', 'give the task'));
  });
  const team = form.team ?? [];
  const leaders = team.filter((t) => t.role === 'leader').length;
  if (leaders !== 1) out.push(need('form.team', '项目团队须有且仅有一名项目负责人', 'the team needs exactly one project leader'));
  team.forEach((t, i) => {
    if (blank(t.name)) out.push(need(`form.team.${i}.name`, '请填写姓名', 'give the name'));
  });
  const budget = form.budget ?? [];
  if (budget.length === 0) out.push(need('form.budget', '请填写预算表', 'fill in the budget table'));
  const totals = budgetTotals(form);
  if (ctx.track === 'consortium') {
    if (ctx.lockedCityFunds !== null && totals.city !== ctx.lockedCityFunds)
      out.push(
        need(
          'form.budget',
          `预算表市财政经费合计须等于链主确定的 ${formatWan(ctx.lockedCityFunds, 'zh')}`,
          `city funds in the budget must total ${formatWan(ctx.lockedCityFunds, 'en')} as fixed by the chain leader`,
        ),
      );
    if (ctx.lockedSelfFunds !== null && totals.self !== ctx.lockedSelfFunds)
      out.push(
        need(
          'form.budget',
          `预算表自筹经费合计须等于链主确定的 ${formatWan(ctx.lockedSelfFunds, 'zh')}`,
          `self-raised funds in the budget must total ${formatWan(ctx.lockedSelfFunds, 'en')}`,
        ),
      );
  }
  if (ctx.track === 'continuation' && blank(form.implementationPlan))
    out.push(need('form.implementationPlan', '请填写成果落地实施方案', 'describe the industrialisation plan'));
  if (ctx.track === 'recognition') {
    if (!form.socialCapital) out.push(need('form.socialCapital', '请填写社会资本投入金额', 'give the social capital invested'));
    if (!form.completedOn) out.push(need('form.completedOn', '请填写项目完成日期', 'give the completion date'));
  }
  for (const m of ctx.requiredMaterials) {
    if (!ctx.attachedMaterials.includes(m.key))
      out.push(need(`attachments.${m.key}`, `缺少必备材料：${m.zh}`, `required material missing: ${m.en}`));
  }
  ctx.unconfirmedUnits.forEach((u) =>
    out.push(need(`units.${u.orgId}`, `${u.name} 尚未确认参与`, `${u.name} has not yet confirmed taking part`)),
  );
  return out;
}

/** What the API answers for one application; the web renders it and re-runs the rules live on `facts`. */
export interface ApplicationView {
  id: string;
  track: Track;
  status: ApplicationState;
  version: number;
  round: number;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  call: {
    id: string;
    titleZh: string;
    titleEn: string;
    state: 'upcoming' | 'open' | 'closed';
    opensAt: string;
    closesAt: string;
    planYear: number;
    conditions: { key: string; zh: string; en: string }[];
    materials: {
      key: string;
      zh: string;
      en: string;
      required: boolean;
      maxMb: number;
      evidence: 'social_capital' | 'completion' | null;
    }[];
    checklist: { key: string; zh: string; en: string }[];
  };
  /** From the registry, locked. */
  applicant: {
    orgId: string;
    name: string;
    uscc: string;
    type: string;
    regionCode: string;
    aboveDesignatedSize: boolean;
    aboveDesignatedSizeYear: number | null;
    hnteCertNo: string | null;
    hnteValidFrom: string | null;
    hnteValidTo: string | null;
  };
  /** Track facts from the chain's plan or the national records, locked (label → value). */
  locked: { key: string; label: Text; value: string | number | null; source: 'registry' | 'national' | 'chain_plan' | 'call' }[];
  /** "Fill in less" (4.3.c): the fields the system filled and the ones the applicant types. */
  prefilledFields: string[];
  typedFields: string[];
  nationalApplicationId: string | null;
  nationalProjectId: string | null;
  workplanId: string | null;
  form: ApplicationForm;
  units: {
    orgId: string;
    name: string;
    uscc: string;
    role: string;
    confirmedAt: string | null;
    declinedAt: string | null;
    declineReason: string | null;
  }[];
  attachments: {
    id: string;
    materialKey: string;
    filename: string;
    size: number;
    sha256: string;
    uploadedAt: string;
    /** Officers only: active content found in the PDF ('JavaScript', 'Launch', 'OpenAction', 'AA'); [] when none. */
    activeContent?: string[];
  }[];
  facts: TrackFacts;
  params: PlanParams;
  decisions: RuleDecision[];
  rules: RuleResult[];
  problems: FormProblem[];
  formContext: FormContext;
  allowedEvents: ApplicationEvent[];
  /** True for the applying unit's own users. */
  isApplicant: boolean;
  canEdit: boolean;
  checks: {
    round: number;
    decision: 'pass' | 'return' | 'reject' | 'recheck' | 'verify';
    checklist: { key: string; ok: boolean; note: string }[];
    comment: string;
    officer: string;
    at: string;
  }[];
  verification: { investment: number; output: number; sales: number; jobs: number } | null;
  amount: number | null;
  /** The project it became once approved (立项) or recognised (认定), else null. */
  project: ApplicationProject | null;
}

/** The project an application became: its code, the decision's 文号, the approved city funds in yuan. */
export interface ApplicationProject {
  code: string;
  kind: 'approved' | 'recognised';
  docNumber: string;
  decisionTitle: string;
  /** City funds approved, integer yuan (0 for a recognition, 3.4.b). */
  approvedAmount: number;
  approvedAt: string;
}

export interface ApplicationSummary {
  id: string;
  track: Track;
  status: ApplicationState;
  title: string;
  orgId: string;
  orgName: string;
  callId: string;
  callTitleZh: string;
  fieldCode: string | null;
  cityFunds: number | null;
  submittedAt: string | null;
  updatedAt: string;
  round: number;
  /** For a unit listing participations: whether it has confirmed. */
  participation: 'confirmed' | 'declined' | 'pending' | null;
}

const MaterialOut = z.object({
  key: z.string(),
  zh: z.string(),
  en: z.string(),
  required: z.boolean(),
  maxMb: z.number(),
  evidence: z.enum(['social_capital', 'completion']).nullable(),
});
const LabelOut = z.object({ key: z.string(), zh: z.string(), en: z.string() });

/** The application as the API answers it (ApplicationView), for the routes' response schemas. */
export const ApplicationViewOut = z
  .object({
    id: z.string(),
    track: z.enum(TRACKS),
    status: z.enum(APPLICATION_STATES),
    version: z.number().int(),
    round: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    submittedAt: z.string().nullable(),
    call: z.object({
      id: z.string(),
      titleZh: z.string(),
      titleEn: z.string(),
      state: z.enum(['upcoming', 'open', 'closed']),
      opensAt: z.string(),
      closesAt: z.string(),
      planYear: z.number().int(),
      conditions: z.array(LabelOut),
      materials: z.array(MaterialOut),
      checklist: z.array(LabelOut),
    }),
    applicant: z.object({
      orgId: z.string(),
      name: z.string(),
      uscc: z.string(),
      type: z.string(),
      regionCode: z.string(),
      aboveDesignatedSize: z.boolean(),
      aboveDesignatedSizeYear: z.number().int().nullable(),
      hnteCertNo: z.string().nullable(),
      hnteValidFrom: z.string().nullable(),
      hnteValidTo: z.string().nullable(),
    }),
    locked: z.array(
      z.object({
        key: z.string(),
        label: TextOut,
        value: z.union([z.string(), z.number()]).nullable(),
        source: z.enum(['registry', 'national', 'chain_plan', 'call']),
      }),
    ),
    prefilledFields: z.array(z.string()),
    typedFields: z.array(z.string()),
    nationalApplicationId: z.string().nullable(),
    nationalProjectId: z.string().nullable(),
    workplanId: z.string().nullable(),
    form: ApplicationForm,
    units: z.array(
      z.object({
        orgId: z.string(),
        name: z.string(),
        uscc: z.string(),
        role: z.string(),
        confirmedAt: z.string().nullable(),
        declinedAt: z.string().nullable(),
        declineReason: z.string().nullable(),
      }),
    ),
    attachments: z.array(
      z.object({
        id: z.string(),
        materialKey: z.string(),
        filename: z.string(),
        size: z.number().int(),
        sha256: z.string(),
        uploadedAt: z.string(),
        activeContent: z.array(z.string()).optional().describe('Officers only: active content found in the PDF; [] when none'),
      }),
    ),
    facts: z
      .looseObject({ track: z.enum(TRACKS) })
      .describe("The track's facts the rules run on (the web form re-runs them live): { track, project, plan } or { track, facts }"),
    params: PlanParamsOut,
    decisions: z.array(RuleDecisionOut),
    rules: z.array(RuleResultOut),
    problems: z.array(z.object({ path: z.string(), message: TextOut })),
    formContext: z.object({
      track: z.enum(TRACKS),
      lockedCityFunds: z.number().int().nullable(),
      lockedSelfFunds: z.number().int().nullable(),
      requiredMaterials: z.array(LabelOut),
      attachedMaterials: z.array(z.string()),
      unconfirmedUnits: z.array(z.object({ orgId: z.string(), name: z.string() })),
    }),
    allowedEvents: z.array(z.enum(APPLICATION_EVENTS)),
    project: z
      .object({
        code: z.string(),
        kind: z.enum(['approved', 'recognised']),
        docNumber: z.string(),
        decisionTitle: z.string(),
        approvedAmount: z.number().int().describe('City funds approved, integer yuan (0 for a recognition, 3.4.b)'),
        approvedAt: z.string(),
      })
      .nullable()
      .describe('The project it became once approved (立项) or recognised (认定), else null'),
    isApplicant: z.boolean(),
    canEdit: z.boolean(),
    checks: z.array(
      z.object({
        round: z.number().int(),
        decision: z.enum(['pass', 'return', 'reject', 'recheck', 'verify']),
        checklist: z.array(z.object({ key: z.string(), ok: z.boolean(), note: z.string() })),
        comment: z.string(),
        officer: z.string(),
        at: z.string(),
      }),
    ),
    verification: z.object({ investment: z.number(), output: z.number(), sales: z.number(), jobs: z.number() }).nullable(),
    amount: z.number().int().nullable(),
  })
  .meta({ id: 'ApplicationView' });

// ApplicationView and its schema describe one shape: each side must fit the other (facts: the schema
// documents the discriminant and lets the track's fields through).
type Fits<A extends B, B> = A;
export type ApplicationViewFits = Fits<ApplicationView, z.input<typeof ApplicationViewOut>> &
  Fits<Omit<z.output<typeof ApplicationViewOut>, 'facts'>, Omit<ApplicationView, 'facts'>>;
