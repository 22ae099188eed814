import { AppError, type ApplicationView, type ConfirmUnitInput } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { inTransaction } from '../transaction.js';
import { buildView, loadForActor } from './view.js';

/** A participating unit confirms (or declines) taking part, in its own account. */
export async function confirmUnit(deps: Deps, actor: Actor, id: string, input: ConfirmUnitInput): Promise<ApplicationView> {
  return inTransaction(deps, async (tx, now) => {
    const { app, relation, call } = await loadForActor(tx, actor, id);
    if (relation !== 'participant' || !actor.orgId) throw new AppError('forbidden');
    if (!['draft', 'returned', 'submitted'].includes(app.status)) throw new AppError('state_conflict', { status: app.status });
    if (input.decision === 'decline' && !input.reason) {
      throw new AppError('validation_failed', [{ path: 'body.reason', message: 'give a reason for declining / 请填写不参与的理由' }]);
    }
    const unit = await tx
      .selectFrom('application_units')
      .selectAll()
      .where('application_id', '=', app.id)
      .where('org_id', '=', actor.orgId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const after =
      input.decision === 'confirm'
        ? { confirmed_at: now, confirmed_by: actor.userId, declined_at: null, decline_reason: null }
        : { confirmed_at: null, confirmed_by: actor.userId, declined_at: now, decline_reason: input.reason ?? null };
    await tx.updateTable('application_units').set(after).where('application_id', '=', app.id).where('org_id', '=', actor.orgId).execute();
    await appendAudit(tx, actor, now, {
      action: input.decision === 'confirm' ? 'application.unit_confirm' : 'application.unit_decline',
      entityType: 'application',
      entityId: app.id,
      before: { orgId: unit.org_id, confirmed: unit.confirmed_at !== null, declined: unit.declined_at !== null },
      after: { orgId: unit.org_id, confirmed: input.decision === 'confirm', declined: input.decision === 'decline' },
      reason: input.reason ?? null,
    });
    return buildView(tx, actor, app, call, relation, now);
  });
}
