import { AppError, type ComparisonInput, type WorkplanView } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { candidateTitle, loadCandidates } from '../../repositories/workplans.js';
import { inTransaction } from '../transaction.js';
import { lockDraftForLeader, touchWorkplan, viewOf } from './access.js';

/** 4.1.c: the leader records an argument-and-comparison meeting (论证比选) and its verdict on each candidate. */
export async function recordComparison(deps: Deps, actor: Actor, id: string, input: ComparisonInput): Promise<WorkplanView> {
  return inTransaction(deps, async (tx, now) => {
    const wp = await lockDraftForLeader(tx, actor, id);
    const candidates = new Map((await loadCandidates(tx, wp.id)).filter((c) => c.status !== 'withdrawn').map((c) => [c.id, c]));
    const problems = input.candidates.flatMap((c, i) =>
      candidates.has(c.applicationId)
        ? []
        : [{ path: `body.candidates.${i}.applicationId`, message: 'not a candidate of this work plan / 不是本方案的候选项目' }],
    );
    if (problems.length > 0) throw new AppError('validation_failed', problems);
    const row = await tx
      .insertInto('workplan_comparisons')
      .values({
        workplan_id: wp.id,
        topic: input.topic,
        held_on: input.heldOn,
        method: input.method,
        participants: input.participants,
        conclusion: input.conclusion,
        candidates: JSON.stringify(input.candidates),
        created_by: actor.userId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await touchWorkplan(tx, wp, now);
    await appendAudit(tx, actor, now, {
      action: 'workplan.comparison.create',
      entityType: 'workplan',
      entityId: wp.id,
      after: {
        comparisonId: row.id,
        topic: input.topic,
        heldOn: input.heldOn,
        method: input.method,
        participants: input.participants,
        conclusion: input.conclusion,
        candidates: input.candidates.map((c) => ({ ...c, title: candidateTitle(candidates.get(c.applicationId)!.form) })),
      },
    });
    return viewOf(tx, wp.id, now);
  });
}
