import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from './config.js';
import type { AuditVerdict } from './audit/audit.js';
import { migrate, openDatabase, type Database } from './db/database.js';
import { seedDemo } from './seed/demo.js';
import { importOrganisations } from './commands/registry/organisation-rows.js';
import { importNationalAsJob } from './commands/national/import-jobs.js';
import type { ImportProgress } from './commands/national/import-national.js';
import { recordKind } from './commands/national/national-format.js';
import { systemActor } from './context.js';
import { createDeps } from './deps.js';
import type { Config } from './config.js';
import { backupEmbedded, backupPostgres, restoreEmbedded, restorePostgres } from './ops/backup.js';
import { askControlSocket } from './ops/control-socket.js';
import { acquireDataDirLock, describeHolder, lockHolder, type DataDirLock } from './ops/data-dir-lock.js';
import { verifyReadOnly } from './ops/verify.js';

const USAGE = `rdplan <command>

  migrate          run pending database migrations
  seed             load the demo registry into an empty database
  reset-demo       delete the embedded data folder, then migrate and seed again
  audit verify     check the whole audit chain and its signed anchor; lists every altered, removed or
                   relinked event and removal of the last ones. Reads only: never migrates; beside a running
                   embedded server it asks that server (its control socket) instead of opening the folder
  backup <file>    PostgreSQL: pg_dump (custom format); embedded: a dump of the data folder (.tar.gz)
  restore <file>   replaces the database with a backup (stop the server first); then verify the chain
  import organisations <file.xlsx|file.csv> [--dry-run]
                   upsert registry organisations by credit code; bad rows are listed by row and column
  import national <file.json|file.csv|file.xlsx> [--source <text>] [--kind <kind>] [--dry-run]
                   upsert national programme records by national id (docs/national-records.md); runs as an
                   import job and prints progress lines (rows done, rate, errors so far), then the result

Database: DATABASE_URL (PostgreSQL) or the embedded PGlite in RDPLAN_DATA_DIR (default .data/).`;

/** Refused because another process holds the embedded data folder; exit code 2. */
class FolderInUse extends Error {}

/** Takes the embedded data folder for this command (never beside a server holding it). */
async function withDataDir<T>(config: Config, work: (lock: DataDirLock | null) => Promise<T>): Promise<T> {
  if (config.databaseUrl) return work(null);
  const attempt = acquireDataDirLock(config.dataDir, 'cli');
  if (!attempt.ok) throw new FolderInUse(describeHolder(config.dataDir, attempt.holder));
  try {
    return await work(attempt.lock);
  } finally {
    attempt.lock.release();
  }
}

async function withDatabase<T>(work: (db: Database) => Promise<T>, options: { migrate: boolean } = { migrate: true }): Promise<T> {
  const config = loadConfig();
  return withDataDir(config, async () => {
    const database = await openDatabase({ url: config.databaseUrl, dataDir: config.databaseUrl ? null : config.dataDir });
    try {
      if (options.migrate) await migrate(database.db);
      return await work(database);
    } finally {
      await database.close();
    }
  });
}

/**
 * Verification that reads only. PostgreSQL: a REPEATABLE READ, READ ONLY transaction. Embedded: if a
 * server holds the folder, that server verifies through its control socket (the folder is never opened
 * twice); otherwise this command takes the folder's lock and reads it the same way.
 */
async function verifyCommand(config: Config): Promise<AuditVerdict | null> {
  if (!config.databaseUrl) {
    const holder = lockHolder(config.dataDir);
    if (holder?.role === 'server' && holder.socket) {
      const answer = (await askControlSocket(holder.socket, '/audit/verify')) as { verdict: AuditVerdict | null };
      return answer.verdict;
    }
    if (holder) throw new FolderInUse(describeHolder(config.dataDir, holder));
    if (!fs.existsSync(path.join(config.dataDir, 'PG_VERSION'))) return null;
  }
  return withDatabase((d) => verifyReadOnly(d.db, config), { migrate: false });
}

