import { describe, expect, it } from 'vitest';
import { RULE_CODES, TRACKS, isRuleCode, type RuleCode } from '../src/policy/codes.js';
import { RULE_CATALOGUE, evaluateApplication, type TrackFacts } from '../src/policy/evaluate.js';
import type { ApplicantFacts, ChainPlanFacts, ChainProjectFacts } from '../src/policy/facts.js';
import { DEFAULT_PLAN_PARAMS, PARAM_META, PlanParams } from '../src/policy/params.js';
import {
  blockingCodes,
  fail,
  pass,
  review,
  ruleFailure,
  runRule,
  runRules,
  type Rule,
  type RuleDecision,
  type RuleResult,
  type Verdict,
} from '../src/policy/rule.js';

const detail = { zh: '测试', en: 'test' };

function fixed(code: RuleCode, verdict: Verdict, inPrinciple?: boolean): Rule<null> {
  return {
    code,
    clause: { zh: '条款', en: 'clause' },
    params: ['chainFundsCap', 'backfillAmount'],
    ...(inPrinciple === undefined ? {} : { inPrinciple }),
    check: () => verdict,
  };
}

const decide = (code: RuleCode, kind: RuleDecision['kind'], at = '2026-03-01T00:00:00Z'): RuleDecision => ({
  code,
  kind,
  reason: '理由',
  by: 'officer-1',
  at,
});

const inPrincipleFail = fixed('3.1.h', fail(detail, { n: 3 }), true);
const plainFail = fixed('3.1.b', fail(detail));
const reviewRule = fixed('3.2.e', review(detail));
const passRule = fixed('3.2.a', pass(detail));

describe('runRule', () => {
  it('reports the verdict with prefixed messages, facts and the parameters read', () => {
    const r = runRule(inPrincipleFail, null, DEFAULT_PLAN_PARAMS);
    expect(r).toEqual({
      code: '3.1.h',
      outcome: 'fail',
      message: { zh: '不符合 3.1.h：测试', en: 'Fails 3.1.h: test' },
      facts: { n: 3 },
      params: { chainFundsCap: 10_000_000, backfillAmount: 1_000_000 },
      inPrinciple: true,
      decision: null,
      blocking: true,
    });
    expect(runRule(passRule, null, DEFAULT_PLAN_PARAMS).message).toEqual({ zh: '符合 3.2.a：测试', en: 'Meets 3.2.a: test' });
    expect(runRule(reviewRule, null, DEFAULT_PLAN_PARAMS).message).toEqual({ zh: '3.2.e 待审核：测试', en: '3.2.e needs review: test' });
  });

  it('a rule is not in principle unless it says so', () => {
    expect(runRule(plainFail, null, DEFAULT_PLAN_PARAMS).inPrinciple).toBe(false);
  });

  it('only failures block; needs_review does not', () => {
    expect(runRule(passRule, null, DEFAULT_PLAN_PARAMS).blocking).toBe(false);
    expect(runRule(reviewRule, null, DEFAULT_PLAN_PARAMS).blocking).toBe(false);
    expect(runRule(plainFail, null, DEFAULT_PLAN_PARAMS).blocking).toBe(true);
  });

  it('an override makes an in-principle failure non-blocking, still shown as a failure', () => {
    const d = decide('3.1.h', 'override');
    const r = runRule(inPrincipleFail, null, DEFAULT_PLAN_PARAMS, [d]);
    expect(r.outcome).toBe('fail');
    expect(r.decision).toEqual(d);
    expect(r.blocking).toBe(false);
    expect(r.message.zh).toBe('不符合 3.1.h：测试');
  });

  it('an override has no effect on a rule that is not in principle, a pass or a review', () => {
    const failed = runRule(plainFail, null, DEFAULT_PLAN_PARAMS, [decide('3.1.b', 'override')]);
    expect([failed.outcome, failed.decision, failed.blocking]).toEqual(['fail', null, true]);
    const passed = runRule(fixed('3.1.h', pass(detail), true), null, DEFAULT_PLAN_PARAMS, [decide('3.1.h', 'override')]);
    expect([passed.outcome, passed.decision, passed.blocking]).toEqual(['pass', null, false]);
    const pending = runRule(fixed('3.1.h', review(detail), true), null, DEFAULT_PLAN_PARAMS, [decide('3.1.h', 'override')]);
    expect([pending.outcome, pending.decision]).toEqual(['needs_review', null]);
  });

  it('confirm settles a review as pass, refuse as a blocking fail', () => {
    const confirmed = runRule(reviewRule, null, DEFAULT_PLAN_PARAMS, [decide('3.2.e', 'confirm')]);
    expect([confirmed.outcome, confirmed.decision?.kind, confirmed.blocking]).toEqual(['pass', 'confirm', false]);
    const refused = runRule(reviewRule, null, DEFAULT_PLAN_PARAMS, [decide('3.2.e', 'refuse')]);
    expect([refused.outcome, refused.decision?.kind, refused.blocking]).toEqual(['fail', 'refuse', true]);
    // The message keeps the rule's own finding; the decision is shown with it.
    expect(confirmed.message.zh).toBe('3.2.e 待审核：测试');
  });

  it('confirm and refuse do not change a pass or a fail', () => {
    for (const kind of ['confirm', 'refuse'] as const) {
      const failed = runRule(plainFail, null, DEFAULT_PLAN_PARAMS, [decide('3.1.b', kind)]);
      expect([failed.outcome, failed.decision, failed.blocking]).toEqual(['fail', null, true]);
      const passed = runRule(passRule, null, DEFAULT_PLAN_PARAMS, [decide('3.2.a', kind)]);
      expect([passed.outcome, passed.decision]).toEqual(['pass', null]);
    }
  });

  it('the latest decision on the rule counts; decisions on other rules are ignored', () => {
    const first = decide('3.2.e', 'confirm', '2026-03-01T00:00:00Z');
    const second = decide('3.2.e', 'refuse', '2026-03-02T00:00:00Z');
    expect(runRule(reviewRule, null, DEFAULT_PLAN_PARAMS, [first, second]).outcome).toBe('fail');
    expect(runRule(reviewRule, null, DEFAULT_PLAN_PARAMS, [second, first]).outcome).toBe('pass');
    expect(runRule(reviewRule, null, DEFAULT_PLAN_PARAMS, [decide('3.2.d', 'confirm')]).outcome).toBe('needs_review');
    expect(runRule(inPrincipleFail, null, DEFAULT_PLAN_PARAMS, [decide('3.2.i', 'override')]).blocking).toBe(true);
  });

  it('does not mutate the decisions it is given', () => {
    const decisions = [decide('3.2.e', 'confirm', 'a'), decide('3.2.e', 'refuse', 'b')];
    const copy = structuredClone(decisions);
    runRule(reviewRule, null, DEFAULT_PLAN_PARAMS, decisions);
    expect(decisions).toEqual(copy);
  });
});

