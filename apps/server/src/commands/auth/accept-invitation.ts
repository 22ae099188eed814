import { AppError } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import { hashPassword } from '../../auth/passwords.js';
import { tokenHash } from '../../auth/tokens.js';
import { PUBLIC_ACTOR, type Deps } from '../../context.js';
import { findUserByEmail, presentUser } from '../../repositories/users.js';
import { inTransaction } from '../transaction.js';
import { assertStrongPassword } from './check-password.js';

/** The invited person sets a password; the account joins the inviting unit. The token works once. */
export async function acceptInvitation(deps: Deps, input: { token: string; password: string; name?: string | undefined }) {
  const hash = tokenHash(input.token);
  const invitation = await deps.db.selectFrom('invitations').selectAll().where('token_hash', '=', hash).executeTakeFirst();
  const now = deps.clock.now();
  // An invitation to an address that has an account by now cannot be accepted: the same answer as an
  // unknown token (its mail carried no link when the address already had an account).
  if (
    !invitation ||
    invitation.accepted_at ||
    invitation.revoked_at ||
    invitation.expires_at <= now ||
    (await findUserByEmail(deps.db, invitation.email))
  ) {
    throw new AppError('not_found', [{ path: 'body.token', message: 'invitation unknown, used or expired / 邀请无效或已过期' }]);
  }
  const name = input.name ?? invitation.name;
  assertStrongPassword(input.password, { email: invitation.email, name }, 'body.password');
  const passwordHash = await hashPassword(input.password);
  return inTransaction(deps, async (tx, at) => {
    const claimed = await tx
      .updateTable('invitations')
      .set({ accepted_at: at })
      .where('id', '=', invitation.id)
      .where('accepted_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!claimed) throw new AppError('conflict', [{ path: 'body.token', message: 'invitation already used / 邀请已使用' }]);
    const user = await tx
      .insertInto('users')
      .values({
        email: invitation.email,
        name,
        password_hash: passwordHash,
        roles: [invitation.role],
        org_id: invitation.org_id,
        status: 'active',
        password_changed_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, { ...PUBLIC_ACTOR, label: user.email }, at, {
      action: 'invitation.accept',
      entityType: 'user',
      entityId: user.id,
      after: { email: user.email, roles: user.roles, orgId: user.org_id, invitationId: invitation.id },
    });
    return presentUser(user);
  });
}
