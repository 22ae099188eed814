import { AppError, type CreateFieldInput } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { findField, findFieldByCode, isUniqueViolation } from '../../repositories/reference.js';
import { inTransaction } from '../transaction.js';

/** The id of a parent field: it must exist and be a top-level field (two levels only). */
export async function resolveParent(db: Executor, parentCode: string | null | undefined): Promise<string | null> {
  if (!parentCode) return null;
  const parent = await findFieldByCode(db, parentCode);
  if (!parent) throw new AppError('validation_failed', [{ path: 'body.parentCode', message: 'unknown field / 领域不存在' }]);
  if (parent.parent_id !== null) {
    throw new AppError('validation_failed', [{ path: 'body.parentCode', message: 'parent must be a top-level field / 上级须为一级领域' }]);
  }
  return parent.id;
}

export function codeTaken(): AppError {
  return new AppError('conflict', [{ path: 'body.code', message: 'field code already exists / 领域编号已存在' }]);
}

/** An administrator adds a key field (no parent) or a direction inside one. */
export async function createField(deps: Deps, actor: Actor, input: CreateFieldInput) {
  return inTransaction(deps, async (tx, now) => {
    if (await findFieldByCode(tx, input.code)) throw codeTaken();
    const parentId = await resolveParent(tx, input.parentCode);
    const row = await tx
      .insertInto('fields')
      .values({
        code: input.code,
        name_zh: input.nameZh,
        name_en: input.nameEn,
        parent_id: parentId,
        active: input.active ?? true,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const view = (await findField(tx, row.id))!;
    await appendAudit(tx, actor, now, {
      action: 'field.create',
      entityType: 'field',
      entityId: row.id,
      after: { code: view.code, nameZh: view.nameZh, nameEn: view.nameEn, parentCode: view.parentCode, active: view.active },
      reason: input.reason ?? null,
    });
    return view;
  }).catch((err: unknown) => {
    throw isUniqueViolation(err) ? codeTaken() : err;
  });
}