describe('runRules, blockingCodes and ruleFailure', () => {
  it('runs in order and collects the blocking results', () => {
    const results = runRules([passRule, plainFail, reviewRule, inPrincipleFail], null, DEFAULT_PLAN_PARAMS, [decide('3.1.h', 'override')]);
    expect(results.map((r) => r.code)).toEqual(['3.2.a', '3.1.b', '3.2.e', '3.1.h']);
    expect(blockingCodes(results)).toEqual(['3.1.b']);
    const failure = ruleFailure(results);
    expect(failure.rules).toEqual(['3.1.b']);
    expect(failure.results.map((r) => r.code)).toEqual(['3.1.b']);
    expect(blockingCodes([])).toEqual([]);
  });
});

describe('RULE_CATALOGUE', () => {
  it('lists every rule code exactly once, in code order', () => {
    expect(RULE_CATALOGUE.map((r) => r.code)).toEqual([...RULE_CODES]);
  });

  it('every rule has a Chinese clause and an English rendering', () => {
    for (const r of RULE_CATALOGUE) {
      expect(r.clause.zh.trim().length, r.code).toBeGreaterThan(0);
      expect(r.clause.zh, r.code).toMatch(/[\u4e00-\u9fff]/);
      expect(r.clause.en.trim().length, r.code).toBeGreaterThan(0);
    }
  });

  it('only 3.1.h and 3.2.i hold in principle', () => {
    expect(RULE_CATALOGUE.filter((r) => r.inPrinciple).map((r) => r.code)).toEqual(['3.1.h', '3.2.i']);
  });

  it('scopes each rule where it is decided', () => {
    const scope = Object.fromEntries(RULE_CATALOGUE.map((r) => [r.code, r.scope]));
    expect(scope['3.1.a']).toBe('plan');
    expect(scope['4.3.a']).toBe('call');
    for (const c of ['3.1.b', '3.1.c', '3.1.h', '4.1.a', '4.1.b', '4.1.c']) expect(scope[c]).toBe('chain_plan');
    for (const c of ['3.1.d', '3.1.e', '3.1.f', '3.1.g', '4.1.e']) expect(scope[c]).toBe('consortium');
    for (const c of RULE_CODES.filter((c) => c.startsWith('3.2.'))) expect(scope[c]).toBe('backfill');
    for (const c of RULE_CODES.filter((c) => c.startsWith('3.3.'))) expect(scope[c]).toBe('continuation');
    for (const c of RULE_CODES.filter((c) => c.startsWith('3.4.'))) expect(scope[c]).toBe('recognition');
  });

  it("each rule's parameters are documented as belonging to that rule", () => {
    for (const r of RULE_CATALOGUE) for (const p of r.params) expect(PARAM_META[p].rule, `${r.code} reads ${p}`).toBe(r.code);
  });
});

