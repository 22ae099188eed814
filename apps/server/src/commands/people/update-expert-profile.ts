import { AppError, shanghaiDate, type ExpertProfileInput } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { findPersonForUpdate, personDetail } from '../../repositories/people.js';
import { inTransaction } from '../transaction.js';
import { assertFieldCodes, distinct } from './create-person.js';

/** An expert keeps their own fields and keywords up to date (used to match them to reviews). */
export async function updateExpertProfile(deps: Deps, actor: Actor, input: ExpertProfileInput) {
  if (!actor.personId) throw new AppError('not_found');
  const personId = actor.personId;
  return inTransaction(deps, async (tx, now) => {
    const person = await findPersonForUpdate(tx, personId);
    if (!person?.is_expert) throw new AppError('not_found');
    await assertFieldCodes(tx, input.fieldCodes);
    const updated = await tx
      .updateTable('people')
      .set({
        field_codes: input.fieldCodes ? distinct(input.fieldCodes) : person.field_codes,
        keywords: input.keywords ? distinct(input.keywords) : person.keywords,
        updated_at: now,
      })
      .where('id', '=', person.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, actor, now, {
      action: 'person.update_expert_profile',
      entityType: 'person',
      entityId: person.id,
      before: { fieldCodes: person.field_codes, keywords: person.keywords },
      after: { fieldCodes: updated.field_codes, keywords: updated.keywords },
    });
    return (await personDetail(tx, person.id, shanghaiDate(now)))!;
  });
}
