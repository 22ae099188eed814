import type { UpdateWorkplanInput, WorkplanView } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { inTransaction } from '../transaction.js';
import { lockDraftForLeader, viewOf } from './access.js';

/** 4.1.b: the leader writes the plan's summary and the chain's weak points (optimistic concurrency by version). */
export async function updateWorkplan(deps: Deps, actor: Actor, id: string, input: UpdateWorkplanInput): Promise<WorkplanView> {
  return inTransaction(deps, async (tx, now) => {
    const wp = await lockDraftForLeader(tx, actor, id, input.version);
    const before = { summary: wp.summary, weakPoints: wp.weak_points };
    const summary = input.summary ?? wp.summary;
    const weakPoints = input.weakPoints ?? (wp.weak_points as { text: string }[]);
    await tx
      .updateTable('workplans')
      .set({ summary, weak_points: JSON.stringify(weakPoints), version: wp.version + 1, updated_at: now })
      .where('id', '=', wp.id)
      .execute();
    await appendAudit(tx, actor, now, {
      action: 'workplan.update',
      entityType: 'workplan',
      entityId: wp.id,
      before,
      after: { summary, weakPoints },
    });
    return viewOf(tx, wp.id, now);
  });
}
