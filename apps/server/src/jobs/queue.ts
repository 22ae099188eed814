import type { PGlite } from '@electric-sql/pglite';
import { fromPglite, PgBoss, type Db as IDatabase } from 'pg-boss';
import type { Db } from '../db/database.js';

/**
 * Background jobs (issue 10): one small interface over a PostgreSQL-backed queue, pg-boss 12.
 *
 * - On a PostgreSQL server pg-boss keeps its jobs in the `pgboss` schema of the same database and uses a
 *   small pool of its own (DATABASE_URL). A job is fetched by one worker (`for update skip locked`),
 *   retried with back-off when its handler throws, and retried after `expireInSeconds` when the
 *   instance running it died; schedules (cron) fire once across all instances.
 * - On the embedded PGlite the same pg-boss runs over the same single backend: each pg-boss statement
 *   goes through the one-transaction-at-a-time gate of our Kysely dialect (db/pglite-dialect.ts), so it
 *   never lands inside a transaction of the app.
 *
 * Delivery is at least once (a crash between the work and its acknowledgement runs it again), so every
 * handler guards its own state transition in the database (a job row moved from 'queued' to 'running'
 * by one conditional update, a reminder recorded under a unique key, a mail claimed by a lease).
 */

export interface QueueOptions {
  /** Attempts after the first (default 3). */
  retryLimit?: number;
  /** Seconds before the first retry (default 10); doubled each time with `retryBackoff` (default on). */
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  /** A job still active after this long belongs to a stopped instance and is retried (default 15 min). */
  expireInSeconds?: number;
  /** 'singleton': at most one job of this queue runs at a time across instances. */
  policy?: 'standard' | 'singleton';
}

export interface SendOptions {
  /** With a 'singleton' queue: one job per key at a time. */
  singletonKey?: string;
  retryLimit?: number;
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  startAfterSeconds?: number;
}

export interface JobInfo {
  id: string;
  name: string;
  /** 0 on the first attempt. */
  retryCount: number;
}

export type JobHandler<T = Record<string, unknown>> = (data: T, job: JobInfo) => Promise<void>;

export interface JobQueue {
  /** 'pg-boss' when jobs run; 'off' when this app runs none (config `jobs` false: tests, one-off tools). */
  readonly mode: 'pg-boss' | 'off';
  /** Declares a queue and its handler; call before start(). */
  work<T = Record<string, unknown>>(name: string, handler: JobHandler<T>, options?: QueueOptions): void;
  /** Sends `name` on a cron schedule (Asia/Shanghai); fires once per tick across instances. Before start(). */
  schedule(name: string, cron: string, data?: Record<string, unknown>): void;
  /**
   * Queues a job; answers its id (null when a singleton key already holds one, or jobs are off). Send
   * after the transaction that records the work commits (never inside one: on PGlite that transaction
   * holds the only connection); the sweep re-sends work recorded but never sent.
   */
  send(name: string, data?: Record<string, unknown>, options?: SendOptions): Promise<string | null>;
  start(): Promise<void>;
  /** Stops fetching and waits for the jobs in hand (up to `graceSeconds`). */
  stop(): Promise<void>;
}

export interface JobQueueSettings {
  /** The Kysely database (on PGlite pg-boss runs through its gate). */
  db: Db;
  /** PostgreSQL server: pg-boss opens a pool of its own on it. */
  url?: string | undefined;
  /** The embedded database instance, when there is no url. */
  pglite?: PGlite | undefined;
  /** Seconds between polls of an idle queue (default 2; at least 0.5). */
  pollSeconds?: number;
  /** Worker slots per queue in this instance (default 2). */
  concurrency?: number;
  log?: (level: 'error' | 'warn' | 'info', msg: string, err?: unknown) => void;
}

const TIMEZONE = 'Asia/Shanghai';

interface Registered {
  handler: JobHandler<never>;
  options: QueueOptions;
}

/** pg-boss statements on PGlite go through the dialect's gate: Kysely hands its one connection to one user at a time. */
function gatedPglite(db: Db, pglite: PGlite): IDatabase {
  const inner = fromPglite(pglite as never);
  return { executeSql: (text, values) => db.connection().execute(() => inner.executeSql(text, values)) };
}

class PgBossQueue implements JobQueue {
  readonly mode = 'pg-boss' as const;
  private readonly workers = new Map<string, Registered>();
  private readonly schedules: { name: string; cron: string; data: Record<string, unknown> }[] = [];
  private boss: PgBoss | null = null;
  private starting: Promise<void> | null = null;

