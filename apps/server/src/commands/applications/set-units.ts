import { AppError, type ApplicationView, type SetUnitsInput } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { listUnits } from '../../repositories/applications.js';
import { inTransaction } from '../transaction.js';
import { assertApplicantMayEdit, assertVersion } from './guards.js';
import { buildView, loadForActor } from './view.js';

/**
 * The applicant names its participating units. Units kept from before keep their confirmation; a new
 * or changed unit must confirm in its own account before the application can be submitted.
 * Chain projects take their units from the chain leader's plan (3.1.f).
 */
export async function setUnits(deps: Deps, actor: Actor, id: string, input: SetUnitsInput): Promise<ApplicationView> {
  return inTransaction(deps, async (tx, now) => {
    const { app, relation, call } = await loadForActor(tx, actor, id);
    assertApplicantMayEdit(app, relation);
    assertVersion(app, input.version);
    if (app.track === 'consortium') {
      throw new AppError('state_conflict', {
        message: 'participating units of a chain project are set in the work plan (3.1.f) / 联合体项目的参与单位由链主在工作方案中确定',
      });
    }
    const problems: { path: string; message: string }[] = [];
    const seen = new Set<string>();
    input.units.forEach((u, i) => {
      if (u.orgId === app.org_id)
        problems.push({
          path: `body.units.${i}.orgId`,
          message: 'the applicant itself is not a participating unit / 申报单位本身不是参与单位',
        });
      if (seen.has(u.orgId)) problems.push({ path: `body.units.${i}.orgId`, message: 'named twice / 重复' });
      seen.add(u.orgId);
    });
    const ids = input.units.map((u) => u.orgId);
    const known = ids.length
      ? new Set((await tx.selectFrom('organisations').select('id').where('id', 'in', ids).execute()).map((r) => r.id))
      : new Set<string>();
    input.units.forEach((u, i) => {
      if (!known.has(u.orgId)) problems.push({ path: `body.units.${i}.orgId`, message: 'no such organisation / 单位不存在' });
    });
    if (problems.length) throw new AppError('validation_failed', problems);

    const before = await listUnits(tx, app.id);
    const prior = new Map(before.map((u) => [u.org_id, u]));
    await tx.deleteFrom('application_units').where('application_id', '=', app.id).execute();
    if (input.units.length) {
      await tx
        .insertInto('application_units')
        .values(
          input.units.map((u, i) => {
            const p = prior.get(u.orgId);
            const same = p && p.role === u.role;
            return {
              application_id: app.id,
              org_id: u.orgId,
              role: u.role,
              position: i,
              confirmed_at: same ? p.confirmed_at : null,
              declined_at: same ? p.declined_at : null,
              decline_reason: same ? p.decline_reason : null,
            };
          }),
        )
        .execute();
    }
    const updated = await tx
      .updateTable('applications')
      .set({ version: app.version + 1, updated_at: now })
      .where('id', '=', app.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, actor, now, {
      action: 'application.units',
      entityType: 'application',
      entityId: app.id,
      before: before.map((u) => ({ orgId: u.org_id, role: u.role })),
      after: input.units,
    });
    return buildView(tx, actor, updated, call, relation, now);
  });
}
