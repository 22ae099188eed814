import type { ResultsOut } from '@rdplan/domain';
import type { Db } from '../../db/database.js';

/**
 * The review's results: each application's experts' totals, the aggregate, outliers, its rank in the call and
 * in its group (field for 3.2.g, chain for 3.1), and the panel record. Read by the results route and by the
 * selection (ranks and scores). Works inside or outside a transaction.
 */
export async function computeResults(_db: Db, _reviewId: string, _now: Date): Promise<ResultsOut> {
  throw new Error('computeResults: not built yet');
}
