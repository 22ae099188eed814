import { describe, expect, it } from 'vitest';
import { NATIONAL_OUTCOMES, NATIONAL_STAGES } from '../src/policy/codes.js';
import type {
  ApplicantFacts,
  BackfillFacts,
  ContinuationFacts,
  NationalApplicationFacts,
  NationalProjectFacts,
  VerifiedImplementation,
} from '../src/policy/facts.js';
import { DEFAULT_PLAN_PARAMS, PlanParams } from '../src/policy/params.js';
import { runRule, type Rule, type RuleDecision, type RuleOutcome, type RuleResult } from '../src/policy/rule.js';
import {
  continuationAmount,
  rule3_2_a,
  rule3_2_b,
  rule3_2_c,
  rule3_2_d,
  rule3_2_e,
  rule3_2_f,
  rule3_2_g,
  rule3_2_h,
  rule3_2_i,
  rule3_3_a,
  rule3_3_b,
  rule3_3_c,
  rule3_3_d,
  rule3_3_e,
  topField,
} from '../src/policy/rules-national.js';
import type { OrgType } from '../src/registry.js';

const PREFIX: Record<RuleOutcome, (code: string) => { zh: string; en: string }> = {
  pass: (c) => ({ zh: `符合 ${c}：`, en: `Meets ${c}: ` }),
  fail: (c) => ({ zh: `不符合 ${c}：`, en: `Fails ${c}: ` }),
  needs_review: (c) => ({ zh: `${c} 待审核：`, en: `${c} needs review: ` }),
};

function check<C>(rule: Rule<C>, ctx: C, outcome: RuleOutcome, params: PlanParams = DEFAULT_PLAN_PARAMS, decisions: RuleDecision[] = []) {
  const r = runRule(rule, ctx, params, decisions);
  expect(r.code).toBe(rule.code);
  expect(r.outcome).toBe(outcome);
  if (r.decision === null) expectPrefix(r, outcome);
  expect(r.blocking).toBe(outcome === 'fail' && r.decision?.kind !== 'override');
  return r;
}

function expectPrefix(r: RuleResult, outcome: RuleOutcome) {
  const p = PREFIX[outcome](r.code);
  expect(r.message.zh.slice(0, p.zh.length)).toBe(p.zh);
  expect(r.message.en.slice(0, p.en.length)).toBe(p.en);
}

const params = (over: Partial<PlanParams>) => PlanParams.parse({ ...DEFAULT_PLAN_PARAMS, ...over });

const decision = (code: RuleDecision['code'], kind: RuleDecision['kind']): RuleDecision => ({
  code,
  kind,
  reason: '核对原申报书后确认',
  by: 'officer-1',
  at: '2026-04-01T09:00:00Z',
});

const USCC = '91440101MA59ABCD1X';

function applicant(over: Partial<ApplicantFacts> = {}): ApplicantFacts {
  return {
    orgId: 'org-1',
    name: '广州某科技有限公司',
    uscc: USCC,
    type: 'enterprise',
    regionCode: '440106',
    aboveDesignatedSize: true,
    aboveDesignatedSizeYear: 2025,
    hnteCertNo: 'GR202344000123',
    hnteValidFrom: '2023-12-01',
    hnteValidTo: '2026-11-30',
    ...over,
  };
}

function nationalApp(over: Partial<NationalApplicationFacts> = {}): NationalApplicationFacts {
  return {
    nationalId: '2025YFB3300100',
    year: 2025,
    programme: '高端功能与智能材料',
    direction: '先进结构材料',
    fieldCode: 'F01.03',
    leadUscc: USCC,
    leadOrgId: 'org-1',
    leadName: '广州某科技有限公司',
    stage: 'final_defence',
    outcome: 'not_approved',
    ...over,
  };
}

function backfill(over: Partial<BackfillFacts> = {}): BackfillFacts {
  return {
    applicant: applicant(),
    applicationYear: 2026,
    national: nationalApp(),
    proposedFieldCode: 'F01.02',
    proposedDirection: '先进结构材料工程化',
    planFieldCodes: ['F01.02', 'F01.03', 'F02.01'],
    cityFunds: 1_000_000,
    otherApplicationsThisYear: [],
    ...over,
  };
}

function nationalProject(over: Partial<NationalProjectFacts> = {}): NationalProjectFacts {
  return {
    nationalId: '2021YFA0700100',
    title: '新型储能材料',
    leadName: '北京某大学',
    leadType: 'university',
    leadRegionCode: '110108',
    acceptanceDate: '2024-09-10',
    acceptanceResult: 'passed',
    ...over,
  };
}

