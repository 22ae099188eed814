import { rule4_1_c, runRules, type ChainPlanFacts, type WorkplanStepInput, type WorkplanView } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { candidateTitle, comparisonVerdicts, findCandidate, planParams } from '../../repositories/workplans.js';
import { inTransaction } from '../transaction.js';
import { guardHardCaps, lockDraftForLeader, ruleFailed, touchWorkplan, viewOf } from './access.js';
import { assertCandidateEditable } from './candidates.js';
import { AccessDenied } from '../../http/access-denied.js';

/**
 * The leader takes a candidate into the plan. It must have been argued and compared and selected
 * (4.1.c), and the plan must stay within the hard caps (3.1.b, 3.1.c, and the project's 3.1.d, f, g);
 * otherwise 422 rule_failed and nothing changes.
 */
export async function includeCandidate(
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
    if (app.in_plan) return viewOf(tx, wp.id, now);
    const verdict = (await comparisonVerdicts(tx, wp.id)).get(app.id);
    if (verdict !== 'selected') {
      // 4.1.c decided by its rule on this one project, as finalisation would.
      const facts: ChainPlanFacts = {
        stage: 'final',
        projects: [
          {
            id: app.id,
            title: candidateTitle(app.form),
            cityFunds: app.city_funds,
            leadOrgId: app.org_id,
            kind: app.kind,
            compared: false,
          },
        ],
        leaderGroupOrgIds: [],
        memberCount: 0,
        expertCount: 0,
        weakPointCount: 0,
      };
      const results = runRules<ChainPlanFacts>([rule4_1_c], facts, await planParams(tx, wp.plan_id));
      throw ruleFailed(results, { verdict: verdict ?? null });
    }
    await tx.updateTable('applications').set({ in_plan: true, updated_at: now }).where('id', '=', app.id).execute();
    await guardHardCaps(tx, wp.id, { applicationIds: [app.id], plan: true });
    await touchWorkplan(tx, wp, now);
    await appendAudit(tx, actor, now, {
      action: 'workplan.candidate.include',
      entityType: 'application',
      entityId: app.id,
      before: { inPlan: false },
      after: { inPlan: true, workplanId: wp.id, title: candidateTitle(app.form), cityFunds: app.city_funds },
    });
    return viewOf(tx, wp.id, now);
  });
}
