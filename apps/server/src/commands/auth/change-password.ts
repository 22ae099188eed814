import { AppError } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import { hashPassword, verifyPassword } from '../../auth/passwords.js';
import { deleteUserSessions } from '../../auth/sessions.js';
import type { Actor, Deps } from '../../context.js';
import { findUser } from '../../repositories/users.js';
import { inTransaction } from '../transaction.js';
import { assertStrongPassword } from './check-password.js';

/** Changes the signed-in user's password and ends their other sessions. */
export async function changePassword(
  deps: Deps,
  actor: Actor & { userId: string },
  sessionId: string,
  input: { currentPassword: string; newPassword: string },
) {
  const user = await findUser(deps.db, actor.userId);
  if (!user?.password_hash || !(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new AppError('invalid_credentials', [{ path: 'body.currentPassword' }]);
  }
  assertStrongPassword(input.newPassword, { email: user.email, name: user.name }, 'body.newPassword');
  const hash = await hashPassword(input.newPassword);
  await inTransaction(deps, async (tx, now) => {
    await tx
      .updateTable('users')
      .set({ password_hash: hash, password_changed_at: now, updated_at: now })
      .where('id', '=', user.id)
      .execute();
    await deleteUserSessions(tx, user.id, sessionId);
    await appendAudit(tx, actor, now, { action: 'user.password_change', entityType: 'user', entityId: user.id });
  });
}