function continuation(over: Partial<ContinuationFacts> = {}): ContinuationFacts {
  return {
    applicant: applicant(),
    applicationDate: '2026-06-15',
    applicationYear: 2026,
    national: nationalProject(),
    verification: null,
    requestedCityFunds: null,
    ...over,
  };
}

describe('topField', () => {
  it('takes the part before the first dot', () => {
    expect(topField('F01.03')).toBe('F01');
    expect(topField('F01.03.02')).toBe('F01');
    expect(topField('F01')).toBe('F01');
  });
});

describe('3.2.a enterprise or medical institution in Guangzhou', () => {
  it('passes a Guangzhou enterprise or medical institution (any 4401xx code)', () => {
    check(rule3_2_a, backfill(), 'pass');
    check(rule3_2_a, backfill({ applicant: applicant({ type: 'medical_institution', regionCode: '440104' }) }), 'pass');
    check(rule3_2_a, backfill({ applicant: applicant({ regionCode: '440100' }) }), 'pass');
    check(rule3_2_a, backfill({ applicant: applicant({ regionCode: '440199' }) }), 'pass');
  });

  it('fails other kinds of unit', () => {
    for (const type of ['university', 'research_institute', 'other'] as OrgType[]) {
      const r = check(rule3_2_a, backfill({ applicant: applicant({ type }) }), 'fail');
      expect(r.message.zh).toContain('须为企业或医疗机构');
    }
  });

  it('fails outside Guangzhou', () => {
    for (const regionCode of ['440305', '440200', '440000', '110108', '4401', '44010']) {
      const r = check(rule3_2_a, backfill({ applicant: applicant({ regionCode }) }), 'fail');
      expect(r.message.zh).toContain('注册地须在广州市');
    }
  });
});

describe('3.2.b first applicant unit in the previous year', () => {
  it('passes for exactly applicationYear − 1', () => {
    const r = check(rule3_2_b, backfill(), 'pass');
    expect(r.facts.year).toBe(2025);
  });

  it('fails for two years back and for the same year', () => {
    expect(check(rule3_2_b, backfill({ national: nationalApp({ year: 2024 }) }), 'fail').message.zh).toContain('须为上一年度 2025');
    check(rule3_2_b, backfill({ national: nationalApp({ year: 2026 }) }), 'fail');
  });

  it('recognises the lead by orgId or by USCC', () => {
    check(rule3_2_b, backfill({ national: nationalApp({ leadUscc: null }) }), 'pass');
    check(rule3_2_b, backfill({ national: nationalApp({ leadUscc: '91440101MA59OTHER1' }) }), 'pass');
    check(rule3_2_b, backfill({ national: nationalApp({ leadOrgId: null }) }), 'pass');
    check(rule3_2_b, backfill({ national: nationalApp({ leadOrgId: 'org-2' }) }), 'pass');
  });

  it('fails when the applicant was not the lead', () => {
    const r = check(rule3_2_b, backfill({ national: nationalApp({ leadOrgId: 'org-2', leadUscc: '91440101MA59OTHER1' }) }), 'fail');
    expect(r.message.zh).toBe('不符合 3.2.b：上一年度须为国家重点研发计划项目第一申报单位');
    check(rule3_2_b, backfill({ national: nationalApp({ leadOrgId: null, leadUscc: null }) }), 'fail');
  });

  it('fails without a national record', () => {
    check(rule3_2_b, backfill({ national: null }), 'fail');
  });
});

describe('3.2.c final defence round', () => {
  it('passes only final_defence', () => {
    for (const stage of NATIONAL_STAGES)
      check(rule3_2_c, backfill({ national: nationalApp({ stage }) }), stage === 'final_defence' ? 'pass' : 'fail');
    check(rule3_2_c, backfill({ national: null }), 'fail');
  });
});

describe('3.2.d not approved', () => {
  it('passes only not_approved', () => {
    for (const outcome of NATIONAL_OUTCOMES)
      check(rule3_2_d, backfill({ national: nationalApp({ outcome }) }), outcome === 'not_approved' ? 'pass' : 'fail');
    expect(check(rule3_2_d, backfill({ national: nationalApp({ outcome: 'approved' }) }), 'fail').message.zh).toContain('已获立项');
    expect(check(rule3_2_d, backfill({ national: nationalApp({ outcome: 'pending' }) }), 'fail').message.zh).toContain('尚未确定');
    check(rule3_2_d, backfill({ national: null }), 'fail');
  });
});

