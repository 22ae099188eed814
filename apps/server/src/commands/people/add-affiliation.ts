import { addDays, AppError, shanghaiDate, type AddAffiliationInput } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import {
  closeAffiliation,
  findOrganisation,
  findPersonForUpdate,
  insertAffiliation,
  openAffiliationsForUpdate,
  personDetail,
} from '../../repositories/people.js';
import { inTransaction } from '../transaction.js';

/**
 * Staff record a post. A post without `to` becomes the person's current one: the previous current
 * post ends the day before `from` (it must have begun before then). A post with `to` is history and
 * closes nothing.
 */
export async function addAffiliation(deps: Deps, actor: Actor, personId: string, input: AddAffiliationInput) {
  const to = input.to ?? null;
  if (to !== null && to < input.from) {
    throw new AppError('validation_failed', [{ path: 'body.to', message: 'ends before it begins / 结束日期早于开始日期' }]);
  }
  return inTransaction(deps, async (tx, now) => {
    const person = await findPersonForUpdate(tx, personId);
    if (!person) throw new AppError('not_found');
    const org = await findOrganisation(tx, input.orgId);
    if (!org) throw new AppError('validation_failed', [{ path: 'body.orgId', message: 'unknown organisation / 单位不存在' }]);
    const closed: { id: string; orgId: string; from: string; to: string }[] = [];
    if (to === null) {
      const dayBefore = addDays(input.from, -1);
      for (const open of await openAffiliationsForUpdate(tx, person.id)) {
        if (open.from_date > dayBefore) {
          throw new AppError('validation_failed', [
            {
              path: 'body.from',
              message: `must be after the start of the current post (${open.from_date}) / 须晚于现任职务的开始日期`,
            },
          ]);
        }
        await closeAffiliation(tx, open.id, dayBefore);
        closed.push({ id: open.id, orgId: open.org_id, from: open.from_date, to: dayBefore });
      }
    }
    const row = await insertAffiliation(tx, {
      person_id: person.id,
      org_id: org.id,
      position: input.position,
      from_date: input.from,
      to_date: to,
    });
    await tx.updateTable('people').set({ updated_at: now }).where('id', '=', person.id).execute();
    await appendAudit(tx, actor, now, {
      action: 'person.add_affiliation',
      entityType: 'person',
      entityId: person.id,
      before: { open: closed.map((c) => ({ id: c.id, orgId: c.orgId, from: c.from, to: null })) },
      after: { added: { id: row.id, orgId: org.id, position: row.position, from: row.from_date, to: row.to_date }, closed },
      reason: input.reason ?? null,
    });
    return (await personDetail(tx, person.id, shanghaiDate(now)))!;
  });
}
