import { AppError } from '@rdplan/domain';
import type { Executor, Tx } from '../../db/database.js';
import { candidateForm } from '../../repositories/workplans.js';

/** Shared by the candidate use cases: checks of the units named, the participant rows, the audit shape. */

export async function assertOrganisationsExist(db: Executor, leadOrgId: string | undefined, participants: { orgId: string }[] | undefined) {
  const ids = [...(leadOrgId ? [leadOrgId] : []), ...(participants ?? []).map((p) => p.orgId)];
  if (ids.length === 0) return;
  const known = new Set((await db.selectFrom('organisations').select('id').where('id', 'in', ids).execute()).map((r) => r.id));
  const problems: { path: string; message: string }[] = [];
  if (leadOrgId && !known.has(leadOrgId)) problems.push({ path: 'body.leadOrgId', message: 'not in the registry / 单位库中无此单位' });
  (participants ?? []).forEach((p, i) => {
    if (!known.has(p.orgId)) problems.push({ path: `body.participants.${i}.orgId`, message: 'not in the registry / 单位库中无此单位' });
  });
  if (problems.length > 0) throw new AppError('validation_failed', problems);
}

export function assertLeadNotParticipant(leadOrgId: string, participants: { orgId: string }[]) {
  const i = participants.findIndex((p) => p.orgId === leadOrgId);
  if (i >= 0) {
    throw new AppError('validation_failed', [
      { path: `body.participants.${i}.orgId`, message: 'the lead unit is not also a participant / 牵头单位无须再列为参与单位' },
    ]);
  }
}

/** Replaces the participating units, keeping a unit's confirmation when it stays. */
export async function writeParticipants(tx: Tx, applicationId: string, participants: { orgId: string; role: string }[]) {
  const ids = participants.map((p) => p.orgId);
  let drop = tx.deleteFrom('application_units').where('application_id', '=', applicationId);
  if (ids.length > 0) drop = drop.where('org_id', 'not in', ids);
  await drop.execute();
  for (const [i, p] of participants.entries()) {
    await tx
      .insertInto('application_units')
      .values({ application_id: applicationId, org_id: p.orgId, role: p.role, position: i + 1 })
      .onConflict((oc) => oc.columns(['application_id', 'org_id']).doUpdateSet({ role: p.role, position: i + 1 }))
      .execute();
  }
}

/** What the audit log keeps of a candidate project. */
export async function auditCandidate(db: Executor, applicationId: string) {
  const app = await db.selectFrom('applications').selectAll().where('id', '=', applicationId).executeTakeFirstOrThrow();
  const units = await db
    .selectFrom('application_units')
    .select(['org_id', 'role'])
    .where('application_id', '=', applicationId)
    .orderBy('position')
    .execute();
  const form = candidateForm(app.form);
  return {
    workplanId: app.workplan_id,
    callId: app.call_id,
    title: form.title ?? '',
    summary: form.summary ?? '',
    kind: app.kind,
    orgMode: app.org_mode,
    leadOrgId: app.org_id,
    cityFunds: app.city_funds === null ? null : Number(app.city_funds),
    selfFunds: app.self_funds === null ? null : Number(app.self_funds),
    participants: units.map((u) => ({ orgId: u.org_id, role: u.role })),
    inPlan: app.in_plan,
    status: app.status,
  };
}

export function assertCandidateEditable(app: { status: string; submitted_at: Date | null }) {
  if (app.status !== 'draft' || app.submitted_at !== null) {
    throw new AppError('state_conflict', [
      {
        path: 'params.appId',
        message: `the candidate is ${app.status}; only a never-submitted draft changes here / 该项目已提交或已撤回，不能在此修改`,
      },
    ]);
  }
}
