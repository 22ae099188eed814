import { AppError, type UpdateChainInput } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { findChain, findChainRowForUpdate } from '../../repositories/reference.js';
import { inTransaction } from '../transaction.js';

/** An administrator renames a chain or (de)activates it; the code stays stable. */
export async function updateChain(deps: Deps, actor: Actor, chainId: string, input: UpdateChainInput) {
  return inTransaction(deps, async (tx, now) => {
    const row = await findChainRowForUpdate(tx, chainId);
    if (!row) throw new AppError('not_found');
    const updated = await tx
      .updateTable('chains')
      .set({
        name_zh: input.nameZh ?? row.name_zh,
        name_en: input.nameEn ?? row.name_en,
        active: input.active ?? row.active,
        updated_at: now,
      })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const view = (r: typeof row) => ({ code: r.code, nameZh: r.name_zh, nameEn: r.name_en, active: r.active });
    await appendAudit(tx, actor, now, {
      action: 'chain.update',
      entityType: 'chain',
      entityId: row.id,
      before: view(row),
      after: view(updated),
      reason: input.reason ?? null,
    });
    return (await findChain(tx, row.id))!;
  });
}
