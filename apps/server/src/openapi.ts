import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import type { DB } from './db/schema.js';

/**
 * The OpenAPI document as the app serves it at /openapi.json, built without a database: the document
 * comes from the routes' schemas alone, so `npm run openapi` and the generated web client need no server.
 */
export async function openApiDocument(): Promise<unknown> {
  const db = new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'rdplan-openapi-'));
  const config = { ...loadConfig({ NODE_ENV: 'test' }), webDist: null, dataDir, rateLimit: null, jobs: false };
  const app = await buildApp({ db, config, logStream: { write: () => {} } });
  try {
    await app.ready();
    return app.swagger();
  } finally {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
