import type { Deps } from '../context.js';
import type { Tx } from '../db/database.js';

/** One use case, one transaction: guard, write, audit — all or nothing. */
export function inTransaction<T>(deps: Deps, work: (tx: Tx, now: Date) => Promise<T>): Promise<T> {
  const now = deps.clock.now();
  return deps.db.transaction().execute((tx) => work(tx, now));
}
