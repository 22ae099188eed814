import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { importNational } from '../src/commands/national/import-national.js';
import { systemActor } from '../src/context.js';
import { loadNationalApplicationFacts, loadNationalProjectFacts } from '../src/repositories/national.js';
import { createUser, PASSWORD } from './support/fixtures.js';
import { startHarness } from './support/harness.js';

const h = await startHarness();
const db = h.deps.db;
const here = path.dirname(fileURLToPath(import.meta.url));
const GOOD = fs.readFileSync(path.join(here, 'fixtures/national-good.json'));
const BAD = fs.readFileSync(path.join(here, 'fixtures/national-bad.json'));

async function org(uscc: string, name: string, type = 'enterprise', regionCode = uscc.slice(2, 8)) {
  return db
    .insertInto('organisations')
    .values({ uscc, name, type, region_code: regionCode, address: null, former_names: '[]' })
    .returningAll()
    .executeTakeFirstOrThrow();
}
const unitA = await org('91440106MA5NAT019U', '广州国家甲科技有限公司');
const unitB = await org('91440112MA5NAT027C', '广州国家乙医疗器械有限公司');
const university = await org('12110108MB0NAT03XG', '北方某大学', 'university');

async function signIn(roles: Parameters<typeof createUser>[1]['roles'], orgId: string | null = null) {
  const u = await createUser(db, { roles, orgId });
  const c = h.client();
  expect((await c.login(u.email, PASSWORD)).status).toBe(200);
  return c;
}
const analyst = await signIn(['analyst']);
const officer = await signIn(['officer']);
const unitAdminA = await signIn(['unit_admin'], unitA.id);
const unitMemberB = await signIn(['unit_member'], unitB.id);
const expert = await signIn(['expert']);

