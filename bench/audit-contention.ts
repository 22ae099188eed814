/**
 * Benchmark `audit-contention` (issue 10): N concurrent transactions that each record an audit event and
 * then go on working (a few milliseconds, as a command building its response view does), on PostgreSQL.
 * Three ways in the same run: the event chained at once, which takes the chain's lock at the audit call and
 * holds it through the rest of the work (as every command did at first); the events chained as the
 * transaction's last statement (the lock held from the append to the commit, as inTransaction did next);
 * and inTransaction today: events written unsealed, no lock in the transaction, sealed after commit by
 * the sealer in group passes (audit/sealer.ts), the caller answered once sealed.
 * PostgreSQL: DATABASE_URL when set (an empty database), else a throw-away server started here. Prints
 * one JSON line per way and one with the ratio; the chain must verify after both.
 */
import { sql } from 'kysely';
import { auditKey } from '../apps/server/src/audit/anchor.js';
import { appendAudit, verifyAudit } from '../apps/server/src/audit/audit.js';
import { inTransaction } from '../apps/server/src/commands/transaction.js';
import { systemActor } from '../apps/server/src/context.js';
import type { Tx } from '../apps/server/src/db/database.js';
import { withBenchPostgres } from './postgres.js';

const CONCURRENCY = 10; // the pool's size
const TRANSACTIONS = 600;
const WORK_MS = 5;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export async function auditContentionBench(): Promise<Record<string, unknown>[]> {
  return withBenchPostgres('audit-contention', async ({ database, deps, dataDir }) => {
    const actor = systemActor('bench');
    /** The work after the audit call: a read and a few milliseconds in the database. */
    const audit = (tx: Tx, i: number) =>
      appendAudit(tx, actor, new Date(), { action: 'bench.event', entityType: 'thing', entityId: String(i), after: { i } });
    const rest = async (tx: Tx, i: number) => {
      await sql`select pg_sleep(${WORK_MS / 1000})`.execute(tx);
      await tx
        .selectFrom('applications')
        .select('id')
        .where('id', '=', `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`)
        .execute();
    };
    const ways: Record<string, (i: number) => Promise<unknown>> = {
      // appendAudit outside inTransaction chains at once: the lock is held through the work that follows.
      'lock-through-work': (i) =>
        database.db.transaction().execute(async (tx) => {
          await audit(tx, i);
          await rest(tx, i);
        }),
      // The same, with the audit call last: the lock is held from the append to the commit.
      'chain-at-commit': (i) =>
        database.db.transaction().execute(async (tx) => {
          await rest(tx, i);
          await audit(tx, i);
        }),
      'sealed-after-commit': (i) =>
        inTransaction(deps, async (tx) => {
          await audit(tx, i);
          await rest(tx, i);
        }),
    };
    const lines: Record<string, unknown>[] = [];
    const rates: Record<string, number> = {};
    for (const [way, run] of Object.entries(ways)) {
      let next = 0;
      const latencies: number[] = [];
      const t = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < TRANSACTIONS) {
            const i = next++;
            const s = performance.now();
            await run(i);
            latencies.push(performance.now() - s);
          }
        }),
      );
      const ms = performance.now() - t;
      latencies.sort((a, b) => a - b);
      rates[way] = TRANSACTIONS / (ms / 1000);
      lines.push({
        bench: 'audit-contention',
        way,
        concurrency: CONCURRENCY,
        transactions: TRANSACTIONS,
        work_ms: WORK_MS,
        per_second: Math.round(rates[way]),
        p50_ms: Math.round(percentile(latencies, 50) * 10) / 10,
        p99_ms: Math.round(percentile(latencies, 99) * 10) / 10,
      });
    }
    const verdict = await verifyAudit(database.db, { key: auditKey(deps.config, false), dataDir });
    lines.push({
      bench: 'audit-contention',
      ratio: Math.round((rates['sealed-after-commit']! / rates['lock-through-work']!) * 100) / 100,
      ratio_to_chain_at_commit: Math.round((rates['sealed-after-commit']! / rates['chain-at-commit']!) * 100) / 100,
      chain_ok: verdict.ok,
      events: verdict.events,
      unsealed: verdict.unsealed,
    });
    return lines;
  });
}
