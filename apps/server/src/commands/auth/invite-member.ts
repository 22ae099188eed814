import { appendAudit } from '../../audit/audit.js';
import { newToken, tokenHash } from '../../auth/tokens.js';
import type { Actor, Deps } from '../../context.js';
import { queueMail } from '../../mailer.js';
import { findUserByEmail } from '../../repositories/users.js';
import { inTransaction } from '../transaction.js';

const INVITATION_DAYS = 7;

/**
 * A unit's admin invites a colleague by e-mail; the link holds a one-time token valid for a week.
 * No user enumeration: an address that already has an account gets the same answer and the same work
 * (an invitation row, an audit event, a mail), but its mail says the address already has an account
 * and carries no link.
 */
export async function inviteMember(
  deps: Deps,
  actor: Actor & { userId: string; orgId: string },
  input: { email: string; name: string; role: 'unit_admin' | 'unit_member' },
) {
  const token = newToken();
  const invitation = await inTransaction(deps, async (tx, now) => {
    const taken = await findUserByEmail(tx, input.email);
    const row = await tx
      .insertInto('invitations')
      .values({
        org_id: actor.orgId,
        email: input.email,
        name: input.name,
        role: input.role,
        token_hash: tokenHash(token),
        invited_by: actor.userId,
        expires_at: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, actor, now, {
      action: 'invitation.create',
      entityType: 'invitation',
      entityId: row.id,
      after: { email: row.email, role: row.role, orgId: row.org_id },
    });
    await queueMail(
      tx,
      row.email,
      '邀请加入广州市重点领域研发计划申报单位 / Invitation',
      taken
        ? `${row.name}，您好：有单位邀请本邮箱加入，但该邮箱已有账号，无法再次接受邀请。请直接登录；如需更换所属单位，请联系市科技局。`
        : `${row.name}，您好：请在 ${INVITATION_DAYS} 天内打开 /accept-invitation?token=${token} 设置密码。`,
    );
    return row;
  });
  return {
    id: invitation.id,
    email: invitation.email,
    name: invitation.name,
    role: invitation.role,
    expiresAt: invitation.expires_at.toISOString(),
  };
}
