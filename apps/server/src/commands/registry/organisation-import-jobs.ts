import { AppError } from '@rdplan/domain';
import { sql } from 'kysely';
import type { Actor, Deps } from '../../context.js';
import type { Executor, Tx } from '../../db/database.js';
import { sha256Of } from '../../storage/blobs.js';
import {
  actorOf,
  failureOf,
  IMPORT_QUEUES,
  JOB_ERRORS_KEPT,
  jobFiles,
  presentImportJob,
  sendImportJob,
  sweepImportJobs,
  type ImportJobView,
} from '../national/import-jobs.js';
import { importOrganisations, type ImportResult } from './organisation-rows.js';

/**
 * Organisation imports in the background (issue 10), for large files: `POST /api/organisations/import
 * ?background=true` keeps the file and queues an import_jobs row (kind 'organisations'); the
 * `import.organisations` queue job runs the same importOrganisations on whichever instance fetches it,
 * with rows written so far on the row, and the batch id and result written in the batch's own
 * transaction — so an interrupted job is recovered by the same sweep as national imports.
 */

export const ORGANISATION_IMPORT_JOB = 'organisations';
export const ORGANISATION_IMPORT_QUEUE = IMPORT_QUEUES[ORGANISATION_IMPORT_JOB]!;

const MIME = { csv: 'text/csv', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

export async function queueOrganisationImport(
  deps: Deps,
  actor: Actor,
  input: { filename: string; buffer: Buffer; dryRun?: boolean },
): Promise<string> {
  if (input.buffer.length > deps.config.uploadLimit) throw new AppError('payload_too_large');
  const filename = input.filename.slice(0, 255) || 'upload';
  const blob = await jobFiles.put(deps, input.buffer, filename.toLowerCase().endsWith('.csv') ? MIME.csv : MIME.xlsx);
  const job = await deps.db
    .insertInto('import_jobs')
    .values({
      kind: ORGANISATION_IMPORT_JOB,
      filename,
      sha256: sha256Of(input.buffer),
      blob_sha256: blob,
      dry_run: input.dryRun ?? false,
      result: JSON.stringify({ phase: 'queued' }),
      created_by: actor.userId,
      updated_at: sql<Date>`clock_timestamp()`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sendImportJob(deps, job.id, ORGANISATION_IMPORT_JOB);
  return job.id;
}

/** Written in the batch transaction: the job's batch id and result commit with the rows or not at all. */
export async function recordCommittedOrganisationBatch(tx: Tx, jobId: string, result: ImportResult) {
  const { errors, ...summary } = result;
  await tx
    .updateTable('import_jobs')
    .set({
      batch_id: result.batchId,
      total_rows: result.totalRows,
      rows_done: result.totalRows,
      errors_count: errors.length,
      errors: JSON.stringify(errors.slice(0, JOB_ERRORS_KEPT)),
      result: JSON.stringify({ ...summary, phase: 'stored' }),
      updated_at: sql<Date>`clock_timestamp()`,
    })
    .where('id', '=', jobId)
    .execute();
}

/** The queue's handler: claims the row (queued → running) and runs it, or recovers a row left by a stopped process. */
export async function organisationImportJobHandler(deps: Deps, data: { jobId?: unknown }) {
  if (typeof data.jobId !== 'string') return;
  const row = await deps.db
    .updateTable('import_jobs')
    .set({ status: 'running', started_at: sql<Date>`clock_timestamp()`, updated_at: sql<Date>`clock_timestamp()` })
    .where('id', '=', data.jobId)
    .where('status', '=', 'queued')
    .where('kind', '=', ORGANISATION_IMPORT_JOB)
    .returningAll()
    .executeTakeFirst();
  if (!row) {
    await sweepImportJobs(deps, { jobId: data.jobId });
    return;
  }
  let progress: Promise<unknown> = Promise.resolve();
  try {
    const buffer = row.blob_sha256 ? await jobFiles.get(deps, row.blob_sha256) : null;
    if (!buffer) throw new Error('the job has no file');
    const result = await importOrganisations(deps, await actorOf(deps.db, row.created_by), {
      filename: row.filename,
      buffer,
      dryRun: row.dry_run,
      // Not awaited: on the embedded database the batch transaction holds the only connection.
      onProgress: (p) => {
        progress = progress
          .then(() =>
            deps.db
              .updateTable('import_jobs')
              .set({
                total_rows: p.totalRows,
                rows_done: sql<number>`greatest(rows_done, ${p.rowsDone})`,
                result: JSON.stringify({ phase: 'writing' }),
                updated_at: sql<Date>`clock_timestamp()`,
              })
              .where('id', '=', row.id)
              .where('status', '=', 'running')
              .where('batch_id', 'is', null)
              .execute(),
          )
          .catch(() => undefined);
      },
      onCommit: (tx, result) => recordCommittedOrganisationBatch(tx, row.id, result),
    });
    await progress;
    const { errors, ...summary } = result;
    await deps.db
      .updateTable('import_jobs')
      .set({
        status: 'done',
        total_rows: result.totalRows,
        rows_done: result.totalRows,
        errors_count: errors.length,
        errors: JSON.stringify(errors.slice(0, JOB_ERRORS_KEPT)),
        result: JSON.stringify(summary),
        batch_id: result.batchId,
        finished_at: sql<Date>`clock_timestamp()`,
        updated_at: sql<Date>`clock_timestamp()`,
      })
      .where('id', '=', row.id)
      .execute();
  } catch (err) {
    await progress;
    const { failure } = failureOf(err);
    await deps.db
      .updateTable('import_jobs')
      .set({ status: 'failed', failure, finished_at: sql<Date>`clock_timestamp()`, updated_at: sql<Date>`clock_timestamp()` })
      .where('id', '=', row.id)
      .execute();
  }
}

export async function getOrganisationImportJob(db: Executor, id: string): Promise<ImportJobView> {
  const row = await db
    .selectFrom('import_jobs')
    .selectAll()
    .where('id', '=', id)
    .where('kind', '=', ORGANISATION_IMPORT_JOB)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found');
  return presentImportJob(row);
}
