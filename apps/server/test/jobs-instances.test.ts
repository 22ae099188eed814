import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { queueNationalImport } from '../src/commands/national/import-jobs.js';
import { systemActor } from '../src/context.js';
import { JOBS } from '../src/jobs/index.js';
import { queueMail } from '../src/mailer.js';
import { startHarness } from './support/harness.js';
import { startSmtpServer } from './support/smtp.js';

/**
 * Two app instances on one database, both working the same queues (issue 10): every job runs once.
 * (On PGlite both instances share the one embedded database in this process.)
 */
const smtp = await startSmtpServer();
afterAll(() => smtp.close());
const h = await startHarness({ jobs: true, jobsPollSeconds: 0.5, smtpUrl: smtp.url });
const second = await buildApp({ db: h.database.db, database: h.database, config: h.deps.config, clock: h.clock });
await second.ready();
afterAll(() => second.close());
const instances = [h.app, second];
const db = h.deps.db;

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

async function until(done: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 1200; i++) {
    if (await done()) return;
    await sleep(25);
  }
  throw new Error(`gave up waiting: ${what}`);
}

describe('two instances on one database', () => {
  it('runs every queued import once, whichever instance queued it', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const app = instances[i % 2]!;
      const buffer = Buffer.from(csv(`2025YFI${String(i).padStart(2, '0')}`, 5));
      ids.push(await queueNationalImport(app.deps, systemActor('test'), { filename: `instances-${i}.csv`, buffer }));
    }
    const finished = () =>
      db
        .selectFrom('import_jobs')
        .select(['id', 'status', 'batch_id', 'failure'])
        .where('id', 'in', ids)
        .where('status', 'in', ['done', 'failed'])
        .execute();
    await until(async () => (await finished()).length === ids.length, 'all imports finished');
    const rows = await finished();
    expect(rows.map((r) => [r.status, r.failure])).toEqual(ids.map(() => ['done', null]));
    const batches = await db
      .selectFrom('import_batches')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .where('filename', 'like', 'instances-%')
      .executeTakeFirstOrThrow();
    expect(Number(batches.n)).toBe(ids.length);
    const audits = await db
      .selectFrom('audit_events')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .where('action', '=', 'national.import')
      .where(
        'entity_id',
        'in',
        rows.map((r) => r.batch_id!),
      )
      .executeTakeFirstOrThrow();
    expect(Number(audits.n)).toBe(ids.length);
    const queueJobs = await sql<{ state: string; retry_count: number }>`
      select state, retry_count from pgboss.job where name = ${JOBS.nationalImport} and data->>'jobId' = any(${ids})
    `.execute(db);
    expect(queueJobs.rows).toHaveLength(ids.length);
    expect(queueJobs.rows.every((j) => j.state === 'completed' && j.retry_count === 0)).toBe(true);
  });

  it('delivers each mail once while both instances drain the outbox at the same time', async () => {
    const to = Array.from({ length: 10 }, (_, i) => `two-instances-${i}@unit.test`);
    for (const address of to) await queueMail(db, address, '两个实例 / Two instances', '测试邮件 / test mail');
    await Promise.all(instances.flatMap((app) => [app.deps.jobs!.send(JOBS.mail), app.deps.jobs!.send(JOBS.mail)]));
    const sent = () => db.selectFrom('mail_outbox').select('id').where('to_address', 'in', to).where('sent_at', 'is not', null).execute();
    await until(async () => (await sent()).length === to.length, 'all mail sent');
    for (const address of to) {
      expect(smtp.received.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === address)).toHaveLength(1);
    }
  });

  it('keeps one schedule per scheduled job, not one per instance', async () => {
    const schedules = await sql<{ name: string; cron: string; timezone: string }>`
      select name, cron, timezone from pgboss.schedule order by name
    `.execute(db);
    expect(schedules.rows.map((s) => s.name)).toEqual([JOBS.sweep, JOBS.mail, JOBS.draftReminders].sort());
    expect(schedules.rows.every((s) => s.timezone === 'Asia/Shanghai')).toBe(true);
  });
});