/** The value after a `--flag` on the command line. */
function flagValue(argv: string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** The command line; returns the process exit code. */
export async function runCli(argv: string[]): Promise<number> {
  try {
    return await runCommand(argv);
  } catch (err) {
    if (err instanceof FolderInUse) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }
}

async function runCommand(argv: string[]): Promise<number> {
  const [command, sub] = argv;
  const config = loadConfig();
  switch (command) {
    case 'migrate':
      await withDatabase(async () => undefined);
      console.log('migrations are up to date');
      return 0;
    case 'seed': {
      const result = await withDatabase(async (d) => seedDemo(await createDeps(d.db, config)));
      console.log(result.seeded ? `demo loaded: ${JSON.stringify(result)}` : 'database already has data; nothing loaded');
      return 0;
    }
    case 'reset-demo': {
      if (config.databaseUrl) {
        console.error('reset-demo only resets the embedded database; drop and recreate the PostgreSQL database instead');
        return 2;
      }
      const holder = lockHolder(config.dataDir);
      if (holder) throw new FolderInUse(describeHolder(config.dataDir, holder));
      fs.rmSync(config.dataDir, { recursive: true, force: true });
      const result = await withDatabase(async (d) => seedDemo(await createDeps(d.db, config)));
      console.log(`demo reset: ${JSON.stringify(result)}`);
      return 0;
    }
    case 'import': {
      const file = argv[2];
      if (sub === 'national' && file) {
        const buffer = fs.readFileSync(file);
        const kind = recordKind(flagValue(argv, '--kind'));
        let started = performance.now();
        let lastLine = 0;
        // Progress lines go to stderr (the result JSON stays alone on stdout).
        const onProgress = (p: ImportProgress) => {
          const now = performance.now();
          const final = p.phase === 'checking' && p.rowsDone === p.totalRows;
          if (now - lastLine < 1000 && !final) return;
          lastLine = now;
          const rate = Math.round(p.rowsDone / Math.max(0.001, (now - started) / 1000));
          const writing = p.phase === 'writing' ? ` · writing ${p.written ?? 0}/${p.toWrite ?? 0}` : '';
          console.error(`rows ${p.rowsDone}/${p.totalRows} · ${rate} rows/s · errors ${p.errors.length}${writing}`);
        };
        const { jobId, result } = await withDatabase(async (d) => {
          const deps = await createDeps(d.db, config);
          started = performance.now(); // the import itself, not opening and migrating the database
          return importNationalAsJob(deps, systemActor('cli-import'), {
            filename: path.basename(file),
            buffer,
            dryRun: argv.includes('--dry-run'),
            source: flagValue(argv, '--source') ?? null,
            ...(kind ? { kind } : {}),
            keepFile: false,
            maxBytes: null,
            onProgress,
          });
        });
        const ms = Math.round(performance.now() - started);
        console.error(
          `done in ${ms} ms: ${result.totalRecords} records (${Math.round(result.totalRecords / Math.max(0.001, ms / 1000))}/s), ` +
            `${result.inserted} inserted, ${result.updated} updated, ${result.unchanged} unchanged, ${result.rejected} rejected`,
        );
        console.log(JSON.stringify({ jobId, ...result }));
        return result.rejected > 0 ? 1 : 0;
      }
      if (sub !== 'organisations' || !file) break;
      const buffer = fs.readFileSync(file);
      const result = await withDatabase(async (d) =>
        importOrganisations(await createDeps(d.db, config), systemActor('cli-import'), {
          filename: path.basename(file),
          buffer,
          dryRun: argv.includes('--dry-run'),
        }),
      );
      console.log(JSON.stringify(result));
      return result.rejected > 0 ? 1 : 0;
    }
    case 'audit': {
      if (sub !== 'verify') break;
      const verdict = await verifyCommand(config);
      if (!verdict) {
        console.error('the database has no audit log yet (it was never migrated) / 数据库尚无审计日志');
        return 2;
      }
      for (const p of verdict.problems) console.error(`event ${p.seq}: ${p.problem}: ${p.detail}`);
      for (const n of verdict.notes) console.error(`note: ${n}`);
      console.log(JSON.stringify(verdict));
      return verdict.ok ? 0 : 1;
    }
    case 'backup':
    case 'restore': {
      const file = sub;
      if (!file) break;
      if (command === 'backup') {
        if (config.databaseUrl) backupPostgres(config.databaseUrl, path.resolve(file));
        else await withDataDir(config, () => backupEmbedded(config.dataDir, path.resolve(file)));
        console.log(`backup written to ${file}`);
        return 0;
      }
      if (!fs.existsSync(file)) {
        console.error(`no such file: ${file}`);
        return 2;
      }
      if (config.databaseUrl) {
        const r = await restorePostgres(config.databaseUrl, path.resolve(file), config);
        if (r.anchor === 'key_mismatch')
          console.error('the restored audit anchor was signed with another key: set the RDPLAN_AUDIT_KEY of the backup');
      } else {
        const previous = await withDataDir(config, () => restoreEmbedded(config.dataDir, path.resolve(file)));
        console.error(`the data folder before the restore was kept as ${previous}`);
      }
      const verdict = await verifyCommand(config);
      console.log(JSON.stringify({ restored: file, audit: verdict }));
      return verdict?.ok === false ? 1 : 0;
    }
    default:
      break;
  }
  console.error(USAGE);
  return 2;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
