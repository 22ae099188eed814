import { AppError, type ApprovalDecisionOut, type ProjectOut } from '@rdplan/domain';
import type { Actor, Deps } from '../../context.js';
import { decisionOut, projectOut, projectsQuery } from '../../repositories/projects.js';

function assertStaff(actor: Actor) {
  if (!actor.roles.some((r) => r === 'officer' || r === 'admin' || r === 'analyst')) throw new AppError('forbidden');
}

export async function listDecisions(deps: Deps, actor: Actor, planId?: string): Promise<{ items: ApprovalDecisionOut[] }> {
  assertStaff(actor);
  let q = deps.db.selectFrom('approval_decisions').selectAll().orderBy('decided_at', 'desc').orderBy('id');
  if (planId) q = q.where('plan_id', '=', planId);
  const rows = await q.execute();
  return { items: await Promise.all(rows.map((d) => decisionOut(deps.db, d))) };
}

export async function listProjects(deps: Deps, actor: Actor, planId?: string): Promise<{ items: ProjectOut[] }> {
  assertStaff(actor);
  let q = projectsQuery(deps.db);
  if (planId) q = q.where('p.plan_id', '=', planId);
  return { items: (await q.execute()).map(projectOut) };
}

export async function getProject(deps: Deps, actor: Actor, code: string): Promise<ProjectOut> {
  assertStaff(actor);
  const row = await projectsQuery(deps.db).where('p.code', '=', code).executeTakeFirst();
  if (!row) throw new AppError('not_found', { entity: 'project', code });
  return projectOut(row);
}
