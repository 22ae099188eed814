import { makeUscc, type Role } from '@rdplan/domain';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { organisationTemplate, parseOrganisationFile } from '../src/commands/registry/organisation-rows.js';
import { createUser, PASSWORD } from './support/fixtures.js';
import { startHarness } from './support/harness.js';

const h = await startHarness({ uploadLimit: 64 * 1024 });

async function signIn(roles: Role[]) {
  const u = await createUser(h.deps.db, { roles });
  const c = h.client();
  expect((await c.login(u.email, PASSWORD)).status).toBe(200);
  return c;
}
const officer = await signIn(['officer']);

const HEADERS = [
  '统一社会信用代码',
  '单位名称',
  '单位类型',
  '注册地行政区划代码',
  '注册地址',
  '是否规上',
  '规上年度',
  '高新技术企业证书编号',
  '证书有效期起',
  '证书有效期止',
  '是否科技型中小企业',
  '科技型中小企业年度',
  '曾用名',
];
const code = (body: string, region = '440106') => makeUscc('9', '1', region, body);
const GOOD1 = code('KMP00001');
const GOOD2 = code('KMP00002', '440112');
const GOOD3 = code('KMP00003', '310104');
const DUP = code('KMP00004');
const badCheck = (() => {
  const c = code('KMP00005');
  return c.slice(0, 17) + (c[17] === '1' ? '2' : '1');
})();

