import { setTimeout as sleep } from 'node:timers/promises';
import { makeUscc } from '@rdplan/domain';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { importNational } from '../src/commands/national/import-national.js';
import {
  nationalImportJobHandler,
  queueNationalImport,
  recordCommittedBatch,
  runNationalImportJob,
  sweepImportJobs,
} from '../src/commands/national/import-jobs.js';
import { systemActor } from '../src/context.js';
import { createUser, PASSWORD } from './support/fixtures.js';
import { startHarness } from './support/harness.js';

// The queue runs the jobs (pg-boss, on this test's database), polling often so the test is quick.
const h = await startHarness({ jobs: true, jobsPollSeconds: 0.5 });
const db = h.deps.db;

const LEAD_USCC = '91440106MA5NAT019U';
const lead = await db
  .insertInto('organisations')
  .values({ uscc: LEAD_USCC, name: '广州国家甲科技有限公司', type: 'enterprise', region_code: '440106', address: null, former_names: '[]' })
  .returningAll()
  .executeTakeFirstOrThrow();

async function signIn(roles: Parameters<typeof createUser>[1]['roles'], orgId: string | null = null) {
  const u = await createUser(db, { roles, orgId });
  const c = h.client();
  expect((await c.login(u.email, PASSWORD)).status).toBe(200);
  return c;
}
const officer = await signIn(['officer']);
const analyst = await signIn(['analyst']);
const unitAdmin = await signIn(['unit_admin'], lead.id);
const expert = await signIn(['expert']);

