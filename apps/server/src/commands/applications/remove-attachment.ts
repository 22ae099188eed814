import { type ApplicationView } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { inTransaction } from '../transaction.js';
import { assertApplicantMayEdit } from './guards.js';
import { buildView, loadForActor } from './view.js';
import { AccessDenied } from '../../http/access-denied.js';

export async function removeAttachment(deps: Deps, actor: Actor, id: string, attachmentId: string): Promise<ApplicationView> {
  return inTransaction(deps, async (tx, now) => {
    const { app, relation, call } = await loadForActor(tx, actor, id);
    assertApplicantMayEdit(app, relation);
    const removed = await tx
      .deleteFrom('application_attachments')
      .where('id', '=', attachmentId)
      .where('application_id', '=', app.id)
      .returning(['id', 'material_key', 'filename', 'blob_sha256'])
      .executeTakeFirst();
    if (!removed) throw new AccessDenied('application_attachment', attachmentId);
    const updated = await tx
      .updateTable('applications')
      .set({ version: app.version + 1, updated_at: now })
      .where('id', '=', app.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, actor, now, {
      action: 'application.detach',
      entityType: 'application',
      entityId: app.id,
      before: { id: removed.id, materialKey: removed.material_key, filename: removed.filename, sha256: removed.blob_sha256 },
      after: null,
    });
    return buildView(tx, actor, updated, call, relation, now);
  });
}
