import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { buildApp } from './app.js';
import { systemClock } from './clock.js';
import { loadConfig } from './config.js';
import { migrate, openDatabase } from './db/database.js';
import { createDeps } from './deps.js';
import { seedDemo } from './seed/demo.js';
import { copyLegacyBlobs } from './storage/blobs.js';

/**
 * Starts the platform: opens the database (embedded PGlite in the data folder unless DATABASE_URL is
 * set), runs pending migrations, loads the demo registry on an empty embedded database outside
 * production (or when RDPLAN_DEMO=1), and serves the API and the web app. SIGTERM/SIGINT finish requests in flight first.
 */
async function main() {
  const started = performance.now();
  const config = loadConfig();
  if (!config.databaseUrl) fs.mkdirSync(config.dataDir, { recursive: true });
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.databaseUrl ? null : config.dataDir });
  await migrate(database.db);
  // Demo accounts have published passwords: never loaded in production unless RDPLAN_DEMO=1 asks for them.
  const demo = process.env.RDPLAN_DEMO ? process.env.RDPLAN_DEMO === '1' : !config.databaseUrl && !config.production;
  const deps = await createDeps(database.db, config, systemClock);
  const app = await buildApp({ db: database.db, database, config, clock: systemClock, blobs: deps.blobs });
  // Files an older version kept in the data folder move into the blob store (idempotent).
  const legacy = await copyLegacyBlobs(deps.blobs, config);
  if (legacy.copied > 0 || legacy.skipped.length > 0)
    app.log.info(legacy, 'uploaded files copied from the data folder into the blob store');
  if (demo) {
    const seeded = await seedDemo(deps);
    if (seeded.seeded) app.log.info(seeded, 'demo data loaded');
  }
  await app.listen({ host: config.host, port: config.port });
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
      await app.close();
      await database.close();
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
