import { describe, expect, it } from 'vitest';
import { ORG_MODES, PROJECT_KINDS } from '../src/policy/codes.js';
import type { CallPublicationFacts, ChainPlanFacts, ChainProjectFacts, ConsortiumProjectFacts, PlanFacts } from '../src/policy/facts.js';
import { DEFAULT_PLAN_PARAMS, PlanParams } from '../src/policy/params.js';
import { runRule, type Rule, type RuleDecision, type RuleOutcome, type RuleResult } from '../src/policy/rule.js';
import {
  rule3_1_a,
  rule3_1_b,
  rule3_1_c,
  rule3_1_d,
  rule3_1_e,
  rule3_1_f,
  rule3_1_g,
  rule3_1_h,
  rule4_1_a,
  rule4_1_b,
  rule4_1_c,
  rule4_1_e,
  rule4_3_a,
} from '../src/policy/rules-consortium.js';

const PREFIX: Record<RuleOutcome, (code: string) => { zh: string; en: string }> = {
  pass: (c) => ({ zh: `符合 ${c}：`, en: `Meets ${c}: ` }),
  fail: (c) => ({ zh: `不符合 ${c}：`, en: `Fails ${c}: ` }),
  needs_review: (c) => ({ zh: `${c} 待审核：`, en: `${c} needs review: ` }),
};

/** Runs a rule and checks the outcome, the message prefix and the blocking flag together. */
function check<C>(rule: Rule<C>, ctx: C, outcome: RuleOutcome, params: PlanParams = DEFAULT_PLAN_PARAMS, decisions: RuleDecision[] = []) {
  const r = runRule(rule, ctx, params, decisions);
  expect(r.code).toBe(rule.code);
  expect(r.outcome).toBe(outcome);
  expectPrefix(r, outcome);
  expect(r.blocking).toBe(outcome === 'fail' && r.decision?.kind !== 'override');
  return r;
}

function expectPrefix(r: RuleResult, outcome: RuleOutcome) {
  const p = PREFIX[outcome](r.code);
  expect(r.message.zh.slice(0, p.zh.length)).toBe(p.zh);
  expect(r.message.en.slice(0, p.en.length)).toBe(p.en);
}

const params = (over: Partial<PlanParams>) => PlanParams.parse({ ...DEFAULT_PLAN_PARAMS, ...over });

function chainProject(id: string, over: Partial<ChainProjectFacts> = {}): ChainProjectFacts {
  return { id, title: `项目 ${id}`, cityFunds: 1_000_000, leadOrgId: `member-${id}`, kind: 'key_common', compared: true, ...over };
}

function projects(n: number, over: Partial<ChainProjectFacts> = {}): ChainProjectFacts[] {
  return Array.from({ length: n }, (_, i) => chainProject(`p${i + 1}`, over));
}

function chainPlan(over: Partial<ChainPlanFacts> = {}): ChainPlanFacts {
  return {
    stage: 'final',
    projects: projects(5),
    leaderGroupOrgIds: ['leader', 'sub', 'sub-of-sub'],
    memberCount: 6,
    expertCount: 3,
    weakPointCount: 4,
    ...over,
  };
}

function consortiumProject(over: Partial<ConsortiumProjectFacts> = {}): ConsortiumProjectFacts {
  return {
    kind: 'key_common',
    orgMode: 'standard',
    cityFunds: 1_000_000,
    selfFunds: 1_000_000,
    leadOrgId: 'leader',
    participantOrgIds: ['sme-1', 'univ-1'],
    memberOrgIds: ['leader', 'sme-1', 'univ-1', 'inst-1'],
    ...over,
  };
}

const decision = (code: RuleDecision['code'], kind: RuleDecision['kind']): RuleDecision => ({
  code,
  kind,
  reason: '经局务会研究同意',
  by: 'officer-1',
  at: '2026-03-01T09:00:00Z',
});

