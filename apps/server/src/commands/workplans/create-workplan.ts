import { AppError, type CreateWorkplanInput, type WorkplanView } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { chainSelectedInPlan, findChain, findPlan, findWorkplanByPlanChain, leadsChain } from '../../repositories/workplans.js';
import { isUniqueViolation } from '../../repositories/reference.js';
import { inTransaction } from '../transaction.js';
import { viewOf } from './access.js';

/** A chain leader starts its chain's annual work plan for a plan that selected the chain (3.1.a, 4.1.b). */
export async function createWorkplan(deps: Deps, actor: Actor, input: CreateWorkplanInput): Promise<WorkplanView> {
  return inTransaction(deps, async (tx, now) => {
    const orgId = actor.orgId;
    if (!actor.roles.includes('chain_leader') || !orgId) throw new AppError('forbidden');
    const plan = await findPlan(tx, input.planId);
    if (!plan) throw new AppError('validation_failed', [{ path: 'body.planId', message: 'no such plan / 年度计划不存在' }]);
    const chain = await findChain(tx, input.chainId);
    if (!chain) throw new AppError('validation_failed', [{ path: 'body.chainId', message: 'no such chain / 产业链不存在' }]);
    if (!(await leadsChain(tx, orgId, input.chainId))) {
      throw new AppError('forbidden', [{ path: 'body.chainId', message: 'your unit does not lead this chain / 本单位不是该产业链链主' }]);
    }
    if (!(await chainSelectedInPlan(tx, input.planId, input.chainId))) {
      throw new AppError('validation_failed', [
        {
          path: 'body.chainId',
          message: `chain ${chain.code} is not selected in the ${plan.year} plan / 该产业链未列入 ${plan.year} 年度计划`,
        },
      ]);
    }
    const existing = await findWorkplanByPlanChain(tx, input.planId, input.chainId);
    if (existing) {
      throw new AppError('conflict', [
        { path: 'body.chainId', message: 'this chain already has a work plan for the year / 该产业链本年度已有工作方案', id: existing.id },
      ]);
    }
    const wp = await tx
      .insertInto('workplans')
      .values({ plan_id: input.planId, chain_id: input.chainId, leader_org_id: orgId, weak_points: '[]', updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await tx.insertInto('consortium_members').values({ workplan_id: wp.id, org_id: orgId, position: 'leader', added_at: now }).execute();
    await appendAudit(tx, actor, now, {
      action: 'workplan.create',
      entityType: 'workplan',
      entityId: wp.id,
      after: {
        planId: wp.plan_id,
        planYear: plan.year,
        chainId: wp.chain_id,
        chainCode: chain.code,
        leaderOrgId: orgId,
        status: wp.status,
      },
    });
    return viewOf(tx, wp.id, now);
  }).catch((err: unknown) => {
    // Two leaders of the chain starting its plan at the same moment: the second is told it exists.
    if (isUniqueViolation(err)) {
      throw new AppError('conflict', [
        { path: 'body.chainId', message: 'this chain already has a work plan for the year / 该产业链本年度已有工作方案' },
      ]);
    }
    throw err;
  });
}
