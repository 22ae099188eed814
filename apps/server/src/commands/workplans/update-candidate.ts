import { AppError, type UpdateCandidateInput, type WorkplanView } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { candidateForm, findCandidate } from '../../repositories/workplans.js';
import { inTransaction } from '../transaction.js';
import { guardHardCaps, lockDraftForLeader, touchWorkplan, viewOf } from './access.js';
import {
  assertCandidateEditable,
  assertLeadNotParticipant,
  assertOrganisationsExist,
  auditCandidate,
  writeParticipants,
} from './candidates.js';
import { AccessDenied } from '../../http/access-denied.js';

/**
 * The leader changes a candidate that was never submitted. The form keeps the keys the lead unit has
 * filled; only title and summary are written here. A hard-cap failure is refused (for an in-plan project
 * the chain's caps too) and nothing is stored.
 */
export async function updateCandidate(
  deps: Deps,
  actor: Actor,
  id: string,
  applicationId: string,
  input: UpdateCandidateInput,
): Promise<WorkplanView> {
  return inTransaction(deps, async (tx, now) => {
    const wp = await lockDraftForLeader(tx, actor, id);
    const app = await findCandidate(tx, wp.id, applicationId);
    // An application that is not a candidate of this plan (possibly another organisation's): refused and logged.
    if (!app) throw new AccessDenied('application', applicationId);
    assertCandidateEditable(app);
    if (input.version !== undefined && input.version !== app.version) {
      throw new AppError('conflict', [
        {
          path: 'body.version',
          message: 'the project was changed by someone else / 项目已被他人修改，请刷新后重试',
          currentVersion: app.version,
        },
      ]);
    }
    await assertOrganisationsExist(tx, input.leadOrgId, input.participants);
    const lead = input.leadOrgId ?? app.org_id;
    const participants =
      input.participants ??
      (
        await tx
          .selectFrom('application_units')
          .select(['org_id', 'role'])
          .where('application_id', '=', app.id)
          .orderBy('position')
          .execute()
      ).map((u) => ({ orgId: u.org_id, role: u.role }));
    assertLeadNotParticipant(lead, participants);

    const before = await auditCandidate(tx, app.id);
    const form = { ...candidateForm(app.form) };
    if (input.title !== undefined) form.title = input.title;
    if (input.summary !== undefined) form.summary = input.summary;
    await tx
      .updateTable('applications')
      .set({
        org_id: lead,
        kind: input.kind === undefined ? app.kind : input.kind,
        org_mode: input.orgMode === undefined ? app.org_mode : input.orgMode,
        city_funds: input.cityFunds ?? app.city_funds,
        self_funds: input.selfFunds ?? app.self_funds,
        form: JSON.stringify(form),
        version: app.version + 1,
        updated_at: now,
      })
      .where('id', '=', app.id)
      .execute();
    if (input.participants) await writeParticipants(tx, app.id, input.participants);
    await guardHardCaps(tx, wp.id, { applicationIds: [app.id], plan: app.in_plan });
    await touchWorkplan(tx, wp, now);
    await appendAudit(tx, actor, now, {
      action: 'workplan.candidate.update',
      entityType: 'application',
      entityId: app.id,
      before,
      after: await auditCandidate(tx, app.id),
    });
    return viewOf(tx, wp.id, now);
  });
}