describe('rule codes', () => {
  it('isRuleCode accepts the codes only', () => {
    for (const c of RULE_CODES) expect(isRuleCode(c)).toBe(true);
    for (const c of ['3.1', '4.1.d', '4.3.b', '', null, 3.1]) expect(isRuleCode(c)).toBe(false);
  });
});

describe('PlanParams', () => {
  it("defaults to the seed's figures", () => {
    expect(DEFAULT_PLAN_PARAMS).toEqual({
      maxChainsPerYear: 10,
      chainFundsCap: 10_000_000,
      chainProjectsMin: 5,
      chainProjectsMax: 10,
      chainProjectAmounts: [1_000_000, 2_000_000],
      minMatchingRatioPct: 100,
      leaderGroupMaxProjects: 2,
      leaderGroupMaxFunds: 2_000_000,
      minExpertTeam: 3,
      backfillAmount: 1_000_000,
      backfillPerUnitPerYear: 1,
      continuationLookbackYears: 3,
      continuationSharePct: 20,
      continuationCap: 2_000_000,
      noticeWorkingDays: 5,
      noticeFirstDayCounts: false,
    });
  });

  it('fills in defaults for a partial plan', () => {
    expect(PlanParams.parse({ maxChainsPerYear: 8 })).toEqual({ ...DEFAULT_PLAN_PARAMS, maxChainsPerYear: 8 });
  });

  it('rejects chainProjectsMin > chainProjectsMax on the chainProjectsMin path; equal is fine', () => {
    const r = PlanParams.safeParse({ chainProjectsMin: 11, chainProjectsMax: 10 });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path)).toEqual([['chainProjectsMin']]);
    expect(PlanParams.safeParse({ chainProjectsMin: 7, chainProjectsMax: 7 }).success).toBe(true);
    expect(PlanParams.safeParse({ chainProjectsMin: 11 }).success).toBe(false);
  });

  it('rejects duplicate amounts on the chainProjectAmounts path', () => {
    const r = PlanParams.safeParse({ chainProjectAmounts: [1_000_000, 1_000_000] });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path)).toEqual([['chainProjectAmounts']]);
  });

  it('rejects bad values with their field path', () => {
    const bad: [Record<string, unknown>, (string | number)[]][] = [
      [{ maxChainsPerYear: -1 }, ['maxChainsPerYear']],
      [{ chainFundsCap: 1.5 }, ['chainFundsCap']],
      [{ chainProjectAmounts: [] }, ['chainProjectAmounts']],
      [{ chainProjectAmounts: [0] }, ['chainProjectAmounts', 0]],
      [{ continuationSharePct: 101 }, ['continuationSharePct']],
      [{ minMatchingRatioPct: '100' }, ['minMatchingRatioPct']],
      [{ unknownKnob: 1 }, []],
    ];
    for (const [input, path] of bad) {
      const r = PlanParams.safeParse(input);
      expect(r.success, JSON.stringify(input)).toBe(false);
      expect(r.error?.issues[0]?.path, JSON.stringify(input)).toEqual(path);
    }
  });

  it('PARAM_META covers every parameter with a Chinese label', () => {
    expect(Object.keys(PARAM_META).sort()).toEqual(Object.keys(DEFAULT_PLAN_PARAMS).sort());
    for (const [key, meta] of Object.entries(PARAM_META)) {
      expect(meta.label.zh.length, key).toBeGreaterThan(0);
      expect(meta.label.en.length, key).toBeGreaterThan(0);
      expect(isRuleCode(meta.rule) || meta.rule === '4.3.b', key).toBe(true);
    }
    // Every parameter but the notice period's two is read by the rule it is filed under (notice.ts reads those).
    const read = new Set(RULE_CATALOGUE.flatMap((r) => r.params));
    expect(Object.keys(PARAM_META).filter((k) => !read.has(k as keyof PlanParams))).toEqual(['noticeWorkingDays', 'noticeFirstDayCounts']);
  });
});

