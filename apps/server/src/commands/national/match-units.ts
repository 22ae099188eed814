import type { Executor } from '../../db/database.js';

/**
 * Links the units of national records to registry organisations (4.2): by credit code first, then by
 * normalised name and former names, with a confidence; uncertain ones go to the analysts' review queue.
 * This first version links by credit code only; the matching work replaces the body, keeping the signature.
 */
export async function matchNationalUnits(
  db: Executor,
  scope: { batchId?: string } = {},
): Promise<{ matched: number; review: number; unmatched: number }> {
  let q = db
    .updateTable('national_units')
    .from('organisations')
    .set((eb) => ({
      org_id: eb.ref('organisations.id'),
      match_method: 'uscc',
      match_confidence: 1,
      match_status: 'matched',
    }))
    .whereRef('organisations.uscc', '=', 'national_units.uscc')
    .where('national_units.match_status', '=', 'unmatched');
  if (scope.batchId) q = q.where('national_units.batch_id', '=', scope.batchId);
  const res = await q.executeTakeFirst();
  return { matched: Number(res.numUpdatedRows), review: 0, unmatched: 0 };
}