function multipart(filename: string, content: Buffer | string, field = 'file') {
  const boundary = '----rdplanNationalBoundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
      'Content-Type: application/json\r\n\r\n',
  );
  const body = Buffer.concat([head, Buffer.isBuffer(content) ? content : Buffer.from(content), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
/** Uploads and waits for the import job to finish (`wait=true`: 200 with the result). */
function upload(content: Buffer | string, query = '', client = analyst, field = 'file') {
  const m = multipart('national.json', content, field);
  return client.request('POST', `/api/national/import${query ? `${query}&` : '?'}wait=true`, m.body, m.headers);
}
async function count(table: 'national_applications' | 'national_projects' | 'import_batches') {
  return Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
}
async function auditCount(action = 'national.import') {
  return Number(
    (
      await db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('action', '=', action)
        .executeTakeFirstOrThrow()
    ).n,
  );
}

describe('national records import', () => {
  it('checks a file in a dry run without writing anything', async () => {
    const res = await upload(GOOD, '?dryRun=true');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      dryRun: true,
      batchId: null,
      totalRecords: 4,
      inserted: 4,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      errors: [],
      applications: { inserted: 2 },
      projects: { inserted: 2 },
    });
    expect(await count('national_applications')).toBe(0);
    expect(await count('import_batches')).toBe(0);
  });

  it('stores every record with its batch, links leads by credit code, and audits the batch once', async () => {
    const res = await upload(GOOD);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: false, inserted: 4, updated: 0, unchanged: 0, rejected: 0 });
    const batch = await db.selectFrom('import_batches').selectAll().where('id', '=', res.body.batchId).executeTakeFirstOrThrow();
    expect(batch).toMatchObject({ kind: 'national', total_rows: 4, inserted: 4, sha256: res.body.sha256 });
    const apps = await db.selectFrom('national_applications').selectAll().orderBy('national_id').execute();
    expect(apps.map((a) => [a.national_id, a.lead_org_id, a.batch_id])).toEqual([
      ['2025YFB3300101', unitA.id, batch.id],
      ['2025YFC0800202', unitB.id, batch.id],
    ]);
    const projects = await db.selectFrom('national_projects').selectAll().orderBy('national_id').execute();
    expect(projects.map((p) => [p.national_id, p.lead_org_id, p.acceptance_date])).toEqual([
      ['2018YFA0900402', null, '2021-12-15'],
      ['2020YFB1700301', university.id, '2024-06-28'],
    ]);
    expect(projects[0]!.budget).toEqual({ central: 9_000_000, local: 0, self: 0 });
    expect(await auditCount()).toBe(1);
    const audit = await db.selectFrom('audit_events').selectAll().where('action', '=', 'national.import').executeTakeFirstOrThrow();
    expect(audit.entity_id).toBe(batch.id);
    expect(audit.after).toMatchObject({ inserted: 4, applications: { insertedIds: ['2025YFB3300101', '2025YFC0800202'] } });
  });

  it('finds the same file unchanged on re-import and writes no audit event', async () => {
    const res = await upload(GOOD);
    expect(res.body).toMatchObject({ inserted: 0, updated: 0, unchanged: 4 });
    expect(await auditCount()).toBe(1);
    expect(await count('national_applications')).toBe(2);
  });

  it('updates a changed record by national id', async () => {
    const data = JSON.parse(GOOD.toString());
    data.applications[1].stage = 'final_defence';
    const res = await upload(JSON.stringify(data));
    expect(res.body).toMatchObject({ inserted: 0, updated: 1, unchanged: 3, applications: { updated: 1 } });
    const row = await db
      .selectFrom('national_applications')
      .selectAll()
      .where('national_id', '=', '2025YFC0800202')
      .executeTakeFirstOrThrow();
    expect(row.stage).toBe('final_defence');
    expect(row.batch_id).toBe(res.body.batchId);
    expect(await auditCount()).toBe(2);
  });

  it('reports bad records by record and field and stores the good ones', async () => {
    const res = await upload(BAD);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ totalRecords: 6, inserted: 1, rejected: 5 });
    const at = res.body.errors.map((e: { row: string; column: string }) => `${e.row} ${e.column}`);
    expect(at).toEqual(
      expect.arrayContaining([
        'applications[1] lead.uscc',
        'applications[1] stage',
        'applications[2] participants[0].name',
        'applications[2] budget',
        'projects[0] lead.regionCode',
        'projects[1] nationalId',
        'projects[2] nationalId',
      ]),
    );
    expect(res.body.errors.every((e: { row: string }) => !e.row.startsWith('applications[0]'))).toBe(true);
    expect(
      await db.selectFrom('national_applications').select('id').where('national_id', '=', '2025YFB9900001').executeTakeFirst(),
    ).toBeDefined();
    expect(
      await db.selectFrom('national_projects').select('id').where('national_id', '=', '2019YFB9900005').executeTakeFirst(),
    ).toBeUndefined();
    const batch = await db.selectFrom('import_batches').selectAll().where('id', '=', res.body.batchId).executeTakeFirstOrThrow();
    expect(batch.errors).toHaveLength(res.body.errors.length);
  });

  it('reports a project that ends before it starts', async () => {
    const res = await upload(
      JSON.stringify({
        projects: [
          {
            nationalId: 'X1',
            title: 't',
            programme: 'p',
            startDate: '2021-01-01',
            endDate: '2020-01-01',
            budget: {},
            lead: { name: 'u', type: 'university', regionCode: '110108' },
          },
        ],
      }),
      '?dryRun=true',
    );
    expect(res.body.errors).toEqual([{ row: 'projects[0]', column: 'endDate', reason: expect.stringContaining('ends before it starts') }]);
  });

  it('stores nothing when the transaction fails half-way', async () => {
    await sql`create or replace function national_test_boom() returns trigger language plpgsql as $$
      begin
        if new.national_id = 'BOOM' then raise exception 'boom'; end if;
        return new;
      end $$`.execute(db);
    await sql`create trigger national_test_boom before insert on national_projects for each row execute function national_test_boom()`.execute(
      db,
    );
    const before = {
      apps: await count('national_applications'),
      projects: await count('national_projects'),
      batches: await count('import_batches'),
      audit: await auditCount(),
    };
    const data = JSON.parse(GOOD.toString());
    data.applications[0].nationalId = 'HALF-1';
    data.projects[0].nationalId = 'HALF-2';
    data.projects[1].nationalId = 'BOOM';
    await expect(
      importNational(h.deps, systemActor('test'), { filename: 'half.json', buffer: Buffer.from(JSON.stringify(data)) }),
    ).rejects.toThrow(/boom/);
    expect({
      apps: await count('national_applications'),
      projects: await count('national_projects'),
      batches: await count('import_batches'),
      audit: await auditCount(),
    }).toEqual(before);
    await sql`drop trigger national_test_boom on national_projects`.execute(db);
  });

  it('refuses a file that is not JSON, a wrong field and non-importing roles', async () => {
    const notJson = await upload('applications: []');
    expect(notJson.status).toBe(422);
    expect(notJson.body.code).toBe('import_failed');
    const notObject = await upload('[1, 2]');
    expect(notObject.status).toBe(422);
    const wrongField = await upload(GOOD, '', analyst, 'other');
    expect(wrongField.status).toBe(400);
    expect(wrongField.body.details[0].path).toBe('body.file');
    expect((await upload(GOOD, '', unitAdminA)).status).toBe(403);
    expect((await upload(GOOD, '', expert)).status).toBe(403);
    expect((await upload(GOOD, '?dryRun=true', officer)).status).toBe(200);
  });
});