describe('3.1.a chain directions per year', () => {
  const plan = (n: number): PlanFacts => ({
    selectedChainCodes: Array.from({ length: n }, (_, i) => `C${String(i + 1).padStart(2, '0')}`),
  });

  it('passes with 0 and with exactly 10 chains', () => {
    check(rule3_1_a, plan(0), 'pass');
    const r = check(rule3_1_a, plan(10), 'pass');
    expect(r.facts.selected).toBe(10);
    expect(r.params).toEqual({ maxChainsPerYear: 10 });
  });

  it('fails with 11 chains', () => {
    const r = check(rule3_1_a, plan(11), 'fail');
    expect(r.facts.selected).toBe(11);
    expect(r.message.zh).toContain('超过上限 10');
  });

  it('counts a duplicated chain once', () => {
    const ten = plan(10).selectedChainCodes;
    const r = check(rule3_1_a, { selectedChainCodes: [...ten, 'C01', 'C10'] }, 'pass');
    expect(r.facts.selected).toBe(10);
  });

  it('reads maxChainsPerYear', () => {
    check(rule3_1_a, plan(3), 'fail', params({ maxChainsPerYear: 2 }));
    check(rule3_1_a, plan(12), 'pass', params({ maxChainsPerYear: 12 }));
  });
});

describe('3.1.b city funds per chain', () => {
  it('passes at exactly 10,000,000', () => {
    const r = check(rule3_1_b, chainPlan({ projects: projects(10) }), 'pass');
    expect(r.facts.total).toBe(10_000_000);
    check(rule3_1_b, chainPlan({ projects: projects(5, { cityFunds: 2_000_000 }) }), 'pass');
  });

  it('fails at 10,000,001', () => {
    const list = projects(10);
    list[9] = chainProject('p10', { cityFunds: 1_000_001 });
    const r = check(rule3_1_b, chainPlan({ projects: list }), 'fail');
    expect(r.facts.total).toBe(10_000_001);
    expect(r.message.zh).toContain('超过上限 1,000 万元');
  });

  it('counts a project without funds as zero', () => {
    const r = check(rule3_1_b, chainPlan({ projects: [...projects(10), chainProject('x', { cityFunds: null })] }), 'pass');
    expect(r.facts.total).toBe(10_000_000);
  });

  it('reads chainFundsCap', () => {
    check(rule3_1_b, chainPlan({ projects: projects(5) }), 'fail', params({ chainFundsCap: 4_999_999 }));
    check(rule3_1_b, chainPlan({ projects: projects(5) }), 'pass', params({ chainFundsCap: 5_000_000 }));
  });
});

describe('3.1.c projects per chain', () => {
  const at = (n: number, stage: ChainPlanFacts['stage']) => chainPlan({ stage, projects: projects(n) });

  it('in a draft, too few projects need review (the plan is still growing)', () => {
    check(rule3_1_c, at(0, 'draft'), 'needs_review');
    const r = check(rule3_1_c, at(4, 'draft'), 'needs_review');
    expect(r.facts).toEqual({ count: 4, stage: 'draft' });
    expect(r.message.zh).toContain('5—10 项');
  });

  it('in a final plan, too few projects fail', () => {
    check(rule3_1_c, at(0, 'final'), 'fail');
    check(rule3_1_c, at(4, 'final'), 'fail');
  });

  it('passes at 5 and 10 in both stages', () => {
    for (const stage of ['draft', 'final'] as const) {
      check(rule3_1_c, at(5, stage), 'pass');
      check(rule3_1_c, at(10, stage), 'pass');
    }
  });

  it('fails at 11 in both stages', () => {
    check(rule3_1_c, at(11, 'draft'), 'fail');
    check(rule3_1_c, at(11, 'final'), 'fail');
  });

  it('reads chainProjectsMin and chainProjectsMax', () => {
    const p = params({ chainProjectsMin: 2, chainProjectsMax: 3 });
    check(rule3_1_c, at(1, 'final'), 'fail', p);
    check(rule3_1_c, at(2, 'final'), 'pass', p);
    check(rule3_1_c, at(3, 'final'), 'pass', p);
    check(rule3_1_c, at(4, 'draft'), 'fail', p);
  });
});

