import { sql } from 'kysely';
import { auditKey, recordAnchorFile } from '../audit/anchor.js';
import { anchorHead } from '../audit/audit.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';

/** The PostgreSQL advisory lock of migrating and loading the demo data (any constant of our own). */
const STARTUP_LOCK = 7_426_002;

/**
 * Runs start-up work (migrations, demo data) under a session-level advisory lock on PostgreSQL, held on
 * one connection of its own for the whole work: of several instances starting at once on an empty
 * database one does it, the others wait and then find it done. The embedded database needs no lock
 * here: its data folder belongs to one process (data-dir-lock.ts).
 */
export async function underStartupLock<T>(database: Database, work: () => Promise<T>): Promise<T> {
  if (database.kind !== 'postgres') return work();
  return database.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${STARTUP_LOCK})`.execute(conn);
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(${STARTUP_LOCK})`.execute(conn);
    }
  });
}

/** Signs the chain's head (events written at start-up, e.g. by the demo data, are chained at once). */
export async function anchorAtStartup(database: Database, config: Config): Promise<void> {
  if (database.kind === 'postgres' && !config.auditKey) {
    console.warn(
      'RDPLAN_AUDIT_KEY is not set: this instance signs the audit anchor with the key file of its own data folder; ' +
        'instances sharing a database must share one key (set RDPLAN_AUDIT_KEY alike on all of them)',
    );
  }
  const key = auditKey(config, true);
  if (!key) return;
  const anchor = await database.db.transaction().execute((tx) => anchorHead(tx, key));
  if (anchor) await recordAnchorFile(config.dataDir, anchor);
}
