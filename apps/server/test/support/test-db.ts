import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { migrate, openDatabase, PGLITE_PARSERS, type Database } from '../../src/db/database.js';

export type TestDbKind = 'pglite' | 'postgres';
export const testDbKind: TestDbKind = process.env.RDPLAN_TEST_DB === 'postgres' ? 'postgres' : 'pglite';

let template: Promise<File | Blob> | null = null;

/** A migrated PGlite data folder, made once per worker and copied for every test database. */
function pgliteTemplate() {
  template ??= (async () => {
    const pglite = new PGlite({ parsers: PGLITE_PARSERS });
    const db = await openDatabase({ pglite });
    await migrate(db.db);
    const dump = await pglite.dumpDataDir('none');
    await db.close();
    return dump;
  })();
  return template;
}

/** An empty database on the PostgreSQL server the suite started (not migrated), and how to drop it. */
export async function createEmptyPostgresDatabase(prefix = 'rdplan_t'): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = inject('pgUrl');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/**
 * A fresh, migrated database of the kind this test project runs on: an embedded PGlite, or a new
 * database on the PostgreSQL server the suite started (dropped again by close()).
 */
export async function createTestDatabase(): Promise<Database & { url?: string }> {
  if (testDbKind === 'postgres') {
    const empty = await createEmptyPostgresDatabase();
    const database = await openDatabase({ url: empty.url });
    await migrate(database.db);
    return {
      ...database,
      /** For a second connection pool to the same database (a second app instance). */
      url: empty.url,
      async close() {
        await database.close();
        await empty.drop();
      },
    };
  }
  const dump = await pgliteTemplate();
  const pglite = new PGlite({ loadDataDir: dump, parsers: PGLITE_PARSERS });
  return openDatabase({ pglite });
}