const applicant: ApplicantFacts = {
  orgId: 'org-1',
  name: '广州某科技有限公司',
  uscc: '91440101MA59ABCD1X',
  type: 'enterprise',
  regionCode: '440112',
  aboveDesignatedSize: true,
  aboveDesignatedSizeYear: 2025,
  hnteCertNo: 'GR202344000123',
  hnteValidFrom: '2024-01-01',
  hnteValidTo: '2026-12-31',
};

const chainProjects = (n: number, leadOrgId: string): ChainProjectFacts[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `p${i}`,
    title: `项目${i}`,
    cityFunds: 2_000_000,
    leadOrgId,
    kind: 'disruptive',
    compared: true,
  }));

const chainPlan: ChainPlanFacts = {
  stage: 'final',
  projects: chainProjects(5, 'leader'),
  leaderGroupOrgIds: ['leader'],
  memberCount: 4,
  expertCount: 5,
  weakPointCount: 2,
};

const inputs: Record<(typeof TRACKS)[number], TrackFacts> = {
  consortium: {
    track: 'consortium',
    project: {
      kind: 'disruptive',
      orgMode: 'open_challenge',
      cityFunds: 2_000_000,
      selfFunds: 3_000_000,
      leadOrgId: 'leader',
      participantOrgIds: ['sme'],
      memberOrgIds: ['leader', 'sme'],
    },
    plan: chainPlan,
  },
  backfill: {
    track: 'backfill',
    facts: {
      applicant,
      applicationYear: 2026,
      national: {
        nationalId: '2025YFA0001',
        year: 2025,
        programme: '生物与信息融合',
        direction: '合成生物',
        fieldCode: 'F03.01',
        leadUscc: applicant.uscc,
        leadOrgId: null,
        leadName: applicant.name,
        stage: 'final_defence',
        outcome: 'not_approved',
      },
      proposedFieldCode: 'F03.02',
      proposedDirection: '合成生物制造',
      planFieldCodes: ['F03.02'],
      cityFunds: 1_000_000,
      otherApplicationsThisYear: [],
    },
  },
  continuation: {
    track: 'continuation',
    facts: {
      applicant,
      applicationDate: '2026-04-01',
      applicationYear: 2026,
      requestedCityFunds: null,
      national: {
        nationalId: '2020YFB0001',
        title: '智能装备',
        leadName: '上海某研究所',
        leadType: 'research_institute',
        leadRegionCode: '310104',
        acceptanceDate: '2024-12-01',
        acceptanceResult: 'passed',
      },
      verification: { investment: 8_000_000, output: 20_000_000, sales: 15_000_000, jobs: 30 },
    },
  },
  recognition: {
    track: 'recognition',
    facts: {
      applicationDate: '2026-04-01',
      socialCapital: 5_000_000,
      cityFunds: null,
      completedOn: '2026-01-31',
      socialCapitalEvidence: true,
      completionEvidence: true,
      conditions: [{ key: 'c1', affirmed: true }],
      recheck: { passed: true },
    },
  },
};

