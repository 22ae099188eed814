import { AppError, type WorkplanView } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { findCandidate } from '../../repositories/workplans.js';
import { inTransaction } from '../transaction.js';
import { lockDraftForLeader, touchWorkplan, viewOf } from './access.js';
import { assertCandidateEditable, auditCandidate } from './candidates.js';
import { AccessDenied } from '../../http/access-denied.js';

/** The leader drops a candidate that was never submitted and is not in the plan (exclude it first). */
export async function deleteCandidate(deps: Deps, actor: Actor, id: string, applicationId: string): Promise<WorkplanView> {
  return inTransaction(deps, async (tx, now) => {
    const wp = await lockDraftForLeader(tx, actor, id);
    const app = await findCandidate(tx, wp.id, applicationId);
    // An application that is not a candidate of this plan (possibly another organisation's): refused and logged.
    if (!app) throw new AccessDenied('application', applicationId);
    assertCandidateEditable(app);
    if (app.in_plan) {
      throw new AppError('state_conflict', [
        { path: 'params.appId', message: 'the project is in the plan; exclude it first / 项目已纳入方案，请先移出' },
      ]);
    }
    const before = await auditCandidate(tx, app.id);
    await tx.deleteFrom('applications').where('id', '=', app.id).execute();
    await touchWorkplan(tx, wp, now);
    await appendAudit(tx, actor, now, { action: 'workplan.candidate.delete', entityType: 'application', entityId: app.id, before });
    return viewOf(tx, wp.id, now);
  });
}
