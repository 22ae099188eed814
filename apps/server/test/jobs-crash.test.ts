import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { queueNationalImport, sweepImportJobs } from '../src/commands/national/import-jobs.js';
import { systemActor } from '../src/context.js';
import { startHarness } from './support/harness.js';
import { testDbKind } from './support/test-db.js';

/**
 * kill -9 of a process running an import (issue 10): the job's recorded state follows the data. Runs on
 * PostgreSQL, where a second process shares the database (the embedded database has one process; the
 * same recovery is tested there by stopping between commit and status update, national-import-v2).
 */
const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'support/crash-import-child.ts');
const HEADER =
  '申报编号,年度,重点专项,指南方向,领域代码,项目名称,第一申报单位,第一申报单位统一社会信用代码,项目负责人,参与单位,最后环节,结果';
const csv = (prefix: string, n: number) =>
  [
    HEADER,
    ...Array.from(
      { length: n },
      (_, i) => `${prefix}${String(i).padStart(4, '0')},2025,智能机器人,工业机器人,F01.02,项目${i},华南某大学,,张明远,,最后一轮答辩,未立项`,
    ),
  ].join('\n');

const h = testDbKind === 'postgres' ? await startHarness({ jobs: true, jobsPollSeconds: 0.5 }) : null!;
const db = h?.deps.db;

describe.skipIf(testDbKind !== 'postgres')('an import process killed with SIGKILL', () => {
  const row = (id: string) => db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const stored = async (prefix: string) =>
    Number(
      (
        await db
          .selectFrom('national_applications')
          .select(({ fn }) => fn.countAll<number>().as('n'))
          .where('national_id', 'like', `${prefix}%`)
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** Runs the job in a child process, kills it -9 where it says `stopAt`, and ages the row as a stopped one. */
  async function killAt(prefix: string, stopAt: 'writing' | 'matching') {
    const buffer = Buffer.from(csv(prefix, 300));
    const jobId = await queueNationalImport({ ...h.deps, jobs: undefined }, systemActor('test'), {
      filename: `${prefix}.csv`,
      buffer,
      status: 'running',
    });
    const proc = spawn(process.execPath, ['--import', 'tsx', child, h.database.url!, h.deps.config.dataDir, jobId, stopAt], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => proc.on('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      let out = '';
      proc.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes(`${stopAt}\n`)) resolve();
        if (out.includes('finished')) reject(new Error('the child finished instead of stopping'));
      });
      proc.on('exit', () => reject(new Error(`the child exited before ${stopAt}: ${out}`)));
    });
    proc.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    await db
      .updateTable('import_jobs')
      .set({ updated_at: sql<Date>`clock_timestamp() - make_interval(mins => 11)` })
      .where('id', '=', jobId)
      .execute();
    return jobId;
  }

  it('after its commit: the job is reported stored with its counts, matching resumed, nothing imported twice', async () => {
    const jobId = await killAt('2025YFX', 'matching');
    const killed = await row(jobId);
    expect(killed).toMatchObject({ status: 'running', total_rows: 300 });
    expect(killed.batch_id).not.toBeNull();
    expect(await stored('2025YFX')).toBe(300);
    expect(await sweepImportJobs(h.deps)).toMatchObject({ stored: 1, retried: 0, failed: 0 });
    const after = await row(jobId);
    expect(after).toMatchObject({ status: 'done', failure: null, batch_id: killed.batch_id });
    expect(after.result).toMatchObject({ inserted: 300, totalRecords: 300, resumedAfterInterruption: true });
    expect(await stored('2025YFX')).toBe(300);
  });

  it('before its commit: nothing is stored, and the job runs again from the kept file to done', async () => {
    const jobId = await killAt('2025YFW', 'writing');
    expect((await row(jobId)).batch_id).toBeNull();
    expect(await stored('2025YFW')).toBe(0);
    expect(await sweepImportJobs(h.deps)).toMatchObject({ stored: 0, retried: 1, failed: 0 });
    let job = await row(jobId);
    for (let i = 0; i < 1200 && job.status !== 'done' && job.status !== 'failed'; i++) {
      await sleep(25);
      job = await row(jobId);
    }
    expect(job).toMatchObject({ status: 'done', failure: null });
    expect(job.result).toMatchObject({ inserted: 300, interrupted: 1 });
    expect(await stored('2025YFW')).toBe(300);
  });
});