  constructor(private readonly settings: JobQueueSettings) {}

  work<T>(name: string, handler: JobHandler<T>, options: QueueOptions = {}) {
    if (this.boss) throw new Error(`job queue already started; register "${name}" before start()`);
    this.workers.set(name, { handler: handler as JobHandler<never>, options });
  }

  schedule(name: string, cron: string, data: Record<string, unknown> = {}) {
    if (this.boss) throw new Error(`job queue already started; schedule "${name}" before start()`);
    if (!this.workers.has(name)) throw new Error(`no worker for scheduled job "${name}"`);
    this.schedules.push({ name, cron, data });
  }

  async send(name: string, data: Record<string, unknown> = {}, options: SendOptions = {}) {
    const boss = await this.ready();
    const { retryDelaySeconds, startAfterSeconds, ...rest } = options;
    return boss.send(name, data, {
      ...rest,
      ...(retryDelaySeconds !== undefined ? { retryDelay: retryDelaySeconds } : {}),
      ...(startAfterSeconds !== undefined ? { startAfter: startAfterSeconds } : {}),
    });
  }

  private async ready(): Promise<PgBoss> {
    if (!this.boss) await (this.starting ?? this.start());
    if (!this.boss) throw new Error('job queue stopped');
    return this.boss;
  }

  start(): Promise<void> {
    this.starting ??= this.doStart();
    return this.starting;
  }

  private async doStart() {
    const { db, url, pglite, log } = this.settings;
    const common = { schema: 'pgboss', supervise: true, schedule: true };
    const boss = url
      ? new PgBoss({ ...common, connectionString: url, max: 4 })
      : new PgBoss({ ...common, db: gatedPglite(db, pglite ?? missing()), backend: 'pglite' });
    boss.on('error', (err) => log?.('error', 'job queue error', err));
    await boss.start();
    const existing = new Set((await boss.getQueues()).map((q) => q.name));
    for (const [name, { options }] of this.workers) {
      const queue = {
        retryLimit: options.retryLimit ?? 3,
        retryDelay: options.retryDelaySeconds ?? 10,
        retryBackoff: options.retryBackoff ?? true,
        expireInSeconds: options.expireInSeconds ?? 15 * 60,
      };
      if (existing.has(name)) await boss.updateQueue(name, queue);
      else await boss.createQueue(name, { ...queue, policy: options.policy ?? 'standard' }).catch(ignoreExists);
    }
    for (const [name, { handler }] of this.workers) {
      await boss.work<Record<string, unknown>>(
        name,
        {
          pollingIntervalSeconds: Math.max(0.5, this.settings.pollSeconds ?? 2),
          localConcurrency: this.settings.concurrency ?? 2,
          batchSize: 1,
        },
        async (jobs) => {
          for (const job of jobs) {
            try {
              await (handler as JobHandler<Record<string, unknown>>)(job.data ?? {}, {
                id: job.id,
                name: job.name,
                retryCount: (job as { retryCount?: number }).retryCount ?? 0,
              });
            } catch (err) {
              log?.('warn', `job ${name} ${job.id} failed; it is retried with back-off until its retry limit`, err);
              throw err;
            }
          }
        },
      );
    }
    for (const s of this.schedules) await boss.schedule(s.name, s.cron, s.data, { tz: TIMEZONE });
    this.boss = boss;
  }

  async stop() {
    const starting = this.starting;
    if (!starting) return;
    await starting.catch(() => undefined);
    const boss = this.boss;
    this.boss = null;
    this.starting = null;
    if (boss) await boss.stop({ graceful: true, timeout: 20_000, close: true });
  }
}

function missing(): never {
  throw new Error('the job queue needs a PostgreSQL url or the embedded PGlite instance');
}

function ignoreExists(err: unknown) {
  if (err instanceof Error && /already exists/i.test(err.message)) return;
  throw err;
}

/** Jobs off: nothing runs in this process; send() refuses silently (null), so callers record state only. */
class NoJobQueue implements JobQueue {
  readonly mode = 'off' as const;
  work() {}
  schedule() {}
  async send() {
    return null;
  }
  async start() {}
  async stop() {}
}

export function createJobQueue(enabled: boolean, settings: JobQueueSettings): JobQueue {
  return enabled ? new PgBossQueue(settings) : new NoJobQueue();
}