describe('national records reading', () => {
  it('lets staff filter all applications; a unit sees only those it led', async () => {
    const all = await officer.get('/api/national/applications');
    expect(all.body.total).toBe(3);
    expect((await officer.get(`/api/national/applications?orgId=${unitB.id}`)).body.total).toBe(1);
    expect((await officer.get('/api/national/applications?q=光子')).body.items[0].nationalId).toBe('2025YFC0800202');
    expect((await officer.get('/api/national/applications?year=2024')).body.total).toBe(0);

    const own = await unitAdminA.get('/api/national/applications');
    expect(own.body.items.map((a: { nationalId: string }) => a.nationalId).sort()).toEqual(['2025YFB3300101', '2025YFB9900001']);
    expect((await unitAdminA.get(`/api/national/applications?orgId=${unitB.id}`)).body.total).toBe(0);
    const theirs = all.body.items.find((a: { nationalId: string }) => a.nationalId === '2025YFC0800202');
    expect((await unitAdminA.get(`/api/national/applications/${theirs.id}`)).status).toBe(404);
    const mine = await unitMemberB.get(`/api/national/applications/${theirs.id}`);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ lead: { orgId: unitB.id }, stage: 'final_defence' });
    expect((await expert.get('/api/national/applications')).status).toBe(403);
    expect((await h.client().get('/api/national/applications')).status).toBe(401);
  });

  it('shows national projects to any signed-in user, filtered by acceptance date', async () => {
    const res = await expert.get('/api/national/projects');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(2);
    const recent = await unitAdminA.get('/api/national/projects?acceptedSince=2023-11-24');
    expect(recent.body.items.map((p: { nationalId: string }) => p.nationalId)).toEqual(['2020YFB1700301']);
    expect(recent.body.items[0].lead).toMatchObject({ type: 'university', regionCode: '110108', isGuangzhou: false, orgId: university.id });
    const one = await unitAdminA.get(`/api/national/projects/${recent.body.items[0].id}`);
    expect(one.body.people).toEqual([{ name: '王立新', role: '项目负责人', unit: '北方某大学' }]);
    expect((await h.client().get('/api/national/projects')).status).toBe(401);
    expect((await expert.get('/api/national/projects/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('gives the applications code the facts of a record', async () => {
    const app = await db
      .selectFrom('national_applications')
      .select('id')
      .where('national_id', '=', '2025YFB3300101')
      .executeTakeFirstOrThrow();
    expect(await loadNationalApplicationFacts(db, app.id)).toEqual({
      nationalId: '2025YFB3300101',
      year: 2025,
      programme: '"高端功能与智能材料"重点专项',
      direction: '高性能复合材料智能制造关键技术',
      fieldCode: 'F06.01',
      leadUscc: unitA.uscc,
      leadOrgId: unitA.id,
      leadName: '广州国家甲科技有限公司',
      stage: 'final_defence',
      outcome: 'not_approved',
    });
    const project = await db
      .selectFrom('national_projects')
      .select('id')
      .where('national_id', '=', '2020YFB1700301')
      .executeTakeFirstOrThrow();
    expect(await loadNationalProjectFacts(db, project.id)).toEqual({
      nationalId: '2020YFB1700301',
      title: '新能源汽车动力电池热安全预警与防控技术',
      leadName: '北方某大学',
      leadType: 'university',
      leadRegionCode: '110108',
      acceptanceDate: '2024-06-28',
      acceptanceResult: 'passed',
    });
    expect(await loadNationalApplicationFacts(db, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });
});
