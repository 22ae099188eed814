import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { buildApp } from './app.js';
import { systemClock } from './clock.js';
import { loadConfig } from './config.js';
import { migrate, openDatabase } from './db/database.js';
import { createDeps } from './deps.js';
import { startControlSocket, type ControlSocket } from './ops/control-socket.js';
import { acquireDataDirLock, describeHolder, type DataDirLock } from './ops/data-dir-lock.js';
import { anchorAtStartup, underStartupLock } from './ops/startup.js';
import { seedDemo } from './seed/demo.js';
import { copyLegacyBlobs } from './storage/blobs.js';

/**
 * Starts the platform: opens the database (embedded PGlite in the data folder unless DATABASE_URL is
 * set), runs pending migrations, loads the demo registry on an empty embedded database outside
 * production (or when RDPLAN_DEMO=1), and serves the API and the web app. SIGTERM/SIGINT finish requests
 * in flight first. On PostgreSQL, migrations and demo loading run under an advisory lock, so instances
 * starting together do them once. The embedded data folder is taken with a lock file (one process at a
 * time) and a control socket answers `rdplan audit verify` while the server runs.
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
  // Demo accounts have published passwords: never loaded in production unless RDPLAN_DEMO=1 asks for them.
  const demo = process.env.RDPLAN_DEMO ? process.env.RDPLAN_DEMO === '1' : !config.databaseUrl && !config.production;
  const app = await underStartupLock(database, async () => {
    await migrate(database.db);
    const deps = await createDeps(database.db, config, systemClock);
    const built = await buildApp({ db: database.db, database, config, clock: systemClock, blobs: deps.blobs });
    // Files an older version kept in the data folder move into the blob store (idempotent).
    const legacy = await copyLegacyBlobs(deps.blobs, config);
    if (legacy.copied > 0 || legacy.skipped.length > 0)
      built.log.info(legacy, 'uploaded files copied from the data folder into the blob store');
    if (demo) {
      const seeded = await seedDemo(deps);
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
  // The address it really listens on (HOST, PORT; PORT=0 picks a free one), and how to reach it from this machine.
  const address = app.server.address() as AddressInfo;
  const wildcard = address.address === '0.0.0.0' || address.address === '::';
  const shown = wildcard ? 'localhost' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const metrics = app.metricsAddress();
  app.log.info(
    {
      profile: config.production ? 'production' : (process.env.RDPLAN_PROFILE ?? 'development'),
      host: address.address,
      port: address.port,
      database: database.kind,
      startupMs: Math.round(performance.now() - started),
      web: config.webDist,
      ...(metrics ? { metricsPort: metrics.port } : {}),
    },
    `rdplan ready on http://${shown}:${address.port}${wildcard ? ` (listening on ${address.address}, every interface)` : ''}`,
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
