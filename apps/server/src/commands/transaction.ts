import { deferAudit, flushAudit } from '../audit/audit.js';
import { sealerFor } from '../audit/sealer.js';
import type { Deps } from '../context.js';
import type { Tx } from '../db/database.js';

/**
 * One use case, one transaction: guard, write, audit — all or nothing. The audit events the work
 * records are written, unsealed, as the transaction's last statement (no chain lock held by the use
 * case); after commit the sealer links them into the chain and signs the head (audit/sealer.ts), and the
 * caller is answered once they are sealed.
 */
export async function inTransaction<T>(deps: Deps, work: (tx: Tx, now: Date) => Promise<T>): Promise<T> {
  const now = deps.clock.now();
  const { value, written } = await deps.db.transaction().execute(async (tx) => {
    const batch = deferAudit(tx);
    const result = await work(tx, now);
    return { value: result, written: await flushAudit(tx, batch) };
  });
  if (written > 0) await sealerFor(deps.db, deps.config).request();
  return value;
}
