import { AppError, hasAnyRole, type ApplicationForm, type ApplicationView, type CreateApplicationInput } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { findApplication, loadCallContext } from '../../repositories/applications.js';
import { callState } from '../../repositories/calls.js';
import { inTransaction } from '../transaction.js';
import { assertFirstApplicant } from './national-choice.js';
import { buildView } from './view.js';

/**
 * A unit starts an application in an open call of tracks 3.2–3.4 (chain projects are started by the
 * chain leader in the work plan). The browser's clientKey makes a retried create return the same draft.
 * For 3.2 and 3.3 the national record is chosen from imported records and what it says is prefilled.
 */
export async function createApplication(
  deps: Deps,
  actor: Actor,
  input: CreateApplicationInput,
): Promise<{ created: boolean; view: ApplicationView }> {
  if (!actor.orgId || !hasAnyRole(actor.roles, ['unit_admin', 'unit_member', 'chain_leader'])) throw new AppError('forbidden');
  const orgId = actor.orgId;
  return inTransaction(deps, async (tx, now) => {
    const existing = await tx
      .selectFrom('applications')
      .select('id')
      .where('org_id', '=', orgId)
      .where('client_key', '=', input.clientKey)
      .executeTakeFirst();
    if (existing) {
      const app = (await findApplication(tx, existing.id))!;
      const call = (await loadCallContext(tx, app.call_id))!;
      return { created: false, view: await buildView(tx, actor, app, call, 'applicant', now) };
    }
    const call = await loadCallContext(tx, input.callId);
    if (!call || call.status !== 'published') {
      throw new AppError('validation_failed', [{ path: 'body.callId', message: 'no such open call / 申报指南不存在或未发布' }]);
    }
    if (call.track === 'consortium') {
      throw new AppError('state_conflict', {
        message: 'chain projects are created by the chain leader in the work plan / 联合体项目由链主在年度工作方案中提出',
      });
    }
    const window = callState(call.opensAt, call.closesAt, now);
    if (window !== 'open')
      throw new AppError('state_conflict', {
        callState: window,
        message: `the call is ${window} / 申报${window === 'upcoming' ? '尚未开始' : '已截止'}`,
      });

    const form: ApplicationForm = {};
    let nationalApplicationId: string | null = null;
    let nationalProjectId: string | null = null;
    if (call.track === 'backfill') {
      if (!input.nationalApplicationId) {
        throw new AppError('validation_failed', [
          { path: 'body.nationalApplicationId', message: 'choose your national application / 请选择国家重点研发计划申报记录' },
        ]);
      }
      const n = await assertFirstApplicant(tx, orgId, input.nationalApplicationId, call);
      nationalApplicationId = n.id;
      form.title = n.title;
      form.fieldCode = n.field_code;
      form.direction = n.direction;
      if (n.leader_name) form.team = [{ name: n.leader_name, role: 'leader', title: '', orgName: n.lead_name, duty: '' }];
    }
    if (call.track === 'continuation') {
      if (!input.nationalProjectId) {
        throw new AppError('validation_failed', [
          { path: 'body.nationalProjectId', message: 'choose the national project / 请选择国家重点研发计划项目' },
        ]);
      }
      const p = await tx.selectFrom('national_projects').selectAll().where('id', '=', input.nationalProjectId).executeTakeFirst();
      if (!p)
        throw new AppError('validation_failed', [{ path: 'body.nationalProjectId', message: 'no such national project / 国家项目不存在' }]);
      nationalProjectId = p.id;
      form.title = `${p.title}成果产业化`;
      form.fieldCode = p.field_code;
      form.direction = p.direction;
    }
    const inserted = await tx
      .insertInto('applications')
      .values({
        call_id: call.id,
        track: call.track,
        org_id: orgId,
        client_key: input.clientKey,
        national_application_id: nationalApplicationId,
        national_project_id: nationalProjectId,
        city_funds: call.track === 'recognition' ? 0 : null,
        form: JSON.stringify(form),
        created_by: actor.userId,
        updated_at: now,
      })
      // A concurrent retry with the same key: the other request's draft is the answer.
      .onConflict((oc) => oc.columns(['org_id', 'client_key']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!inserted) {
      const winner = await tx
        .selectFrom('applications')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('client_key', '=', input.clientKey)
        .executeTakeFirstOrThrow();
      return { created: false, view: await buildView(tx, actor, winner, call, 'applicant', now) };
    }
    const view = await buildView(tx, actor, inserted, call, 'applicant', now);
    await appendAudit(tx, actor, now, {
      action: 'application.create',
      entityType: 'application',
      entityId: inserted.id,
      after: { callId: call.id, track: call.track, orgId, nationalApplicationId, nationalProjectId },
    });
    return { created: true, view };
  });
}
