import { AppError, type SetChainLeadersInput } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { findChain, findChainRowForUpdate, findOrganisations, replaceChainLeaders } from '../../repositories/reference.js';
import { inTransaction } from '../transaction.js';

/** An administrator names the chain's leader enterprises (链主企业), replacing the previous list. */
export async function setChainLeaders(deps: Deps, actor: Actor, chainId: string, input: SetChainLeadersInput) {
  const orgIds = [...new Set(input.orgIds)];
  return inTransaction(deps, async (tx, now) => {
    const row = await findChainRowForUpdate(tx, chainId);
    if (!row) throw new AppError('not_found');
    const orgs = new Map((await findOrganisations(tx, orgIds)).map((o) => [o.id, o]));
    const problems = input.orgIds.flatMap((id, i) => {
      const org = orgs.get(id);
      if (!org) return [{ path: `body.orgIds.${i}`, message: 'unknown organisation / 单位不存在' }];
      if (org.type !== 'enterprise') return [{ path: `body.orgIds.${i}`, message: 'not an enterprise / 链主须为企业' }];
      return [];
    });
    if (problems.length > 0) throw new AppError('validation_failed', problems);
    const before = (await findChain(tx, row.id))!;
    await replaceChainLeaders(tx, row.id, orgIds);
    const after = (await findChain(tx, row.id))!;
    await appendAudit(tx, actor, now, {
      action: 'chain.set_leaders',
      entityType: 'chain',
      entityId: row.id,
      before: { leaders: before.leaders },
      after: { leaders: after.leaders },
      reason: input.reason ?? null,
    });
    await tx.updateTable('chains').set({ updated_at: now }).where('id', '=', row.id).execute();
    return after;
  });
}
