import { appendAudit } from '../../audit/audit.js';
import { deleteSession } from '../../auth/sessions.js';
import type { Actor, Deps } from '../../context.js';
import { inTransaction } from '../transaction.js';

/** Ends the current session. */
export async function logout(deps: Deps, actor: Actor, sessionId: string) {
  await inTransaction(deps, async (tx, now) => {
    await deleteSession(tx, sessionId);
    await appendAudit(tx, actor, now, { action: 'session.delete', entityType: 'user', entityId: actor.userId });
  });
}
