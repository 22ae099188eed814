import { createHash } from 'node:crypto';
import {
  addDays,
  AppError,
  isIsoDate,
  isValidRegionCode,
  makeUscc,
  normaliseUscc,
  shanghaiDate,
  usccProblem,
  type FormerName,
  type OrgType,
} from '@rdplan/domain';
import ExcelJS from 'exceljs';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import type { Tx } from '../../db/database.js';
import type { Organisation } from '../../db/schema.js';
import { auditOrganisation, findOrganisationsByUscc, formerNames } from '../../repositories/organisations.js';
import {
  cellText as text,
  headerKey,
  ORG_TYPE_WORDS as TYPE_WORDS,
  parseDateCell,
  readCsvRows,
  readXlsxSheets,
  type Cell,
} from '../../imports/tabular.js';
import { inTransaction } from '../transaction.js';

/**
 * Organisation import files (xlsx or CSV, Chinese column headers, English aliases accepted):
 * parsing and row validation are pure (usable from the CLI); importOrganisations stores the good rows.
 */

export type OrgField =
  | 'uscc'
  | 'name'
  | 'type'
  | 'regionCode'
  | 'address'
  | 'aboveDesignatedSize'
  | 'aboveDesignatedSizeYear'
  | 'hnteCertNo'
  | 'hnteValidFrom'
  | 'hnteValidTo'
  | 'techSme'
  | 'techSmeYear'
  | 'formerNames';

/** Columns in template order: the Chinese header first, then accepted aliases. */
export const ORGANISATION_COLUMNS: readonly { field: OrgField; header: string; aliases: string[]; required: boolean }[] = [
  { field: 'uscc', header: '统一社会信用代码', aliases: ['uscc', 'credit code', 'unified social credit code'], required: true },
  { field: 'name', header: '单位名称', aliases: ['name', 'organisation name', 'organization name'], required: true },
  { field: 'type', header: '单位类型', aliases: ['type', 'organisation type', 'organization type'], required: true },
  {
    field: 'regionCode',
    header: '注册地行政区划代码',
    aliases: ['region code', 'regioncode', 'region_code', 'region'],
    required: true,
  },
  { field: 'address', header: '注册地址', aliases: ['address', 'registered address'], required: false },
  {
    field: 'aboveDesignatedSize',
    header: '是否规上',
    aliases: ['above designated size', 'abovedesignatedsize'],
    required: false,
  },
  {
    field: 'aboveDesignatedSizeYear',
    header: '规上年度',
    aliases: ['above designated size year', 'abovedesignatedsizeyear'],
    required: false,
  },
  { field: 'hnteCertNo', header: '高新技术企业证书编号', aliases: ['hnte certificate', 'hnte cert no', 'hntecertno'], required: false },
  { field: 'hnteValidFrom', header: '证书有效期起', aliases: ['hnte valid from', 'hntevalidfrom'], required: false },
  { field: 'hnteValidTo', header: '证书有效期止', aliases: ['hnte valid to', 'hntevalidto'], required: false },
  { field: 'techSme', header: '是否科技型中小企业', aliases: ['tech sme', 'techsme'], required: false },
  { field: 'techSmeYear', header: '科技型中小企业年度', aliases: ['tech sme year', 'techsmeyear'], required: false },
  { field: 'formerNames', header: '曾用名', aliases: ['former names', 'formernames'], required: false },
];

export interface RowError {
  /** Spreadsheet row number, the header being row 1 (or wherever it was found). */
  row: number;
  /** The column's header as written in the file ('' for the row as a whole). */
  column: string;
  reason: string;
}

export interface OrganisationRow {
  row: number;
  uscc: string;
  name: string;
  type: OrgType;
  regionCode: string;
  /** A field is undefined when its column is absent from the file (then an update keeps the stored value). */
  address?: string | null;
  aboveDesignatedSize?: boolean;
  aboveDesignatedSizeYear?: number | null;
  hnteCertNo?: string | null;
  hnteValidFrom?: string | null;
  hnteValidTo?: string | null;
  techSme?: boolean;
  techSmeYear?: number | null;
  /** Former names with their last day of use when the file gives one ("旧名@2020-12-31"). */
  formerNames?: { name: string; until: string | null }[];
}

