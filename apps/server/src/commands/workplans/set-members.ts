import { AppError, type SetMembersInput, type WorkplanView } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { evaluateWorkplan, loadMembers } from '../../repositories/workplans.js';
import { inTransaction } from '../transaction.js';
import { lockDraftForLeader, ruleFailed, touchWorkplan, viewOf } from './access.js';

/**
 * 3.1.f, 4.1.a: the leader names the consortium's members from the registry (the leader's own row
 * stays). A member who leads or takes part in a live candidate cannot be dropped (3.1.f).
 */
export async function setMembers(deps: Deps, actor: Actor, id: string, input: SetMembersInput): Promise<WorkplanView> {
  return inTransaction(deps, async (tx, now) => {
    const wp = await lockDraftForLeader(tx, actor, id, input.version);
    const problems = input.members.flatMap((m, i) =>
      m.orgId === wp.leader_org_id
        ? [{ path: `body.members.${i}.orgId`, message: 'the leader is a member already / 链主企业已是联合体成员' }]
        : [],
    );
    const ids = input.members.map((m) => m.orgId);
    const known = new Set(
      ids.length === 0 ? [] : (await tx.selectFrom('organisations').select('id').where('id', 'in', ids).execute()).map((r) => r.id),
    );
    input.members.forEach((m, i) => {
      if (!known.has(m.orgId)) problems.push({ path: `body.members.${i}.orgId`, message: 'not in the registry / 单位库中无此单位' });
    });
    if (problems.length > 0) throw new AppError('validation_failed', problems);

    const before = (await loadMembers(tx, wp.id)).map((m) => ({ orgId: m.org_id, name: m.name, position: m.position, note: m.note }));
    const keep = new Set(ids);
    const dropped = before.filter((m) => m.position !== 'leader' && !keep.has(m.orgId)).map((m) => m.orgId);
    if (dropped.length > 0) {
      await tx.deleteFrom('consortium_members').where('workplan_id', '=', wp.id).where('org_id', 'in', dropped).execute();
    }
    for (const m of input.members) {
      await tx
        .insertInto('consortium_members')
        .values({ workplan_id: wp.id, org_id: m.orgId, position: m.position, note: m.note, added_at: now })
        .onConflict((oc) => oc.columns(['workplan_id', 'org_id']).doUpdateSet({ position: m.position, note: m.note }))
        .execute();
    }
    // Dropping a unit that leads or joins a live candidate would break 3.1.f: refused, nothing stored.
    const ev = await evaluateWorkplan(tx, wp.id, 'draft');
    const broken = ev.candidates
      .filter((c) => c.status !== 'withdrawn')
      .flatMap((c) => (ev.projectRules.get(c.id) ?? []).filter((r) => r.code === '3.1.f' && r.blocking));
    if (broken.length > 0) throw ruleFailed(broken);

    await touchWorkplan(tx, wp, now);
    const after = (await loadMembers(tx, wp.id)).map((m) => ({ orgId: m.org_id, name: m.name, position: m.position, note: m.note }));
    await appendAudit(tx, actor, now, { action: 'workplan.members.set', entityType: 'workplan', entityId: wp.id, before, after });
    return viewOf(tx, wp.id, now);
  });
}
