import fs from 'node:fs';
import { buildApp } from './app.js';
import { systemClock } from './clock.js';
import { loadConfig } from './config.js';
import { migrate, openDatabase } from './db/database.js';
import { seedDemo } from './seed/demo.js';
import { startControlSocket, type ControlSocket } from './ops/control-socket.js';
import { acquireDataDirLock, describeHolder, type DataDirLock } from './ops/data-dir-lock.js';
import { anchorAtStartup, underStartupLock } from './ops/startup.js';

/**
 * Starts the platform: opens the database (embedded PGlite in the data folder unless DATABASE_URL is
 * set), runs pending migrations, loads the demo registry on an empty embedded database (or when
 * RDPLAN_DEMO=1), and serves the API and the web app. SIGTERM/SIGINT finish requests in flight first.
 * On PostgreSQL, migrations and demo loading run under an advisory lock, so instances starting together
 * do them once. The embedded data folder is taken with a lock file (one process at a time) and a control
 * socket answers `rdplan audit verify` while the server runs.
 */
async function main() {
  const started = performance.now();
  const config = loadConfig();
  let dirLock: DataDirLock | null = null;
  if (!config.databaseUrl) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    const attempt = acquireDataDirLock(config.dataDir, 'server');
    if (!attempt.ok) {
      console.error(describeHolder(config.dataDir, attempt.holder));
      process.exit(1);
    }
    dirLock = attempt.lock;
    process.on('exit', () => dirLock?.release());
  }
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.databaseUrl ? null : config.dataDir });
  const demo = process.env.RDPLAN_DEMO ? process.env.RDPLAN_DEMO === '1' : !config.databaseUrl;
  const app = await underStartupLock(database, async () => {
    await migrate(database.db);
    const built = await buildApp({ db: database.db, config, clock: systemClock });
    if (demo) {
      const seeded = await seedDemo({ db: database.db, config, clock: systemClock });
      if (seeded.seeded) built.log.info(seeded, 'demo data loaded');
    }
    await anchorAtStartup(database, config);
    return built;
  });
  await app.listen({ host: config.host, port: config.port });
  let control: ControlSocket | null = null;
  if (dirLock) {
    control = await startControlSocket(database.db, config);
    if (control) dirLock.update({ socket: control.path });
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  app.log.info(
    { database: database.kind, port, startupMs: Math.round(performance.now() - started), web: config.webDist },
    `rdplan ready on http://localhost:${port}`,
  );

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    const force = setTimeout(() => {
      app.log.error('shutdown took longer than 20 s; exiting');
      process.exit(1);
    }, 20_000);
    force.unref();
    try {
      await control?.close();
      await app.close();
      await database.close();
      dirLock?.release();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
