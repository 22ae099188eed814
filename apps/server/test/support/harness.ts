import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, onTestFinished } from 'vitest';
import { buildApp, type App } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { Deps } from '../../src/context.js';
import type { Database } from '../../src/db/database.js';
import { Client } from './client.js';
import { createTestDatabase } from './test-db.js';

export interface Harness {
  app: App;
  database: Database & { url?: string };
  deps: Deps;
  clock: ManualClock;
  client(): Client;
}

/** The real app on a real, fresh database of this project's kind, with a clock the test moves. */
export async function startHarness(overrides: Partial<Config> = {}): Promise<Harness> {
  const database = await createTestDatabase();
  const clock = new ManualClock();
  // Attachments and other files go to a folder of this test file's own, removed afterwards.
  const dataDir = await mkdtemp(path.join(tmpdir(), 'rdplan-test-'));
  // Rate limits off unless a test asks for them: the tests sign in many users from one address.
  const config = { ...loadConfig({ NODE_ENV: 'test' }), webDist: null, dataDir, rateLimit: null, ...overrides };
  let app: App | null = null;
  const close = async () => {
    await app?.close();
    await database.close();
    // maxRetries: the audit anchor file may still be being replaced (temp file + rename) as the folder goes.
    await rm(dataDir, { recursive: true, force: true, maxRetries: 5 });
  };
  // Started by a test file at its top: closed after its last test. Started inside a test: closed when that
  // test ends (afterAll registered inside a test never runs, and its data folder would stay behind).
  // Registered before the app starts, so that a start that fails leaves nothing behind either.
  if (expect.getState().currentTestName === undefined) afterAll(close);
  else onTestFinished(close);
  app = await buildApp({ db: database.db, database, config, clock });
  await app.ready();
  const started = app;
  return { app: started, database, deps: started.deps, clock, client: () => new Client(started) };
}
