import { AppError, blockingCodes, formatWan, PlanParams, ruleFailure, type PlanBudgets, type PlanParamsPatch } from '@rdplan/domain';
import type { Executor } from '../../db/database.js';
import { chainCodes, planRules } from '../../repositories/plans.js';

/** Checks shared by creating, changing and publishing a plan. */

type Problem = { path: string; message: string };

/** Stored (or default) parameters with a request's changes; the whole is checked (body.params.x). */
export function mergeParams(base: PlanParams, patch: PlanParamsPatch | undefined): PlanParams {
  const parsed = PlanParams.safeParse({ ...base, ...(patch ?? {}) });
  if (!parsed.success) {
    throw new AppError(
      'validation_failed',
      parsed.error.issues.map((i) => ({ path: ['body', 'params', ...i.path.map(String)].join('.'), message: i.message })),
    );
  }
  return parsed.data;
}

export interface PlanShape {
  params: PlanParams;
  budgets: PlanBudgets;
  chains: readonly { chainId: string; direction: string; budget: number }[];
}

/**
 * The selection and the money must add up: every chain exists and appears once; track budgets fit
 * the total; chain budgets fit the consortium budget and each is within 3.1.b's cap. Then 3.1.a.
 * Returns the selected chain codes.
 */
export async function checkPlanShape(db: Executor, plan: PlanShape): Promise<string[]> {
  const problems: Problem[] = [];
  const codes = await chainCodes(
    db,
    plan.chains.map((c) => c.chainId),
  );
  const seen = new Map<string, number>();
  plan.chains.forEach((c, i) => {
    const first = seen.get(c.chainId);
    if (first !== undefined) {
      problems.push({ path: `body.chains.${i}.chainId`, message: `chain selected twice (also item ${first}) / 产业链重复选择` });
    } else seen.set(c.chainId, i);
    if (!codes.has(c.chainId)) problems.push({ path: `body.chains.${i}.chainId`, message: 'unknown chain / 产业链不存在' });
    if (c.budget > plan.params.chainFundsCap) {
      problems.push({
        path: `body.chains.${i}.budget`,
        message: `above the 3.1.b cap of ${formatWan(plan.params.chainFundsCap, 'en')} / 超过 3.1.b 每条产业链上限 ${formatWan(plan.params.chainFundsCap, 'zh')}`,
      });
    }
  });
  const b = plan.budgets;
  if (b.consortium + b.backfill + b.continuation > b.total) {
    problems.push({
      path: 'body.budgets.total',
      message: `the track budgets (${b.consortium + b.backfill + b.continuation}) exceed the total / 各类别预算之和超过总预算`,
    });
  }
  const chainSum = plan.chains.reduce((s, c) => s + c.budget, 0);
  if (chainSum > b.consortium) {
    problems.push({
      path: 'body.budgets.consortium',
      message: `the chain budgets add up to ${chainSum}, more than the consortium budget ${b.consortium} / 各产业链预算之和超过联合体攻关预算`,
    });
  }
  if (problems.length > 0) throw new AppError('validation_failed', problems);
  const selected = plan.chains.map((c) => codes.get(c.chainId)!);
  assertPlanRules(selected, plan.params);
  return selected;
}

/** 3.1.a: 422 rule_failed naming the rule. */
export function assertPlanRules(chainCodes: readonly string[], params: PlanParams) {
  const results = planRules(chainCodes, params);
  if (blockingCodes(results).length > 0) throw new AppError('rule_failed', ruleFailure(results));
}
