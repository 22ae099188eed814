import { AppError, transitionFor, type ApplicationState, type ApplicationView } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { inTransaction } from '../transaction.js';
import { auditSummary } from './guards.js';
import { buildView, loadForActor } from './view.js';

export async function withdrawApplication(deps: Deps, actor: Actor, id: string, reason: string): Promise<ApplicationView> {
  return inTransaction(deps, async (tx, now) => {
    const { app, relation, call } = await loadForActor(tx, actor, id);
    if (relation !== 'applicant') throw new AppError('forbidden');
    if (!transitionFor('withdraw', app.status as ApplicationState, app.track)) throw new AppError('state_conflict', { status: app.status });
    if (app.track === 'consortium') {
      throw new AppError('state_conflict', {
        message: 'a chain project leaves the plan through the chain leader / 联合体项目须由链主调整工作方案',
      });
    }
    const updated = await tx
      .updateTable('applications')
      .set({ status: 'withdrawn', updated_at: now })
      .where('id', '=', app.id)
      .where('status', '=', app.status)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw new AppError('conflict');
    await appendAudit(tx, actor, now, {
      action: 'application.withdraw',
      entityType: 'application',
      entityId: app.id,
      before: auditSummary(app),
      after: auditSummary(updated),
      reason,
    });
    return buildView(tx, actor, updated, call, relation, now);
  });
}
