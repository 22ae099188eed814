import { AppError } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { queueMail } from '../../mailer.js';
import { auditUser, findUserForUpdate, presentUser } from '../../repositories/users.js';
import { inTransaction } from '../transaction.js';

/** A bureau officer confirms (or refuses) a unit's self-registration. */
export async function reviewRegistration(
  deps: Deps,
  actor: Actor,
  userId: string,
  input: { decision: 'approve' | 'reject'; reason?: string | undefined },
) {
  if (input.decision === 'reject' && !input.reason) {
    throw new AppError('validation_failed', [{ path: 'body.reason', message: 'a reason is required to reject / 拒绝须填写理由' }]);
  }
  return inTransaction(deps, async (tx, now) => {
    const user = await findUserForUpdate(tx, userId);
    if (!user) throw new AppError('not_found');
    if (user.status !== 'pending') throw new AppError('state_conflict', { status: user.status });
    const status = input.decision === 'approve' ? 'active' : 'disabled';
    const updated = await tx
      .updateTable('users')
      .set({ status, updated_at: now })
      .where('id', '=', user.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, actor, now, {
      action: input.decision === 'approve' ? 'user.registration_approved' : 'user.registration_rejected',
      entityType: 'user',
      entityId: user.id,
      before: auditUser(user),
      after: auditUser(updated),
      reason: input.reason ?? null,
    });
    await queueMail(
      tx,
      user.email,
      input.decision === 'approve' ? '单位注册已确认 / Registration confirmed' : '单位注册未通过 / Registration refused',
      input.decision === 'approve' ? '您的单位账号已开通，可登录系统。' : `您的单位注册未通过：${input.reason}`,
    );
    return presentUser(updated);
  });
}
