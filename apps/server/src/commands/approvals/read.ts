import { AppError, type ApprovalCandidateOut, type ApprovalDecisionOut, type ProjectOut } from '@rdplan/domain';
import type { Actor, Deps } from '../../context.js';
import { currentNotices, noticeItems } from '../../repositories/notices.js';
import { decisionOut, projectOut, projectsQuery } from '../../repositories/projects.js';
import { decisionHoldFor } from '../notices/guard.js';

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

/**
 * The projects on the plan's notices (current versions) with what holds each (4.3.b) and, once approved,
 * its project code: the officer's list to approve from.
 */
export async function approvalCandidates(deps: Deps, actor: Actor, planId: string): Promise<{ items: ApprovalCandidateOut[] }> {
  assertStaff(actor);
  const now = deps.clock.now();
  const notices = await currentNotices(deps.db, planId);
  const projects = new Map(
    (await deps.db.selectFrom('projects').select(['application_id', 'code']).where('plan_id', '=', planId).execute()).map((p) => [
      p.application_id,
      p.code,
    ]),
  );
  const items: ApprovalCandidateOut[] = [];
  for (const n of [...notices].reverse()) {
    for (const item of await noticeItems(deps.db, n.id, n.series_id)) {
      const hold = await decisionHoldFor(deps.db, item.applicationId, now, { requireEnded: true });
      items.push({
        applicationId: item.applicationId,
        track: item.track,
        unit: item.unit,
        title: item.title,
        amount: item.amount,
        noticeId: n.id,
        noticeTitle: n.title,
        noticeEndsAt: new Date(n.ends_at).toISOString(),
        hold: hold?.reason ?? null,
        projectCode: projects.get(item.applicationId) ?? null,
      });
    }
  }
  return { items };
}