describe('evaluateApplication', () => {
  it('checks each track against its own rules', () => {
    const codes = (track: keyof typeof inputs) => evaluateApplication(inputs[track], DEFAULT_PLAN_PARAMS).map((r) => r.code);
    expect(codes('consortium')).toEqual([
      '3.1.d',
      '3.1.e',
      '3.1.f',
      '3.1.g',
      '4.1.e',
      '3.1.b',
      '3.1.c',
      '3.1.h',
      '4.1.a',
      '4.1.b',
      '4.1.c',
    ]);
    expect(codes('backfill')).toEqual(['3.2.a', '3.2.b', '3.2.c', '3.2.d', '3.2.e', '3.2.f', '3.2.g', '3.2.h', '3.2.i']);
    expect(codes('continuation')).toEqual(['3.3.a', '3.3.b', '3.3.c', '3.3.d', '3.3.e']);
    expect(codes('recognition')).toEqual(['3.4.a', '3.4.b']);
  });

  it('passes good applications (3.2.e left to an officer)', () => {
    const outcomes = (track: keyof typeof inputs) =>
      Object.fromEntries(evaluateApplication(inputs[track], DEFAULT_PLAN_PARAMS).map((r) => [r.code, r.outcome]));
    for (const track of ['continuation', 'recognition'] as const)
      expect(
        Object.entries(outcomes(track)).filter(([, o]) => o !== 'pass'),
        track,
      ).toEqual([]);
    const backfill = outcomes('backfill');
    expect(backfill['3.2.e']).toBe('needs_review');
    expect(Object.entries(backfill).filter(([, o]) => o !== 'pass')).toEqual([['3.2.e', 'needs_review']]);
    // 5 projects × 2,000,000 led by the leader: 3.1.h fails (5 > 2 and 10,000,000 > 2,000,000), everything else passes.
    const consortium = evaluateApplication(inputs.consortium, DEFAULT_PLAN_PARAMS);
    expect(blockingCodes(consortium)).toEqual(['3.1.h']);
  });

  it('applies decisions to the right rule', () => {
    const consortium = evaluateApplication(inputs.consortium, DEFAULT_PLAN_PARAMS, [decide('3.1.h', 'override')]);
    expect(blockingCodes(consortium)).toEqual([]);
    expect(consortium.find((r) => r.code === '3.1.h')?.decision?.kind).toBe('override');
    const backfill = evaluateApplication(inputs.backfill, DEFAULT_PLAN_PARAMS, [decide('3.2.e', 'refuse')]);
    expect(blockingCodes(backfill)).toEqual(['3.2.e']);
  });

  it('reads the plan parameters', () => {
    const strict = PlanParams.parse({ continuationCap: 1_000_000, backfillAmount: 900_000 });
    const continuation = evaluateApplication(inputs.continuation, strict);
    expect(continuation.find((r) => r.code === '3.3.e')?.facts.amount).toBe(1_000_000);
    expect(blockingCodes(evaluateApplication(inputs.backfill, strict))).toEqual(['3.2.h']);
  });

  it('every message starts with 符合 / 不符合 <code> or <code> 待审核', () => {
    const empty: TrackFacts[] = [
      {
        track: 'consortium',
        project: { kind: null, orgMode: null, cityFunds: null, selfFunds: null, leadOrgId: null, participantOrgIds: [], memberOrgIds: [] },
        plan: { stage: 'draft', projects: [], leaderGroupOrgIds: [], memberCount: 1, expertCount: 0, weakPointCount: 0 },
      },
      {
        track: 'continuation',
        facts: {
          applicant,
          applicationDate: '2026-04-01',
          applicationYear: 2026,
          national: null,
          verification: null,
          requestedCityFunds: null,
        },
      },
      {
        track: 'recognition',
        facts: {
          applicationDate: '2026-04-01',
          socialCapital: null,
          cityFunds: 10,
          completedOn: null,
          socialCapitalEvidence: false,
          completionEvidence: false,
          conditions: [],
          recheck: null,
        },
      },
    ];
    const all: RuleResult[] = [...Object.values(inputs), ...empty].flatMap((input) => evaluateApplication(input, DEFAULT_PLAN_PARAMS));
    expect(new Set(all.map((r) => r.outcome))).toEqual(new Set(['pass', 'fail', 'needs_review']));
    for (const r of all) {
      const ok =
        r.message.zh.startsWith(`符合 ${r.code}：`) ||
        r.message.zh.startsWith(`不符合 ${r.code}：`) ||
        r.message.zh.startsWith(`${r.code} 待审核：`);
      expect(ok, r.message.zh).toBe(true);
      const want = r.outcome === 'pass' ? `符合 ${r.code}：` : r.outcome === 'fail' ? `不符合 ${r.code}：` : `${r.code} 待审核：`;
      expect(r.message.zh.startsWith(want), r.message.zh).toBe(true);
    }
  });
});
