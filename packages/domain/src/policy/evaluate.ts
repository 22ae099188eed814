/** The rule sets per step, and a catalogue of every rule for the API, the UI and the docs. */
import type { Text } from '../i18n.js';
import type { RuleCode, Track } from './codes.js';
import type { BackfillFacts, ChainPlanFacts, ConsortiumProjectFacts, ContinuationFacts, RecognitionFacts } from './facts.js';
import type { PlanParams } from './params.js';
import { runRules, type Rule, type RuleDecision, type RuleResult } from './rule.js';
import { CALL_RULES, CHAIN_PLAN_RULES, CONSORTIUM_PROJECT_RULES, PLAN_RULES } from './rules-consortium.js';
import { BACKFILL_RULES, CONTINUATION_RULES } from './rules-national.js';
import { RECOGNITION_RULES } from './rules-recognition.js';

export type TrackFacts =
  | { track: 'consortium'; project: ConsortiumProjectFacts; plan: ChainPlanFacts }
  | { track: 'backfill'; facts: BackfillFacts }
  | { track: 'continuation'; facts: ContinuationFacts }
  | { track: 'recognition'; facts: RecognitionFacts };

/** Every rule an application of its track is checked against (consortium: the project's own rules and the chain's caps). */
export function evaluateApplication(input: TrackFacts, params: PlanParams, decisions: readonly RuleDecision[] = []): RuleResult[] {
  switch (input.track) {
    case 'consortium':
      return [
        ...runRules<ConsortiumProjectFacts>(CONSORTIUM_PROJECT_RULES, input.project, params, decisions),
        ...runRules<ChainPlanFacts>(CHAIN_PLAN_RULES, input.plan, params, decisions),
      ];
    case 'backfill':
      return runRules<BackfillFacts>(BACKFILL_RULES, input.facts, params, decisions);
    case 'continuation':
      return runRules<ContinuationFacts>(CONTINUATION_RULES, input.facts, params, decisions);
    case 'recognition':
      return runRules<RecognitionFacts>(RECOGNITION_RULES, input.facts, params, decisions);
  }
}

export interface RuleInfo {
  code: RuleCode;
  clause: Text;
  params: (keyof PlanParams)[];
  inPrinciple: boolean;
  /** Where the rule is decided. */
  scope: 'plan' | 'call' | 'chain_plan' | Track;
}

function info<C>(rules: readonly Rule<C>[], scope: RuleInfo['scope']): RuleInfo[] {
  return rules.map((r) => ({ code: r.code, clause: r.clause, params: [...r.params], inPrinciple: r.inPrinciple ?? false, scope }));
}

/** Every rule the software decides, in code order. */
export const RULE_CATALOGUE: RuleInfo[] = [
  ...info(PLAN_RULES, 'plan'),
  ...info(CONSORTIUM_PROJECT_RULES, 'consortium'),
  ...info(CHAIN_PLAN_RULES, 'chain_plan'),
  ...info(BACKFILL_RULES, 'backfill'),
  ...info(CONTINUATION_RULES, 'continuation'),
  ...info(RECOGNITION_RULES, 'recognition'),
  ...info(CALL_RULES, 'call'),
].sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
