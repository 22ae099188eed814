import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it, vi } from 'vitest';
import { appendAudit } from '../src/audit/audit.js';
import { runCli } from '../src/cli.js';
import { systemClock } from '../src/clock.js';
import { seedBuiltinCalendar } from '../src/commands/reference/seed-builtin-calendar.js';
import { inTransaction } from '../src/commands/transaction.js';
import { loadConfig } from '../src/config.js';
import { systemActor, type Deps } from '../src/context.js';
import { migrate, openDatabase, type Db } from '../src/db/database.js';
import { createDeps } from '../src/deps.js';
import { createEmptyPostgresDatabase, testDbKind } from './support/test-db.js';

/** Row count and checksum of every table: equal means the same data. */
async function fingerprint(db: Db): Promise<Record<string, { n: number; h: string }>> {
  const tables = await sql<{ t: string }>`select tablename as t from pg_tables where schemaname = 'public' order by 1`.execute(db);
  const out: Record<string, { n: number; h: string }> = {};
  for (const { t } of tables.rows) {
    const r = await sql<{ n: number; h: string }>`
      select count(*)::int as n, coalesce(md5(string_agg(x::text, '|' order by x::text)), '') as h from ${sql.table(t)} x`.execute(db);
    out[t] = r.rows[0]!;
  }
  return out;
}

/** Some data and audit events through the same paths the app uses. */
async function write(deps: Deps, tag: string) {
  await seedBuiltinCalendar(deps, systemActor('test'), [2025]);
  for (let i = 0; i < 5; i++) {
    await inTransaction(deps, (tx, now) =>
      appendAudit(tx, systemActor('test'), now, { action: 'backup.test', entityType: 'thing', entityId: `${tag}-${i}`, after: { i } }),
    );
  }
}

async function cli(args: string[]): Promise<{ code: number; out: string[] }> {
  const out: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(s));
  const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    return { code: await runCli(args), out };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

describe('rdplan backup / restore', () => {
  it('round trip: after more writes, restoring the backup gives the same data and a verifying audit chain', async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'rdplan-backup-'));
    const dataDir = path.join(parent, 'data');
    const file = path.join(parent, testDbKind === 'postgres' ? 'backup.dump' : 'backup.tar.gz');
    let url: string | undefined;
    let dropDatabase = async () => undefined as void;
    if (testDbKind === 'postgres') {
      const empty = await createEmptyPostgresDatabase('rdplan_bk');
      url = empty.url;
      dropDatabase = empty.drop;
    }
    vi.stubEnv('RDPLAN_DATA_DIR', dataDir);
    vi.stubEnv('DATABASE_URL', url ?? '');
    const config = loadConfig();
    const open = async () => {
      fs.mkdirSync(dataDir, { recursive: true });
      const d = await openDatabase({ url, dataDir: url ? null : dataDir });
      return { d, deps: await createDeps(d.db, config, systemClock) };
    };
    try {
      let { d, deps } = await open();
      await migrate(d.db);
      await write(deps, 'before');
      const saved = await fingerprint(d.db);
      expect(saved.audit_events!.n).toBeGreaterThan(5);
      await d.close();

      expect((await cli(['backup', file])).code).toBe(0);
      expect(fs.statSync(file).size).toBeGreaterThan(0);

      // Life goes on after the backup: more events (the anchor moves on), more rows.
      ({ d, deps } = await open());
      await write(deps, 'after');
      await sql`delete from calendar_days where date >= '2025-06-01'`.execute(d.db);
      expect(await fingerprint(d.db)).not.toEqual(saved);
      await d.close();

      const restored = await cli(['restore', file]);
      expect(restored.code).toBe(0);
      expect(JSON.parse(restored.out.at(-1)!)).toMatchObject({ audit: { ok: true, problems: [] } });

      ({ d } = await open());
      expect(await fingerprint(d.db)).toEqual(saved);
      await d.close();
      const verify = await cli(['audit', 'verify']);
      expect(verify.code).toBe(0);
      expect(JSON.parse(verify.out.at(-1)!)).toMatchObject({ ok: true, events: saved.audit_events!.n });
    } finally {
      vi.unstubAllEnvs();
      await dropDatabase();
      fs.rmSync(parent, { recursive: true, force: true });
    }
  }, 120_000);
});
