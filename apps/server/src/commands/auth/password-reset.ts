import { AppError } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import { hashPassword } from '../../auth/passwords.js';
import { deleteUserSessions } from '../../auth/sessions.js';
import { newToken, tokenHash } from '../../auth/tokens.js';
import { PUBLIC_ACTOR, type Deps } from '../../context.js';
import { queueMail } from '../../mailer.js';
import { findUserByEmail, findUserForUpdate } from '../../repositories/users.js';
import { inTransaction } from '../transaction.js';
import { assertStrongPassword } from './check-password.js';

/** How long a mailed reset link works. */
export const RESET_MINUTES = 30;

/**
 * "Forgot password": when the address has an account that is not disabled, a one-time link is mailed
 * (the token is random and stored only as its hash; it works once, for RESET_MINUTES, and a newer
 * request ends the older links). The caller answers the same whatever happened here, so the answer
 * never tells whether the address has an account.
 */
export async function requestPasswordReset(deps: Deps, input: { email: string }, meta: { ip: string | null }): Promise<void> {
  const token = newToken();
  await inTransaction(deps, async (tx, now) => {
    const user = await findUserByEmail(tx, input.email);
    if (!user || user.status === 'disabled') return;
    await tx
      .updateTable('password_resets')
      .set({ revoked_at: now })
      .where('user_id', '=', user.id)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .execute();
    const row = await tx
      .insertInto('password_resets')
      .values({
        user_id: user.id,
        token_hash: tokenHash(token),
        created_at: now,
        expires_at: new Date(now.getTime() + RESET_MINUTES * 60_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, { ...PUBLIC_ACTOR, label: user.email }, now, {
      action: 'user.password_reset_request',
      entityType: 'user',
      entityId: user.id,
      after: { resetId: row.id, ip: meta.ip },
    });
    await queueMail(
      tx,
      user.email,
      '广州市重点领域研发计划：重置密码 / Password reset',
      `${user.name}，您好：请在 ${RESET_MINUTES} 分钟内打开 /reset-password?token=${token} 设置新密码，该链接仅可使用一次。` +
        '如非本人操作，请忽略本邮件，您的密码不会改变。',
    );
  });
}

const INVALID = () =>
  new AppError('not_found', [{ path: 'body.token', message: 'reset link unknown, used or expired / 重置链接无效、已使用或已过期' }]);

/**
 * Sets a new password from a mailed link. The link works once; resetting ends every session of the
 * user, lifts a sign-in lock and ends the user's other open links; audited.
 */
export async function resetPassword(deps: Deps, input: { token: string; password: string }): Promise<void> {
  const hash = tokenHash(input.token);
  const now = deps.clock.now();
  const reset = await deps.db.selectFrom('password_resets').selectAll().where('token_hash', '=', hash).executeTakeFirst();
  if (!reset || reset.used_at || reset.revoked_at || reset.expires_at <= now) throw INVALID();
  const found = await deps.db.selectFrom('users').select(['email', 'name', 'status']).where('id', '=', reset.user_id).executeTakeFirst();
  if (!found || found.status === 'disabled') throw INVALID();
  assertStrongPassword(input.password, { email: found.email, name: found.name }, 'body.password');
  const passwordHash = await hashPassword(input.password);
  await inTransaction(deps, async (tx, at) => {
    // Claim the link: of two concurrent uses, one wins.
    const claimed = await tx
      .updateTable('password_resets')
      .set({ used_at: at })
      .where('id', '=', reset.id)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', at)
      .returning('id')
      .executeTakeFirst();
    if (!claimed) throw INVALID();
    const user = await findUserForUpdate(tx, reset.user_id);
    if (!user || user.status === 'disabled') throw INVALID();
    await tx
      .updateTable('users')
      .set({ password_hash: passwordHash, password_changed_at: at, failed_logins: 0, locked_until: null, updated_at: at })
      .where('id', '=', user.id)
      .execute();
    await tx
      .updateTable('password_resets')
      .set({ revoked_at: at })
      .where('user_id', '=', user.id)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .execute();
    await deleteUserSessions(tx, user.id);
    await appendAudit(tx, { ...PUBLIC_ACTOR, label: user.email }, at, {
      action: 'user.password_reset',
      entityType: 'user',
      entityId: user.id,
      before: { lockedUntil: user.locked_until, failedLogins: user.failed_logins },
      after: { resetId: reset.id, sessionsEnded: true },
    });
    await queueMail(
      tx,
      user.email,
      '广州市重点领域研发计划：密码已重置 / Password changed',
      `${user.name}，您好：您的登录密码已通过邮件链接重置，所有已登录的会话均已退出。如非本人操作，请立即联系市科技局。`,
    );
  });
}
