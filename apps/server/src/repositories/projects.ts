import type { ApprovalDecisionOut, ProjectOut } from '@rdplan/domain';
import type { Selectable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { ApprovalDecisionsTable, ProjectsTable } from '../db/schema.js';
import { json } from './review.js';

/** SQL of the approval decisions and their projects. */

const iso = (d: Date | string) => new Date(d).toISOString();

export function projectOut(r: Selectable<ProjectsTable> & { doc_number: string }): ProjectOut {
  return {
    id: r.id,
    code: r.code,
    applicationId: r.application_id,
    decisionId: r.decision_id,
    docNumber: r.doc_number,
    track: r.track,
    kind: r.kind,
    unit: r.org_name,
    title: r.title,
    leader: json<ProjectOut['leader']>(r.leader, null),
    team: json<ProjectOut['team']>(r.team, []),
    amounts: json<ProjectOut['amounts']>(r.amounts, { city: 0, self: 0, other: 0 }),
    period: { from: r.period_from, to: r.period_to },
    kpis: json<ProjectOut['kpis']>(r.kpis, []),
    rules: [...r.rules],
    createdAt: iso(r.created_at),
  };
}

export function projectsQuery(db: Executor) {
  return db
    .selectFrom('projects as p')
    .innerJoin('approval_decisions as d', 'd.id', 'p.decision_id')
    .selectAll('p')
    .select('d.doc_number')
    .orderBy('p.code');
}

export async function decisionOut(db: Executor, d: Selectable<ApprovalDecisionsTable>): Promise<ApprovalDecisionOut> {
  const projects = await projectsQuery(db).where('p.decision_id', '=', d.id).execute();
  return {
    id: d.id,
    planId: d.plan_id,
    docNumber: d.doc_number,
    title: d.title,
    reason: d.reason,
    decidedBy: d.decided_by_label,
    decidedAt: iso(d.decided_at),
    projects: projects.map(projectOut),
  };
}

/** The next sequence number of the plan year's track (the caller holds the plan row's lock). */
export async function nextSeq(db: Executor, year: number, track: ProjectsTable['track']): Promise<number> {
  const row = await db
    .selectFrom('projects')
    .select((eb) => eb.fn.max('seq').as('max'))
    .where('year', '=', year)
    .where('track', '=', track)
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}
