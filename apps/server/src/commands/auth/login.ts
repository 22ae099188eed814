import { AppError, type LoginInput } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import { verifyNobody, verifyPassword } from '../../auth/passwords.js';
import { createSession } from '../../auth/sessions.js';
import type { Actor, Deps } from '../../context.js';
import { findUserByEmail, findUserForUpdate, presentUser } from '../../repositories/users.js';
import { tokenHash } from '../../auth/tokens.js';
import { inTransaction } from '../transaction.js';

export interface LoginMeta {
  ip: string | null;
  userAgent: string | null;
}

/**
 * Signs a user in with e-mail and password and opens a server-side session.
 * Five wrong passwords in a row lock the account for fifteen minutes; an unknown e-mail costs the same
 * time as a wrong password (an argon2 verification against a dummy hash) and gets the same answers,
 * the lock included: its failures are counted in login_throttle, so a lock does not reveal an account.
 */
export async function login(deps: Deps, input: LoginInput, meta: LoginMeta) {
  const found = await findUserByEmail(deps.db, input.email);
  if (!found || !found.password_hash) {
    await verifyNobody(input.password);
    const until = await failWithoutAccount(deps, input.email);
    if (until) throw new AppError('account_locked', { until: until.toISOString() });
    throw new AppError('invalid_credentials');
  }
  const ok = await verifyPassword(found.password_hash, input.password);

  const outcome = await inTransaction(deps, async (tx, now) => {
    const user = await findUserForUpdate(tx, found.id);
    if (!user) throw new AppError('invalid_credentials');
    const actor: Actor = { userId: user.id, label: user.email, roles: [], orgId: user.org_id, personId: user.person_id };
    if (user.locked_until && user.locked_until > now) {
      return { kind: 'locked' as const, until: user.locked_until };
    }
    if (!ok) {
      const failures = user.failed_logins + 1;
      const lock = failures >= deps.config.lockout.threshold;
      const lockedUntil = lock ? new Date(now.getTime() + deps.config.lockout.minutes * 60_000) : null;
      await tx
        .updateTable('users')
        .set({ failed_logins: lock ? 0 : failures, locked_until: lockedUntil, updated_at: now })
        .where('id', '=', user.id)
        .execute();
      await appendAudit(tx, actor, now, {
        action: lock ? 'user.locked' : 'user.login_failed',
        entityType: 'user',
        entityId: user.id,
        before: { failedLogins: user.failed_logins },
        after: { failedLogins: lock ? 0 : failures, lockedUntil },
        reason: lock ? `${failures} failed sign-ins` : null,
      });
      return lock ? { kind: 'locked' as const, until: lockedUntil! } : { kind: 'failed' as const };
    }
    if (user.status === 'disabled') return { kind: 'failed' as const };
    if (user.status === 'pending') return { kind: 'pending' as const };
    await tx
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null, last_login_at: now, updated_at: now })
      .where('id', '=', user.id)
      .execute();
    const session = await createSession(tx, user.id, now, meta);
    await appendAudit(tx, actor, now, {
      action: 'session.create',
      entityType: 'user',
      entityId: user.id,
      after: { ip: meta.ip },
    });
    return { kind: 'ok' as const, user: presentUser({ ...user, last_login_at: now }), ...session };
  });

  switch (outcome.kind) {
    case 'ok':
      return outcome;
    case 'locked':
      throw new AppError('account_locked', { until: outcome.until.toISOString() });
    case 'pending':
      throw new AppError('account_pending');
    case 'failed':
      throw new AppError('invalid_credentials');
  }
}

/**
 * Counts a failed sign-in of an address that has no account, exactly as an account's failures are
 * counted (same threshold, same lock); answers the end of the lock when the address is locked.
 */
async function failWithoutAccount(deps: Deps, email: string): Promise<Date | null> {
  const key = tokenHash(email.toLowerCase());
  return inTransaction(deps, async (tx, now) => {
    await tx
      .insertInto('login_throttle')
      .values({ email_hash: key, updated_at: now })
      .onConflict((oc) => oc.column('email_hash').doNothing())
      .execute();
    const row = await tx.selectFrom('login_throttle').selectAll().where('email_hash', '=', key).forUpdate().executeTakeFirstOrThrow();
    if (row.locked_until && row.locked_until > now) return row.locked_until;
    const failures = row.failed_logins + 1;
    const lock = failures >= deps.config.lockout.threshold;
    const lockedUntil = lock ? new Date(now.getTime() + deps.config.lockout.minutes * 60_000) : null;
    await tx
      .updateTable('login_throttle')
      .set({ failed_logins: lock ? 0 : failures, locked_until: lockedUntil, updated_at: now })
      .where('email_hash', '=', key)
      .execute();
    return lockedUntil;
  });
}
