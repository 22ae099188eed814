import { describe, expect, it } from 'vitest';
import type { RecognitionFacts } from '../src/policy/facts.js';
import { DEFAULT_PLAN_PARAMS } from '../src/policy/params.js';
import { runRule, type Rule, type RuleDecision, type RuleOutcome } from '../src/policy/rule.js';
import { rule3_4_a, rule3_4_b } from '../src/policy/rules-recognition.js';

const PREFIX: Record<RuleOutcome, (code: string) => string> = {
  pass: (c) => `符合 ${c}：`,
  fail: (c) => `不符合 ${c}：`,
  needs_review: (c) => `${c} 待审核：`,
};

function check<C>(rule: Rule<C>, ctx: C, outcome: RuleOutcome, decisions: RuleDecision[] = []) {
  const r = runRule(rule, ctx, DEFAULT_PLAN_PARAMS, decisions);
  expect(r.outcome).toBe(outcome);
  if (r.decision === null) expect(r.message.zh.slice(0, PREFIX[outcome](r.code).length)).toBe(PREFIX[outcome](r.code));
  expect(r.blocking).toBe(outcome === 'fail');
  return r;
}

function recognition(over: Partial<RecognitionFacts> = {}): RecognitionFacts {
  return {
    applicationDate: '2026-05-20',
    socialCapital: 3_000_000,
    cityFunds: null,
    completedOn: '2026-03-31',
    socialCapitalEvidence: true,
    completionEvidence: true,
    conditions: [
      { key: 'completed_within_two_years', affirmed: true },
      { key: 'guangzhou_registered', affirmed: true },
    ],
    recheck: null,
    ...over,
  };
}

describe('3.4.a completed with social capital, meeting the published conditions', () => {
  it('passes a complete application', () => {
    const r = check(rule3_4_a, recognition(), 'pass');
    expect(r.message.zh).toBe('符合 3.4.a：社会资本投入 300 万元，2026-03-31 完成');
  });

  it('fails each missing piece', () => {
    const cases: [Partial<RecognitionFacts>, string][] = [
      [{ socialCapital: null }, '须填写社会资本投入金额'],
      [{ socialCapital: 0 }, '须填写社会资本投入金额'],
      [{ completedOn: null }, '须填写项目完成日期'],
      [{ socialCapitalEvidence: false }, '缺少社会资本投入证明材料'],
      [{ completionEvidence: false }, '缺少项目完成证明材料'],
      [{ conditions: [{ key: 'guangzhou_registered', affirmed: false }] }, '1 项申报条件未确认'],
    ];
    for (const [over, text] of cases) {
      const r = check(rule3_4_a, recognition(over), 'fail');
      expect(r.message.zh).toContain(text);
    }
  });

  it('a completion date equal to the application date passes; a later one fails', () => {
    check(rule3_4_a, recognition({ completedOn: '2026-05-20' }), 'pass');
    const r = check(rule3_4_a, recognition({ completedOn: '2026-05-21' }), 'fail');
    expect(r.message.zh).toContain('项目须已完成');
  });

  it('reports the unaffirmed conditions by key and lists every problem', () => {
    const r = check(
      rule3_4_a,
      recognition({
        socialCapital: null,
        completionEvidence: false,
        conditions: [
          { key: 'a', affirmed: false },
          { key: 'b', affirmed: true },
        ],
      }),
      'fail',
    );
    expect(r.facts.unaffirmed).toEqual(['a']);
    expect(r.message.zh).toBe('不符合 3.4.a：须填写社会资本投入金额；缺少项目完成证明材料；1 项申报条件未确认');
  });
});

describe('3.4.b the bureau re-checks; no city funds', () => {
  it('needs review until the re-check is recorded', () => {
    check(rule3_4_b, recognition(), 'needs_review');
    check(rule3_4_b, recognition({ cityFunds: 0 }), 'needs_review');
  });

  it('passes or fails with the re-check', () => {
    check(rule3_4_b, recognition({ recheck: { passed: true } }), 'pass');
    check(rule3_4_b, recognition({ recheck: { passed: false } }), 'fail');
  });

  it('fails when city funds are asked for, even after a passed re-check', () => {
    const r = check(rule3_4_b, recognition({ cityFunds: 1, recheck: { passed: true } }), 'fail');
    expect(r.message.zh).toBe('不符合 3.4.b：认定立项不安排市财政经费');
  });

  it('a confirm or refuse decision settles the pending re-check', () => {
    const d = (kind: RuleDecision['kind']): RuleDecision => ({
      code: '3.4.b',
      kind,
      reason: '复核',
      by: 'officer-1',
      at: '2026-06-01T00:00:00Z',
    });
    expect(check(rule3_4_b, recognition(), 'pass', [d('confirm')]).decision?.kind).toBe('confirm');
    expect(check(rule3_4_b, recognition(), 'fail', [d('refuse')]).decision?.kind).toBe('refuse');
    // Not in principle: an override does nothing.
    expect(check(rule3_4_b, recognition({ recheck: { passed: false } }), 'fail', [d('override')]).decision).toBeNull();
  });
});
