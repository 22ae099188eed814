import { AppError, type Role } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import { deleteUserSessions } from '../../auth/sessions.js';
import type { Actor, Deps } from '../../context.js';
import { auditUser, findUserForUpdate, presentUser } from '../../repositories/users.js';
import { inTransaction } from '../transaction.js';
import { assertRoleLinks } from './create-user.js';

export interface UpdateUserInput {
  name?: string | undefined;
  roles?: Role[] | undefined;
  status?: 'active' | 'disabled' | undefined;
  orgId?: string | null | undefined;
  personId?: string | null | undefined;
  reason?: string | undefined;
}

/**
 * An administrator changes a user's roles, links or status. Disabling or changing roles ends the
 * user's sessions so the change takes effect at once. An admin cannot remove their own admin role.
 */
export async function updateUser(deps: Deps, actor: Actor, userId: string, input: UpdateUserInput) {
  return inTransaction(deps, async (tx, now) => {
    const user = await findUserForUpdate(tx, userId);
    if (!user) throw new AppError('not_found');
    if (user.id === actor.userId && ((input.roles && !input.roles.includes('admin')) || input.status === 'disabled')) {
      throw new AppError('validation_failed', [
        { path: 'body.roles', message: 'you cannot remove your own administrator access / 不能撤销自己的管理员权限' },
      ]);
    }
    const roles = input.roles ? [...new Set(input.roles)] : (user.roles as Role[]);
    const orgId = input.orgId === undefined ? user.org_id : input.orgId;
    const personId = input.personId === undefined ? user.person_id : input.personId;
    await assertRoleLinks(tx, roles, orgId, personId);
    const updated = await tx
      .updateTable('users')
      .set({
        name: input.name ?? user.name,
        roles,
        status: input.status ?? user.status,
        org_id: orgId,
        person_id: personId,
        updated_at: now,
      })
      .where('id', '=', user.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const accessChanged = input.roles !== undefined || input.status === 'disabled' || orgId !== user.org_id;
    if (accessChanged) await deleteUserSessions(tx, user.id);
    await appendAudit(tx, actor, now, {
      action: 'user.update',
      entityType: 'user',
      entityId: user.id,
      before: auditUser(user),
      after: auditUser(updated),
      reason: input.reason ?? null,
    });
    return presentUser(updated);
  });
}

/** An administrator lifts a sign-in lock before it runs out. */
export async function unlockUser(deps: Deps, actor: Actor, userId: string) {
  return inTransaction(deps, async (tx, now) => {
    const user = await findUserForUpdate(tx, userId);
    if (!user) throw new AppError('not_found');
    const updated = await tx
      .updateTable('users')
      .set({ locked_until: null, failed_logins: 0, updated_at: now })
      .where('id', '=', user.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, actor, now, {
      action: 'user.unlock',
      entityType: 'user',
      entityId: user.id,
      before: { lockedUntil: user.locked_until, failedLogins: user.failed_logins },
      after: { lockedUntil: null, failedLogins: 0 },
    });
    return presentUser(updated);
  });
}
