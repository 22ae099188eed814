import { AppError, type CandidateInput, type WorkplanView } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { publishedConsortiumCall } from '../../repositories/workplans.js';
import { inTransaction } from '../transaction.js';
import { guardHardCaps, lockDraftForLeader, touchWorkplan, viewOf } from './access.js';
import { assertLeadNotParticipant, assertOrganisationsExist, auditCandidate, writeParticipants } from './candidates.js';

/**
 * 3.1.e: the leader proposes a candidate project, stored as a draft application of the plan's published
 * consortium call, led and carried out by consortium members (3.1.f) with a fixed city amount (3.1.d)
 * and full matching funds (3.1.g). A hard-cap failure is refused and nothing is stored.
 */
export async function addCandidate(deps: Deps, actor: Actor, id: string, input: CandidateInput): Promise<WorkplanView> {
  return inTransaction(deps, async (tx, now) => {
    const wp = await lockDraftForLeader(tx, actor, id);
    const call = await publishedConsortiumCall(tx, wp.plan_id);
    if (!call) {
      throw new AppError('state_conflict', [
        { path: 'params.id', message: 'the plan has no published consortium call yet / 本年度产业链创新联合体项目申报指南尚未发布' },
      ]);
    }
    await assertOrganisationsExist(tx, input.leadOrgId, input.participants);
    assertLeadNotParticipant(input.leadOrgId, input.participants);
    const app = await tx
      .insertInto('applications')
      .values({
        call_id: call.id,
        track: 'consortium',
        org_id: input.leadOrgId,
        workplan_id: wp.id,
        in_plan: false,
        status: 'draft',
        kind: input.kind,
        org_mode: input.orgMode,
        city_funds: input.cityFunds,
        self_funds: input.selfFunds,
        form: JSON.stringify({ title: input.title, summary: input.summary }),
        created_by: actor.userId,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeParticipants(tx, app.id, input.participants);
    await guardHardCaps(tx, wp.id, { applicationIds: [app.id], plan: false });
    await touchWorkplan(tx, wp, now);
    await appendAudit(tx, actor, now, {
      action: 'workplan.candidate.create',
      entityType: 'application',
      entityId: app.id,
      after: await auditCandidate(tx, app.id),
    });
    return viewOf(tx, wp.id, now);
  });
}
