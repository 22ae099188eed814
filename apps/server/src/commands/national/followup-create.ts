import type { Actor, Deps } from '../../context.js';
import { appendAudit } from '../../audit/audit.js';
import { auditEntry } from '../../repositories/national-followup.js';
import { inTransaction } from '../transaction.js';
import { assertOrg, assertOutputType, entryView, type FollowupEntryInput } from './followup-entry.js';
import { requireFollowupProject } from './followup-read.js';

/** An officer records an event on a national project's follow-up timeline (4.2.b). */
export async function createFollowupEntry(deps: Deps, actor: Actor, nationalId: string, input: FollowupEntryInput) {
  return inTransaction(deps, async (tx, now) => {
    const project = await requireFollowupProject(tx, actor, nationalId);
    const outputType = input.outputType ?? null;
    assertOutputType(input.kind, outputType);
    await assertOrg(tx, input.orgId ?? null);
    const row = await tx
      .insertInto('national_followups')
      .values({
        project_national_id: project.national_id,
        kind: input.kind,
        title: input.title,
        detail: input.detail ?? '',
        occurred_on: input.occurredOn,
        output_type: outputType,
        org_id: input.orgId ?? null,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, actor, now, {
      action: 'national.followup.create',
      entityType: 'national_followup',
      entityId: row.id,
      after: auditEntry(row),
      reason: input.reason ?? null,
    });
    return entryView(tx, project.national_id, row.id);
  });
}
