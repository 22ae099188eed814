import { AppError, type SetExpertsInput, type WorkplanView } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { inTransaction } from '../transaction.js';
import { lockDraftForLeader, touchWorkplan, viewOf } from './access.js';

async function team(tx: Executor, workplanId: string) {
  return tx
    .selectFrom('workplan_experts as e')
    .innerJoin('people as p', 'p.id', 'e.person_id')
    .select(['e.person_id as personId', 'p.name', 'e.role'])
    .where('e.workplan_id', '=', workplanId)
    .orderBy('p.name')
    .execute();
}

/** 4.1.a: the leader forms the core technical expert team from the people registry (experts or researchers). */
export async function setExperts(deps: Deps, actor: Actor, id: string, input: SetExpertsInput): Promise<WorkplanView> {
  return inTransaction(deps, async (tx, now) => {
    const wp = await lockDraftForLeader(tx, actor, id, input.version);
    const ids = input.experts.map((e) => e.personId);
    const known = new Set(
      ids.length === 0 ? [] : (await tx.selectFrom('people').select('id').where('id', 'in', ids).execute()).map((r) => r.id),
    );
    const problems = input.experts.flatMap((e, i) =>
      known.has(e.personId) ? [] : [{ path: `body.experts.${i}.personId`, message: 'not in the people registry / 人才库中无此人员' }],
    );
    if (problems.length > 0) throw new AppError('validation_failed', problems);
    const before = await team(tx, wp.id);
    await tx.deleteFrom('workplan_experts').where('workplan_id', '=', wp.id).execute();
    if (input.experts.length > 0) {
      await tx
        .insertInto('workplan_experts')
        .values(input.experts.map((e) => ({ workplan_id: wp.id, person_id: e.personId, role: e.role })))
        .execute();
    }
    await touchWorkplan(tx, wp, now);
    await appendAudit(tx, actor, now, {
      action: 'workplan.experts.set',
      entityType: 'workplan',
      entityId: wp.id,
      before,
      after: await team(tx, wp.id),
    });
    return viewOf(tx, wp.id, now);
  });
}