describe('3.1.d fixed project amount', () => {
  it('passes 1,000,000 and 2,000,000', () => {
    check(rule3_1_d, consortiumProject({ cityFunds: 1_000_000 }), 'pass');
    check(rule3_1_d, consortiumProject({ cityFunds: 2_000_000 }), 'pass');
  });

  it('fails any other amount, none and zero', () => {
    for (const cityFunds of [1_500_000, 0, 999_999, 1_000_001, 2_000_001, 3_000_000]) {
      const r = check(rule3_1_d, consortiumProject({ cityFunds }), 'fail');
      expect(r.message.zh).toContain('100 万元 或 200 万元');
    }
    const r = check(rule3_1_d, consortiumProject({ cityFunds: null }), 'fail');
    expect(r.message.zh).toContain('未填写市财政经费');
  });

  it('reads chainProjectAmounts', () => {
    const p = params({ chainProjectAmounts: [500_000] });
    check(rule3_1_d, consortiumProject({ cityFunds: 500_000 }), 'pass', p);
    check(rule3_1_d, consortiumProject({ cityFunds: 1_000_000 }), 'fail', p);
  });
});

describe('3.1.e project kind', () => {
  it('passes each kind', () => {
    for (const kind of PROJECT_KINDS) check(rule3_1_e, consortiumProject({ kind }), 'pass');
  });

  it('fails without a kind or with an unknown one', () => {
    check(rule3_1_e, consortiumProject({ kind: null }), 'fail');
    check(rule3_1_e, consortiumProject({ kind: 'incremental' as never }), 'fail');
  });
});

describe('3.1.f carried out by consortium members', () => {
  it('passes when the lead and every participant are members', () => {
    check(rule3_1_f, consortiumProject(), 'pass');
    check(rule3_1_f, consortiumProject({ participantOrgIds: [] }), 'pass');
  });

  it('fails without a lead unit', () => {
    const r = check(rule3_1_f, consortiumProject({ leadOrgId: null }), 'fail');
    expect(r.message.zh).toContain('未确定牵头单位');
  });

  it('fails when a participant or the lead is outside the consortium', () => {
    const r = check(rule3_1_f, consortiumProject({ participantOrgIds: ['sme-1', 'stranger'] }), 'fail');
    expect(r.facts.outsiders).toEqual(['stranger']);
    const lead = check(rule3_1_f, consortiumProject({ leadOrgId: 'outsider' }), 'fail');
    expect(lead.facts.outsiders).toEqual(['outsider']);
    expect(lead.message.zh).toContain('1 个单位不是联合体成员');
  });
});

describe('3.1.g self-raised matching funds', () => {
  it('passes when self-raised equals city funds exactly', () => {
    const r = check(rule3_1_g, consortiumProject({ cityFunds: 2_000_000, selfFunds: 2_000_000 }), 'pass');
    expect(r.facts.needed).toBe(2_000_000);
  });

  it('fails one yuan short', () => {
    check(rule3_1_g, consortiumProject({ cityFunds: 2_000_000, selfFunds: 1_999_999 }), 'fail');
  });

  it('fails when no self-raised funds are given', () => {
    const r = check(rule3_1_g, consortiumProject({ selfFunds: null }), 'fail');
    expect(r.message.zh).toContain('未填写自筹经费');
  });

  it('with 150 % rounds the requirement up when the product is not an integer', () => {
    const p = params({ minMatchingRatioPct: 150 });
    // 1,000,001 × 1.5 = 1,500,001.5 → at least 1,500,002.
    const ok = check(rule3_1_g, consortiumProject({ cityFunds: 1_000_001, selfFunds: 1_500_002 }), 'pass', p);
    expect(ok.facts.needed).toBe(1_500_002);
    check(rule3_1_g, consortiumProject({ cityFunds: 1_000_001, selfFunds: 1_500_001 }), 'fail', p);
    // 1,000,003 × 1.5 = 1,500,004.5.
    check(rule3_1_g, consortiumProject({ cityFunds: 1_000_003, selfFunds: 1_500_005 }), 'pass', p);
    check(rule3_1_g, consortiumProject({ cityFunds: 1_000_003, selfFunds: 1_500_004 }), 'fail', p);
    // An integer product: exactly equal passes.
    check(rule3_1_g, consortiumProject({ cityFunds: 2_000_000, selfFunds: 3_000_000 }), 'pass', p);
    check(rule3_1_g, consortiumProject({ cityFunds: 2_000_000, selfFunds: 2_999_999 }), 'fail', p);
  });

  it('with 0 % any recorded self-raised amount passes', () => {
    check(rule3_1_g, consortiumProject({ cityFunds: 2_000_000, selfFunds: 0 }), 'pass', params({ minMatchingRatioPct: 0 }));
  });
});

