import { AppError, type CreateChainInput } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { findChain, findChainByCode, isUniqueViolation } from '../../repositories/reference.js';
import { inTransaction } from '../transaction.js';

const chainCodeTaken = () => new AppError('conflict', [{ path: 'body.code', message: 'chain code already exists / 产业链编号已存在' }]);

/** An administrator adds a key industry chain. */
export async function createChain(deps: Deps, actor: Actor, input: CreateChainInput) {
  return inTransaction(deps, async (tx, now) => {
    if (await findChainByCode(tx, input.code)) {
      throw chainCodeTaken();
    }
    const row = await tx
      .insertInto('chains')
      .values({ code: input.code, name_zh: input.nameZh, name_en: input.nameEn, active: input.active ?? true, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = { code: row.code, nameZh: row.name_zh, nameEn: row.name_en, active: row.active };
    await appendAudit(tx, actor, now, {
      action: 'chain.create',
      entityType: 'chain',
      entityId: row.id,
      after,
      reason: input.reason ?? null,
    });
    return (await findChain(tx, row.id))!;
  }).catch((err: unknown) => {
    throw isUniqueViolation(err) ? chainCodeTaken() : err;
  });
}
