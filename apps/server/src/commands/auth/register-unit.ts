import { AppError, type RegisterUnitInput } from '@rdplan/domain';
import { sql } from 'kysely';
import { appendAudit } from '../../audit/audit.js';
import { hashPassword } from '../../auth/passwords.js';
import { PUBLIC_ACTOR, type Deps } from '../../context.js';
import { queueMail } from '../../mailer.js';
import { findUserByEmail } from '../../repositories/users.js';
import { inTransaction } from '../transaction.js';
import { assertStrongPassword } from './check-password.js';

/**
 * An applicant unit registers by its unified social credit code. When the registry already holds the
 * code, the account attaches to that record (registry data wins over what was typed); otherwise a new
 * record is created. The account stays pending until a bureau officer confirms the unit, because a
 * credit code is public and must not by itself open an organisation's data to whoever types it.
 *
 * No user enumeration: an e-mail that already has an account gets the same answer, after the same work
 * (the password is hashed either way); nothing is created and the address's owner is told by mail.
 */
export async function registerUnit(deps: Deps, input: RegisterUnitInput): Promise<{ status: 'pending'; orgName: string }> {
  assertStrongPassword(input.admin.password, { email: input.admin.email, name: input.admin.name }, 'body.admin.password');
  const hash = await hashPassword(input.admin.password);
  return inTransaction(deps, async (tx, now) => {
    let org = await tx.selectFrom('organisations').selectAll().where('uscc', '=', input.uscc).forUpdate().executeTakeFirst();
    if (org) {
      const existing = await tx
        .selectFrom('users')
        .select('id')
        .where('org_id', '=', org.id)
        .where('status', '<>', 'disabled')
        .where(sql<boolean>`'unit_admin' = any(roles)`)
        .executeTakeFirst();
      if (existing) {
        throw new AppError('conflict', [
          {
            path: 'body.uscc',
            message: 'this unit already has an administrator; ask them for an invitation / 该单位已有管理员，请联系其邀请',
          },
        ]);
      }
    }
    const taken = await findUserByEmail(tx, input.admin.email);
    if (taken) {
      await appendAudit(tx, { ...PUBLIC_ACTOR, label: input.admin.email }, now, {
        action: 'user.register_taken_email',
        entityType: 'user',
        entityId: taken.id,
        after: { uscc: input.uscc },
      });
      await queueMail(
        tx,
        taken.email,
        '广州市重点领域研发计划：注册提醒 / Registration attempt',
        `${taken.name}，您好：有人使用本邮箱提交了单位注册（${input.uscc}）。该邮箱已有账号，无需重新注册，请直接登录；` +
          '如忘记密码，请在登录页选择“忘记密码”。如非本人操作，请忽略本邮件。',
      );
      return { status: 'pending' as const, orgName: org?.name ?? input.name };
    }
    if (!org) {
      org = await tx
        .insertInto('organisations')
        .values({
          uscc: input.uscc,
          name: input.name,
          type: input.type,
          region_code: input.regionCode,
          address: input.address ?? null,
          former_names: '[]',
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await appendAudit(tx, PUBLIC_ACTOR, now, {
        action: 'organisation.create',
        entityType: 'organisation',
        entityId: org.id,
        after: { uscc: org.uscc, name: org.name, type: org.type, regionCode: org.region_code },
        reason: 'self-registration',
      });
    }
    const user = await tx
      .insertInto('users')
      .values({
        email: input.admin.email,
        name: input.admin.name,
        password_hash: hash,
        roles: ['unit_admin'],
        org_id: org.id,
        status: 'pending',
        password_changed_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, { ...PUBLIC_ACTOR, label: user.email }, now, {
      action: 'user.register',
      entityType: 'user',
      entityId: user.id,
      after: { email: user.email, roles: user.roles, orgId: org.id, status: 'pending' },
    });
    await queueMail(
      tx,
      user.email,
      '广州市重点领域研发计划：单位注册已提交 / Registration received',
      `${user.name}，您好：${org.name}（${org.uscc}）的注册申请已提交，市科技局确认后即可登录。`,
    );
    return { status: 'pending' as const, orgName: org.name };
  });
}
