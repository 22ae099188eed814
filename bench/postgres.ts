/**
 * A migrated PostgreSQL database for a benchmark: DATABASE_URL when set (an empty database), else a
 * throw-away server started here; with a data folder of its own and the app's deps. Everything is
 * closed and removed when the work ends. Answers the benchmark's one `skipped` line when there is no
 * PostgreSQL to run on.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { systemClock } from '../apps/server/src/clock.js';
import { loadConfig } from '../apps/server/src/config.js';
import type { Deps } from '../apps/server/src/context.js';
import { migrate, openDatabase, type Database } from '../apps/server/src/db/database.js';
import { createDeps } from '../apps/server/src/deps.js';
import { findPostgresBin, startPostgres, type RunningPostgres } from '../apps/server/test/support/postgres-server.js';

export interface BenchDatabase {
  database: Database;
  deps: Deps;
  dataDir: string;
}

export async function withBenchPostgres(
  bench: string,
  work: (b: BenchDatabase) => Promise<Record<string, unknown>[]>,
): Promise<Record<string, unknown>[]> {
  let server: RunningPostgres | null = null;
  let url = process.env.DATABASE_URL;
  if (!url) {
    const bin = findPostgresBin();
    if (!bin) return [{ bench, skipped: 'PostgreSQL not found (install it, or set PG_BIN or DATABASE_URL)' }];
    server = await startPostgres(bin);
    url = server.url;
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'rdplan-bench-'));
  const database = await openDatabase({ url });
  try {
    await migrate(database.db);
    const deps = await createDeps(database.db, { ...loadConfig(), dataDir }, systemClock);
    return await work({ database, deps, dataDir });
  } finally {
    await database.close();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