describe('3.2.e within the original field and direction', () => {
  it('fails a different top-level field', () => {
    const r = check(rule3_2_e, backfill({ proposedFieldCode: 'F02.01' }), 'fail');
    expect(r.message.zh).toContain('F02.01');
  });

  it('the same top-level field needs an officer to compare the direction', () => {
    check(rule3_2_e, backfill({ proposedFieldCode: 'F01.02' }), 'needs_review');
    check(rule3_2_e, backfill({ proposedFieldCode: 'F01.03' }), 'needs_review');
    check(rule3_2_e, backfill({ national: nationalApp({ fieldCode: null }) }), 'needs_review');
  });

  it('confirm settles it as pass, refuse as fail', () => {
    const confirmed = check(rule3_2_e, backfill(), 'pass', DEFAULT_PLAN_PARAMS, [decision('3.2.e', 'confirm')]);
    expect(confirmed.decision?.kind).toBe('confirm');
    const refused = check(rule3_2_e, backfill(), 'fail', DEFAULT_PLAN_PARAMS, [decision('3.2.e', 'refuse')]);
    expect(refused.decision?.kind).toBe('refuse');
    expect(refused.blocking).toBe(true);
  });

  it('confirm does not rescue a different field', () => {
    const r = check(rule3_2_e, backfill({ proposedFieldCode: 'F02.01' }), 'fail', DEFAULT_PLAN_PARAMS, [decision('3.2.e', 'confirm')]);
    expect(r.decision).toBeNull();
  });

  it('fails without a proposed field or direction, or a national record', () => {
    check(rule3_2_e, backfill({ proposedFieldCode: null }), 'fail');
    check(rule3_2_e, backfill({ proposedDirection: null }), 'fail');
    check(rule3_2_e, backfill({ proposedDirection: '' }), 'fail');
    check(rule3_2_e, backfill({ national: null }), 'fail');
  });
});

describe('3.2.f 14th Five-Year plan direction', () => {
  it('passes a plan field and fails another or none', () => {
    check(rule3_2_f, backfill(), 'pass');
    check(rule3_2_f, backfill({ proposedFieldCode: 'F09.01' }), 'fail');
    check(rule3_2_f, backfill({ proposedFieldCode: null }), 'fail');
    check(rule3_2_f, backfill({ planFieldCodes: [] }), 'fail');
  });
});

describe('3.2.g selection by field', () => {
  it('groups by the top-level field and fails without a field', () => {
    expect(check(rule3_2_g, backfill({ proposedFieldCode: 'F02.01' }), 'pass').facts).toEqual({ group: 'F02' });
    expect(check(rule3_2_g, backfill({ proposedFieldCode: null }), 'fail').facts).toEqual({ group: null });
  });
});

describe('3.2.h fixed backfill amount', () => {
  it('passes exactly backfillAmount', () => {
    check(rule3_2_h, backfill({ cityFunds: 1_000_000 }), 'pass');
  });

  it('fails any other amount or none', () => {
    for (const cityFunds of [999_999, 1_000_001, 2_000_000, 0, null]) check(rule3_2_h, backfill({ cityFunds }), 'fail');
  });

  it('reads backfillAmount', () => {
    const p = params({ backfillAmount: 800_000 });
    check(rule3_2_h, backfill({ cityFunds: 800_000 }), 'pass', p);
    check(rule3_2_h, backfill({ cityFunds: 1_000_000 }), 'fail', p);
  });
});

describe('3.2.i one application per unit per year (in principle)', () => {
  const other = { id: 'app-9', title: '另一项递补申报' };

  it('passes with no other application', () => {
    const r = check(rule3_2_i, backfill(), 'pass');
    expect(r.facts.count).toBe(1);
    expect(r.inPrinciple).toBe(true);
  });

  it('fails with one other application', () => {
    const r = check(rule3_2_i, backfill({ otherApplicationsThisYear: [other] }), 'fail');
    expect(r.facts.count).toBe(2);
    expect(r.message.zh).toContain('已有 1 项递补申报（限 1 项）');
  });

  it('an override makes the failure non-blocking', () => {
    const d = decision('3.2.i', 'override');
    const r = check(rule3_2_i, backfill({ otherApplicationsThisYear: [other] }), 'fail', DEFAULT_PLAN_PARAMS, [d]);
    expect(r.decision).toEqual(d);
    expect(r.blocking).toBe(false);
    expectPrefix(r, 'fail');
  });

  it('reads backfillPerUnitPerYear', () => {
    const p = params({ backfillPerUnitPerYear: 2 });
    check(rule3_2_i, backfill({ otherApplicationsThisYear: [other] }), 'pass', p);
    check(rule3_2_i, backfill({ otherApplicationsThisYear: [other, { id: 'app-10', title: '第三项' }] }), 'fail', p);
  });
});

