import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { migrations } from './migrations/index.js';
import { PGliteDialect } from './pglite-dialect.js';
import type { DB } from './schema.js';

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
/** Either the database or a transaction: repositories take it first. */
export type Executor = Db | Tx;

const DATE_OID = 1082;
const INT8_OID = 20;
export const PGLITE_PARSERS = {
  [DATE_OID]: (v: string) => v,
  [INT8_OID]: (v: string) => Number(v),
};

export interface DatabaseOptions {
  /** postgres://… for a server; otherwise PGlite in `dataDir` (or in memory when dataDir is null). */
  url?: string | undefined;
  dataDir?: string | null | undefined;
  /** An existing PGlite to wrap (tests clone a migrated template). */
  pglite?: PGlite | undefined;
}

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The server's URL (postgres), for what opens connections of its own (the job queue). */
  url?: string | undefined;
  /** The embedded instance (pglite), for what runs over it through the dialect's gate (the job queue). */
  pglite?: PGlite | undefined;
  close(): Promise<void>;
}

/** Opens the system of record: PostgreSQL when a URL is given, embedded PGlite otherwise. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    // Dates of policy meaning stay 'YYYY-MM-DD' strings; counts come back as numbers.
    const types = {
      getTypeParser(oid: number, format?: 'text' | 'binary') {
        if (oid === DATE_OID) return (v: string) => v;
        if (oid === INT8_OID) return (v: string) => Number(v);
        return pg.types.getTypeParser(oid, format);
      },
    };
    const pool = new pg.Pool({ connectionString: options.url, max: 10, types });
    let closing = false;
    // An idle connection can fail on its own (server restart, admin termination); the pool replaces it.
    // Without a listener that error would crash the process.
    pool.on('error', (err: Error & { code?: string }) => {
      if (closing && err.code === '57P01') return; // terminated while we shut down: expected
      console.error(`database connection error: ${err.message}`);
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: 'postgres',
      url: options.url,
      close: () => {
        closing = true;
        return db.destroy();
      },
    };
  }
  const pglite = options.pglite ?? new PGlite({ ...(options.dataDir ? { dataDir: options.dataDir } : {}), parsers: PGLITE_PARSERS });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return { db, kind: 'pglite', pglite, close: () => db.destroy() };
}

/** Runs every pending migration; throws with the failing migration's name. */
export async function migrate(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
