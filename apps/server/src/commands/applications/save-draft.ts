import { AppError, type ApplicationForm, type ApplicationView, type SaveDraftInput } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { storedForm } from '../../repositories/applications.js';
import { inTransaction } from '../transaction.js';
import { assertApplicantMayEdit, assertVersion } from './guards.js';
import { assertFirstApplicant } from './national-choice.js';
import { buildView, loadForActor } from './view.js';

/** Keys the chain leader fixed for a chain project: the lead unit cannot change them. */
const CHAIN_LOCKED: (keyof ApplicationForm)[] = ['title', 'summary'];

/**
 * Autosave of a draft (or of a returned application being revised). The whole form is replaced; a
 * stale version is refused with 409 so that two tabs never overwrite each other silently.
 */
export async function saveDraft(deps: Deps, actor: Actor, id: string, input: SaveDraftInput): Promise<ApplicationView> {
  return inTransaction(deps, async (tx, now) => {
    const { app, relation, call } = await loadForActor(tx, actor, id);
    assertApplicantMayEdit(app, relation);
    assertVersion(app, input.version);
    const before = storedForm(app.form);
    const form: ApplicationForm = { ...input.form };
    if (app.track === 'consortium') for (const key of CHAIN_LOCKED) (form as Record<string, unknown>)[key] = before[key];
    if (form.fieldCode) {
      const field = await tx.selectFrom('fields').select('code').where('code', '=', form.fieldCode).executeTakeFirst();
      if (!field)
        throw new AppError('validation_failed', [{ path: 'body.form.fieldCode', message: `unknown field ${form.fieldCode} / 领域不存在` }]);
    }
    let nationalApplicationId = app.national_application_id;
    let nationalProjectId = app.national_project_id;
    if (input.nationalApplicationId !== undefined && app.track === 'backfill') {
      if (input.nationalApplicationId !== null) {
        await assertFirstApplicant(tx, app.org_id, input.nationalApplicationId, call);
      }
      nationalApplicationId = input.nationalApplicationId;
    }
    if (input.nationalProjectId !== undefined && app.track === 'continuation') {
      if (input.nationalProjectId !== null) {
        const p = await tx.selectFrom('national_projects').select('id').where('id', '=', input.nationalProjectId).executeTakeFirst();
        if (!p)
          throw new AppError('validation_failed', [
            { path: 'body.nationalProjectId', message: 'no such national project / 国家项目不存在' },
          ]);
      }
      nationalProjectId = input.nationalProjectId;
    }
    const updated = await tx
      .updateTable('applications')
      .set({
        form: JSON.stringify(form),
        national_application_id: nationalApplicationId,
        national_project_id: nationalProjectId,
        version: app.version + 1,
        updated_at: now,
      })
      .where('id', '=', app.id)
      .where('version', '=', input.version)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw new AppError('conflict', { path: 'body.version' });
    const changed = Object.keys({ ...before, ...form }).filter(
      (k) => JSON.stringify(before[k as keyof ApplicationForm]) !== JSON.stringify(form[k as keyof ApplicationForm]),
    );
    if (nationalApplicationId !== app.national_application_id) changed.push('nationalApplicationId');
    if (nationalProjectId !== app.national_project_id) changed.push('nationalProjectId');
    const view = await buildView(tx, actor, updated, call, relation, now);
    await appendAudit(tx, actor, now, {
      action: 'application.save',
      entityType: 'application',
      entityId: app.id,
      before: { version: app.version },
      after: { version: updated.version, changed },
    });
    return view;
  });
}
