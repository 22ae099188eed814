import { AppError, shanghaiDate, type ExpertCurate, type ExpertOut } from '@rdplan/domain';
import { appendAudit } from '../../../audit/audit.js';
import type { Actor, Deps } from '../../../context.js';
import { loadPool } from '../../../repositories/review.js';
import { assertFieldCodes, distinct } from '../../people/create-person.js';
import { inTransaction } from '../../transaction.js';
import { assertRole } from '../assign/shared.js';
import { presentExpert } from './list-experts.js';

/**
 * Officers curate the pool: membership, fields and keywords stay on people; load cap, availability and the
 * note go to expert_profiles (created on first curation).
 */
export async function curateExpert(deps: Deps, actor: Actor, personId: string, input: ExpertCurate): Promise<ExpertOut> {
  assertRole(actor, ['officer']);
  return inTransaction(deps, async (tx, now) => {
    const today = shanghaiDate(now);
    const person = await tx.selectFrom('people').selectAll().where('id', '=', personId).forUpdate().executeTakeFirst();
    if (!person) throw new AppError('not_found');
    await assertFieldCodes(tx, input.fieldCodes);
    const [before] = await loadPool(tx, today, { personIds: [personId], expertsOnly: false });
    if (input.isExpert !== undefined || input.fieldCodes !== undefined || input.keywords !== undefined) {
      await tx
        .updateTable('people')
        .set({
          is_expert: input.isExpert ?? person.is_expert,
          field_codes: input.fieldCodes ? distinct(input.fieldCodes) : person.field_codes,
          keywords: input.keywords ? distinct(input.keywords) : person.keywords,
          updated_at: now,
        })
        .where('id', '=', personId)
        .execute();
    }
    const profile = {
      load_cap: input.loadCap ?? before!.loadCap,
      available: input.available ?? before!.available,
      unavailable_until: input.unavailableUntil === undefined ? before!.unavailableUntil : input.unavailableUntil,
      note: input.note ?? before!.note,
      updated_by: actor.userId,
      updated_at: now,
    };
    await tx
      .insertInto('expert_profiles')
      .values({ person_id: personId, ...profile })
      .onConflict((oc) => oc.column('person_id').doUpdateSet(profile))
      .execute();
    const [after] = await loadPool(tx, today, { personIds: [personId], expertsOnly: false });
    const audit = (e: typeof before) => ({
      isExpert: e!.isExpert,
      fieldCodes: e!.fieldCodes,
      keywords: e!.keywords,
      loadCap: e!.loadCap,
      available: e!.available,
      unavailableUntil: e!.unavailableUntil,
      note: e!.note,
    });
    await appendAudit(tx, actor, now, {
      action: 'expert.curate',
      entityType: 'person',
      entityId: personId,
      before: audit(before),
      after: audit(after),
      reason: input.reason || null,
    });
    return presentExpert(after!);
  });
}
