import { deflateRawSync, deflateSync, constants, crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { badUploadText } from '../src/http/uploads.js';
import { pdfActiveContent } from '../src/storage/pdf-scan.js';
import { ZIP_MAX_EXPANDED_BYTES } from '../src/storage/zip-guard.js';
import { createOrg, createUser, PASSWORD } from './support/fixtures.js';
import { startHarness } from './support/harness.js';
import { completeForm, nationalApplication, pdf, seedFields, seedPlanAndCalls } from './support/tracks.js';

/**
 * Upload hardening: one file per request, file names and fields without NUL / control characters /
 * unpaired surrogates, PDFs with JavaScript actions flagged to officers, xlsx zip bombs refused before
 * they are parsed, and import files checked for their format before 202.
 */

const h = await startHarness();
const db = h.deps.db;
await seedFields(db);
const { calls } = await seedPlanAndCalls(db);

async function signIn(roles: Parameters<typeof createUser>[1]['roles'], orgId: string | null = null) {
  const u = await createUser(db, { roles, orgId });
  const c = h.client();
  expect((await c.login(u.email, PASSWORD)).status).toBe(200);
  return c;
}
const officer = await signIn(['officer']);
const org = await createOrg(db);
const unit = await signIn(['unit_admin'], org.id);

interface Part {
  field: string;
  filename?: string;
  /** raw bytes of the file name in the header (to send what a JS string cannot) */
  rawFilename?: Buffer;
  content: Buffer | string;
}
function form(parts: Part[]) {
  const boundary = '----rdplanUploads7';
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const name =
      p.rawFilename !== undefined
        ? Buffer.concat([Buffer.from('; filename="'), p.rawFilename, Buffer.from('"')])
        : Buffer.from(p.filename !== undefined ? `; filename="${p.filename}"` : '');
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.field}"`),
      name,
      Buffer.from(p.filename !== undefined || p.rawFilename ? '\r\nContent-Type: application/octet-stream\r\n\r\n' : '\r\n\r\n'),
      Buffer.isBuffer(p.content) ? p.content : Buffer.from(p.content),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
function send(c: typeof officer, url: string, parts: Part[]) {
  const m = form(parts);
  return c.request('POST', url, m.body, m.headers);
}

const CSV_HEADERS = '申报编号,年度,重点专项,指南方向,项目名称,第一申报单位,最后环节,结果\r\n';
const csvRow = (id: string) =>
  `${id},2025,"""智能机器人""重点专项",工业机器人关键部件,项目${id},广州某科技有限公司,final_defence,not_approved\r\n`;

const draft = await unit.post('/api/applications', {
  callId: calls.backfill,
  clientKey: crypto.randomUUID(),
  nationalApplicationId: (await nationalApplication(db, { leadOrgId: org.id })).id,
});
expect(draft.status).toBe(201);
expect((await unit.put(`/api/applications/${draft.body.id}/draft`, { version: draft.body.version, form: completeForm() })).status).toBe(
  200,
);
const attachUrl = `/api/applications/${draft.body.id}/attachments?materialKey=proposal`;

const ROUTES = [
  { name: 'attachment', url: attachUrl, client: () => unit, file: () => pdf('one') },
  {
    name: 'national import',
    url: '/api/national/import',
    client: () => officer,
    file: () => Buffer.from(CSV_HEADERS + csvRow('2025YFU0000001')),
  },
  {
    name: 'organisation import',
    url: '/api/organisations/import?dryRun=true',
    client: () => officer,
    file: () => Buffer.from('统一社会信用代码,单位名称,单位类型,注册地行政区划代码\r\n'),
  },
];
const filenameOf = (name: string) => (name === 'attachment' ? 'a.pdf' : 'a.csv');

describe('one file per request, clean names', () => {
  for (const r of ROUTES) {
    it(`${r.name}: a second (or third) file is refused with 400 naming its field, nothing stored`, async () => {
      const jobsBefore = await db
        .selectFrom('import_jobs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const two = await send(r.client(), r.url, [
        { field: 'file', filename: filenameOf(r.name), content: r.file() },
        { field: 'extra', filename: filenameOf(r.name), content: r.file() },
      ]);
      expect(two.status).toBe(400);
      expect(two.body).toMatchObject({ code: 'validation_failed', details: [{ path: 'body.extra' }] });
      expect(two.body.details[0].message).toContain('每次只能上传一个文件');
      const three = await send(r.client(), r.url, [
        { field: 'file', filename: filenameOf(r.name), content: r.file() },
        { field: 'file', filename: filenameOf(r.name), content: r.file() },
        { field: 'file', filename: filenameOf(r.name), content: r.file() },
      ]);
      expect(three.status).toBe(400);
      expect(three.body.details[0].path).toBe('body.file');
      const jobsAfter = await db
        .selectFrom('import_jobs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(jobsAfter.n)).toBe(Number(jobsBefore.n));
    });

    it(`${r.name}: a NUL, a control character or broken UTF-8 in the file name is a 400, never a 5xx`, async () => {
      for (const rawFilename of [
        Buffer.from('a\u0000b.pdf', 'utf8'),
        Buffer.from('a\u0007b.pdf', 'utf8'),
        Buffer.from('申报\u001b[31m.pdf', 'utf8'),
        Buffer.from('a\u0085b.pdf', 'utf8'),
      ]) {
        const res = await send(r.client(), r.url, [{ field: 'file', rawFilename, content: r.file() }]);
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ code: 'validation_failed', details: [{ path: 'body.file.filename' }] });
      }
      // filename* (RFC 5987) can carry an encoded NUL.
      const m = form([{ field: 'file', filename: 'x', content: r.file() }]);
      const body = Buffer.from(m.body.toString('latin1').replace('filename="x"', "filename*=UTF-8''a%00b.pdf"), 'latin1');
      const starred = await r.client().request('POST', r.url, body, m.headers);
      expect(starred.status).toBe(400);
      // An encoded lone surrogate cannot survive UTF-8 decoding (it arrives as U+FFFD): never a 5xx.
      const surrogate = Buffer.from(m.body.toString('latin1').replace('filename="x"', "filename*=UTF-8''%ED%A0%80.pdf"), 'latin1');
      expect((await r.client().request('POST', r.url, surrogate, m.headers)).status).toBeLessThan(500);
    });
  }

  it('a NUL or an unpaired surrogate in a text field of the national import is a 400 naming it', async () => {
    const file = { field: 'file', filename: 'n.csv', content: CSV_HEADERS + csvRow('2025YFU0000002') };
    const nul = await send(officer, '/api/national/import', [{ field: 'source', content: 'a\u0000b' }, file]);
    expect(nul.status).toBe(400);
    expect(nul.body.details[0].path).toBe('body.source');
    expect(badUploadText('a\ud800b')).toContain('surrogate');
    expect(badUploadText('\ud83d\ude00 ok')).toBeNull();
    expect(badUploadText('line one\r\nline two', true)).toBeNull();
  });
});

