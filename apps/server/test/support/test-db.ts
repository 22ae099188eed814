import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, PGLITE_PARSERS, type Database } from '../../src/db/database.js';

export type TestDbKind = 'pglite' | 'postgres';
export const testDbKind: TestDbKind = process.env.RDPLAN_TEST_DB === 'postgres' ? 'postgres' : 'pglite';

let template: Promise<Blob> | null = null;

/** The migrated PGlite data folder the global setup made once per run (global-pglite.ts). */
function pgliteTemplate() {
  template ??= readFile(inject('pgliteTemplate')).then((bytes) => new Blob([bytes]));
  return template;
}

/** An empty database on the PostgreSQL server the suite started (not migrated), and how to drop it. */
export async function createEmptyPostgresDatabase(
  prefix = 'rdplan_t',
  template: string | null = null,
): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = inject('pgUrl');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
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
    // A copy of the template the global setup migrated once per run (global-postgres.ts).
    const empty = await createEmptyPostgresDatabase('rdplan_t', inject('pgTemplate'));
    const database = await openDatabase({ url: empty.url });
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
