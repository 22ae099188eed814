import { randomUUID } from 'node:crypto';
import { AppError, shanghaiDate, type CreatePersonInput } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { auditPerson, findPersonByKey, personDetail } from '../../repositories/people.js';
import { isUniqueViolation, unknownFieldCodes } from '../../repositories/reference.js';
import { inTransaction } from '../transaction.js';

/** Every field code must name a field; each unknown one is reported at body.fieldCodes.N. */
export async function assertFieldCodes(db: Executor, codes: readonly string[] | undefined) {
  if (!codes || codes.length === 0) return;
  const unknown = new Set(await unknownFieldCodes(db, codes));
  const problems = codes.flatMap((code, i) =>
    unknown.has(code) ? [{ path: `body.fieldCodes.${i}`, message: `unknown field ${code} / 领域 ${code} 不存在` }] : [],
  );
  if (problems.length > 0) throw new AppError('validation_failed', problems);
}

/** Trimmed, without repeats, in the order given. */
export function distinct(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter(Boolean))];
}

const keyTaken = () => new AppError('conflict', [{ path: 'body.key', message: 'key already in use / 人员编号已存在' }]);

/** Staff add a researcher or expert to the people registry. */
export async function createPerson(deps: Deps, actor: Actor, input: CreatePersonInput) {
  return inTransaction(deps, async (tx, now) => {
    if (input.key && (await findPersonByKey(tx, input.key))) {
      throw keyTaken();
    }
    await assertFieldCodes(tx, input.fieldCodes);
    const row = await tx
      .insertInto('people')
      .values({
        key: input.key ?? `manual-${randomUUID()}`,
        name: input.name,
        email: input.email ?? null,
        title_level: input.titleLevel,
        title_name: input.titleName ?? null,
        field_codes: distinct(input.fieldCodes),
        keywords: distinct(input.keywords),
        is_expert: input.isExpert,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, actor, now, {
      action: 'person.create',
      entityType: 'person',
      entityId: row.id,
      after: auditPerson(row),
      reason: input.reason ?? null,
    });
    return (await personDetail(tx, row.id, shanghaiDate(now)))!;
  }).catch((err: unknown) => {
    throw isUniqueViolation(err) ? keyTaken() : err;
  });
}
