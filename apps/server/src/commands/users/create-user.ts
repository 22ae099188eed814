import { AppError, ORG_ROLES, type CreateUserInput } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import { hashPassword } from '../../auth/passwords.js';
import type { Actor, Deps } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { auditUser, findUserByEmail, presentUser } from '../../repositories/users.js';
import { assertStrongPassword } from '../auth/check-password.js';
import { inTransaction } from '../transaction.js';

/** Roles that act for an organisation need one; an expert needs the expert record it signs in as. */
export async function assertRoleLinks(db: Executor, roles: readonly string[], orgId: string | null, personId: string | null) {
  const needsOrg = roles.some((r) => (ORG_ROLES as readonly string[]).includes(r));
  if (needsOrg && !orgId)
    throw new AppError('validation_failed', [
      { path: 'body.orgId', message: 'required for unit and chain-leader roles / 单位角色须指定所属单位' },
    ]);
  if (orgId && !(await db.selectFrom('organisations').select('id').where('id', '=', orgId).executeTakeFirst())) {
    throw new AppError('validation_failed', [{ path: 'body.orgId', message: 'unknown organisation / 单位不存在' }]);
  }
  if (roles.includes('chain_leader') && orgId) {
    const leads = await db.selectFrom('chain_leaders').select('chain_id').where('org_id', '=', orgId).executeTakeFirst();
    if (!leads)
      throw new AppError('validation_failed', [{ path: 'body.orgId', message: 'not a chain-leader enterprise / 该单位不是链主企业' }]);
  }
  const person = personId
    ? await db.selectFrom('people').select(['id', 'is_expert']).where('id', '=', personId).executeTakeFirst()
    : undefined;
  if (personId && !person) {
    throw new AppError('validation_failed', [{ path: 'body.personId', message: 'unknown person / 人员不存在' }]);
  }
  if (roles.includes('expert')) {
    if (!personId)
      throw new AppError('validation_failed', [{ path: 'body.personId', message: 'required for experts / 专家账号须关联专家库人员' }]);
    if (!person?.is_expert)
      throw new AppError('validation_failed', [{ path: 'body.personId', message: 'not in the expert pool / 不在专家库中' }]);
  }
}

/** An administrator opens an account for staff, a chain leader, an expert or a unit user. */
export async function createUser(deps: Deps, actor: Actor, input: CreateUserInput) {
  assertStrongPassword(input.password, { email: input.email, name: input.name }, 'body.password');
  if (await findUserByEmail(deps.db, input.email)) {
    throw new AppError('conflict', [{ path: 'body.email', message: 'e-mail already has an account / 该邮箱已有账号' }]);
  }
  await assertRoleLinks(deps.db, input.roles, input.orgId, input.personId);
  const hash = await hashPassword(input.password);
  return inTransaction(deps, async (tx, now) => {
    const user = await tx
      .insertInto('users')
      .values({
        email: input.email,
        name: input.name,
        password_hash: hash,
        roles: [...new Set(input.roles)],
        org_id: input.orgId,
        person_id: input.personId,
        status: 'active',
        password_changed_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, actor, now, { action: 'user.create', entityType: 'user', entityId: user.id, after: auditUser(user) });
    return presentUser(user);
  });
}