export interface ParsedOrganisationFile {
  format: 'xlsx' | 'csv';
  /** Data rows seen (blank rows are skipped). */
  totalRows: number;
  rows: OrganisationRow[];
  errors: RowError[];
  /** Fields present in the file, and the header text each came from. */
  headers: Partial<Record<OrgField, string>>;
}

const UNSUPPORTED = () =>
  new AppError('unsupported_media_type', [{ path: 'body.file', message: 'upload an .xlsx or .csv file / 请上传 .xlsx 或 .csv 文件' }]);

export function fileFormat(filename: string): 'xlsx' | 'csv' {
  const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase();
  if (ext === 'xlsx') return 'xlsx';
  if (ext === 'csv') return 'csv';
  throw UNSUPPORTED();
}

const HEADER_INDEX = new Map<string, OrgField>();
for (const c of ORGANISATION_COLUMNS) {
  for (const h of [c.header, ...c.aliases, c.field]) HEADER_INDEX.set(headerKey(h), c.field);
}

const unreadable = (reason: string) => new AppError('import_failed', [{ row: 0, column: '', reason }]);

async function readXlsx(buffer: Buffer): Promise<{ line: number; cells: Cell[] }[]> {
  if (buffer.length < 4 || buffer.readUInt32LE(0) !== 0x04034b50) throw UNSUPPORTED();
  // The first sheet holds the organisations.
  return (await readXlsxSheets(buffer, unreadable))[0]?.rows ?? [];
}

function readCsv(buffer: Buffer): { line: number; cells: Cell[] }[] {
  if (buffer.includes(0)) throw UNSUPPORTED();
  return readCsvRows(buffer, unreadable);
}

const YES = new Set(['是', 'y', 'yes', 'true', '1']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '']);

function flag(cell: Cell | undefined): boolean | 'invalid' {
  if (typeof cell === 'boolean') return cell;
  const t = text(cell).toLowerCase();
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return 'invalid';
}

function year(cell: Cell | undefined): number | null | 'invalid' {
  const t = text(cell);
  if (t === '') return null;
  const n = Number(t.replace(/年$/, ''));
  return Number.isInteger(n) && n >= 1990 && n <= 2100 ? n : 'invalid';
}

const USCC_REASONS = {
  length: 'must be 18 characters / 应为18位',
  character: 'contains a character outside the code alphabet / 含有不允许的字符',
  check: 'check character is wrong / 校验码错误',
} as const;