function multipart(filename: string, content: Buffer | string, fields: Record<string, string> = {}) {
  const boundary = '----rdplanNationalV2';
  const parts = Object.entries(fields).map(([k, v]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const body = Buffer.concat([
    ...parts,
    head,
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
function upload(filename: string, content: Buffer | string, query = '', fields: Record<string, string> = {}, client = officer) {
  const m = multipart(filename, content, fields);
  return client.request('POST', `/api/national/import${query}`, m.body, m.headers);
}
async function waitJob(id: string, client = officer) {
  for (let i = 0; i < 400; i++) {
    const res = await client.get(`/api/national/import-jobs/${id}`);
    expect(res.status).toBe(200);
    if (res.body.status === 'done' || res.body.status === 'failed') return res.body;
    await sleep(25);
  }
  throw new Error(`job ${id} did not finish`);
}
async function count(table: 'national_applications' | 'national_projects' | 'national_units' | 'national_people' | 'import_batches') {
  return Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
}
const auditCount = async () =>
  Number(
    (
      await db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('action', '=', 'national.import')
        .executeTakeFirstOrThrow()
    ).n,
  );

const APP_HEADERS = [
  '申报编号',
  '年度',
  '重点专项',
  '指南方向',
  '领域代码',
  '项目名称',
  '第一申报单位',
  '第一申报单位统一社会信用代码',
  '项目负责人',
  '参与单位',
  '最后环节',
  '结果',
];
const csvLine = (cells: (string | number)[]) => cells.map((c) => `"${String(c).replace(/"/g, '""')}"`).join(',');
const appRow = (id: string, over: Partial<Record<string, string | number>> = {}) => {
  const base: Record<string, string | number> = {
    申报编号: id,
    年度: 2025,
    重点专项: '"智能机器人"重点专项',
    指南方向: '工业机器人关键部件',
    领域代码: 'F01.02',
    项目名称: `机器人项目${id}`,
    第一申报单位: '广州国家甲科技有限公司',
    第一申报单位统一社会信用代码: LEAD_USCC,
    项目负责人: '张明远',
    参与单位: '华南某大学；广州某研究院（12440000MB0NAT013M）',
    最后环节: '最后一轮答辩',
    结果: '未立项',
    ...over,
  };
  return APP_HEADERS.map((k) => base[k]!);
};
const appsCsv = (rows: (string | number)[][]) => '\uFEFF' + [APP_HEADERS, ...rows].map(csvLine).join('\r\n');

async function workbook(sheets: Record<string, (string | number | Date | null)[][]>) {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) wb.addWorksheet(name).addRows(rows);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const PROJECT_HEADERS = [
  '项目编号',
  '申报编号',
  '项目名称',
  '重点专项',
  '指南方向',
  '领域代码',
  '开始日期',
  '结束日期',
  '中央财政（元）',
  '地方财政（元）',
  '自筹（元）',
  '第一承担单位',
  '第一承担单位统一社会信用代码',
  '第一承担单位类型',
  '第一承担单位行政区划代码',
  '参与单位',
  '项目人员',
  '验收日期',
  '验收结论',
];

describe('national import: CSV and xlsx with Chinese headers', () => {
  it('imports a CSV of applications, with units and people in their own rows', async () => {
    const csv = appsCsv([appRow('2025YFB0000001'), appRow('2025YFB0000002', { 参与单位: '', 项目负责人: '' })]);
    const res = await upload('申报记录.csv', csv, '?wait=true', { source: '科技部 2025 年第一批' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ format: 'csv', source: '科技部 2025 年第一批', inserted: 2, rejected: 0, units: 4 });
    const app = await db
      .selectFrom('national_applications')
      .selectAll()
      .where('national_id', '=', '2025YFB0000001')
      .executeTakeFirstOrThrow();
    expect(app).toMatchObject({ stage: 'final_defence', outcome: 'not_approved', lead_org_id: lead.id, year: 2025 });
    expect(app.participants).toEqual([
      { uscc: null, name: '华南某大学' },
      { uscc: '12440000MB0NAT013M', name: '广州某研究院' },
    ]);
    const units = await db
      .selectFrom('national_units')
      .selectAll()
      .where('national_id', '=', '2025YFB0000001')
      .orderBy('position')
      .execute();
    expect(units.map((u) => [u.position, u.role, u.uscc, u.name])).toEqual([
      [0, 'lead', LEAD_USCC, '广州国家甲科技有限公司'],
      [1, 'participant', null, '华南某大学'],
      [2, 'participant', '12440000MB0NAT013M', '广州某研究院'],
    ]);
    expect(units[0]).toMatchObject({ org_id: lead.id, match_status: 'matched', batch_id: res.body.batchId });
    expect(units.every((u) => u.name_norm.length > 0)).toBe(true);
    const people = await db.selectFrom('national_people').selectAll().where('national_id', '=', '2025YFB0000001').execute();
    expect(people.map((p) => [p.name, p.role, p.unit_name, p.field_code])).toEqual([
      ['张明远', '项目负责人', '广州国家甲科技有限公司', 'F01.02'],
    ]);
    const batch = await db.selectFrom('import_batches').selectAll().where('id', '=', res.body.batchId).executeTakeFirstOrThrow();
    expect(batch).toMatchObject({ kind: 'national', source: '科技部 2025 年第一批', total_rows: 2, inserted: 2 });
  });

  it('names bad rows by sheet, row number and Chinese header, and stores the good ones', async () => {
    const csv = appsCsv([
      appRow('2025YFB0000003'),
      appRow('2025YFB0000004', { 第一申报单位统一社会信用代码: '91440106MA5NAT0190' }),
      appRow('2025YFB0000005', { 最后环节: '复审', 年度: '二〇二五' }),
    ]);
    const res = await upload('bad.csv', csv, '?wait=true');
    expect(res.body).toMatchObject({ inserted: 1, rejected: 2, totalRecords: 3 });
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          row: '国家项目申报记录 第3行',
          sheet: '国家项目申报记录',
          line: 3,
          column: '第一申报单位统一社会信用代码',
        }),
        expect.objectContaining({ sheet: '国家项目申报记录', line: 4, column: '最后环节' }),
        expect.objectContaining({ line: 4, column: '年度' }),
      ]),
    );
    expect(
      await db.selectFrom('national_applications').select('id').where('national_id', '=', '2025YFB0000004').executeTakeFirst(),
    ).toBeUndefined();
  });

  it('imports an xlsx with the three kinds as sheets, and acceptance results of earlier projects', async () => {
    const file = await workbook({
      国家项目申报记录: [APP_HEADERS, appRow('2025YFB0000010', { 结果: '立项', 最后环节: '首轮评审' })],
      立项项目: [
        PROJECT_HEADERS,
        [
          '2025YFB0000010P',
          '2025YFB0000010',
          '机器人整机',
          '"智能机器人"重点专项',
          '整机',
          'F01.02',
          new Date(Date.UTC(2025, 0, 1)),
          '2028/12/31',
          18_000_000,
          '2,000,000',
          0,
          '北方某大学',
          '12110108MB0NAT03XG',
          '高等院校',
          '110108',
          '广州国家甲科技有限公司（91440106MA5NAT019U）',
          '王立新/项目负责人/北方某大学；李华/课题负责人/广州国家甲科技有限公司',
          null,
          null,
        ],
        [
          '2025YFB0000011P',
          '',
          '坏项目',
          '"智能机器人"重点专项',
          '',
          '',
          '2025-01-01',
          '2024-01-01',
          0,
          0,
          0,
          '某单位',
          '',
          '火星机构',
          '999999',
          '',
          '',
          null,
          null,
        ],
      ],
      说明: [['本表仅为说明']],
    });
    const res = await upload('national.xlsx', file, '?wait=true');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ format: 'xlsx', applications: { inserted: 1 }, projects: { inserted: 1 }, rejected: 1 });
    const bad = res.body.errors.filter((e: { sheet: string }) => e.sheet === '立项项目');
    expect(bad.map((e: { column: string }) => e.column).sort()).toEqual(['第一承担单位类型', '第一承担单位行政区划代码']);
    expect(bad.every((e: { line: number; row: string }) => e.line === 3 && e.row === '立项项目 第3行')).toBe(true);
    const p = await db.selectFrom('national_projects').selectAll().where('national_id', '=', '2025YFB0000010P').executeTakeFirstOrThrow();
    expect(p).toMatchObject({ start_date: '2025-01-01', end_date: '2028-12-31', lead_type: 'university', acceptance_date: null });
    expect(p.budget).toEqual({ central: 18_000_000, local: 2_000_000, self: 0 });
    expect(p.people).toHaveLength(2);
    expect(
      await db.selectFrom('national_people').select('name').where('national_id', '=', '2025YFB0000010P').orderBy('position').execute(),
    ).toEqual([{ name: '王立新' }, { name: '李华' }]);
    const participant = await db
      .selectFrom('national_units')
      .selectAll()
      .where('national_id', '=', '2025YFB0000010P')
      .where('position', '=', 1)
      .executeTakeFirstOrThrow();
    expect(participant).toMatchObject({ role: 'participant', uscc: LEAD_USCC, org_id: lead.id });

    // A later acceptance file (CSV, kind told by its headers) completes the project; an unknown project is an error.
    const acc = ['项目编号,验收日期,验收结论', '2025YFB0000010P,2029-03-01,通过', 'NO-SUCH-PROJECT,2029-03-01,不通过'].join('\n');
    const accRes = await upload('验收.csv', acc, '?wait=true');
    expect(accRes.body).toMatchObject({ acceptances: { updated: 1 }, rejected: 1 });
    expect(accRes.body.errors).toEqual([expect.objectContaining({ row: '验收结果 第3行', column: '项目编号', line: 3 })]);
    const accepted = await db
      .selectFrom('national_projects')
      .selectAll()
      .where('national_id', '=', '2025YFB0000010P')
      .executeTakeFirstOrThrow();
    expect(accepted).toMatchObject({ acceptance_date: '2029-03-01', acceptance_result: 'passed' });
    const again = await upload('验收.csv', acc, '?wait=true');
    expect(again.body).toMatchObject({ acceptances: { updated: 0, unchanged: 1 } });
  });

  it('is idempotent: the same file again changes nothing and writes no audit event', async () => {
    const csv = appsCsv([appRow('2025YFB0000020'), appRow('2025YFB0000021')]);
    const first = await upload('again.csv', csv, '?wait=true');
    expect(first.body.inserted).toBe(2);
    const before = { audit: await auditCount(), units: await count('national_units'), people: await count('national_people') };
    const unitsBefore = await db
      .selectFrom('national_units')
      .selectAll()
      .where('national_id', '=', '2025YFB0000020')
      .orderBy('position')
      .execute();
    const second = await upload('again.csv', csv, '?wait=true');
    expect(second.body).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    expect({ audit: await auditCount(), units: await count('national_units'), people: await count('national_people') }).toEqual(before);
    expect(
      await db.selectFrom('national_units').selectAll().where('national_id', '=', '2025YFB0000020').orderBy('position').execute(),
    ).toEqual(unitsBefore);
    // A change drops the participant no longer named and keeps the batch's source.
    const changed = await upload('again.csv', appsCsv([appRow('2025YFB0000020', { 参与单位: '华南某大学' })]), '?wait=true', {
      source: '更正',
    });
    expect(changed.body).toMatchObject({ updated: 1, source: '更正' });
    expect(
      await db.selectFrom('national_units').select('position').where('national_id', '=', '2025YFB0000020').orderBy('position').execute(),
    ).toEqual([{ position: 0 }, { position: 1 }]);
  });

  it('stores nothing of a batch that fails half-way (units included)', async () => {
    await sql`create or replace function national_v2_boom() returns trigger language plpgsql as $$
      begin
        if new.name = '爆炸单位' then raise exception 'boom in units'; end if;
        return new;
      end $$`.execute(db);
    await sql`create trigger national_v2_boom before insert on national_units for each row execute function national_v2_boom()`.execute(db);
    const before = {
      apps: await count('national_applications'),
      units: await count('national_units'),
      people: await count('national_people'),
      batches: await count('import_batches'),
      audit: await auditCount(),
    };
    const csv = appsCsv([appRow('2025YFB0000030'), appRow('2025YFB0000031', { 参与单位: '爆炸单位' })]);
    await expect(importNational(h.deps, systemActor('test'), { filename: 'half.csv', buffer: Buffer.from(csv) })).rejects.toThrow(
      /boom in units/,
    );
    // The same through a background job: the job fails, nothing is stored.
    const res = await upload('half.csv', csv);
    expect(res.status).toBe(202);
    const job = await waitJob(res.body.jobId);
    expect(job).toMatchObject({ status: 'failed', failure: expect.stringContaining('boom in units'), batchId: null });
    expect({
      apps: await count('national_applications'),
      units: await count('national_units'),
      people: await count('national_people'),
      batches: await count('import_batches'),
      audit: await auditCount(),
    }).toEqual(before);
    await sql`drop trigger national_v2_boom on national_units`.execute(db);
  });
});

