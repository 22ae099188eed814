import { deferAudit, flushAudit } from '../audit/audit.js';
import { auditKey, recordAnchorFile } from '../audit/anchor.js';
import type { Deps } from '../context.js';
import type { Tx } from '../db/database.js';

/**
 * One use case, one transaction: guard, write, audit — all or nothing. The audit events the work
 * records are chained as the transaction's last statement, so the chain's lock is held only from that
 * append to the commit; the signed head is then recorded in the data folder's anchor file.
 */
export async function inTransaction<T>(deps: Deps, work: (tx: Tx, now: Date) => Promise<T>): Promise<T> {
  const now = deps.clock.now();
  const key = auditKey(deps.config, true);
  const { value, anchor } = await deps.db.transaction().execute(async (tx) => {
    const batch = deferAudit(tx);
    const result = await work(tx, now);
    return { value: result, anchor: await flushAudit(tx, batch, key) };
  });
  if (anchor) void recordAnchorFile(deps.config.dataDir, anchor);
  return value;
}
