import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import type { Deps } from './context.js';
import type { Db } from './db/database.js';
import { createBlobStore } from './storage/create-blob-store.js';

/** The platform a command needs, built from the configuration (the blob store it names included). */
export async function createDeps(db: Db, config: Config, clock: Clock = systemClock): Promise<Deps> {
  return { db, config, clock, blobs: await createBlobStore(config, db) };
}
