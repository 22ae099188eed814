import { AppError } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { lockControlGraph } from '../../repositories/organisations.js';
import { inTransaction } from '../transaction.js';

/** Ends a control relationship. */
export async function removeSubsidiary(deps: Deps, actor: Actor, parentId: string, childId: string) {
  return inTransaction(deps, async (tx, now) => {
    await lockControlGraph(tx);
    const removed = await tx
      .deleteFrom('control_edges')
      .where('parent_id', '=', parentId)
      .where('child_id', '=', childId)
      .returningAll()
      .executeTakeFirst();
    if (!removed) throw new AppError('not_found');
    await appendAudit(tx, actor, now, {
      action: 'organisation.control_remove',
      entityType: 'organisation',
      entityId: parentId,
      before: { parentId, childId, sharePct: removed.share_pct === null ? null : Number(removed.share_pct) },
    });
  });
}
