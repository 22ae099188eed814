import { AppError, CHAIN_PLAN_RULES, type WorkplanRuleDecisionInput, type WorkplanView } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { inTransaction } from '../transaction.js';
import { assertMayReadWorkplan, lockWorkplan, viewOf } from './access.js';

/**
 * An officer overrides an "in principle" rule of a chain's plan (3.1.h) with a written reason. The
 * decision is stored, audited and shown on the rule's result; it lets the plan be finalised.
 */
export async function recordRuleDecision(deps: Deps, actor: Actor, id: string, input: WorkplanRuleDecisionInput): Promise<WorkplanView> {
  return inTransaction(deps, async (tx, now) => {
    const wp = await lockWorkplan(tx, id);
    assertMayReadWorkplan(actor, wp);
    const rule = CHAIN_PLAN_RULES.find((r) => r.code === input.code);
    if (!rule || !rule.inPrinciple) {
      const allowed = CHAIN_PLAN_RULES.filter((r) => r.inPrinciple).map((r) => r.code);
      throw new AppError('validation_failed', [
        {
          path: 'body.code',
          message: `only the plan's in-principle rules (${allowed.join(', ')}) may be overridden / 仅"原则上"规则（${allowed.join('、')}）可经说明理由后放行`,
        },
      ]);
    }
    const row = await tx
      .insertInto('rule_decisions')
      .values({
        subject_type: 'workplan',
        subject_id: wp.id,
        rule_code: input.code,
        kind: input.kind,
        reason: input.reason,
        decided_by: actor.userId,
        decided_by_label: actor.label,
        decided_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, actor, now, {
      action: 'workplan.rule_decision',
      entityType: 'workplan',
      entityId: wp.id,
      after: { decisionId: row.id, code: input.code, kind: input.kind, reason: input.reason },
      reason: input.reason,
    });
    return viewOf(tx, wp.id, now);
  });
}
