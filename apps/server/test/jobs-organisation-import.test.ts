import { setTimeout as sleep } from 'node:timers/promises';
import { makeUscc } from '@rdplan/domain';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { sweepImportJobs } from '../src/commands/national/import-jobs.js';
import { recordCommittedOrganisationBatch } from '../src/commands/registry/organisation-import-jobs.js';
import { importOrganisations } from '../src/commands/registry/organisation-rows.js';
import { systemActor } from '../src/context.js';
import { createUser, PASSWORD } from './support/fixtures.js';
import { startHarness } from './support/harness.js';

/** Large organisation imports as background jobs on the queue (issue 10). */
const h = await startHarness({ jobs: true, jobsPollSeconds: 0.5 });
const db = h.deps.db;
const user = await createUser(db, { roles: ['officer'] });
const officer = h.client();
expect((await officer.login(user.email, PASSWORD)).status).toBe(200);

const HEADER = '统一社会信用代码,单位名称,单位类型,注册地行政区划代码';
const csv = (prefix: string, n: number) =>
  '\uFEFF' +
  [
    HEADER,
    ...Array.from(
      { length: n },
      (_, i) => `${makeUscc('9', '1', '440106', `${prefix}${String(i).padStart(5, '0')}`)},广州后台导入${prefix}${i}有限公司,企业,440106`,
    ),
  ].join('\r\n');

function upload(filename: string, content: string, query: string) {
  const boundary = '----rdplanOrgJobs';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return officer.request('POST', `/api/organisations/import${query}`, body, {
    'content-type': `multipart/form-data; boundary=${boundary}`,
  });
}
const orgCount = async (prefix: string) =>
  Number(
    (
      await db
        .selectFrom('organisations')
        .select(({ fn }) => fn.countAll<number>().as('n'))
        .where('name', 'like', `广州后台导入${prefix}%`)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('organisation imports in the background', () => {
  it('answers 202 with a job for ?background=true; the queue runs it to done with the result', async () => {
    const res = await upload('大批单位.csv', csv('BGA', 450), '?background=true');
    expect(res.status).toBe(202);
    let job = (await officer.get(`/api/organisations/import-jobs/${res.body.jobId}`)).body;
    for (let i = 0; i < 800 && job.status !== 'done' && job.status !== 'failed'; i++) {
      await sleep(25);
      job = (await officer.get(`/api/organisations/import-jobs/${res.body.jobId}`)).body;
    }
    expect(job).toMatchObject({
      kind: 'organisations',
      status: 'done',
      totalRows: 450,
      rowsDone: 450,
      result: { inserted: 450, rejected: 0 },
    });
    expect(job.batchId).toBeTruthy();
    expect(await orgCount('BGA')).toBe(450);
    // Without the flag the import still answers at once with its result.
    const small = await upload('少量单位.csv', csv('BGB', 3), '');
    expect(small.status).toBe(200);
    expect(small.body).toMatchObject({ inserted: 3 });
    expect((await officer.get('/api/organisations/import-jobs/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('reports a job killed after its commit as stored, not as "nothing stored"', async () => {
    const buffer = Buffer.from(csv('BGC', 30));
    const job = await db
      .insertInto('import_jobs')
      .values({ kind: 'organisations', filename: 'killed.csv', sha256: 'c'.repeat(64), status: 'running' })
      .returning('id')
      .executeTakeFirstOrThrow();
    // The process commits the rows with the job's batch id, and is killed before its status update.
    await importOrganisations(h.deps, systemActor('test'), {
      filename: 'killed.csv',
      buffer,
      onCommit: (tx, result) => recordCommittedOrganisationBatch(tx, job.id, result),
    });
    await db
      .updateTable('import_jobs')
      .set({ updated_at: sql<Date>`clock_timestamp() - make_interval(mins => 11)` })
      .where('id', '=', job.id)
      .execute();
    expect(await sweepImportJobs(h.deps)).toMatchObject({ stored: 1, retried: 0, failed: 0 });
    const view = (await officer.get(`/api/organisations/import-jobs/${job.id}`)).body;
    expect(view).toMatchObject({ status: 'done', failure: null, result: { inserted: 30 } });
    expect(await orgCount('BGC')).toBe(30);
  });
});