describe('3.1.h leader group cap (in principle)', () => {
  const led = (id: string, leadOrgId: string, cityFunds: number) => chainProject(id, { leadOrgId, cityFunds });
  const others = [led('o1', 'sme-1', 2_000_000), led('o2', 'univ-1', 2_000_000), led('o3', 'sme-2', 1_000_000)];

  it('passes with exactly 2 projects and 2,000,000', () => {
    const r = check(rule3_1_h, chainPlan({ projects: [led('a', 'leader', 1_000_000), led('b', 'sub', 1_000_000), ...others] }), 'pass');
    expect(r.facts.count).toBe(2);
    expect(r.facts.funds).toBe(2_000_000);
    expect(r.inPrinciple).toBe(true);
    check(rule3_1_h, chainPlan({ projects: [led('a', 'leader', 2_000_000), ...others] }), 'pass');
  });

  it('fails with 3 projects even within the funds cap', () => {
    const plan = chainPlan({ projects: [led('a', 'leader', 1_000_000), led('b', 'sub', 500_000), led('c', 'leader', 500_000), ...others] });
    const r = check(rule3_1_h, plan, 'fail');
    expect(r.facts.count).toBe(3);
    expect(r.facts.funds).toBe(2_000_000);
    expect(r.message.zh).toContain('牵头 3 项，超过 2 项');
    expect(r.message.zh).not.toContain('市财政经费');
  });

  it('fails with 2,000,001 even within the project cap', () => {
    const r = check(rule3_1_h, chainPlan({ projects: [led('a', 'leader', 1_000_000), led('b', 'sub', 1_000_001)] }), 'fail');
    expect(r.facts.funds).toBe(2_000_001);
    expect(r.message.zh).toContain('超过 200 万元');
    expect(r.message.zh).not.toContain('超过 2 项');
  });

  it('counts subsidiaries of subsidiaries (they are in leaderGroupOrgIds)', () => {
    const list = [led('a', 'leader', 1_000_000), led('b', 'sub', 1_000_000), led('c', 'sub-of-sub', 1_000_000)];
    const r = check(rule3_1_h, chainPlan({ projects: list }), 'fail');
    expect(r.facts.count).toBe(3);
    expect(r.facts.funds).toBe(3_000_000);
    // Outside the group the same project does not count.
    check(rule3_1_h, chainPlan({ projects: list, leaderGroupOrgIds: ['leader', 'sub'] }), 'pass');
  });

  it('ignores projects without a lead unit', () => {
    const r = check(rule3_1_h, chainPlan({ projects: [led('a', 'leader', 2_000_000), chainProject('x', { leadOrgId: null })] }), 'pass');
    expect(r.facts.count).toBe(1);
  });

  it('an override keeps the failure visible but non-blocking', () => {
    const plan = chainPlan({ projects: [led('a', 'leader', 2_000_000), led('b', 'sub', 2_000_000), led('c', 'sub', 2_000_000)] });
    const d = decision('3.1.h', 'override');
    const r = check(rule3_1_h, plan, 'fail', DEFAULT_PLAN_PARAMS, [d]);
    expect(r.decision).toEqual(d);
    expect(r.blocking).toBe(false);
    expect(r.message.zh.startsWith('不符合 3.1.h：')).toBe(true);
  });

  it('an override of a non-in-principle rule has no effect', () => {
    const r = check(rule3_1_b, chainPlan({ projects: projects(11) }), 'fail', DEFAULT_PLAN_PARAMS, [decision('3.1.b', 'override')]);
    expect(r.decision).toBeNull();
    expect(r.blocking).toBe(true);
  });

  it('reads leaderGroupMaxProjects and leaderGroupMaxFunds', () => {
    const plan = chainPlan({ projects: [led('a', 'leader', 2_000_000), led('b', 'sub', 2_000_000), led('c', 'sub', 2_000_000)] });
    check(rule3_1_h, plan, 'pass', params({ leaderGroupMaxProjects: 3, leaderGroupMaxFunds: 6_000_000 }));
    check(rule3_1_h, plan, 'fail', params({ leaderGroupMaxProjects: 3, leaderGroupMaxFunds: 5_999_999 }));
  });
});