describe('3.3.a above-size high-tech enterprise in Guangzhou', () => {
  it('passes a Guangzhou above-size enterprise with a valid certificate', () => {
    check(rule3_3_a, continuation(), 'pass');
  });

  it('fails each missing property', () => {
    const cases: [Partial<ApplicantFacts>, string][] = [
      [{ type: 'university' }, '须为企业'],
      [{ type: 'medical_institution' }, '须为企业'],
      [{ regionCode: '440305' }, '注册地须在广州市'],
      [{ aboveDesignatedSize: false }, '须为规上企业'],
      [{ hnteCertNo: null }, '无高新技术企业证书'],
      [{ hnteValidFrom: null }, '不在有效期内'],
      [{ hnteValidTo: null }, '不在有效期内'],
    ];
    for (const [over, text] of cases) {
      const r = check(rule3_3_a, continuation({ applicant: applicant(over) }), 'fail');
      expect(r.message.zh).toContain(text);
    }
  });

  it('lists every problem at once', () => {
    const r = check(
      rule3_3_a,
      continuation({ applicant: applicant({ type: 'other', regionCode: '110108', aboveDesignatedSize: false }) }),
      'fail',
    );
    expect(r.message.zh).toBe('不符合 3.3.a：须为企业；注册地须在广州市；须为规上企业');
  });

  it('the certificate is valid on its first and last day, not a day outside', () => {
    const on = (applicationDate: string) => continuation({ applicationDate });
    check(rule3_3_a, on('2023-12-01'), 'pass');
    check(rule3_3_a, on('2026-11-30'), 'pass');
    check(rule3_3_a, on('2023-11-30'), 'fail');
    check(rule3_3_a, on('2026-12-01'), 'fail');
  });
});

describe('3.3.b takes on a national project', () => {
  it('passes with a project and fails without', () => {
    check(rule3_3_b, continuation(), 'pass');
    check(rule3_3_b, continuation({ national: null }), 'fail');
  });
});

describe('3.3.c accepted within the last three years', () => {
  const accepted = (acceptanceDate: string | null, over: Partial<NationalProjectFacts> = {}) =>
    continuation({ national: nationalProject({ acceptanceDate, ...over }) });

  it('passes from 1 January of applicationYear − 3', () => {
    const r = check(rule3_3_c, accepted('2023-01-01'), 'pass');
    expect(r.facts.earliestYear).toBe(2023);
    check(rule3_3_c, accepted('2023-12-31'), 'pass');
  });

  it('fails in applicationYear − 4', () => {
    check(rule3_3_c, accepted('2022-12-31'), 'fail');
    check(rule3_3_c, accepted('2022-01-01'), 'fail');
  });

  it('reads continuationLookbackYears', () => {
    const p = params({ continuationLookbackYears: 5 });
    check(rule3_3_c, accepted('2022-12-31'), 'pass', p);
    check(rule3_3_c, accepted('2021-01-01'), 'pass', p);
    check(rule3_3_c, accepted('2020-12-31'), 'fail', p);
  });

  it('passes on the application date, fails after it', () => {
    check(rule3_3_c, accepted('2026-06-15'), 'pass');
    expect(check(rule3_3_c, accepted('2026-06-16'), 'fail').message.zh).toContain('晚于申报日期');
  });

  it('counts from the plan year, not the year of the submission day (docs/tracks.md)', () => {
    // A call of the 2027 plan that units submit to in December 2026: the line is 2027 − 3 = 2024 for all.
    const early = (acceptanceDate: string) =>
      continuation({ applicationYear: 2027, applicationDate: '2026-12-10', national: nationalProject({ acceptanceDate }) });
    const r = check(rule3_3_c, early('2024-01-01'), 'pass');
    expect(r.facts.earliestYear).toBe(2024);
    expect(r.message.zh).toContain('验收年度须不早于 2027 年度计划前 3 年（2024 年）');
    const refused = check(rule3_3_c, early('2023-12-31'), 'fail');
    expect(refused.message.zh).toBe('不符合 3.3.c：2023-12-31 通过验收，验收年度须不早于 2027 年度计划前 3 年（2024 年）');
    expect(refused.message.en).toContain('the acceptance year must be 2024 or later (plan year 2027 − 3)');
  });

  it('fails a failed, missing or undated acceptance', () => {
    check(rule3_3_c, accepted('2025-01-01', { acceptanceResult: 'failed' }), 'fail');
    check(rule3_3_c, accepted('2025-01-01', { acceptanceResult: null }), 'fail');
    check(rule3_3_c, accepted(null), 'fail');
    check(rule3_3_c, continuation({ national: null }), 'fail');
  });
});

