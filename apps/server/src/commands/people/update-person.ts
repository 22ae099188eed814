import { AppError, shanghaiDate, type UpdatePersonInput } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { auditPerson, findPersonForUpdate, personDetail } from '../../repositories/people.js';
import { inTransaction } from '../transaction.js';
import { assertFieldCodes, distinct } from './create-person.js';

/** Staff correct a person's name, contact, title, fields, keywords or expert flag. */
export async function updatePerson(deps: Deps, actor: Actor, personId: string, input: UpdatePersonInput) {
  return inTransaction(deps, async (tx, now) => {
    const person = await findPersonForUpdate(tx, personId);
    if (!person) throw new AppError('not_found');
    await assertFieldCodes(tx, input.fieldCodes);
    const updated = await tx
      .updateTable('people')
      .set({
        name: input.name ?? person.name,
        email: input.email === undefined ? person.email : input.email,
        title_level: input.titleLevel ?? person.title_level,
        title_name: input.titleName === undefined ? person.title_name : input.titleName,
        field_codes: input.fieldCodes ? distinct(input.fieldCodes) : person.field_codes,
        keywords: input.keywords ? distinct(input.keywords) : person.keywords,
        is_expert: input.isExpert ?? person.is_expert,
        updated_at: now,
      })
      .where('id', '=', person.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, actor, now, {
      action: 'person.update',
      entityType: 'person',
      entityId: person.id,
      before: auditPerson(person),
      after: auditPerson(updated),
      reason: input.reason ?? null,
    });
    return (await personDetail(tx, person.id, shanghaiDate(now)))!;
  });
}
