import { AppError } from '@rdplan/domain';
import type { Actor, Deps } from '../../context.js';
import { appendAudit } from '../../audit/audit.js';
import { auditEntry, findEntry } from '../../repositories/national-followup.js';
import { inTransaction } from '../transaction.js';
import { requireFollowupProject } from './followup-read.js';

/** An officer removes an entry recorded by mistake. */
export async function deleteFollowupEntry(deps: Deps, actor: Actor, nationalId: string, id: string) {
  return inTransaction(deps, async (tx, now) => {
    const project = await requireFollowupProject(tx, actor, nationalId);
    const before = await findEntry(tx, project.national_id, id, true);
    if (!before) throw new AppError('not_found');
    await tx.deleteFrom('national_followups').where('id', '=', id).execute();
    await appendAudit(tx, actor, now, {
      action: 'national.followup.delete',
      entityType: 'national_followup',
      entityId: id,
      before: auditEntry(before),
    });
  });
}