/* ----------------------------------------------------------------------------- PDF with JavaScript */

/** A well-formed PDF with the given catalogue entries and extra objects (offsets computed). */
function buildPdf(catalogExtra: string, extra: string[] = [], raw: Buffer[] = []): Buffer {
  const objects: (string | Buffer)[] = [
    `<< /Type /Catalog /Pages 2 0 R ${catalogExtra} >>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>',
    ...extra,
    ...raw,
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(length);
    const b = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`),
      Buffer.isBuffer(o) ? o : Buffer.from(o, 'latin1'),
      Buffer.from('\nendobj\n'),
    ]);
    parts.push(b);
    length += b.length;
  });
  let xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) xref += `${String(off).padStart(10, '0')} 00000 n \n`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`));
  return Buffer.concat(parts);
}

describe('PDFs with JavaScript actions', () => {
  it('finds /OpenAction → /JS, actions hidden in a compressed object stream with escaped names, and /Launch; a plain PDF has none', async () => {
    const openJs = buildPdf('/OpenAction 4 0 R', ['<< /Type /Action /S /JavaScript /JS (app.alert\\("hi"\\)) >>']);
    expect(await pdfActiveContent(openJs)).toEqual(['JavaScript', 'OpenAction']);

    // The action dictionary inside an object stream (Flate), its names written with #xx escapes.
    const inner = Buffer.from('5 0 << /Type /Action /S /J#61vaScript /J#53 (this.print\\(\\)) >>');
    const packed = deflateSync(inner);
    const objStm = Buffer.concat([
      Buffer.from(`<< /Type /ObjStm /N 1 /First 4 /Length ${packed.length} /Filter /FlateDecode >>\nstream\n`),
      packed,
      Buffer.from('\nendstream'),
    ]);
    const hidden = buildPdf('/Names << /JavaScript 5 0 R >>'.replace('/JavaScript', '/JavaScr#69pt'), [], [objStm]);
    expect(hidden.includes('/JavaScript')).toBe(false);
    expect(await pdfActiveContent(hidden)).toEqual(['JavaScript']);

    const pageAA = buildPdf('', ['<< /S /Launch /F (calc.exe) >>'].concat(['<< /AA << /O 4 0 R >> >>']));
    expect(await pdfActiveContent(pageAA)).toEqual(['Launch', 'AA']);

    expect(await pdfActiveContent(buildPdf('/OpenAction [3 0 R /Fit]'))).toEqual([]);
  });

  it('is stored, flagged to officers in the application view, and shown to the applicant as just uploaded', async () => {
    const scripted = buildPdf('/OpenAction 4 0 R', ['<< /Type /Action /S /JavaScript /JS (app.launchURL\\("http://x"\\)) >>']);
    const up = await send(unit, attachUrl, [{ field: 'file', filename: '申报书.pdf', content: scripted }]);
    expect(up.status).toBe(200);
    const mine = up.body.attachments.find((a: { materialKey: string }) => a.materialKey === 'proposal');
    expect(mine).not.toHaveProperty('activeContent');
    const seen = await officer.get(`/api/applications/${draft.body.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.attachments.find((a: { id: string }) => a.id === mine.id).activeContent).toEqual(['JavaScript', 'OpenAction']);
    const download = await officer.get(`/api/applications/${draft.body.id}/attachments/${mine.id}`);
    expect(Buffer.compare(download.raw, scripted)).toBe(0);

    const plain = await send(unit, attachUrl, [{ field: 'file', filename: '申报书.pdf', content: buildPdf('') }]);
    expect(plain.status).toBe(200);
    const again = await officer.get(`/api/applications/${draft.body.id}`);
    expect(again.body.attachments.find((a: { materialKey: string }) => a.materialKey === 'proposal').activeContent).toEqual([]);
  });
});

