import { AppError, budgetTotals, formProblems, ruleFailure, type ApplicationView, type SubmitInput } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { callState } from '../../repositories/calls.js';
import { inTransaction } from '../transaction.js';
import { assertVersion, auditSummary } from './guards.js';
import { evaluate } from './facts.js';
import { buildView, loadForActor } from './view.js';

/**
 * Submission: the rules decide (422 with the failed rule codes), then completeness (400 naming each
 * field), and only then is the application stored as submitted. Idempotent: a retried submit of the
 * same version answers the submitted application again and changes nothing.
 */
export async function submitApplication(deps: Deps, actor: Actor, id: string, input: SubmitInput): Promise<ApplicationView> {
  return inTransaction(deps, async (tx, now) => {
    // Read once, locked: concurrent submits of the same application wait for this one.
    const { app, relation, call } = await loadForActor(tx, actor, id, { lock: true });
    if (relation !== 'applicant') throw new AppError('forbidden');
    if (app.status === 'submitted' && app.submitted_version === input.version) {
      return buildView(tx, actor, app, call, relation, now);
    }
    if (app.status !== 'draft' && app.status !== 'returned') throw new AppError('state_conflict', { status: app.status });
    assertVersion(app, input.version);
    if (app.status === 'draft') {
      const window = callState(call.opensAt, call.closesAt, now);
      if (window !== 'open') {
        throw new AppError('state_conflict', {
          callState: window,
          message: `the call is ${window} / 申报${window === 'upcoming' ? '尚未开始' : '已截止'}`,
        });
      }
    }
    const ev = await evaluate(tx, app, call, now, 'final');
    if (app.track === 'consortium') {
      if (ev.workplanStatus !== 'finalised' || !app.in_plan) {
        throw new AppError('state_conflict', {
          message:
            "the chain's annual work plan must be finalised with this project in it (4.1.b) / 须待链主年度科技攻关工作方案定稿并纳入本项目",
        });
      }
    }
    const failure = ruleFailure(ev.rules);
    if (failure.rules.length > 0) throw new AppError('rule_failed', failure);
    const problems = formProblems(ev.form, ev.formContext);
    if (problems.length > 0) {
      throw new AppError(
        'validation_failed',
        problems.map((p) => ({ path: p.path, message: `${p.message.en} / ${p.message.zh}` })),
      );
    }
    const totals = budgetTotals(ev.form);
    const funds =
      app.track === 'consortium'
        ? {}
        : app.track === 'recognition'
          ? { city_funds: 0, self_funds: totals.self }
          : app.track === 'continuation'
            ? { self_funds: totals.self }
            : { city_funds: totals.city, self_funds: totals.self };
    const updated = await tx
      .updateTable('applications')
      .set({ status: 'submitted', round: app.round + 1, submitted_at: now, submitted_version: app.version, updated_at: now, ...funds })
      .where('id', '=', app.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    // The rules were judged on this row a moment ago in this transaction (only the status changed since):
    // the view reuses that evaluation instead of judging again.
    const view = await buildView(tx, actor, updated, call, relation, now, ev);
    await appendAudit(tx, actor, now, {
      action: app.status === 'returned' ? 'application.resubmit' : 'application.submit',
      entityType: 'application',
      entityId: app.id,
      before: auditSummary(app),
      after: {
        ...auditSummary(updated),
        rules: ev.rules.map((r) => ({ code: r.code, outcome: r.outcome, decision: r.decision?.kind ?? null })),
      },
    });
    return view;
  });
}
