import { AppError, type CallUpdate, type CallView } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { auditCall, findCallRowForUpdate, loadCall } from '../../repositories/calls.js';
import { inTransaction } from '../transaction.js';
import { assertCallRules, assertWindow } from './call-checks.js';

/**
 * An officer changes a call. A published call stays publishable: it keeps conditions, materials and
 * criteria (4.3.a); a cancelled call is closed for changes.
 */
export async function updateCall(deps: Deps, actor: Actor, id: string, input: CallUpdate): Promise<CallView> {
  return inTransaction(deps, async (tx, now) => {
    const row = await findCallRowForUpdate(tx, id);
    if (!row) throw new AppError('not_found');
    if (row.status === 'cancelled') {
      throw new AppError('state_conflict', [{ path: 'status', message: 'the call is cancelled / 申报指南已撤销' }]);
    }
    const before = (await loadCall(tx, id, now))!;
    const next = {
      titleZh: input.titleZh ?? before.titleZh,
      titleEn: input.titleEn ?? before.titleEn,
      opensAt: new Date(input.opensAt ?? before.opensAt),
      closesAt: new Date(input.closesAt ?? before.closesAt),
      conditions: input.conditions ?? before.conditions,
      materials: input.materials ?? before.materials,
      criteria: input.criteria ?? before.criteria,
      checklist: input.checklist ?? before.checklist,
    };
    assertWindow(next.opensAt, next.closesAt);
    if (row.status === 'published') assertCallRules(next);
    await tx
      .updateTable('calls')
      .set({
        title_zh: next.titleZh,
        title_en: next.titleEn,
        opens_at: next.opensAt,
        closes_at: next.closesAt,
        conditions: JSON.stringify(next.conditions),
        materials: JSON.stringify(next.materials),
        criteria: JSON.stringify(next.criteria),
        checklist: JSON.stringify(next.checklist),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    const after = (await loadCall(tx, id, now))!;
    await appendAudit(tx, actor, now, {
      action: 'call.update',
      entityType: 'call',
      entityId: id,
      before: auditCall(before),
      after: auditCall(after),
      reason: input.reason ?? null,
    });
    return after;
  });
}
