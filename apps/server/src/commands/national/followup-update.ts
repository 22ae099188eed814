import { AppError } from '@rdplan/domain';
import type { Actor, Deps } from '../../context.js';
import { appendAudit } from '../../audit/audit.js';
import { auditEntry, findEntry } from '../../repositories/national-followup.js';
import { inTransaction } from '../transaction.js';
import { assertOrg, assertOutputType, entryView, type FollowupEntryPatch } from './followup-entry.js';
import { requireFollowupProject } from './followup-read.js';

/** An officer corrects an entry; changing an output to another kind drops its output type. */
export async function updateFollowupEntry(deps: Deps, actor: Actor, nationalId: string, id: string, patch: FollowupEntryPatch) {
  return inTransaction(deps, async (tx, now) => {
    const project = await requireFollowupProject(tx, actor, nationalId);
    const before = await findEntry(tx, project.national_id, id, true);
    if (!before) throw new AppError('not_found');
    const kind = patch.kind ?? before.kind;
    const outputType =
      patch.outputType !== undefined ? patch.outputType : patch.kind && patch.kind !== 'output' ? null : before.output_type;
    assertOutputType(kind, outputType);
    if (patch.orgId !== undefined) await assertOrg(tx, patch.orgId);
    const after = await tx
      .updateTable('national_followups')
      .set({
        kind,
        output_type: outputType,
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.detail !== undefined ? { detail: patch.detail } : {}),
        ...(patch.occurredOn !== undefined ? { occurred_on: patch.occurredOn } : {}),
        ...(patch.orgId !== undefined ? { org_id: patch.orgId } : {}),
        updated_at: now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, actor, now, {
      action: 'national.followup.update',
      entityType: 'national_followup',
      entityId: id,
      before: auditEntry(before),
      after: auditEntry(after),
      reason: patch.reason ?? null,
    });
    return entryView(tx, project.national_id, id);
  });
}