/* ----------------------------------------------------------------------------- zip bombs */

interface ZipEntryIn {
  name: string;
  data: Buffer;
  method: 0 | 8;
  size: number;
  crc: number;
  /** What the central directory declares (default: the truth). */
  declared?: number;
}
function zip(entries: ZipEntryIn[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const declared = e.declared ?? e.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += local.length + name.length + e.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
const small = (name: string, text: string): ZipEntryIn => {
  const data = Buffer.from(text);
  return { name, data: deflateRawSync(data), method: 8, size: data.length, crc: crc32(data) };
};
/** `mb` MiB of zeros as one deflate stream, built from one flushed 1 MiB block repeated (cheap to make). */
function zeros(name: string, mb: number): ZipEntryIn {
  const block = Buffer.alloc(1024 * 1024);
  const flushed = deflateRawSync(block, { finishFlush: constants.Z_FULL_FLUSH });
  let crc = 0;
  for (let i = 0; i < mb; i++) crc = crc32(block, crc);
  return {
    name,
    data: Buffer.concat([...Array<Buffer>(mb).fill(flushed), Buffer.from([0x03, 0x00])]),
    method: 8,
    size: mb * 1024 * 1024,
    crc,
  };
}
const workbookParts = () => [
  small('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
  small('xl/workbook.xml', '<?xml version="1.0"?><workbook/>'),
];

describe('xlsx zip bombs and broken import files', () => {
  const bomb = zip([...workbookParts(), zeros('xl/worksheets/sheet1.xml', 300)]);
  const dense = zip([...workbookParts(), zeros('xl/sharedStrings.xml', 40)]);
  const liar = zip([...workbookParts(), { ...zeros('xl/worksheets/sheet1.xml', 40), declared: 4096 }]);

  it('refuses, with 413 and the reason, an xlsx expanding to hundreds of MB, at a suspicious ratio, or holding more than it declares', async () => {
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const cases = [
      { file: bomb, says: `${Math.round(ZIP_MAX_EXPANDED_BYTES / 1024 / 1024)} MB` },
      { file: dense, says: 'times' },
      { file: liar, says: 'more than it declares' },
    ];
    const jobsBefore = await db
      .selectFrom('import_jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    for (const { file, says } of cases) {
      for (const url of ['/api/national/import', '/api/national/import?wait=true', '/api/organisations/import']) {
        const res = await send(officer, url, [{ field: 'file', filename: 'bomb.xlsx', content: file }]);
        expect(res.status).toBe(413);
        expect(res.body.code).toBe('payload_too_large');
        expect(res.body.details[0].message).toContain(says);
      }
    }
    const jobsAfter = await db
      .selectFrom('import_jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(jobsAfter.n)).toBe(Number(jobsBefore.n));
    // /healthz still answers between them.
    expect((await officer.get('/healthz')).status).toBe(200);
  });

  it('checks an import file for its format before answering 202: a broken one is refused at once with the reason', async () => {
    const jobsBefore = await db
      .selectFrom('import_jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const notZip = await send(officer, '/api/national/import', [{ field: 'file', filename: 'x.xlsx', content: 'PK not really a zip' }]);
    expect(notZip.status).toBe(415);
    expect(notZip.body.details[0].message).toContain('xlsx');
    const otherZip = await send(officer, '/api/national/import', [
      { field: 'file', filename: 'x.xlsx', content: zip([small('word/document.xml', '<w/>')]) },
    ]);
    expect(otherZip.status).toBe(415);
    expect(otherZip.body.details[0].message).toContain('xl/workbook.xml');
    const badJson = await send(officer, '/api/national/import', [{ field: 'file', filename: 'x.json', content: '{"applications": [' }]);
    expect(badJson.status).toBe(422);
    const odd = await send(officer, '/api/national/import', [{ field: 'file', filename: 'x.csv', content: 'a,b\r\n1,2\r\n' }]);
    expect(odd.status).toBe(422);
    expect(JSON.stringify(odd.body.details)).toContain('无法识别记录类型');
    const missing = await send(officer, '/api/national/import', [
      { field: 'file', filename: 'x.csv', content: '申报编号,最后环节\r\n1,2\r\n' },
    ]);
    expect(missing.status).toBe(422);
    expect(JSON.stringify(missing.body.details)).toContain('缺少必填列');
    const jobsAfter = await db
      .selectFrom('import_jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(jobsAfter.n)).toBe(Number(jobsBefore.n));

    // A real workbook still passes the check and is queued.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('国家项目申报记录');
    ws.addRow(CSV_HEADERS.trim().split(','));
    ws.addRow([
      '2025YFU0000009',
      2025,
      '"智能机器人"重点专项',
      '工业机器人关键部件',
      '项目',
      '广州某科技有限公司',
      'final_defence',
      'not_approved',
    ]);
    const good = Buffer.from(await wb.xlsx.writeBuffer());
    const ok = await send(officer, '/api/national/import', [{ field: 'file', filename: 'ok.xlsx', content: good }]);
    expect(ok.status).toBe(202);
  });
});
