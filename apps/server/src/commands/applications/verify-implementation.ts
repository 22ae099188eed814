import { AppError, continuationAmount, type ApplicationView, type VerifyImplementationInput } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { inTransaction } from '../transaction.js';
import { assertOfficer, auditSummary } from './guards.js';
import { buildView, loadForActor } from './view.js';

/** 3.3.e: the officer records the verified implementation; the call's formula sets the amount. */
export async function verifyImplementation(
  deps: Deps,
  actor: Actor,
  id: string,
  input: VerifyImplementationInput,
): Promise<ApplicationView> {
  assertOfficer(actor);
  return inTransaction(deps, async (tx, now) => {
    const { app, relation, call } = await loadForActor(tx, actor, id);
    if (app.track !== 'continuation')
      throw new AppError('state_conflict', { message: 'only continuation applications are verified (3.3.e) / 仅接续支持需核实落地情况' });
    if (app.status !== 'formal_passed') throw new AppError('state_conflict', { status: app.status });
    const verification = { investment: input.investment, output: input.output, sales: input.sales, jobs: input.jobs };
    const amount = continuationAmount(verification, call.params);
    const updated = await tx
      .updateTable('applications')
      .set({ status: 'verified', verification: JSON.stringify(verification), amount, city_funds: amount, updated_at: now })
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
        decision: 'verify',
        checklist: JSON.stringify([]),
        comment: input.comment,
        officer_id: actor.userId,
        officer_label: actor.label,
      })
      .execute();
    await appendAudit(tx, actor, now, {
      action: 'application.verify',
      entityType: 'application',
      entityId: app.id,
      before: auditSummary(app),
      after: {
        ...auditSummary(updated),
        verification,
        amount,
        formula: { rule: '3.3.e', sharePct: call.params.continuationSharePct, cap: call.params.continuationCap },
      },
      reason: input.comment || null,
    });
    return buildView(tx, actor, updated, call, relation, now);
  });
}