async function xlsx(rows: unknown[][], headers: string[] = HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('单位');
  sheet.addRow(headers);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function multipart(filename: string, content: Buffer | string, field = 'file') {
  const boundary = '----rdplanBoundary7MA4YWxkTrZu0gW';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  const body = Buffer.concat([head, Buffer.isBuffer(content) ? content : Buffer.from(content), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function upload(filename: string, content: Buffer | string, query = '', client = officer) {
  const m = multipart(filename, content);
  return client.request('POST', `/api/organisations/import${query}`, m.body, m.headers);
}

const goodRows = [
  [
    GOOD1,
    '广州导入一号科技有限公司',
    '企业',
    '440106',
    '天河区一号',
    '是',
    2025,
    'GR202444000001',
    new Date(Date.UTC(2024, 11, 1)),
    '2027/11/30',
    '否',
    '',
    '广州旧一号有限公司@2020-12-31；更早名称',
  ],
  [GOOD2, '广州导入二号研究院', '科研院所', 440112, '', '否', '', '', '', '', '是', 2026, ''],
  [GOOD3, '上海导入三号大学', '高等院校', '310104', '', '', '', '', '', '', '', '', ''],
];
const badRows = [
  [badCheck, '校验码错误公司', '企业', '440106'],
  [code('KMP00006'), '区划错误公司', '企业', '449999'],
  [code('KMP00007'), '类型错误公司', '合伙企业', '440106'],
  [code('KMP00008'), '日期错误公司', '企业', '440106', '', '', '', 'GR1', '2024-13-01', '2027-01-01'],
  [DUP, '重复甲公司', '企业', '440106'],
  [DUP, '重复乙公司', '企业', '440106'],
];

async function countOf(table: 'organisations' | 'import_batches' | 'audit_events') {
  const r = await h.deps.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('organisation import', () => {
  it('stores the good rows, reports each bad row by row and column, and a re-import changes nothing', async () => {
    const file = await xlsx([...goodRows, ...badRows]);
    const dry = await upload('单位名录.xlsx', file, '?dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, batchId: null, inserted: 3, updated: 0, unchanged: 0, rejected: 6, totalRows: 9 });
    expect(await countOf('import_batches')).toBe(0);
    expect(await h.deps.db.selectFrom('organisations').select('id').where('uscc', '=', GOOD1).execute()).toEqual([]);

    const auditBefore = await countOf('audit_events');
    const res = await upload('单位名录.xlsx', file);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: false, totalRows: 9, inserted: 3, updated: 0, unchanged: 0, rejected: 6 });
    const errors = res.body.errors as { row: number; column: string; reason: string }[];
    const at = (row: number) => errors.filter((e) => e.row === row);
    expect(at(5)).toMatchObject([{ column: '统一社会信用代码', reason: expect.stringMatching(/check/) }]);
    expect(at(6)).toMatchObject([{ column: '注册地行政区划代码' }]);
    expect(at(7)).toMatchObject([{ column: '单位类型', reason: expect.stringContaining('合伙企业') }]);
    expect(at(8)).toMatchObject([{ column: '证书有效期起' }]);
    expect(at(9)).toMatchObject([{ column: '统一社会信用代码', reason: expect.stringContaining('9, 10') }]);
    expect(at(10)).toHaveLength(1);
    expect(await countOf('audit_events')).toBe(auditBefore + 3);

    const one = await h.deps.db.selectFrom('organisations').selectAll().where('uscc', '=', GOOD1).executeTakeFirstOrThrow();
    expect(one).toMatchObject({
      name: '广州导入一号科技有限公司',
      type: 'enterprise',
      region_code: '440106',
      address: '天河区一号',
      above_designated_size: true,
      above_designated_size_year: 2025,
      hnte_cert_no: 'GR202444000001',
      hnte_valid_from: '2024-12-01',
      hnte_valid_to: '2027-11-30',
      tech_sme: false,
    });
    expect(one.former_names).toEqual([
      { name: '广州旧一号有限公司', until: '2020-12-31' },
      { name: '更早名称', until: '2026-03-01' },
    ]);
    const two = await h.deps.db.selectFrom('organisations').selectAll().where('uscc', '=', GOOD2).executeTakeFirstOrThrow();
    expect(two).toMatchObject({ type: 'research_institute', region_code: '440112', tech_sme: true, tech_sme_year: 2026, address: null });
    for (const bad of [DUP, badCheck]) {
      expect(await h.deps.db.selectFrom('organisations').select('id').where('uscc', '=', bad).execute()).toEqual([]);
    }
    const audits = await h.deps.db.selectFrom('audit_events').selectAll().where('entity_id', '=', one.id).execute();
    expect(audits.map((a) => a.action)).toEqual(['organisation.import_create']);
    const batch = await h.deps.db.selectFrom('import_batches').selectAll().executeTakeFirstOrThrow();
    expect(batch).toMatchObject({ kind: 'organisations', filename: '单位名录.xlsx', inserted: 3, updated: 0, unchanged: 0, total_rows: 9 });
    expect(batch.sha256).toBe(res.body.sha256);
    expect(batch.sha256).toMatch(/^[0-9a-f]{64}$/);

    // The same file again, twenty minutes later: nothing changes, no audit event, a batch with nothing written.
    h.clock.advance(20 * 60_000);
    const again = await upload('单位名录.xlsx', file);
    expect(again.body).toMatchObject({ inserted: 0, updated: 0, unchanged: 3, rejected: 6 });
    expect(await countOf('audit_events')).toBe(auditBefore + 3);
    expect(await countOf('import_batches')).toBe(2);

    // A changed row updates, with before and after in the audit log; the old name joins the history.
    const changed = await xlsx([
      [
        GOOD1,
        '广州导入一号新名有限公司',
        '企业',
        '440106',
        '天河区一号',
        '是',
        2025,
        'GR202444000001',
        '2024-12-01',
        '2027-11-30',
        '否',
        '',
        '广州旧一号有限公司@2020-12-31；更早名称',
      ],
    ]);
    const upd = await upload('changed.xlsx', changed);
    expect(upd.body).toMatchObject({ inserted: 0, updated: 1, unchanged: 0, rejected: 0 });
    const audit = await h.deps.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_id', '=', one.id)
      .where('action', '=', 'organisation.import_update')
      .executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ name: '广州导入一号科技有限公司' });
    expect(audit.after).toMatchObject({
      name: '广州导入一号新名有限公司',
      formerNames: [
        { name: '广州旧一号有限公司', until: '2020-12-31' },
        { name: '更早名称', until: '2026-03-01' },
        { name: '广州导入一号科技有限公司', until: '2026-03-01' },
      ],
    });
  });

  it('reads CSV with English headers and Excel-style dates', async () => {
    const c1 = code('CRW00001');
    const csv =
      '\ufeffuscc,name,type,region code,hnte cert no,hnte valid from,hnte valid to\r\n' +
      `${c1},"广州CSV有限公司",enterprise,440104,GR9,2025/1/5,2028-01-04\r\n` +
      '\r\n' +
      `${code('CRW00002')},坏日期公司,企业,440104,GR9,2025/2/30,2028-01-04\r\n`;
    const res = await upload('orgs.csv', csv);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ inserted: 1, rejected: 1, totalRows: 2 });
    expect(res.body.errors).toMatchObject([{ row: 4, column: 'hnte valid from' }]);
    const row = await h.deps.db.selectFrom('organisations').selectAll().where('uscc', '=', c1).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ hnte_valid_from: '2025-01-05', hnte_valid_to: '2028-01-04', region_code: '440104' });
  });

  it('refuses a file without the required columns, a wrong file type and a file that is too large', async () => {
    const noHeaders = await xlsx([[GOOD1, '某公司']], ['统一社会信用代码', '单位名称', '注册地址']);
    const res = await upload('x.xlsx', noHeaders);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('import_failed');
    expect(res.body.details.map((d: { column: string }) => d.column)).toEqual(['单位类型', '注册地行政区划代码']);

    const pdf = await upload('x.pdf', '%PDF-1.4');
    expect(pdf.status).toBe(415);
    expect(pdf.body.code).toBe('unsupported_media_type');
    expect((await upload('fake.xlsx', 'not a zip')).status).toBe(415);
    const json = await officer.post('/api/organisations/import', {});
    expect(json.status).toBe(415);

    const big = await upload('big.csv', 'uscc,name,type,region code\r\n' + 'x'.repeat(70 * 1024));
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('payload_too_large');
    const wrongField = multipart('a.csv', 'x', 'other');
    expect((await officer.request('POST', '/api/organisations/import', wrongField.body, wrongField.headers)).status).toBe(400);

    const analyst = await signIn(['analyst']);
    expect((await upload('a.csv', 'x', '', analyst)).status).toBe(403);
  });

  it('offers a template in xlsx and CSV that imports as it is', async () => {
    const analyst = await signIn(['analyst']);
    const csv = await analyst.get('/api/organisations/import/template?format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(
      String(csv.body)
        .replace(/^\ufeff/, '')
        .split('\r\n')[0],
    ).toBe(HEADERS.join(','));

    const res = await h.app.inject({ method: 'GET', url: '/api/organisations/import/template', headers: { cookie: '' } });
    expect(res.statusCode).toBe(401);
    const x = await officer.request('GET', '/api/organisations/import/template?format=xlsx');
    expect(x.status).toBe(200);
    expect(x.headers['content-disposition']).toMatch(/organisations-template\.xlsx/);
    expect(String(x.body).startsWith('PK')).toBe(true);
    // The parsing module reads the template back: one good row, no errors.
    const parsed = await parseOrganisationFile(await organisationTemplate('xlsx'), 't.xlsx');
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.rows[0]).toMatchObject({ name: '广州示例科技有限公司', hnteValidFrom: '2024-12-01', aboveDesignatedSize: true });
    const parsedCsv = await parseOrganisationFile(Buffer.from(String(csv.body)), 't.csv');
    expect(parsedCsv.errors).toEqual([]);
    expect(parsedCsv.rows).toHaveLength(1);
  });

  it('stores all good rows or none when something unexpected fails midway', async () => {
    await sql`
      create function refuse_boom() returns trigger language plpgsql as $$
      begin
        if new.name = '触发失败公司' then raise exception 'boom'; end if;
        return new;
      end $$;
      create trigger refuse_boom before insert on organisations for each row execute function refuse_boom();
    `.execute(h.deps.db);
    try {
      const first = code('KMP00021');
      const file = await xlsx([
        [first, '原子性一号公司', '企业', '440106'],
        [code('KMP00022'), '触发失败公司', '企业', '440106'],
      ]);
      const batches = await countOf('import_batches');
      const audits = await countOf('audit_events');
      const res = await upload('atomic.xlsx', file);
      expect(res.status).toBe(500);
      expect(res.body.code).toBe('internal');
      expect(await h.deps.db.selectFrom('organisations').select('id').where('uscc', '=', first).execute()).toEqual([]);
      expect(await countOf('import_batches')).toBe(batches);
      expect(await countOf('audit_events')).toBe(audits);
    } finally {
      await sql`drop trigger refuse_boom on organisations; drop function refuse_boom();`.execute(h.deps.db);
    }
  });
});
