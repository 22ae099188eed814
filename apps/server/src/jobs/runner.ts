import { sql } from 'kysely';
import type { Deps } from '../context.js';
import type { Db } from '../db/database.js';

/**
 * A small in-process runner of import jobs (import_jobs). It claims one queued job at a time with
 * `for update skip locked` and marks it running in that same short transaction, so several instances of
 * the app sharing a database never run one job twice. It wakes when a job is queued in this process
 * and otherwise polls, so a job queued by another instance is picked up too.
 */

export interface ClaimedJob {
  id: string;
  kind: string;
}

export type JobHandler = (deps: Deps, job: ClaimedJob) => Promise<void>;

/** Claims the oldest queued job of these kinds (or the given one), marking it running; undefined if none. */
export async function claimJob(db: Db, kinds: readonly string[], id?: string): Promise<ClaimedJob | undefined> {
  if (kinds.length === 0) return undefined;
  return db.transaction().execute(async (tx) => {
    let q = tx
      .selectFrom('import_jobs')
      .select(['id', 'kind'])
      .where('status', '=', 'queued')
      .where('kind', 'in', kinds)
      .orderBy('created_at')
      .limit(1)
      .forUpdate()
      .skipLocked();
    if (id) q = q.where('id', '=', id);
    const job = await q.executeTakeFirst();
    if (!job) return undefined;
    await tx
      .updateTable('import_jobs')
      .set({ status: 'running', started_at: sql`clock_timestamp()`, updated_at: sql`clock_timestamp()` })
      .where('id', '=', job.id)
      .execute();
    return job;
  });
}

/**
 * A job left 'running' whose row has not moved for this long belongs to a process that stopped (crash,
 * kill, restart). Its batch transaction never committed, so nothing of it was stored: it is marked
 * failed with that explanation rather than left 'running' for ever. (Progress is written every 250 ms
 * while a job works, so a live job is never this quiet.)
 */
export const STALE_JOB_MINUTES = 10;

export async function failStaleJobs(db: Db, staleMinutes = STALE_JOB_MINUTES): Promise<number> {
  const res = await db
    .updateTable('import_jobs')
    .set({
      status: 'failed',
      failure:
        'interrupted: the process running this import stopped; nothing of it was stored — import the file again / 导入中断，未写入任何数据，请重新导入',
      finished_at: sql`clock_timestamp()`,
      updated_at: sql`clock_timestamp()`,
    })
    .where('status', '=', 'running')
    .where('updated_at', '<', sql<Date>`clock_timestamp() - make_interval(mins => ${staleMinutes})`)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

const wakers = new Set<() => void>();
/** Tells the runners of this process that a job was queued. */
export function wakeJobRunners() {
  for (const wake of wakers) wake();
}

export class JobRunner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private again = false;
  private readonly wake = () => this.kick();

  constructor(
    private readonly deps: Deps,
    private readonly handlers: Record<string, JobHandler>,
    private readonly pollMs = 2000,
    private readonly log: (msg: string, err?: unknown) => void = () => undefined,
  ) {}

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    wakers.add(this.wake);
    this.schedule();
    this.kick();
  }

  private schedule() {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.kick();
      this.schedule();
    }, this.pollMs);
    this.timer.unref();
  }

  /** Runs queued jobs until none is left (one at a time). */
  kick() {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.again && !this.stopped) {
        this.again = false;
        this.kick();
      }
    });
  }

  private async drain() {
    try {
      await failStaleJobs(this.deps.db);
    } catch (err) {
      this.log('import job runner: could not check for interrupted jobs', err);
    }
    while (!this.stopped) {
      let job: ClaimedJob | undefined;
      try {
        job = await claimJob(this.deps.db, Object.keys(this.handlers));
      } catch (err) {
        this.log('import job runner: could not claim a job', err);
        return;
      }
      if (!job) return;
      try {
        await this.handlers[job.kind]!(this.deps, job);
      } catch (err) {
        this.log(`import job ${job.id} failed`, err);
      }
    }
  }

  /** Stops polling and waits for the job in hand to finish. */
  async stop() {
    this.stopped = true;
    wakers.delete(this.wake);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
