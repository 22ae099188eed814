import { AppError, type Role } from '@rdplan/domain';
import { sql, type Selectable } from 'kysely';
import type { Actor, Deps } from '../../context.js';
import type { Executor } from '../../db/database.js';
import type { ImportJobsTable } from '../../db/schema.js';
import type { Tx } from '../../db/database.js';
import { sha256Of } from '../../storage/blobs.js';
import { importNational, type ImportProgress, type NationalImportInput, type NationalImportResult } from './import-national.js';
import { refreshMapFacts } from './map-facts.js';
import { matchNationalUnits } from './match-units.js';
import { detectFormat } from './national-format.js';
import type { NationalRecordKind, RecordError } from './national-records.js';

/**
 * National imports as jobs (4.2.a, issue 10): the upload is kept in the blob store and an import_jobs
 * row is queued; a queue job (`import.national`, jobs/queue.ts) runs it in the background on whichever
 * instance fetches it. Progress — rows checked, errors so far, the writing phase — goes to the job row
 * in short statements of their own, while the records themselves commit in the one batch transaction
 * at the end (import-national.ts) TOGETHER with the job row's batch id and result: the job's recorded
 * state follows the data. A job whose process stopped is then recovered truthfully (recoverImportJob):
 * its batch committed → reported stored and its post-steps (unit matching, map) resumed; not committed
 * → run again from the kept file (never re-uploaded); no kept file (a CLI run) → failed, nothing stored.
 * The web page and the CLI read the same row.
 */

export const NATIONAL_IMPORT_JOB = 'national';
/** The queue job that runs an import_jobs row: data { jobId }. */
export const NATIONAL_IMPORT_QUEUE = 'import.national';
/** The queue that runs an import_jobs row, by the row's kind (organisation imports: registry/organisation-import-jobs.ts). */
export const IMPORT_QUEUES: Record<string, string> = {
  [NATIONAL_IMPORT_JOB]: NATIONAL_IMPORT_QUEUE,
  organisations: 'import.organisations',
};
/** Errors kept on the job row (the batch keeps them all). */
export const JOB_ERRORS_KEPT = 200;
/** Least time between two progress writes. */
const PROGRESS_EVERY_MS = 250;

type JobRow = Selectable<ImportJobsTable>;

