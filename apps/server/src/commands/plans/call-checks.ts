import { AppError, blockingCodes, ruleFailure } from '@rdplan/domain';
import { callRules } from '../../repositories/calls.js';

/** 4.3.a: conditions, materials and criteria are published with the call (422 rule_failed naming 4.3.a). */
export function assertCallRules(call: { conditions: unknown[]; materials: unknown[]; criteria: unknown[] }) {
  const results = callRules(call);
  if (blockingCodes(results).length > 0) throw new AppError('rule_failed', ruleFailure(results));
}

/** The window must be a real one (the merged values of an update too). */
export function assertWindow(opensAt: Date, closesAt: Date) {
  if (closesAt.getTime() <= opensAt.getTime()) {
    throw new AppError('validation_failed', [{ path: 'body.closesAt', message: 'closes before it opens / 截止时间须晚于开始时间' }]);
  }
}
