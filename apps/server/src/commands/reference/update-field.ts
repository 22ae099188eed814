import { AppError, type UpdateFieldInput } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import {
  countDirections,
  findField,
  findFieldByCode,
  findFieldRowForUpdate,
  isUniqueViolation,
  renameFieldCodeInPeople,
} from '../../repositories/reference.js';
import { inTransaction } from '../transaction.js';
import { codeTaken, resolveParent } from './create-field.js';

/**
 * An administrator renames, recodes, moves or (de)activates a field. A new code is carried into
 * people's field lists; a field with directions cannot itself become a direction.
 */
export async function updateField(deps: Deps, actor: Actor, fieldId: string, input: UpdateFieldInput) {
  return inTransaction(deps, async (tx, now) => {
    const row = await findFieldRowForUpdate(tx, fieldId);
    if (!row) throw new AppError('not_found');
    const before = (await findField(tx, row.id))!;
    if (input.code !== undefined && input.code !== row.code && (await findFieldByCode(tx, input.code))) throw codeTaken();
    let parentId = row.parent_id;
    if (input.parentCode !== undefined) {
      if (input.parentCode === row.code || (input.code !== undefined && input.parentCode === input.code)) {
        throw new AppError('validation_failed', [
          { path: 'body.parentCode', message: 'a field cannot be its own parent / 不能以自身为上级' },
        ]);
      }
      parentId = await resolveParent(tx, input.parentCode);
      if (parentId !== null && (await countDirections(tx, row.id)) > 0) {
        throw new AppError('validation_failed', [
          { path: 'body.parentCode', message: 'a field with directions cannot become a direction / 含下级方向的领域不能设为下级' },
        ]);
      }
    }
    await tx
      .updateTable('fields')
      .set({
        code: input.code ?? row.code,
        name_zh: input.nameZh ?? row.name_zh,
        name_en: input.nameEn ?? row.name_en,
        parent_id: parentId,
        active: input.active ?? row.active,
        updated_at: now,
      })
      .where('id', '=', row.id)
      .execute();
    if (input.code !== undefined && input.code !== row.code) await renameFieldCodeInPeople(tx, row.code, input.code);
    const after = (await findField(tx, row.id))!;
    const audit = (f: typeof before) => ({ code: f.code, nameZh: f.nameZh, nameEn: f.nameEn, parentCode: f.parentCode, active: f.active });
    await appendAudit(tx, actor, now, {
      action: 'field.update',
      entityType: 'field',
      entityId: row.id,
      before: audit(before),
      after: audit(after),
      reason: input.reason ?? null,
    });
    return after;
  }).catch((err: unknown) => {
    throw isUniqueViolation(err) ? codeTaken() : err;
  });
}