/** Reads and checks every row; never touches the database. */
export async function parseOrganisationFile(buffer: Buffer, filename: string): Promise<ParsedOrganisationFile> {
  const format = fileFormat(filename);
  const lines = (format === 'xlsx' ? await readXlsx(buffer) : readCsv(buffer)).filter((l) => l.cells.some((c) => text(c) !== ''));
  const headerLine = lines[0];
  const columnOf = new Map<OrgField, number>();
  const headers: Partial<Record<OrgField, string>> = {};
  if (headerLine) {
    headerLine.cells.forEach((cell, i) => {
      const field = HEADER_INDEX.get(headerKey(text(cell)));
      if (field && !columnOf.has(field)) {
        columnOf.set(field, i);
        headers[field] = text(cell);
      }
    });
  }
  const missing = ORGANISATION_COLUMNS.filter((c) => c.required && !columnOf.has(c.field));
  if (missing.length > 0) {
    throw new AppError(
      'import_failed',
      missing.map((c) => ({ row: headerLine?.line ?? 1, column: c.header, reason: 'required column is missing / 缺少必填列' })),
    );
  }

  const errors: RowError[] = [];
  const rows: OrganisationRow[] = [];
  const dataLines = lines.slice(1);
  for (const line of dataLines) {
    const rowErrors: RowError[] = [];
    const has = (f: OrgField) => columnOf.has(f);
    const cell = (f: OrgField) => line.cells[columnOf.get(f) ?? -1];
    const fail = (f: OrgField, reason: string) => rowErrors.push({ row: line.line, column: headers[f] ?? f, reason });

    const uscc = normaliseUscc(text(cell('uscc')));
    if (uscc === '') fail('uscc', 'required / 必填');
    else {
      const problem = usccProblem(uscc);
      if (problem) fail('uscc', USCC_REASONS[problem]);
    }
    const name = text(cell('name'));
    if (name === '') fail('name', 'required / 必填');
    else if (name.length > 200) fail('name', 'longer than 200 characters / 超过200字');
    const typeText = text(cell('type'));
    const type = TYPE_WORDS.get(typeText) ?? TYPE_WORDS.get(typeText.toLowerCase());
    if (!type) fail('type', `unknown type "${typeText}"; use 企业/高等院校/科研院所/医疗机构/其他 / 单位类型无效`);
    const regionCode = text(cell('regionCode'));
    if (!isValidRegionCode(regionCode)) fail('regionCode', `unknown GB/T 2260 region code "${regionCode}" / 行政区划代码无效`);

    const out: OrganisationRow = { row: line.line, uscc, name, type: type ?? 'other', regionCode };
    if (has('address')) {
      const a = text(cell('address'));
      if (a.length > 300) fail('address', 'longer than 300 characters / 超过300字');
      out.address = a === '' ? null : a;
    }
    for (const [f, yf] of [
      ['aboveDesignatedSize', 'aboveDesignatedSizeYear'],
      ['techSme', 'techSmeYear'],
    ] as const) {
      if (has(f)) {
        const v = flag(cell(f));
        if (v === 'invalid') fail(f, 'answer 是 or 否 / 请填写“是”或“否”');
        else out[f] = v;
      }
      if (has(yf)) {
        const y = year(cell(yf));
        if (y === 'invalid') fail(yf, 'a year between 1990 and 2100 / 年度无效');
        else out[yf] = y;
      }
    }
    if (has('hnteCertNo')) {
      const c = text(cell('hnteCertNo'));
      if (c.length > 60) fail('hnteCertNo', 'longer than 60 characters / 超过60字');
      out.hnteCertNo = c === '' ? null : c;
    }
    for (const f of ['hnteValidFrom', 'hnteValidTo'] as const) {
      if (!has(f)) continue;
      const d = parseDateCell(cell(f));
      if (d === 'invalid') fail(f, `not a date "${text(cell(f))}"; write YYYY-MM-DD / 日期格式应为 YYYY-MM-DD`);
      else out[f] = d;
    }
    if (out.hnteValidFrom && out.hnteValidTo && out.hnteValidTo < out.hnteValidFrom) {
      fail('hnteValidTo', 'certificate ends before it starts / 证书有效期止早于起始日期');
    }
    if (out.hnteCertNo && (out.hnteValidFrom === null || out.hnteValidTo === null)) {
      fail(out.hnteValidFrom === null ? 'hnteValidFrom' : 'hnteValidTo', 'a certificate needs its validity dates / 请填写证书有效期');
    }
    if (has('formerNames')) {
      const list: { name: string; until: string | null }[] = [];
      for (const part of text(cell('formerNames')).split(/[；;]/)) {
        const entry = part.trim();
        if (entry === '') continue;
        const m = /^(.*?)[@＠](\d{4}-\d{2}-\d{2})$/.exec(entry);
        if (m && !isIsoDate(m[2])) fail('formerNames', `not a date in "${entry}" / 日期无效`);
        list.push(m ? { name: m[1]!.trim(), until: m[2]! } : { name: entry, until: null });
      }
      out.formerNames = list;
    }
    if (rowErrors.length > 0) errors.push(...rowErrors);
    else rows.push(out);
  }

  // A credit code twice in one file: neither row can be trusted, both are reported.
  const seen = new Map<string, number[]>();
  for (const line of dataLines) {
    const code = normaliseUscc(text(line.cells[columnOf.get('uscc')!]));
    if (code) seen.set(code, [...(seen.get(code) ?? []), line.line]);
  }
  const duplicated = new Set([...seen].filter(([, at]) => at.length > 1).map(([code]) => code));
  const kept: OrganisationRow[] = [];
  for (const r of rows) {
    if (duplicated.has(r.uscc)) {
      errors.push({
        row: r.row,
        column: headers.uscc ?? 'uscc',
        reason: `credit code appears more than once in this file (rows ${seen.get(r.uscc)!.join(', ')}) / 文件内统一社会信用代码重复`,
      });
    } else kept.push(r);
  }
  errors.sort((a, b) => a.row - b.row);
  return { format, totalRows: dataLines.length, rows: kept, errors, headers };
}

