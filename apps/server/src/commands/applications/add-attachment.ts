import { AppError, type ApplicationView } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { isPdf } from '../../storage/blobs.js';
import { pdfActiveContent } from '../../storage/pdf-scan.js';
import { inTransaction } from '../transaction.js';
import { assertApplicantMayEdit } from './guards.js';
import { buildView, loadForActor } from './view.js';

export interface Upload {
  materialKey: string;
  filename: string;
  buffer: Buffer;
  truncated: boolean;
}

/** Attaches a PDF to one of the call's materials; a second file for the same material replaces the first. */
export async function addAttachment(deps: Deps, actor: Actor, id: string, upload: Upload): Promise<ApplicationView> {
  // Check access and the material before writing the file.
  const pre = await loadForActor(deps.db, actor, id);
  assertApplicantMayEdit(pre.app, pre.relation);
  const material = pre.call.materials.find((m) => m.key === upload.materialKey);
  if (!material) {
    throw new AppError('validation_failed', [
      { path: 'querystring.materialKey', message: `the call asks for no material "${upload.materialKey}" / 申报指南无此材料` },
    ]);
  }
  if (upload.truncated || upload.buffer.length > material.maxMb * 1024 * 1024) {
    throw new AppError('payload_too_large', { path: 'body.file', maxMb: material.maxMb });
  }
  if (upload.buffer.length === 0 || !isPdf(upload.buffer))
    throw new AppError('unsupported_media_type', { path: 'body.file', expected: 'application/pdf' });
  // Stored as sent; JavaScript or launch actions are recorded and shown to officers as a warning.
  const activeContent = await pdfActiveContent(upload.buffer);
  const sha = await deps.blobs.put(upload.buffer, { mime: 'application/pdf' });
  return inTransaction(deps, async (tx, now) => {
    const { app, relation, call } = await loadForActor(tx, actor, id);
    assertApplicantMayEdit(app, relation);
    await tx
      .insertInto('blobs')
      .values({ sha256: sha, size: upload.buffer.length, mime: 'application/pdf' })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
    const replaced = await tx
      .deleteFrom('application_attachments')
      .where('application_id', '=', app.id)
      .where('material_key', '=', material.key)
      .returning(['id', 'filename', 'blob_sha256'])
      .execute();
    const row = await tx
      .insertInto('application_attachments')
      .values({
        application_id: app.id,
        material_key: material.key,
        blob_sha256: sha,
        filename: upload.filename.slice(0, 200) || `${material.key}.pdf`,
        size: upload.buffer.length,
        uploaded_by: actor.userId,
        active_content: activeContent,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const updated = await tx
      .updateTable('applications')
      .set({ version: app.version + 1, updated_at: now })
      .where('id', '=', app.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, actor, now, {
      action: 'application.attach',
      entityType: 'application',
      entityId: app.id,
      before: replaced.length ? replaced.map((r) => ({ filename: r.filename, sha256: r.blob_sha256 })) : null,
      after: {
        id: row.id,
        materialKey: material.key,
        filename: row.filename,
        size: upload.buffer.length,
        sha256: sha,
        ...(activeContent.length > 0 ? { activeContent } : {}),
      },
    });
    return buildView(tx, actor, updated, call, relation, now);
  });
}
