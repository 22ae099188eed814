import { AppError, ruleFailure, type ApplicationView, type FormalCheckInput } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { inTransaction } from '../transaction.js';
import { evaluate } from './facts.js';
import { assertOfficer, auditSummary } from './guards.js';
import { buildView, loadForActor } from './view.js';

/** Results settled by a later step rather than at the formal check. */
const LATER = new Set(['3.3.e', '3.4.b']);

/**
 * 形式审查: the officer works through the call's checklist, then passes the application, returns it
 * for revision with comments (the applicant edits and resubmits), or rejects it with a reason.
 */
export async function formalCheck(deps: Deps, actor: Actor, id: string, input: FormalCheckInput): Promise<ApplicationView> {
  assertOfficer(actor);
  return inTransaction(deps, async (tx, now) => {
    const { app: unlocked, relation, call } = await loadForActor(tx, actor, id);
    const app = (await tx.selectFrom('applications').selectAll().where('id', '=', unlocked.id).forUpdate().executeTakeFirst())!;
    if (app.status !== 'submitted') throw new AppError('state_conflict', { status: app.status });
    const given = new Map(input.checklist.map((c) => [c.key, c]));
    const problems: { path: string; message: string }[] = [];
    call.checklist.forEach((item, i) => {
      if (!given.has(item.key)) problems.push({ path: `body.checklist.${i}`, message: `check "${item.zh}" / 请完成检查项：${item.zh}` });
    });
    input.checklist.forEach((c, i) => {
      if (!call.checklist.some((item) => item.key === c.key))
        problems.push({ path: `body.checklist.${i}.key`, message: `not on the call's checklist / 非本指南检查项` });
    });
    if ((input.decision === 'return' || input.decision === 'reject') && !input.comment) {
      problems.push({ path: 'body.comment', message: 'say what to revise or why / 请填写退回修改意见或不予受理理由' });
    }
    if (input.decision === 'pass' && input.checklist.some((c) => !c.ok)) {
      problems.push({ path: 'body.checklist', message: 'every item must be met to pass / 所有检查项均须符合方可通过' });
    }
    if (problems.length) throw new AppError('validation_failed', problems);
    if (input.decision === 'pass') {
      const ev = await evaluate(tx, app, call, now, 'final');
      const blocking = ruleFailure(ev.rules);
      const unsettled = ev.rules.filter((r) => r.outcome === 'needs_review' && !LATER.has(r.code));
      if (blocking.rules.length || unsettled.length) {
        throw new AppError('rule_failed', {
          rules: [...blocking.rules, ...unsettled.map((r) => r.code)],
          results: [...blocking.results, ...unsettled],
          message: 'settle every rule before passing / 须先处理所有不符合或待审核的规则',
        });
      }
    }
    const to = input.decision === 'pass' ? 'formal_passed' : input.decision === 'return' ? 'returned' : 'rejected';
    const updated = await tx
      .updateTable('applications')
      .set({ status: to, updated_at: now })
      .where('id', '=', app.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('formal_checks')
      .values({
        application_id: app.id,
        round: app.round,
        decision: input.decision,
        checklist: JSON.stringify(input.checklist),
        comment: input.comment,
        officer_id: actor.userId,
        officer_label: actor.label,
      })
      .execute();
    await appendAudit(tx, actor, now, {
      action: `application.formal_${input.decision}`,
      entityType: 'application',
      entityId: app.id,
      before: auditSummary(app),
      after: { ...auditSummary(updated), checklist: input.checklist },
      reason: input.comment || null,
    });
    return buildView(tx, actor, updated, call, relation, now);
  });
}
