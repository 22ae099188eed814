import { sql } from 'kysely';
import { auditKey, readAnchorFile } from '../audit/anchor.js';
import { verifyAudit, type AuditVerdict } from '../audit/audit.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';

/**
 * Verifies the audit chain without writing anything: one REPEATABLE READ, READ ONLY transaction (a single
 * snapshot of the whole chain and its anchor row, while others go on appending), no migrations, no key
 * created. Null when the database has no audit log (never migrated).
 */
export async function verifyReadOnly(db: Db, config: Pick<Config, 'dataDir' | 'auditKey'>): Promise<AuditVerdict | null> {
  // The anchor file first: it is written after commit, so the snapshot taken next sees its head.
  const fileAnchor = readAnchorFile(config.dataDir);
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (tx) => {
      await sql`set transaction read only`.execute(tx);
      const { rows } = await sql<{ t: string | null }>`select to_regclass('audit_events')::text as t`.execute(tx);
      if (!rows[0]?.t) return null;
      return verifyAudit(tx, { key: auditKey(config, false), fileAnchor });
    });
}