describe('national import jobs', () => {
  it('answers 202 with a job at once; the job runs in the background and ends done with its result', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => appRow(`2025YFJ${String(i).padStart(7, '0')}`));
    rows.push(appRow('2025YFJBAD', { 结果: '也许' }));
    const res = await upload('jobs.csv', appsCsv(rows), '', { source: '后台导入', dryRun: 'false' }, analyst);
    expect(res.status).toBe(202);
    const job = await waitJob(res.body.jobId, analyst);
    expect(job).toMatchObject({
      status: 'done',
      source: '后台导入',
      totalRows: 31,
      rowsDone: 31,
      errorsCount: 1,
      errors: [expect.objectContaining({ line: 32, column: '结果' })],
      result: { inserted: 30, rejected: 1, format: 'csv' },
    });
    expect(job.batchId).toBe(job.result.batchId);
    expect(typeof job.ratePerSecond).toBe('number');
    const list = await officer.get('/api/national/import-jobs');
    expect(list.status).toBe(200);
    expect(list.body.items.find((j: { id: string }) => j.id === job.id)).toMatchObject({ status: 'done', rowsDone: 31 });
    const blob = await db.selectFrom('import_jobs').select(['blob_sha256', 'sha256']).where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(blob.blob_sha256).toBe(blob.sha256);
  });

  it('a dry run job checks without writing; a broken file fails the job with the reason', async () => {
    const before = await count('import_batches');
    const dry = await upload('dry.csv', appsCsv([appRow('2025YFD0000001')]), '', { dryRun: 'true' });
    expect(await waitJob(dry.body.jobId)).toMatchObject({ status: 'done', dryRun: true, result: { inserted: 1, batchId: null } });
    // A broken file is refused before it is queued, with the reason (no job).
    const broken = await upload('broken.json', '{ not json');
    expect(broken.status).toBe(422);
    expect(JSON.stringify(broken.body.details)).toContain('not valid JSON');
    const noKind = await upload('odd.csv', 'a,b\n1,2', '?wait=true');
    expect(noKind.status).toBe(422);
    expect(await count('import_batches')).toBe(before);
  });

  it('moves the progress fields as it goes and ends done', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => appRow(`2025YFP${String(i).padStart(7, '0')}`));
    const buffer = Buffer.from(appsCsv(rows));
    const jobId = await queueNationalImport(h.deps, systemActor('test'), {
      filename: 'big.csv',
      buffer,
      keepFile: false,
      status: 'running',
    });
    // When the check reaches 4000 rows, the job row shows the progress written at 2000 (a separate statement).
    const snapshots: Promise<{ rows_done: number; total_rows: number; status: string; errors_count: number }>[] = [];
    const reported: number[] = [];
    const onProgress = (p: { rowsDone: number }) => {
      reported.push(p.rowsDone);
      if (p.rowsDone === 4000) {
        snapshots.push(
          db
            .selectFrom('import_jobs')
            .select(['rows_done', 'total_rows', 'status', 'errors_count'])
            .where('id', '=', jobId)
            .executeTakeFirstOrThrow(),
        );
      }
    };
    await runNationalImportJob(h.deps, { id: jobId }, { buffer, progressEveryMs: 0, onProgress });
    expect(reported).toEqual(expect.arrayContaining([2000, 4000, 5000]));
    // The row already shows progress while the check goes on (2000, or 4000 when that write wins the race
    // with the snapshot on a server's second connection).
    const [snapshot] = await Promise.all(snapshots);
    expect(snapshot).toMatchObject({ total_rows: 5000, status: 'running', errors_count: 0 });
    expect([2000, 4000]).toContain(snapshot!.rows_done);
    const done = (await officer.get(`/api/national/import-jobs/${jobId}`)).body;
    expect(done).toMatchObject({ status: 'done', rowsDone: 5000, totalRows: 5000, errorsCount: 0, result: { inserted: 5000 } });
    expect(done.ratePerSecond).toBeGreaterThan(0);
  });

  it('runs a job delivered twice once: the first delivery claims the row, the second finds it taken', async () => {
    const buffer = Buffer.from(appsCsv([appRow('2025YFT0000001')]));
    const jobId = await queueNationalImport({ ...h.deps, jobs: undefined }, systemActor('test'), { filename: 'twice.csv', buffer });
    const batches = await count('import_batches');
    await Promise.all([nationalImportJobHandler(h.deps, { jobId }), nationalImportJobHandler(h.deps, { jobId })]);
    const row = await db.selectFrom('import_jobs').select(['status', 'batch_id']).where('id', '=', jobId).executeTakeFirstOrThrow();
    expect(row.status).toBe('done');
    expect(await count('import_batches')).toBe(batches + 1);
  });

  it('lets only officers, analysts and admins import and see jobs', async () => {
    const csv = appsCsv([appRow('2025YFA0000001')]);
    expect((await upload('a.csv', csv, '', {}, unitAdmin)).status).toBe(403);
    expect((await upload('a.csv', csv, '', {}, expert)).status).toBe(403);
    expect((await unitAdmin.get('/api/national/import-jobs')).status).toBe(403);
    const any = (await officer.get('/api/national/import-jobs')).body.items[0];
    expect((await unitAdmin.get(`/api/national/import-jobs/${any.id}`)).status).toBe(403);
    expect((await expert.get(`/api/national/import-jobs/${any.id}`)).status).toBe(403);
    expect((await h.client().get('/api/national/import-jobs')).status).toBe(401);
    expect((await officer.get('/api/national/import-jobs/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await upload('a.pdf', '%PDF-1.4', '', {}, officer)).status).toBe(415);
    expect(makeUscc).toBeDefined();
  });
});

describe('interrupted import jobs', () => {
  const stale = (id: string, minutes = 11) =>
    db
      .updateTable('import_jobs')
      .set({ updated_at: sql<Date>`clock_timestamp() - make_interval(mins => ${minutes})` })
      .where('id', '=', id)
      .execute();
  const jobRow = (id: string) => db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  // A job of its own, queued but not sent: the test plays the process that takes it and then stops.
  const queueUnsent = (filename: string, buffer: Buffer, keepFile = true) =>
    queueNationalImport({ ...h.deps, jobs: undefined }, systemActor('test'), { filename, buffer, keepFile, status: 'running' });

  it('reports a job killed after its batch committed as stored, and resumes its matching', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `2025YFK${String(i).padStart(7, '0')}`);
    const buffer = Buffer.from(appsCsv(ids.map((id) => appRow(id))));
    const jobId = await queueUnsent('killed-after-commit.csv', buffer);
    // The process commits the batch (records and the job's batch id in one transaction) and is killed
    // before its status update: importNational with the job's commit hook and nothing after it.
    await importNational(h.deps, systemActor('test'), {
      filename: 'killed-after-commit.csv',
      buffer,
      onCommit: (tx, result) => recordCommittedBatch(tx, jobId, result),
    });
    const killed = await jobRow(jobId);
    expect(killed.status).toBe('running');
    expect(killed.batch_id).not.toBeNull();
    await stale(jobId);
    const batches = await count('import_batches');
    expect(await sweepImportJobs(h.deps)).toMatchObject({ stored: 1, retried: 0, failed: 0 });
    const view = (await officer.get(`/api/national/import-jobs/${jobId}`)).body;
    expect(view).toMatchObject({ status: 'done', failure: null, batchId: killed.batch_id, result: { inserted: 40, totalRecords: 40 } });
    expect(await count('import_batches')).toBe(batches); // not imported again
    const stored = await db.selectFrom('national_applications').select('national_id').where('national_id', 'in', ids).execute();
    expect(stored).toHaveLength(40);
  });

  it('runs a job killed before its commit again from the kept file; without a kept file it says nothing was stored', async () => {
    const ids = Array.from({ length: 25 }, (_, i) => `2025YFR${String(i).padStart(7, '0')}`);
    const buffer = Buffer.from(appsCsv(ids.map((id) => appRow(id))));
    const jobId = await queueUnsent('killed-before-commit.csv', buffer);
    const cliJob = await queueUnsent('cli-run.csv', buffer, false);
    const live = await queueUnsent('live.csv', buffer, false);
    await stale(jobId);
    await stale(cliJob);
    await stale(live, 1);
    expect(await sweepImportJobs(h.deps)).toMatchObject({ stored: 0, retried: 1, failed: 1 });
    // The kept file is queued again and the queue runs it to the end.
    const retried = await waitJob(jobId);
    expect(retried).toMatchObject({ status: 'done', result: { inserted: 25 } });
    const failed = await jobRow(cliJob);
    expect(failed.status).toBe('failed');
    expect(failed.failure).toMatch(/before its records were committed; nothing of it was stored/);
    expect((await jobRow(live)).status).toBe('running');
    await db.deleteFrom('import_jobs').where('id', '=', live).execute();
  });
});
