import { AppError, type ReopenWorkplanInput, type WorkplanView } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { inTransaction } from '../transaction.js';
import { assertMayReadWorkplan, lockWorkplan, viewOf } from './access.js';

/**
 * An officer sends a finalised plan back to draft with a reason. The candidates that finalisation
 * withdrew (named in its audit event) become drafts again, so the leader can reconsider them.
 */
export async function reopenWorkplan(deps: Deps, actor: Actor, id: string, input: ReopenWorkplanInput): Promise<WorkplanView> {
  return inTransaction(deps, async (tx, now) => {
    const wp = await lockWorkplan(tx, id);
    assertMayReadWorkplan(actor, wp);
    if (wp.status !== 'finalised') {
      throw new AppError('state_conflict', [{ path: 'params.id', message: 'the work plan is not finalised / 工作方案尚未定稿' }]);
    }
    const finalised = await tx
      .selectFrom('audit_events')
      .select('after')
      .where('entity_type', '=', 'workplan')
      .where('entity_id', '=', wp.id)
      .where('action', '=', 'workplan.finalise')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const after = (typeof finalised?.after === 'string' ? JSON.parse(finalised.after) : finalised?.after) as {
      withdrawn?: string[];
    } | null;
    const ids = Array.isArray(after?.withdrawn) ? after.withdrawn : [];
    const restored =
      ids.length === 0
        ? []
        : (
            await tx
              .updateTable('applications')
              .set({ status: 'draft', updated_at: now })
              .where('id', 'in', ids)
              .where('workplan_id', '=', wp.id)
              .where('status', '=', 'withdrawn')
              .returning('id')
              .execute()
          ).map((r) => r.id);
    await tx
      .updateTable('workplans')
      .set({ status: 'draft', finalised_at: null, version: wp.version + 1, updated_at: now })
      .where('id', '=', wp.id)
      .execute();
    await appendAudit(tx, actor, now, {
      action: 'workplan.reopen',
      entityType: 'workplan',
      entityId: wp.id,
      before: { status: 'finalised', finalisedAt: wp.finalised_at },
      after: { status: 'draft', restored },
      reason: input.reason,
    });
    return viewOf(tx, wp.id, now);
  });
}