export interface ImportJobView {
  id: string;
  kind: string;
  filename: string;
  source: string | null;
  dryRun: boolean;
  status: 'queued' | 'running' | 'done' | 'failed';
  /** checking → writing while running. */
  phase: string | null;
  totalRows: number;
  rowsDone: number;
  /** Records written so far of those to write (writing phase). */
  written: number | null;
  toWrite: number | null;
  errorsCount: number;
  errors: RecordError[];
  /** Rows per second since the job started. */
  ratePerSecond: number | null;
  elapsedMs: number | null;
  result: Omit<NationalImportResult, 'errors'> | null;
  failure: string | null;
  batchId: string | null;
  createdBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

interface JobState {
  phase?: string;
  written?: number;
  toWrite?: number;
  recordKind?: NationalRecordKind;
}

export function presentImportJob(r: JobRow, withErrors = true): ImportJobView {
  const state = (r.result ?? {}) as JobState & Partial<NationalImportResult>;
  const started = r.started_at ? new Date(r.started_at).getTime() : null;
  const until = r.finished_at ? new Date(r.finished_at).getTime() : new Date(r.updated_at).getTime();
  const elapsedMs = started !== null ? Math.max(0, until - started) : null;
  const done = r.status === 'done';
  return {
    id: r.id,
    kind: r.kind,
    filename: r.filename,
    source: r.source,
    dryRun: r.dry_run,
    status: r.status,
    phase: done || r.status === 'failed' ? null : (state.phase ?? (r.status === 'queued' ? 'queued' : null)),
    totalRows: r.total_rows,
    rowsDone: r.rows_done,
    written: state.written ?? null,
    toWrite: state.toWrite ?? null,
    errorsCount: r.errors_count,
    errors: withErrors ? (r.errors as RecordError[]) : [],
    ratePerSecond: elapsedMs ? Math.round((r.rows_done / elapsedMs) * 1000) : null,
    elapsedMs,
    result: done ? (state as Omit<NationalImportResult, 'errors'>) : null,
    failure: r.failure,
    batchId: r.batch_id,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
    startedAt: r.started_at ? new Date(r.started_at).toISOString() : null,
    finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
  };
}

export interface QueueNationalImportInput {
  filename: string;
  buffer: Buffer;
  source?: string | null;
  dryRun?: boolean;
  kind?: NationalRecordKind;
  /** Keep the file in the blob store (the web upload); the command line runs from memory. */
  keepFile?: boolean;
  /** 'running': the caller runs the job itself at once (`?wait=true`, the CLI); no runner takes it. */
  status?: 'queued' | 'running';
  maxBytes?: number | null;
}

/** The kept upload of a job: the only place these jobs touch the blob store. */
export const jobFiles = {
  /** Keeps the file in the blob store, with its row in \`blobs\` (the job's foreign key) whichever store holds the bytes. */
  put: async (deps: Deps, buffer: Buffer, mime = 'application/octet-stream') => {
    const sha256 = await deps.blobs.put(buffer, { mime });
    await deps.db
      .insertInto('blobs')
      .values({ sha256, size: buffer.length, mime })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
    return sha256;
  },
  get: (deps: Deps, sha256: string) => deps.blobs.get(sha256),
};

/** Creates the job row (and keeps the file), then sends the queue job; answers its id. */
export async function queueNationalImport(deps: Deps, actor: Actor, input: QueueNationalImportInput): Promise<string> {
  const maxBytes = input.maxBytes === undefined ? deps.config.uploadLimit : input.maxBytes;
  if (maxBytes !== null && input.buffer.length > maxBytes) throw new AppError('payload_too_large');
  const filename = input.filename.slice(0, 255) || 'upload.json';
  const format = detectFormat(filename, input.buffer);
  const sha256 = sha256Of(input.buffer);
  let blob: string | null = null;
  if (input.keepFile ?? true) {
    const mime = { json: 'application/json', csv: 'text/csv', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }[
      format
    ];
    blob = await jobFiles.put(deps, input.buffer, mime);
  }
  const status = input.status ?? 'queued';
  const job = await deps.db
    .insertInto('import_jobs')
    .values({
      kind: NATIONAL_IMPORT_JOB,
      filename,
      source: input.source?.trim().slice(0, 200) || null,
      sha256,
      blob_sha256: blob,
      dry_run: input.dryRun ?? false,
      status,
      result: JSON.stringify({ phase: status === 'queued' ? 'queued' : 'reading', ...(input.kind ? { recordKind: input.kind } : {}) }),
      created_by: actor.userId,
      ...(status === 'running' ? { started_at: sql<Date>`clock_timestamp()` } : {}),
      updated_at: sql<Date>`clock_timestamp()`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (status === 'queued') await sendImportJob(deps, job.id);
  return job.id;
}

/** Writes progress to the job row: throttled, one write at a time, never awaited by the import itself. */
export class ProgressWriter {
  private last = 0;
  private chain: Promise<void> = Promise.resolve();
  constructor(
    private readonly db: Executor,
    private readonly jobId: string,
    private readonly listener?: (p: ImportProgress) => void,
    private readonly everyMs = PROGRESS_EVERY_MS,
  ) {}

  report(p: ImportProgress, force = false) {
    this.listener?.(p);
    const now = Date.now();
    if (!force && now - this.last < this.everyMs) return this.chain;
    this.last = now;
    const state: JobState = { phase: p.phase, ...(p.written !== undefined ? { written: p.written, toWrite: p.toWrite ?? 0 } : {}) };
    const errors = p.errors.slice(0, JOB_ERRORS_KEPT);
    const count = p.errors.length;
    this.chain = this.chain
      .then(async () => {
        await this.db
          .updateTable('import_jobs')
          .set({
            total_rows: p.totalRows,
            rows_done: sql<number>`greatest(rows_done, ${p.rowsDone})`,
            errors_count: count,
            errors: JSON.stringify(errors),
            result: sql`coalesce(result, '{}'::jsonb) || ${JSON.stringify(state)}::jsonb`,
            updated_at: sql<Date>`clock_timestamp()`,
          })
          .where('id', '=', this.jobId)
          .where('status', '=', 'running')
          .where('batch_id', 'is', null) // once the batch committed, the row holds its result
          .execute();
      })
      .catch(() => undefined);
    return this.chain;
  }

  flush() {
    return this.chain;
  }
}

export async function actorOf(db: Executor, userId: string | null): Promise<Actor> {
  const user = userId
    ? await db.selectFrom('users').select(['id', 'email', 'roles', 'org_id', 'person_id']).where('id', '=', userId).executeTakeFirst()
    : undefined;
  if (!user) return { userId: null, label: 'system:import-job', roles: ['admin'], orgId: null, personId: null };
  return { userId: user.id, label: user.email, roles: user.roles as Role[], orgId: user.org_id, personId: user.person_id };
}

export function failureOf(err: unknown): { failure: string; errors: RecordError[] } {
  if (err instanceof AppError) {
    const details = Array.isArray(err.details) ? (err.details as Record<string, unknown>[]) : [];
    const errors = details
      .filter((d) => typeof d.reason === 'string')
      .map((d) => ({ row: String(d.row ?? ''), column: String(d.column ?? ''), reason: String(d.reason) }));
    const first = errors[0]?.reason ?? details.map((d) => String(d.message ?? '')).find(Boolean);
    return { failure: `${err.code}: ${first ?? err.message}`, errors };
  }
  return { failure: `internal: ${err instanceof Error ? err.message.slice(0, 500) : String(err)}`, errors: [] };
}

export interface RunJobOptions {
  /** The file, when the caller has it in memory (else it is read from the blob store). */
  buffer?: Buffer;
  maxBytes?: number | null;
  /** Every progress report (the CLI prints them). */
  onProgress?: (p: ImportProgress) => void;
  /** Least time between two progress writes to the job row (default 250 ms). */
  progressEveryMs?: number;
}

/**
 * Runs a claimed national import job to its end: status done with the result, or failed with the
 * reason (the error is rethrown for a caller that waits). Nothing of the batch is stored on failure.
 */
export async function runNationalImportJob(deps: Deps, job: { id: string }, options: RunJobOptions = {}): Promise<NationalImportResult> {
  const row = await deps.db.selectFrom('import_jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
  const progress = new ProgressWriter(deps.db, job.id, options.onProgress, options.progressEveryMs);
  try {
    const buffer = options.buffer ?? (row.blob_sha256 ? await deps.blobs.get(row.blob_sha256) : null);
    if (!buffer) throw new Error('the job has no file');
    const state = (row.result ?? {}) as JobState;
    const input: NationalImportInput = {
      filename: row.filename,
      buffer,
      dryRun: row.dry_run,
      source: row.source,
      onProgress: (p) => progress.report(p, p.phase === 'checking' && p.rowsDone === p.totalRows),
      onCommit: (tx, result) => recordCommittedBatch(tx, job.id, result),
      ...(state.recordKind ? { kind: state.recordKind } : {}),
      ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
    };
    const result = await importNational(deps, await actorOf(deps.db, row.created_by), input);
    await progress.flush();
    const { errors, ...summary } = result;
    await deps.db
      .updateTable('import_jobs')
      .set({
        status: 'done',
        total_rows: result.totalRecords,
        rows_done: result.totalRecords,
        errors_count: errors.length,
        errors: JSON.stringify(errors.slice(0, JOB_ERRORS_KEPT)),
        // keeps the count of interruptions this job was run again after
        result: sql`${JSON.stringify(summary)}::jsonb || jsonb_strip_nulls(jsonb_build_object('interrupted', result->'interrupted'))`,
        batch_id: result.batchId,
        finished_at: sql<Date>`clock_timestamp()`,
        updated_at: sql<Date>`clock_timestamp()`,
      })
      .where('id', '=', job.id)
      .execute();
    return result;
  } catch (err) {
    await progress.flush();
    const { failure, errors } = failureOf(err);
    await deps.db
      .updateTable('import_jobs')
      .set({
        status: 'failed',
        failure,
        ...(errors.length > 0 ? { errors: JSON.stringify(errors.slice(0, JOB_ERRORS_KEPT)), errors_count: errors.length } : {}),
        finished_at: sql<Date>`clock_timestamp()`,
        updated_at: sql<Date>`clock_timestamp()`,
      })
      .where('id', '=', job.id)
      .execute();
    throw err;
  }
}

/**
 * Written in the batch transaction, so it commits with the records or not at all: the batch id and the
 * result, phase 'matching' (the post-steps run after the commit). A job killed after this commit is
 * reported stored by the recovery, never "nothing stored".
 */
export async function recordCommittedBatch(tx: Tx, jobId: string, result: NationalImportResult) {
  const { errors, ...summary } = result;
  await tx
    .updateTable('import_jobs')
    .set({
      batch_id: result.batchId,
      total_rows: result.totalRecords,
      rows_done: result.totalRecords,
      errors_count: errors.length,
      errors: JSON.stringify(errors.slice(0, JOB_ERRORS_KEPT)),
      result: sql`${JSON.stringify({ ...summary, phase: 'matching' })}::jsonb || jsonb_strip_nulls(jsonb_build_object('interrupted', result->'interrupted'))`,
      updated_at: sql<Date>`clock_timestamp()`,
    })
    .where('id', '=', jobId)
    .execute();
}

export async function sendImportJob(deps: Deps, jobId: string, kind: string = NATIONAL_IMPORT_JOB) {
  const queue = IMPORT_QUEUES[kind];
  if (queue) await deps.jobs?.send(queue, { jobId });
}

/**
 * The queue's handler: claims the row (queued → running, one conditional update, so a job delivered
 * twice runs once) and runs it; a row left running by a stopped process (the queue retries a job whose
 * instance died once it expires) is recovered instead. Failures are recorded on the row, not thrown.
 */
export async function nationalImportJobHandler(deps: Deps, data: { jobId?: unknown }) {
  if (typeof data.jobId !== 'string') return;
  const claimed = await deps.db
    .updateTable('import_jobs')
    .set({ status: 'running', started_at: sql<Date>`clock_timestamp()`, updated_at: sql<Date>`clock_timestamp()` })
    .where('id', '=', data.jobId)
    .where('status', '=', 'queued')
    .where('kind', '=', NATIONAL_IMPORT_JOB)
    .returning('id')
    .executeTakeFirst();
  if (claimed) {
    await runNationalImportJob(deps, claimed).catch(() => undefined);
    return;
  }
  await sweepImportJobs(deps, { jobId: data.jobId });
}

/**
 * A job left 'running' whose row has not moved for this long belongs to a process that stopped (crash,
 * kill, restart). Progress is written every 250 ms while a job checks rows, so a live job is never this
 * quiet (on the embedded database a long batch commit holds the only connection, hence the margin).
 */
export const STALE_JOB_MINUTES = 10;
/** A queued row not taken for this long was never sent (a process stopped between the two): send it again. */
export const UNSENT_JOB_MINUTES = 5;

export interface SweepResult {
  /** Batch committed before the stop: reported stored, post-steps resumed. */
  stored: number;
  /** Nothing committed: queued again from the kept file. */
  retried: number;
  /** Nothing committed and no kept file: failed, import again. */
  failed: number;
  /** Queued rows sent to the queue again. */
  resent: number;
}

/**
 * Recovers interrupted import jobs truthfully (the scheduled sweep, and a job the queue delivers again).
 * Each row is taken by one conditional update (its updated_at moved), so two instances sweeping at once
 * recover it once.
 */
export async function sweepImportJobs(deps: Deps, options: { staleMinutes?: number; jobId?: string } = {}): Promise<SweepResult> {
  const staleMinutes = options.staleMinutes ?? STALE_JOB_MINUTES;
  const out: SweepResult = { stored: 0, retried: 0, failed: 0, resent: 0 };
  let q = deps.db
    .updateTable('import_jobs')
    .set({ updated_at: sql<Date>`clock_timestamp()` })
    .where('status', '=', 'running')
    .where('kind', 'in', Object.keys(IMPORT_QUEUES))
    .where('updated_at', '<', sql<Date>`clock_timestamp() - make_interval(mins => ${staleMinutes})`);
  if (options.jobId) q = q.where('id', '=', options.jobId);
  const stale = await q.returning(['id', 'kind', 'batch_id', 'blob_sha256', 'result']).execute();
  for (const row of stale) {
    if (row.batch_id) {
      await finishCommittedImport(deps, row, row.batch_id, (row.result ?? {}) as Record<string, unknown>);
      out.stored++;
    } else if (row.blob_sha256) {
      await deps.db
        .updateTable('import_jobs')
        .set({
          status: 'queued',
          rows_done: 0,
          result: sql`coalesce(result, '{}'::jsonb) || jsonb_build_object('phase', 'queued', 'interrupted', coalesce((result->>'interrupted')::int, 0) + 1)`,
          updated_at: sql<Date>`clock_timestamp()`,
        })
        .where('id', '=', row.id)
        .execute();
      await sendImportJob(deps, row.id, row.kind);
      out.retried++;
    } else {
      await deps.db
        .updateTable('import_jobs')
        .set({
          status: 'failed',
          failure:
            'interrupted: the process running this import stopped before its records were committed; nothing of it was stored — import the file again / 导入中断（数据提交前），未写入任何数据，请重新导入',
          finished_at: sql<Date>`clock_timestamp()`,
          updated_at: sql<Date>`clock_timestamp()`,
        })
        .where('id', '=', row.id)
        .execute();
      out.failed++;
    }
  }
  if (deps.jobs?.mode === 'pg-boss' && !options.jobId) {
    const unsent = await deps.db
      .updateTable('import_jobs')
      .set({ updated_at: sql<Date>`clock_timestamp()` })
      .where('status', '=', 'queued')
      .where('kind', 'in', Object.keys(IMPORT_QUEUES))
      .where('updated_at', '<', sql<Date>`clock_timestamp() - make_interval(mins => ${UNSENT_JOB_MINUTES})`)
      .returning(['id', 'kind'])
      .execute();
    for (const row of unsent) await sendImportJob(deps, row.id, row.kind);
    out.resent = unsent.length;
  }
  return out;
}

/** The post-steps of a committed batch (national: unit matching, which refreshes the map), then done with its result. */
async function finishCommittedImport(deps: Deps, job: { id: string; kind: string }, batchId: string, state: Record<string, unknown>) {
  const jobId = job.id;
  const { phase: _phase, ...summary } = state;
  let matchFailure: string | undefined;
  if (job.kind === NATIONAL_IMPORT_JOB) {
    try {
      await matchNationalUnits(deps.db, { batchId });
    } catch (err) {
      matchFailure = `unit matching failed, records are stored: ${err instanceof Error ? err.message.slice(0, 300) : String(err)}`;
      await refreshMapFacts(deps.db, { batchId }).catch(() => undefined);
    }
  }
  await deps.db
    .updateTable('import_jobs')
    .set({
      status: 'done',
      result: JSON.stringify({ ...summary, resumedAfterInterruption: true, ...(matchFailure ? { matchFailure } : {}) }),
      finished_at: sql<Date>`clock_timestamp()`,
      updated_at: sql<Date>`clock_timestamp()`,
    })
    .where('id', '=', jobId)
    .execute();
}

/**
 * Imports at once as a job of the caller's own (the command line, `?wait=true`, the benchmark): the
 * job row shows the progress to others, the caller gets the result (or the error).
 */
export async function importNationalAsJob(
  deps: Deps,
  actor: Actor,
  input: QueueNationalImportInput & RunJobOptions,
): Promise<{ jobId: string; result: NationalImportResult }> {
  const jobId = await queueNationalImport(deps, actor, { ...input, status: 'running' });
  const result = await runNationalImportJob(deps, { id: jobId }, input);
  return { jobId, result };
}

export async function listImportJobs(db: Executor, limit = 20): Promise<ImportJobView[]> {
  const rows = await db
    .selectFrom('import_jobs')
    .selectAll()
    .where('kind', '=', NATIONAL_IMPORT_JOB)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => presentImportJob(r, false));
}

export async function getImportJob(db: Executor, id: string): Promise<ImportJobView> {
  const row = await db
    .selectFrom('import_jobs')
    .selectAll()
    .where('id', '=', id)
    .where('kind', '=', NATIONAL_IMPORT_JOB)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found');
  return presentImportJob(row);
}
