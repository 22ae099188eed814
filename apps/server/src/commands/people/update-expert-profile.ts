import { AppError, shanghaiDate, type ExpertProfileInput } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { findPersonForUpdate, personDetail } from '../../repositories/people.js';
import { inTransaction } from '../transaction.js';
import { assertFieldCodes, distinct } from './create-person.js';

/** The review side of an expert's profile (expert_profiles; defaults until the bureau curates it). */
async function availability(db: Executor, personId: string) {
  const row = await db
    .selectFrom('expert_profiles')
    .select(['load_cap', 'available', 'unavailable_until'])
    .where('person_id', '=', personId)
    .executeTakeFirst();
  const until = row?.unavailable_until ?? null;
  return {
    available: row?.available ?? true,
    unavailableUntil: until === null ? null : typeof until === 'string' ? until.slice(0, 10) : new Date(until).toISOString().slice(0, 10),
    loadCap: row?.load_cap ?? 10,
  };
}

/** The signed-in expert's own record with their review availability and load cap. */
export async function getOwnExpertProfileWithAvailability(deps: Deps, actor: Actor) {
  if (!actor.personId) throw new AppError('not_found');
  const detail = await personDetail(deps.db, actor.personId, shanghaiDate(deps.clock.now()));
  if (!detail) throw new AppError('not_found');
  return { ...detail, ...(await availability(deps.db, actor.personId)) };
}

/** An expert keeps their own fields and keywords up to date (used to match them to reviews), and their availability. */
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
    const was = await availability(tx, person.id);
    const availabilityChanged = input.available !== undefined || input.unavailableUntil !== undefined;
    if (availabilityChanged) {
      const profile = {
        available: input.available ?? was.available,
        unavailable_until: input.unavailableUntil === undefined ? was.unavailableUntil : input.unavailableUntil,
        updated_by: actor.userId,
        updated_at: now,
      };
      await tx
        .insertInto('expert_profiles')
        .values({ person_id: person.id, ...profile })
        .onConflict((oc) => oc.column('person_id').doUpdateSet(profile))
        .execute();
    }
    const is = await availability(tx, person.id);
    const avail = (a: typeof was) => (availabilityChanged ? { available: a.available, unavailableUntil: a.unavailableUntil } : {});
    await appendAudit(tx, actor, now, {
      action: 'person.update_expert_profile',
      entityType: 'person',
      entityId: person.id,
      before: { fieldCodes: person.field_codes, keywords: person.keywords, ...avail(was) },
      after: { fieldCodes: updated.field_codes, keywords: updated.keywords, ...avail(is) },
    });
    return { ...(await personDetail(tx, person.id, shanghaiDate(now)))!, ...is };
  });
}
