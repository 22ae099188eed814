import { AppError, type ApplicationView, type RecheckInput } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { inTransaction } from '../transaction.js';
import { assertOfficer, auditSummary } from './guards.js';
import { buildView, loadForActor } from './view.js';

/** 3.4.b: officers re-check the evidence of a recognition application (复核); a failed re-check refuses it. */
export async function recheckRecognition(deps: Deps, actor: Actor, id: string, input: RecheckInput): Promise<ApplicationView> {
  assertOfficer(actor);
  return inTransaction(deps, async (tx, now) => {
    const { app, relation, call } = await loadForActor(tx, actor, id);
    if (app.track !== 'recognition')
      throw new AppError('state_conflict', { message: 'only recognition applications are re-checked (3.4.b) / 仅认定立项需复核' });
    if (app.status !== 'formal_passed') throw new AppError('state_conflict', { status: app.status });
    if (!input.passed && !input.comment)
      throw new AppError('validation_failed', [{ path: 'body.comment', message: 'say why / 请填写复核意见' }]);
    const to = input.passed ? 'rechecked' : 'rejected';
    const updated = await tx
      .updateTable('applications')
      .set({ status: to, verification: JSON.stringify({ passed: input.passed }), updated_at: now })
      .where('id', '=', app.id)
      .where('status', '=', 'formal_passed')
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw new AppError('conflict');
    await tx
      .insertInto('formal_checks')
      .values({
        application_id: app.id,
        round: app.round,
        decision: 'recheck',
        checklist: JSON.stringify(input.checklist),
        comment: input.comment,
        officer_id: actor.userId,
        officer_label: actor.label,
      })
      .execute();
    await appendAudit(tx, actor, now, {
      action: 'application.recheck',
      entityType: 'application',
      entityId: app.id,
      before: auditSummary(app),
      after: { ...auditSummary(updated), passed: input.passed, checklist: input.checklist },
      reason: input.comment || null,
    });
    return buildView(tx, actor, updated, call, relation, now);
  });
}