type Values = {
  uscc: string;
  name: string;
  type: string;
  region_code: string;
  address: string | null;
  above_designated_size: boolean;
  above_designated_size_year: number | null;
  hnte_cert_no: string | null;
  hnte_valid_from: string | null;
  hnte_valid_to: string | null;
  tech_sme: boolean;
  tech_sme_year: number | null;
  former_names: FormerName[];
};

/** The stored values after applying a row: absent columns keep what is stored. */
function merge(row: OrganisationRow, existing: Organisation | undefined, yesterday: string): Values {
  const history = existing ? formerNames(existing) : [];
  let names: FormerName[] = history;
  if (row.formerNames !== undefined) {
    names = row.formerNames.map((f) => ({
      name: f.name,
      until: f.until ?? history.find((h) => h.name === f.name)?.until ?? yesterday,
    }));
  }
  if (existing && existing.name !== row.name && !names.some((n) => n.name === existing.name)) {
    names = [...names, { name: existing.name, until: yesterday }];
  }
  const keep = <T>(v: T | undefined, old: T): T => (v === undefined ? old : v);
  return {
    uscc: row.uscc,
    name: row.name,
    type: row.type,
    region_code: row.regionCode,
    address: keep(row.address, existing?.address ?? null),
    above_designated_size: keep(row.aboveDesignatedSize, existing?.above_designated_size ?? false),
    above_designated_size_year: keep(row.aboveDesignatedSizeYear, existing?.above_designated_size_year ?? null),
    hnte_cert_no: keep(row.hnteCertNo, existing?.hnte_cert_no ?? null),
    hnte_valid_from: keep(row.hnteValidFrom, existing?.hnte_valid_from ?? null),
    hnte_valid_to: keep(row.hnteValidTo, existing?.hnte_valid_to ?? null),
    tech_sme: keep(row.techSme, existing?.tech_sme ?? false),
    tech_sme_year: keep(row.techSmeYear, existing?.tech_sme_year ?? null),
    former_names: names,
  };
}

function sameAsStored(v: Values, o: Organisation): boolean {
  return (
    v.name === o.name &&
    v.type === o.type &&
    v.region_code === o.region_code &&
    v.address === o.address &&
    v.above_designated_size === o.above_designated_size &&
    v.above_designated_size_year === o.above_designated_size_year &&
    v.hnte_cert_no === o.hnte_cert_no &&
    v.hnte_valid_from === o.hnte_valid_from &&
    v.hnte_valid_to === o.hnte_valid_to &&
    v.tech_sme === o.tech_sme &&
    v.tech_sme_year === o.tech_sme_year &&
    JSON.stringify(v.former_names) === JSON.stringify(formerNames(o))
  );
}

export interface ImportInput {
  filename: string;
  buffer: Buffer;
  dryRun?: boolean;
  /** Rows written so far, every 200 rows (a background job shows them); not awaited. */
  onProgress?: (p: { totalRows: number; rowsDone: number; errors: number }) => void;
  /** Called inside the transaction after the rows are written (not for a dry run): the job records its batch in the same commit. */
  onCommit?: (tx: Tx, result: ImportResult) => Promise<void>;
}

export interface ImportResult {
  batchId: string | null;
  dryRun: boolean;
  filename: string;
  sha256: string;
  totalRows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: RowError[];
}

