import type { Role } from '@rdplan/domain';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './db/database.js';
import type { JobQueue } from './jobs/queue.js';
import type { BlobStore } from './storage/blobs.js';

/** Who is acting: a signed-in user, the public, or the system (CLI, jobs). */
export interface Actor {
  userId: string | null;
  /** For the audit log: e-mail of the user, "public", or "system:<what>". */
  label: string;
  roles: readonly Role[];
  orgId: string | null;
  personId: string | null;
}

export const PUBLIC_ACTOR: Actor = { userId: null, label: 'public', roles: [], orgId: null, personId: null };
export function systemActor(what: string): Actor {
  return { userId: null, label: `system:${what}`, roles: ['admin'], orgId: null, personId: null };
}

/** What a command needs from the platform. */
export interface Deps {
  db: Db;
  config: Config;
  clock: Clock;
  /**
   * The background job queue (jobs/queue.ts). The app always has one (mode 'off' when config.jobs is
   * false); one-off tools (the CLI, seeding) run without it and do the work inline.
   */
  jobs?: JobQueue;
  /** Uploaded files by SHA-256, readable from every instance (storage/blobs.ts). */
  blobs: BlobStore;
}
