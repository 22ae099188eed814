import { AppError, nationalChoiceRefusal, ruleFailure } from '@rdplan/domain';
import type { Executor } from '../../db/database.js';
import type { CallContext } from '../../repositories/applications.js';
import { findNationalApplication, loadNationalApplicationFacts, tookPartInNationalRecord } from '../../repositories/national.js';
import { loadApplicantFacts } from './facts.js';

/**
 * 3.2.b at the moment a unit picks the national application its backfill rests on (create or save):
 * a record that does not exist is bad input (400); one the unit did not lead is refused with 422
 * rule_failed citing 3.2.b — the unit was not its first applicant, whether it took part or not.
 */
export async function assertFirstApplicant(db: Executor, orgId: string, nationalApplicationId: string, call: CallContext) {
  const row = await findNationalApplication(db, nationalApplicationId);
  if (!row)
    throw new AppError('validation_failed', [
      { path: 'body.nationalApplicationId', message: 'no such national application / 国家申报记录不存在' },
    ]);
  const [applicant, national] = await Promise.all([loadApplicantFacts(db, orgId), loadNationalApplicationFacts(db, row.id)]);
  const ctx = { applicant, national, applicationYear: call.planYear };
  const tookPart = await tookPartInNationalRecord(db, 'application', row.national_id, { id: orgId, uscc: applicant.uscc });
  const refusal = nationalChoiceRefusal(ctx, call.params, tookPart);
  if (refusal) throw new AppError('rule_failed', { ...ruleFailure([refusal]), path: 'body.nationalApplicationId', tookPart });
  return row;
}
