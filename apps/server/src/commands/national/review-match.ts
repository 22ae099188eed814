import { AppError, normaliseUscc } from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import { linkLeadOrgs } from './link-leads.js';
import { refreshMapFacts } from './map-facts.js';
import type { Actor, Deps } from '../../context.js';
import { candidatesOf } from '../../repositories/national-matching.js';
import { inTransaction } from '../transaction.js';

export type MatchDecision = { decision: 'confirm'; orgId: string; reason?: string | null } | { decision: 'reject'; reason?: string | null };

/**
 * An analyst or officer decides an uncertain link (4.2): confirming one of the proposed candidates
 * links the unit ('matched', method 'manual', confidence 1); rejecting marks it 'rejected' so matching
 * runs never propose it again. A unit with a credit code is never confirmed onto an organisation with
 * another credit code. Audited as `national.match.confirm` / `national.match.reject`.
 */
export async function reviewMatch(deps: Deps, actor: Actor, unitId: number, input: MatchDecision) {
  return inTransaction(deps, async (tx, now) => {
    const row = await tx.selectFrom('national_units').selectAll().where('id', '=', unitId).forUpdate().executeTakeFirst();
    if (!row) throw new AppError('not_found');
    if (row.match_method === 'manual' || row.reviewed_at !== null) {
      throw new AppError('state_conflict', [{ path: 'status', message: 'already decided / 已人工确认' }]);
    }
    const before = { status: row.match_status, orgId: row.org_id, method: row.match_method, confidence: row.match_confidence };
    let after: { status: 'matched' | 'rejected'; orgId: string | null; method: 'manual'; confidence: number | null };
    if (input.decision === 'confirm') {
      const candidate = candidatesOf(row.match_candidates).find((c) => c.orgId === input.orgId);
      if (!candidate) {
        throw new AppError('validation_failed', [{ path: 'body.orgId', message: 'not a candidate of this unit / 不是该单位的候选' }]);
      }
      const org = await tx.selectFrom('organisations').select(['id', 'uscc']).where('id', '=', input.orgId).executeTakeFirst();
      if (!org) throw new AppError('validation_failed', [{ path: 'body.orgId', message: 'unknown organisation / 单位不存在' }]);
      if (row.uscc && row.uscc.trim() && normaliseUscc(row.uscc) !== normaliseUscc(org.uscc)) {
        throw new AppError('rule_failed', [
          { path: 'body.orgId', message: 'two different credit codes are never merged / 统一社会信用代码不同，不能合并' },
        ]);
      }
      after = { status: 'matched', orgId: org.id, method: 'manual', confidence: 1 };
    } else {
      after = { status: 'rejected', orgId: null, method: 'manual', confidence: null };
    }
    await tx
      .updateTable('national_units')
      .set({
        match_status: after.status,
        org_id: after.orgId,
        match_method: 'manual',
        match_confidence: after.confidence,
        reviewed_by: actor.userId,
        reviewed_at: now,
      })
      .where('id', '=', unitId)
      .execute();
    // 3.2 / 3.3 read the records' lead through lead_org_id: follow the decision.
    await linkLeadOrgs(tx, { records: [{ kind: row.record_kind, nationalId: row.national_id }] });
    // The map reads derived tables: bring this record's facts up to date with the decision.
    await refreshMapFacts(tx, { records: [{ kind: row.record_kind, nationalId: row.national_id }] });
    await appendAudit(tx, actor, now, {
      action: input.decision === 'confirm' ? 'national.match.confirm' : 'national.match.reject',
      entityType: 'national_unit',
      entityId: String(unitId),
      before,
      after: { ...after, name: row.name, nationalId: row.national_id, position: row.position },
      reason: input.reason ?? null,
    });
    return { id: unitId, ...after };
  });
}
