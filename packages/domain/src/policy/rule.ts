/**
 * A rule is a pure function with its code, the clause it enforces, the parameters it reads and a
 * message in Chinese and English. It answers pass, fail or needs-review with the facts it used, so
 * that the server (authoritative) and the web form (live feedback) decide the same way and every
 * decision can be explained.
 */
import type { Text } from '../i18n.js';
import type { RuleCode } from './codes.js';
import type { PlanParams } from './params.js';

export type RuleOutcome = 'pass' | 'fail' | 'needs_review';

export type Facts = Record<string, unknown>;

/** An officer's recorded decision on one rule of one case: the only way round an "in principle" rule. */
export interface RuleDecision {
  code: RuleCode;
  /** override: an in-principle failure is allowed; confirm / refuse: settles a needs-review result. */
  kind: 'override' | 'confirm' | 'refuse';
  reason: string;
  by: string;
  at: string;
}

export interface RuleResult {
  code: RuleCode;
  outcome: RuleOutcome;
  /** "不符合 3.2.b：…" / "Fails 3.2.b: …" — what the user reads. */
  message: Text;
  facts: Facts;
  /** The parameters the rule read, with their values. */
  params: Partial<PlanParams>;
  /** 3.1.h and 3.2.i hold "in principle": an officer may override a failure with a written reason. */
  inPrinciple: boolean;
  /** The officer's decision applied to this result, shown wherever the result is shown. */
  decision: RuleDecision | null;
  /** True when the result stops the step it was checked for. */
  blocking: boolean;
}

export interface Verdict {
  outcome: RuleOutcome;
  /** The specific finding, without the code prefix (added by the engine). */
  detail: Text;
  facts: Facts;
}

export interface Rule<C> {
  code: RuleCode;
  /** The seed's clause and its English rendering. */
  clause: Text;
  /** The parameters read from the plan. */
  params: readonly (keyof PlanParams)[];
  inPrinciple?: boolean;
  check(ctx: C, params: PlanParams): Verdict;
}

export const pass = (detail: Text, facts: Facts = {}): Verdict => ({ outcome: 'pass', detail, facts });
export const fail = (detail: Text, facts: Facts = {}): Verdict => ({ outcome: 'fail', detail, facts });
export const review = (detail: Text, facts: Facts = {}): Verdict => ({ outcome: 'needs_review', detail, facts });

function prefix(code: RuleCode, outcome: RuleOutcome, detail: Text): Text {
  switch (outcome) {
    case 'pass':
      return { zh: `符合 ${code}：${detail.zh}`, en: `Meets ${code}: ${detail.en}` };
    case 'fail':
      return { zh: `不符合 ${code}：${detail.zh}`, en: `Fails ${code}: ${detail.en}` };
    case 'needs_review':
      return { zh: `${code} 待审核：${detail.zh}`, en: `${code} needs review: ${detail.en}` };
  }
}

function pick(params: PlanParams, keys: readonly (keyof PlanParams)[]): Partial<PlanParams> {
  const out: Partial<Record<keyof PlanParams, unknown>> = {};
  for (const key of keys) out[key] = params[key];
  return out as Partial<PlanParams>;
}

/**
 * Runs one rule and applies the officer's decision on it, if any:
 * - an override turns an in-principle failure into a non-blocking failure (still shown as overridden);
 * - confirm / refuse settle a needs-review result as pass / fail.
 */
export function runRule<C>(rule: Rule<C>, ctx: C, params: PlanParams, decisions: readonly RuleDecision[] = []): RuleResult {
  const verdict = rule.check(ctx, params);
  const inPrinciple = rule.inPrinciple ?? false;
  let outcome = verdict.outcome;
  let decision: RuleDecision | null = null;
  const latest = [...decisions].reverse().find((d) => d.code === rule.code) ?? null;
  if (latest) {
    if (latest.kind === 'override' && outcome === 'fail' && inPrinciple) decision = latest;
    if (latest.kind !== 'override' && outcome === 'needs_review') {
      decision = latest;
      outcome = latest.kind === 'confirm' ? 'pass' : 'fail';
    }
  }
  const blocking = outcome === 'fail' && !(decision?.kind === 'override');
  return {
    code: rule.code,
    outcome,
    message: prefix(rule.code, verdict.outcome, verdict.detail),
    facts: verdict.facts,
    params: pick(params, rule.params),
    inPrinciple,
    decision,
    blocking,
  };
}

export function runRules<C>(rules: readonly Rule<C>[], ctx: C, params: PlanParams, decisions: readonly RuleDecision[] = []): RuleResult[] {
  return rules.map((rule) => runRule(rule, ctx, params, decisions));
}

/** Codes of the results that stop the step. */
export function blockingCodes(results: readonly RuleResult[]): RuleCode[] {
  return results.filter((r) => r.blocking).map((r) => r.code);
}

/** The rule failure details the API answers with 422 rule_failed. */
export function ruleFailure(results: readonly RuleResult[]) {
  const failed = results.filter((r) => r.blocking);
  return { rules: failed.map((r) => r.code), results: failed };
}
