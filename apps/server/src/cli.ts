import fs from 'node:fs';
import path from 'node:path';
import { systemClock } from './clock.js';
import { loadConfig } from './config.js';
import { verifyAudit } from './audit/audit.js';
import { migrate, openDatabase, type Database } from './db/database.js';
import { seedDemo } from './seed/demo.js';
import { importOrganisations } from './commands/registry/organisation-rows.js';
import { importNational } from './commands/national/import-national.js';
import { systemActor } from './context.js';

const USAGE = `rdplan <command>

  migrate          run pending database migrations
  seed             load the demo registry into an empty database
  reset-demo       delete the embedded data folder, then migrate and seed again
  audit verify     check the audit log's hash chain; names the first altered or removed event
  import organisations <file.xlsx|file.csv> [--dry-run]
                   upsert registry organisations by credit code; bad rows are listed by row and column
  import national <file.json> [--dry-run]
                   upsert national programme applications and projects by national id (docs/national-records.md)

Database: DATABASE_URL (PostgreSQL) or the embedded PGlite in RDPLAN_DATA_DIR (default .data/).`;

async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  if (!config.databaseUrl) fs.mkdirSync(config.dataDir, { recursive: true });
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.databaseUrl ? null : config.dataDir });
  try {
    await migrate(database.db);
    return await work(database);
  } finally {
    await database.close();
  }
}

/** The command line; returns the process exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const [command, sub] = argv;
  const config = loadConfig();
  switch (command) {
    case 'migrate':
      await withDatabase(async () => undefined);
      console.log('migrations are up to date');
      return 0;
    case 'seed': {
      const result = await withDatabase((d) => seedDemo({ db: d.db, config, clock: systemClock }));
      console.log(result.seeded ? `demo loaded: ${JSON.stringify(result)}` : 'database already has data; nothing loaded');
      return 0;
    }
    case 'reset-demo': {
      if (config.databaseUrl) {
        console.error('reset-demo only resets the embedded database; drop and recreate the PostgreSQL database instead');
        return 2;
      }
      fs.rmSync(config.dataDir, { recursive: true, force: true });
      const result = await withDatabase((d) => seedDemo({ db: d.db, config, clock: systemClock }));
      console.log(`demo reset: ${JSON.stringify(result)}`);
      return 0;
    }
    case 'import': {
      const file = argv[2];
      if (sub === 'national' && file) {
        const buffer = fs.readFileSync(file);
        const result = await withDatabase((d) =>
          importNational({ db: d.db, config, clock: systemClock }, systemActor('cli-import'), {
            filename: path.basename(file),
            buffer,
            dryRun: argv.includes('--dry-run'),
          }),
        );
        console.log(JSON.stringify(result));
        return result.rejected > 0 ? 1 : 0;
      }
      if (sub !== 'organisations' || !file) break;
      const buffer = fs.readFileSync(file);
      const result = await withDatabase((d) =>
        importOrganisations({ db: d.db, config, clock: systemClock }, systemActor('cli-import'), {
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
      const verdict = await withDatabase((d) => verifyAudit(d.db));
      console.log(JSON.stringify(verdict));
      return verdict.ok ? 0 : 1;
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