/**
 * Upserts the good rows by credit code in one transaction (all of them or none), reports the bad
 * rows, and records the batch. Unchanged rows write nothing and leave no audit event. A dry run
 * classifies the rows the same way and writes nothing at all.
 */
export async function importOrganisations(deps: Deps, actor: Actor, input: ImportInput): Promise<ImportResult> {
  const filename = input.filename.slice(0, 255) || 'upload';
  if (input.buffer.length > deps.config.uploadLimit) throw new AppError('payload_too_large');
  const parsed = await parseOrganisationFile(input.buffer, filename);
  const sha256 = createHash('sha256').update(input.buffer).digest('hex');
  const dryRun = input.dryRun ?? false;
  const rejected = new Set(parsed.errors.map((e) => e.row)).size;

  // A dry run reads inside a transaction too (one consistent view), and writes nothing.
  return inTransaction(deps, async (tx, now) => {
    const yesterday = addDays(shanghaiDate(now), -1);
    const stored = new Map(
      (
        await findOrganisationsByUscc(
          tx,
          parsed.rows.map((r) => r.uscc),
          !dryRun,
        )
      ).map((o) => [o.uscc, o]),
    );
    let inserted = 0;
    let updated = 0;
    let unchanged = 0;
    let done = 0;
    for (const row of parsed.rows) {
      if (input.onProgress && ++done % 200 === 0) {
        input.onProgress({ totalRows: parsed.rows.length, rowsDone: done, errors: parsed.errors.length });
      }
      const existing = stored.get(row.uscc);
      const values = merge(row, existing, yesterday);
      if (existing && sameAsStored(values, existing)) {
        unchanged++;
        continue;
      }
      if (existing) updated++;
      else inserted++;
      if (dryRun) continue;
      const record = { ...values, former_names: JSON.stringify(values.former_names), updated_at: now };
      const after = existing
        ? await tx.updateTable('organisations').set(record).where('id', '=', existing.id).returningAll().executeTakeFirstOrThrow()
        : await tx.insertInto('organisations').values(record).returningAll().executeTakeFirstOrThrow();
      await appendAudit(tx, actor, now, {
        action: existing ? 'organisation.import_update' : 'organisation.import_create',
        entityType: 'organisation',
        entityId: after.id,
        before: existing ? auditOrganisation(existing) : undefined,
        after: auditOrganisation(after),
        reason: `import ${filename} (row ${row.row}, sha256 ${sha256.slice(0, 12)})`,
      });
    }
    let batchId: string | null = null;
    if (!dryRun) {
      const batch = await tx
        .insertInto('import_batches')
        .values({
          kind: 'organisations',
          filename,
          sha256,
          imported_by: actor.userId,
          at: now,
          total_rows: parsed.totalRows,
          inserted,
          updated,
          unchanged,
          errors: JSON.stringify(parsed.errors),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      batchId = batch.id;
    }
    const result: ImportResult = {
      batchId,
      dryRun,
      filename,
      sha256,
      totalRows: parsed.totalRows,
      inserted,
      updated,
      unchanged,
      rejected,
      errors: parsed.errors,
    };
    if (batchId && input.onCommit) await input.onCommit(tx, result);
    return result;
  });
}

/** A file with the expected headers and one example row, for users to fill in. */
export async function organisationTemplate(format: 'xlsx' | 'csv'): Promise<Buffer> {
  const headers = ORGANISATION_COLUMNS.map((c) => c.header);
  const example = [
    makeUscc('9', '1', '440106', 'MA5CGKPX'),
    '广州示例科技有限公司',
    '企业',
    '440106',
    '广州市天河区示例路1号',
    '是',
    '2025',
    'GR202444001234',
    '2024-12-01',
    '2027-11-30',
    '否',
    '',
    '广州示例技术有限公司@2021-06-30；广州旧名有限公司',
  ];
  if (format === 'csv') {
    const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    const body = [headers, example].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
    return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]);
  }
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('单位信息');
  sheet.addRow(headers).font = { bold: true };
  sheet.addRow(example);
  sheet.columns.forEach((col) => {
    col.width = 20;
    col.numFmt = '@';
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
