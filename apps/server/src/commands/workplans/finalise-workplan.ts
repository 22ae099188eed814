import type { RuleResult, WorkplanStepInput, WorkplanView } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { evaluateWorkplan } from '../../repositories/workplans.js';
import { inTransaction } from '../transaction.js';
import { lockDraftForLeader, ruleFailed, viewOf } from './access.js';

/**
 * The leader finalises the plan: the chain's rules at stage 'final' and every in-plan project's rules
 * must hold (an officer's override lets an in-principle failure pass). Any blocking result: 422
 * rule_failed and nothing changes. Otherwise the plan is finalised and the candidates left out are withdrawn.
 */
export async function finaliseWorkplan(deps: Deps, actor: Actor, id: string, input: WorkplanStepInput): Promise<WorkplanView> {
  return inTransaction(deps, async (tx, now) => {
    const wp = await lockDraftForLeader(tx, actor, id, input.version);
    const ev = await evaluateWorkplan(tx, wp.id, 'final');
    const inPlan = ev.candidates.filter((c) => c.in_plan && c.status !== 'withdrawn');
    const projectFailures = inPlan.flatMap((c) =>
      (ev.projectRules.get(c.id) ?? []).filter((r) => r.blocking).map((r) => ({ applicationId: c.id, code: r.code })),
    );
    const blocking: RuleResult[] = [
      ...ev.planRules.filter((r) => r.blocking),
      ...inPlan.flatMap((c) => (ev.projectRules.get(c.id) ?? []).filter((r) => r.blocking)),
    ];
    if (blocking.length > 0) throw ruleFailed(blocking, { projects: projectFailures });

    const withdrawn = ev.candidates.filter((c) => !c.in_plan && c.status === 'draft').map((c) => c.id);
    if (withdrawn.length > 0) {
      await tx.updateTable('applications').set({ status: 'withdrawn', updated_at: now }).where('id', 'in', withdrawn).execute();
    }
    await tx
      .updateTable('workplans')
      .set({ status: 'finalised', finalised_at: now, version: wp.version + 1, updated_at: now })
      .where('id', '=', wp.id)
      .execute();
    await appendAudit(tx, actor, now, {
      action: 'workplan.finalise',
      entityType: 'workplan',
      entityId: wp.id,
      before: { status: wp.status },
      after: {
        status: 'finalised',
        inPlan: inPlan.map((c) => c.id),
        cityFunds: inPlan.reduce((s, c) => s + Number(c.city_funds ?? 0), 0),
        withdrawn,
        overrides: ev.planRules.filter((r) => r.decision).map((r) => ({ code: r.code, reason: r.decision!.reason, by: r.decision!.by })),
      },
    });
    return viewOf(tx, wp.id, now);
  });
}
