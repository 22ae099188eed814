import { type WorkplanStepInput, type WorkplanView } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { candidateTitle, findCandidate } from '../../repositories/workplans.js';
import { inTransaction } from '../transaction.js';
import { lockDraftForLeader, touchWorkplan, viewOf } from './access.js';
import { assertCandidateEditable } from './candidates.js';
import { AccessDenied } from '../../http/access-denied.js';

/** The leader takes a candidate out of the plan; it stays a candidate. */
export async function excludeCandidate(
  deps: Deps,
  actor: Actor,
  id: string,
  applicationId: string,
  input: WorkplanStepInput,
): Promise<WorkplanView> {
  return inTransaction(deps, async (tx, now) => {
    const wp = await lockDraftForLeader(tx, actor, id, input.version);
    const app = await findCandidate(tx, wp.id, applicationId);
    // An application that is not a candidate of this plan (possibly another organisation's): refused and logged.
    if (!app) throw new AccessDenied('application', applicationId);
    assertCandidateEditable(app);
    if (!app.in_plan) return viewOf(tx, wp.id, now);
    await tx.updateTable('applications').set({ in_plan: false, updated_at: now }).where('id', '=', app.id).execute();
    await touchWorkplan(tx, wp, now);
    await appendAudit(tx, actor, now, {
      action: 'workplan.candidate.exclude',
      entityType: 'application',
      entityId: app.id,
      before: { inPlan: true },
      after: { inPlan: false, workplanId: wp.id, title: candidateTitle(app.form) },
    });
    return viewOf(tx, wp.id, now);
  });
}