describe('4.1.a consortium and core expert team', () => {
  it('passes with a member besides the leader and the minimum team', () => {
    check(rule4_1_a, chainPlan({ memberCount: 2, expertCount: 3 }), 'pass');
  });

  it('a leader alone needs review in a draft and fails in a final plan', () => {
    check(rule4_1_a, chainPlan({ stage: 'draft', memberCount: 1 }), 'needs_review');
    const r = check(rule4_1_a, chainPlan({ stage: 'final', memberCount: 1 }), 'fail');
    expect(r.message.zh).toContain('联合体除链主外尚无成员');
  });

  it('a team below the minimum needs review in a draft and fails in a final plan', () => {
    check(rule4_1_a, chainPlan({ stage: 'draft', expertCount: 2 }), 'needs_review');
    const r = check(rule4_1_a, chainPlan({ stage: 'final', expertCount: 2 }), 'fail');
    expect(r.message.zh).toContain('少于 3 人');
  });

  it('reads minExpertTeam', () => {
    check(rule4_1_a, chainPlan({ expertCount: 4 }), 'fail', params({ minExpertTeam: 5 }));
    check(rule4_1_a, chainPlan({ expertCount: 5 }), 'pass', params({ minExpertTeam: 5 }));
  });
});

describe('4.1.b weak points and the annual work plan', () => {
  it('passes with weak points mapped and every project typed', () => {
    check(rule4_1_b, chainPlan(), 'pass');
  });

  it('no weak points: review in a draft, fail in a final plan', () => {
    check(rule4_1_b, chainPlan({ stage: 'draft', weakPointCount: 0 }), 'needs_review');
    check(rule4_1_b, chainPlan({ stage: 'final', weakPointCount: 0 }), 'fail');
  });

  it('an untyped project: review in a draft, fail in a final plan', () => {
    const list = [...projects(4), chainProject('untyped', { kind: null })];
    check(rule4_1_b, chainPlan({ stage: 'draft', projects: list }), 'needs_review');
    const r = check(rule4_1_b, chainPlan({ stage: 'final', projects: list }), 'fail');
    expect(r.facts.untyped).toEqual(['untyped']);
  });
});

describe('4.1.c argument and comparison', () => {
  it('passes when every project was compared, and with no projects', () => {
    check(rule4_1_c, chainPlan(), 'pass');
    check(rule4_1_c, chainPlan({ projects: [] }), 'pass');
  });

  it('an uncompared project: review in a draft, fail in a final plan', () => {
    const list = [...projects(4), chainProject('new', { compared: false })];
    check(rule4_1_c, chainPlan({ stage: 'draft', projects: list }), 'needs_review');
    const r = check(rule4_1_c, chainPlan({ stage: 'final', projects: list }), 'fail');
    expect(r.facts.missing).toEqual([{ id: 'new', title: '项目 new' }]);
  });
});

describe('4.1.e organisation mode', () => {
  it('passes each mode', () => {
    for (const orgMode of ORG_MODES) check(rule4_1_e, consortiumProject({ orgMode }), 'pass');
  });

  it('fails without a mode', () => {
    check(rule4_1_e, consortiumProject({ orgMode: null }), 'fail');
  });
});

describe('4.3.a published call', () => {
  const call = (over: Partial<CallPublicationFacts> = {}): CallPublicationFacts => ({ conditions: 3, materials: 2, criteria: 1, ...over });

  it('passes when conditions, materials and criteria are all published', () => {
    check(rule4_3_a, call(), 'pass');
  });

  it('fails for each missing part and names it', () => {
    expect(check(rule4_3_a, call({ conditions: 0 }), 'fail').message.zh).toContain('申报条件');
    expect(check(rule4_3_a, call({ materials: 0 }), 'fail').message.zh).toContain('申报材料');
    expect(check(rule4_3_a, call({ criteria: 0 }), 'fail').message.zh).toContain('评审标准');
    expect(check(rule4_3_a, call({ conditions: 0, materials: 0, criteria: 0 }), 'fail').message.zh).toBe(
      '不符合 4.3.a：尚未填写申报条件、申报材料、评审标准',
    );
  });
});