describe('3.3.d first undertaker is an academic unit outside Guangzhou', () => {
  const lead = (leadType: OrgType | null, leadRegionCode: string | null) =>
    continuation({ national: nationalProject({ leadType, leadRegionCode }) });

  it('passes a university or institute outside Guangzhou', () => {
    check(rule3_3_d, lead('university', '110108'), 'pass');
    check(rule3_3_d, lead('research_institute', '310104'), 'pass');
    check(rule3_3_d, lead('university', '440305'), 'pass');
  });

  it('fails one inside Guangzhou (4401xx)', () => {
    check(rule3_3_d, lead('university', '440106'), 'fail');
    check(rule3_3_d, lead('research_institute', '440100'), 'fail');
  });

  it('fails an enterprise or other kind of unit', () => {
    for (const t of ['enterprise', 'medical_institution', 'other'] as OrgType[]) check(rule3_3_d, lead(t, '110108'), 'fail');
  });

  it('needs review when the region is unknown', () => {
    check(rule3_3_d, lead('university', null), 'needs_review');
  });

  it('needs review when the kind of unit is unknown, unless it is in Guangzhou', () => {
    check(rule3_3_d, lead(null, '110108'), 'needs_review');
    check(rule3_3_d, lead(null, null), 'needs_review');
    check(rule3_3_d, lead(null, '440106'), 'fail');
  });

  it('fails without a national project', () => {
    check(rule3_3_d, continuation({ national: null }), 'fail');
  });
});

describe('3.3.e amount by verified implementation', () => {
  const verified = (investment: number): VerifiedImplementation => ({ investment, output: 0, sales: 0, jobs: 0 });

  it('needs review until verified', () => {
    check(rule3_3_e, continuation(), 'needs_review');
    check(rule3_3_e, continuation({ requestedCityFunds: 0 }), 'needs_review');
  });

  it('fails a budget that asks for city funds, verified or not: the amount comes from verification only', () => {
    const r = check(rule3_3_e, continuation({ requestedCityFunds: 500_000 }), 'fail');
    expect(r.message.zh).toContain('不符合 3.3.e：预算申请了市财政经费 50 万元');
    expect(r.message.en).toContain("the budget's city funds must be 0");
    expect(r.blocking).toBe(true);
    check(rule3_3_e, continuation({ requestedCityFunds: 1, verification: verified(5_000_000) }), 'fail');
  });

  it('a share of verified investment, rounded down', () => {
    expect(check(rule3_3_e, continuation({ verification: verified(5_000_000) }), 'pass').facts.amount).toBe(1_000_000);
    // 1,234,567 × 20 % = 246,913.4
    expect(check(rule3_3_e, continuation({ verification: verified(1_234_567) }), 'pass').facts.amount).toBe(246_913);
    expect(continuationAmount(verified(4), DEFAULT_PLAN_PARAMS)).toBe(0);
    expect(continuationAmount(verified(0), DEFAULT_PLAN_PARAMS)).toBe(0);
  });

  it('capped, with the cap binding exactly', () => {
    expect(continuationAmount(verified(9_999_999), DEFAULT_PLAN_PARAMS)).toBe(1_999_999);
    expect(continuationAmount(verified(10_000_000), DEFAULT_PLAN_PARAMS)).toBe(2_000_000);
    expect(continuationAmount(verified(10_000_005), DEFAULT_PLAN_PARAMS)).toBe(2_000_000);
    expect(continuationAmount(verified(100_000_000), DEFAULT_PLAN_PARAMS)).toBe(2_000_000);
  });

  it('reads continuationSharePct and continuationCap', () => {
    const p = params({ continuationSharePct: 33, continuationCap: 500_000 });
    const r = check(rule3_3_e, continuation({ verification: verified(1_000_001) }), 'pass', p);
    expect(r.facts.amount).toBe(330_000);
    expect(r.params).toEqual({ continuationSharePct: 33, continuationCap: 500_000 });
    expect(continuationAmount(verified(1_515_152), p)).toBe(500_000);
    expect(continuationAmount(verified(1_515_151), p)).toBe(499_999);
  });

  it('confirm settles the unverified review, refuse fails it', () => {
    check(rule3_3_e, continuation(), 'pass', DEFAULT_PLAN_PARAMS, [decision('3.3.e', 'confirm')]);
    check(rule3_3_e, continuation(), 'fail', DEFAULT_PLAN_PARAMS, [decision('3.3.e', 'refuse')]);
  });
});
