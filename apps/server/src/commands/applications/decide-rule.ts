import { AppError, type ApplicationView, type RuleDecisionInput } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { inTransaction } from '../transaction.js';
import { evaluate } from './facts.js';
import { assertOfficer } from './guards.js';
import { buildView, loadForActor } from './view.js';

/**
 * An officer's written decision on one rule of one application: override an "in principle" failure
 * (3.2.i; 3.1.h is decided on the chain's work plan), or settle a needs-review result (e.g. 3.2.e's
 * field and direction) as confirmed or refused. Audited, and shown wherever the rule is shown.
 */
export async function decideRule(deps: Deps, actor: Actor, id: string, input: RuleDecisionInput): Promise<ApplicationView> {
  assertOfficer(actor);
  return inTransaction(deps, async (tx, now) => {
    const { app, relation, call } = await loadForActor(tx, actor, id);
    if (!['submitted', 'formal_passed', 'returned', 'draft'].includes(app.status))
      throw new AppError('state_conflict', { status: app.status });
    const ev = await evaluate(tx, app, call, now);
    const result = ev.rules.find((r) => r.code === input.code);
    if (!result)
      throw new AppError('validation_failed', [
        { path: 'body.code', message: `rule ${input.code} does not apply to this application / 该规则不适用` },
      ]);
    if (input.kind === 'override') {
      if (!result.inPrinciple) {
        throw new AppError('validation_failed', [
          { path: 'body.kind', message: `${input.code} is not an "in principle" rule and cannot be overridden / 该规则不可豁免` },
        ]);
      }
      if (result.outcome !== 'fail')
        throw new AppError('validation_failed', [{ path: 'body.kind', message: `${input.code} does not fail / 该规则未不符合` }]);
      if (app.track === 'consortium') {
        throw new AppError('validation_failed', [
          { path: 'body.code', message: 'decide chain caps on the work plan / 产业链上限在工作方案上决定' },
        ]);
      }
    } else {
      const raw = ev.rules.find((r) => r.code === input.code);
      const settledBefore = raw?.decision && raw.decision.kind !== 'override';
      if (!raw || (raw.outcome !== 'needs_review' && !settledBefore)) {
        throw new AppError('validation_failed', [{ path: 'body.kind', message: `${input.code} does not need review / 该规则无需审核` }]);
      }
    }
    const row = await tx
      .insertInto('rule_decisions')
      .values({
        subject_type: 'application',
        subject_id: app.id,
        rule_code: input.code,
        kind: input.kind,
        reason: input.reason,
        decided_by: actor.userId,
        decided_by_label: actor.label,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, actor, now, {
      action: `application.rule_${input.kind}`,
      entityType: 'application',
      entityId: app.id,
      before: { code: result.code, outcome: result.outcome, decision: result.decision },
      after: { code: input.code, kind: input.kind, decisionId: row.id },
      reason: input.reason,
    });
    return buildView(tx, actor, app, call, relation, now);
  });
}
