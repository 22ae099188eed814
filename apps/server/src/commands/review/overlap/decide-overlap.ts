import { AppError, hasAnyRole, type OverlapDecide, type OverlapFlagOut } from '@rdplan/domain';
import type { z } from 'zod';
import { appendAudit } from '../../../audit/audit.js';
import type { Actor, Deps } from '../../../context.js';
import { inTransaction } from '../../transaction.js';
import { presentFlags } from './flags.js';

/** An officer confirms or dismisses an overlap flag, with a note; a later scan keeps the decision. */
export async function decideOverlap(
  deps: Deps,
  actor: Actor,
  flagId: string,
  input: z.infer<typeof OverlapDecide>,
): Promise<OverlapFlagOut> {
  if (!hasAnyRole(actor.roles, ['officer'])) throw new AppError('forbidden');
  return inTransaction(deps, async (tx, now) => {
    const flag = await tx.selectFrom('overlap_flags').selectAll().where('id', '=', flagId).forUpdate().executeTakeFirst();
    if (!flag) throw new AppError('not_found', { entity: 'overlap_flag', id: flagId });
    const updated = await tx
      .updateTable('overlap_flags')
      .set({ status: input.status, note: input.note, decided_by: actor.userId, decided_at: now })
      .where('id', '=', flagId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, actor, now, {
      action: 'overlap.decide',
      entityType: 'overlap_flag',
      entityId: flagId,
      before: { status: flag.status, note: flag.note },
      after: { status: updated.status, applicationId: flag.application_id, otherKind: flag.other_kind, otherId: flag.other_id },
      reason: input.note,
    });
    return (await presentFlags(tx, [updated]))[0]!;
  });
}
