import { AppError } from '@rdplan/domain';
import {
  headerKey as baseHeaderKey,
  cellText as text,
  ORG_TYPE_WORDS as TYPE_WORDS,
  parseDateCell,
  readCsvRows,
  readXlsxSheets,
  type Cell,
  type SheetRows,
} from '../../imports/tabular.js';
import { assertSafeXlsx } from '../../storage/zip-guard.js';
import { fileError, jsonPath, NATIONAL_RECORD_KINDS, type NationalRecordKind, type RawRecord } from './national-records.js';

/**
 * Readers of national records files (docs/national-records.md): JSON `{ applications, projects,
 * acceptances }`, or CSV / xlsx with Chinese headers — one record kind per CSV (by its headers or the
 * `kind` parameter), one kind per xlsx sheet (named by kind, else recognised by its headers).
 * Reading turns cells into the JSON record shape; checking (national-records.ts) is shared.
 */

export type NationalFileFormat = 'json' | 'csv' | 'xlsx';

/** The Chinese name of each kind: the xlsx sheet name and the row label of CSV errors. */
export const KIND_NAMES: Record<NationalRecordKind, string> = {
  applications: '国家项目申报记录',
  projects: '立项项目',
  acceptances: '验收结果',
};

const KIND_ALIASES = new Map<string, NationalRecordKind>();
for (const k of NATIONAL_RECORD_KINDS) {
  KIND_ALIASES.set(k, k);
  KIND_ALIASES.set(KIND_NAMES[k], k);
}
KIND_ALIASES.set('application', 'applications');
KIND_ALIASES.set('project', 'projects');
KIND_ALIASES.set('acceptance', 'acceptances');
KIND_ALIASES.set('申报记录', 'applications');
KIND_ALIASES.set('验收', 'acceptances');

export function recordKind(text: string | undefined): NationalRecordKind | undefined {
  return text === undefined ? undefined : (KIND_ALIASES.get(text.trim().toLowerCase()) ?? KIND_ALIASES.get(text.trim()));
}

type ColumnType = 'text' | 'optText' | 'int' | 'yuan' | 'date' | 'units' | 'people' | 'stage' | 'outcome' | 'result' | 'orgType';

interface ColumnSpec {
  /** Path in the JSON record. */
  path: string;
  header: string;
  aliases?: string[];
  type: ColumnType;
  required: boolean;
}

/** Columns of each kind, in template order: the Chinese header, accepted aliases, the record field. */
export const NATIONAL_COLUMNS: Record<NationalRecordKind, readonly ColumnSpec[]> = {
  applications: [
    { path: 'nationalId', header: '申报编号', aliases: ['nationalId'], type: 'text', required: true },
    { path: 'year', header: '年度', aliases: ['year'], type: 'int', required: true },
    { path: 'programme', header: '重点专项', aliases: ['programme'], type: 'text', required: true },
    { path: 'direction', header: '指南方向', aliases: ['direction'], type: 'text', required: true },
    { path: 'fieldCode', header: '领域代码', aliases: ['fieldCode'], type: 'optText', required: false },
    { path: 'title', header: '项目名称', aliases: ['title'], type: 'text', required: true },
    { path: 'lead.name', header: '第一申报单位', aliases: ['lead'], type: 'text', required: true },
    { path: 'lead.uscc', header: '第一申报单位统一社会信用代码', aliases: ['lead uscc'], type: 'optText', required: false },
    { path: 'leaderName', header: '项目负责人', aliases: ['leaderName'], type: 'optText', required: false },
    { path: 'participants', header: '参与单位', aliases: ['participants'], type: 'units', required: false },
    { path: 'stage', header: '最后环节', aliases: ['stage'], type: 'stage', required: true },
    { path: 'outcome', header: '结果', aliases: ['outcome'], type: 'outcome', required: true },
  ],
  projects: [
    { path: 'nationalId', header: '项目编号', aliases: ['nationalId'], type: 'text', required: true },
    { path: 'applicationNationalId', header: '申报编号', aliases: ['applicationNationalId'], type: 'optText', required: false },
    { path: 'title', header: '项目名称', aliases: ['title'], type: 'text', required: true },
    { path: 'programme', header: '重点专项', aliases: ['programme'], type: 'text', required: true },
    { path: 'direction', header: '指南方向', aliases: ['direction'], type: 'text', required: false },
    { path: 'fieldCode', header: '领域代码', aliases: ['fieldCode'], type: 'optText', required: false },
    { path: 'startDate', header: '开始日期', aliases: ['startDate'], type: 'date', required: true },
    { path: 'endDate', header: '结束日期', aliases: ['endDate'], type: 'date', required: true },
    { path: 'budget.central', header: '中央财政', aliases: ['central'], type: 'yuan', required: false },
    { path: 'budget.local', header: '地方财政', aliases: ['local'], type: 'yuan', required: false },
    { path: 'budget.self', header: '自筹', aliases: ['self'], type: 'yuan', required: false },
    { path: 'lead.name', header: '第一承担单位', aliases: ['lead'], type: 'text', required: true },
    { path: 'lead.uscc', header: '第一承担单位统一社会信用代码', aliases: ['lead uscc'], type: 'optText', required: false },
    { path: 'lead.type', header: '第一承担单位类型', aliases: ['lead type'], type: 'orgType', required: true },
    { path: 'lead.regionCode', header: '第一承担单位行政区划代码', aliases: ['lead region'], type: 'text', required: true },
    { path: 'participants', header: '参与单位', aliases: ['participants'], type: 'units', required: false },
    { path: 'people', header: '项目人员', aliases: ['people'], type: 'people', required: false },
    { path: 'acceptance.date', header: '验收日期', aliases: ['acceptance date'], type: 'date', required: false },
    { path: 'acceptance.result', header: '验收结论', aliases: ['acceptance result'], type: 'result', required: false },
  ],
  acceptances: [
    { path: 'projectNationalId', header: '项目编号', aliases: ['projectNationalId', 'nationalId'], type: 'text', required: true },
    { path: 'date', header: '验收日期', aliases: ['date'], type: 'date', required: true },
    { path: 'result', header: '验收结论', aliases: ['result'], type: 'result', required: true },
  ],
};

const STAGE_WORDS: Record<string, string> = { 形式审查: 'formal_check', 首轮评审: 'first_round', 最后一轮答辩: 'final_defence' };
const OUTCOME_WORDS: Record<string, string> = { 待定: 'pending', 立项: 'approved', 未立项: 'not_approved' };
const RESULT_WORDS: Record<string, string> = { 通过: 'passed', 不通过: 'failed' };
/** Header text compared without spaces, underscores, asterisks, case, and a （元）/(元) unit suffix. */
function headerKey(text: string) {
  return baseHeaderKey(text).replace(/[（(]元[)）]$/, '');
}

const HEADER_INDEX: Record<NationalRecordKind, Map<string, ColumnSpec>> = {
  applications: new Map(),
  projects: new Map(),
  acceptances: new Map(),
};
for (const k of NATIONAL_RECORD_KINDS) {
  for (const c of NATIONAL_COLUMNS[k]) for (const h of [c.header, c.path, ...(c.aliases ?? [])]) HEADER_INDEX[k].set(headerKey(h), c);
}

/** Which kind a header row belongs to, or undefined. */
export function kindOfHeaders(headers: readonly string[]): NationalRecordKind | undefined {
  const keys = new Set(headers.map(headerKey));
  if (keys.has(headerKey('最后环节')) && keys.has(headerKey('申报编号'))) return 'applications';
  if (keys.has(headerKey('项目编号')) && keys.has(headerKey('项目名称'))) return 'projects';
  if (keys.has(headerKey('项目编号')) && keys.has(headerKey('验收结论'))) return 'acceptances';
  return undefined;
}

export function detectFormat(filename: string, buffer: Buffer): NationalFileFormat {
  const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase();
  if (ext === 'json' || ext === 'csv' || ext === 'xlsx') return ext;
  if (buffer.length >= 4 && buffer.readUInt32LE(0) === 0x04034b50) return 'xlsx';
  const first = buffer
    .subarray(0, 64)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()[0];
  if (first === '{' || first === '[') return 'json';
  if (ext === undefined || ext === 'txt') return 'csv';
  throw new AppError('unsupported_media_type', [
    { path: 'body.file', message: 'upload a .json, .csv or .xlsx file / 请上传 .json、.csv 或 .xlsx 文件' },
  ]);
}

/* ---------------------------------------------------------------- JSON */

export function readJson(buffer: Buffer): RawRecord[] {
  let data: unknown;
  try {
    data = JSON.parse(buffer.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw fileError(`not valid JSON: ${(e as Error).message.slice(0, 200)} / 文件不是有效的 JSON`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw fileError('expected an object { "applications": [...], "projects": [...] } / 文件结构应为 { applications, projects }');
  }
  const top = data as Record<string, unknown>;
  const unknownKeys = Object.keys(top).filter((k) => !(NATIONAL_RECORD_KINDS as readonly string[]).includes(k));
  if (unknownKeys.length > 0) throw fileError('unknown section / 未知字段', unknownKeys.join(', '));
  const out: RawRecord[] = [];
  for (const kind of NATIONAL_RECORD_KINDS) {
    const list = top[kind];
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw fileError(`"${kind}" must be a list / "${kind}" 应为数组`);
    list.forEach((data, i) => out.push({ kind, row: `${kind}[${i}]`, data, column: jsonPath }));
  }
  return out;
}

/* ---------------------------------------------------------------- CSV and xlsx */

const unreadable = (reason: string) => fileError(reason);

/** `名称` or `名称（统一社会信用代码）`, separated by ； (or ;). */
function units(cell: Cell | undefined) {
  return text(cell)
    .split(/[；;]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const m = /^(.*?)\s*[（(]\s*([0-9A-Za-z]{18})\s*[)）]$/.exec(s);
      return m ? { name: m[1]!, uscc: m[2]!.toUpperCase() } : { name: s, uscc: null };
    });
}

/** `姓名/角色/单位`, separated by ；. */
function people(cell: Cell | undefined) {
  return text(cell)
    .split(/[；;]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [name = '', role = '', unit = ''] = s.split(/[/／]/).map((x) => x.trim());
      return { name, role, unit };
    });
}

function number(cell: Cell | undefined): unknown {
  if (typeof cell === 'number') return cell;
  const s = text(cell).replace(/[,，]/g, '');
  if (s === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s;
}

function word(cell: Cell | undefined, words: Record<string, string>): unknown {
  const s = text(cell);
  return words[s] ?? s;
}

function value(c: ColumnSpec, cell: Cell | undefined): unknown {
  switch (c.type) {
    case 'text':
      return text(cell);
    case 'optText':
      return text(cell) || null;
    case 'int':
    case 'yuan':
      return number(cell);
    case 'date': {
      const d = parseDateCell(cell ?? null);
      return d === 'invalid' ? text(cell) : d;
    }
    case 'units':
      return units(cell);
    case 'people':
      return people(cell);
    case 'stage':
      return word(cell, STAGE_WORDS);
    case 'outcome':
      return word(cell, OUTCOME_WORDS);
    case 'result':
      return word(cell, RESULT_WORDS);
    case 'orgType':
      return TYPE_WORDS.get(text(cell)) ?? text(cell);
  }
}

function setPath(target: Record<string, unknown>, path: string, v: unknown) {
  const parts = path.split('.');
  let o = target;
  for (const p of parts.slice(0, -1)) o = (o[p] ??= {}) as Record<string, unknown>;
  o[parts[parts.length - 1]!] = v;
}

type Sheet = SheetRows;

/** Turns one sheet (header row first) into raw records of one kind. */
function sheetRecords(sheet: Sheet, kind: NationalRecordKind | undefined, label: string | null): RawRecord[] {
  const headerRow = sheet.rows.find((r) => r.cells.some((c) => text(c) !== ''));
  if (!headerRow) return [];
  const headers = headerRow.cells.map((c) => text(c));
  const k = kind ?? kindOfHeaders(headers);
  if (!k) {
    throw fileError(
      `cannot tell the record kind of "${sheet.name}" from its headers; name the sheet 国家项目申报记录 / 立项项目 / 验收结果 or pass kind / 无法识别记录类型`,
    );
  }
  const sheetLabel = label ?? KIND_NAMES[k];
  const columns: { index: number; spec: ColumnSpec; header: string }[] = [];
  headers.forEach((h, index) => {
    const spec = HEADER_INDEX[k].get(headerKey(h));
    if (spec && h) columns.push({ index, spec, header: h });
  });
  const missing = NATIONAL_COLUMNS[k].filter((c) => c.required && !columns.some((x) => x.spec === c));
  if (missing.length > 0) {
    throw new AppError(
      'import_failed',
      missing.map((c) => ({ row: sheetLabel, column: c.header, reason: 'required column missing / 缺少必填列' })),
    );
  }
  const headerOf = new Map(columns.map((c) => [c.spec.path, c.header]));
  const column = (path: readonly PropertyKey[]) => {
    const names = path.filter((p): p is string => typeof p === 'string');
    for (let n = names.length; n > 0; n--) {
      const h = headerOf.get(names.slice(0, n).join('.'));
      if (h) return h;
    }
    return jsonPath(path);
  };
  const out: RawRecord[] = [];
  for (const r of sheet.rows) {
    if (r.line <= headerRow.line || r.cells.every((c) => text(c) === '')) continue;
    const data: Record<string, unknown> = {};
    for (const c of columns) {
      const v = value(c.spec, r.cells[c.index]);
      if (v !== undefined) setPath(data, c.spec.path, v);
    }
    if (k === 'projects') {
      const acc = data.acceptance as { date?: unknown; result?: unknown } | undefined;
      if (acc && (acc.date === null || acc.date === undefined) && (acc.result === '' || acc.result === undefined)) delete data.acceptance;
      data.budget ??= {};
    }
    out.push({ kind: k, row: `${sheetLabel} 第${r.line}行`, sheet: sheetLabel, line: r.line, data, column });
  }
  return out;
}

export async function readXlsx(buffer: Buffer, kind?: NationalRecordKind): Promise<RawRecord[]> {
  const sheets = await readXlsxSheets(buffer, unreadable);
  const out: RawRecord[] = [];
  for (const ws of sheets) {
    const rows = ws.rows;
    const named = recordKind(ws.name);
    const sheetKind = named ?? (sheets.length === 1 ? kind : undefined);
    const headerRow = rows.find((r) => r.cells.some((c) => text(c) !== ''));
    // A sheet that is neither named by kind nor recognisable (notes, a legend) is skipped.
    if (!sheetKind && (!headerRow || !kindOfHeaders(headerRow.cells.map((c) => text(c))))) continue;
    out.push(...sheetRecords({ name: ws.name, rows }, sheetKind, ws.name));
  }
  return out;
}

export function readCsv(buffer: Buffer, kind?: NationalRecordKind): RawRecord[] {
  return sheetRecords({ name: 'csv', rows: readCsvRows(buffer, unreadable) }, kind, null);
}

/**
 * Checks a file before it is queued, so a broken one is refused at once with the reason rather than
 * failing later as a job: its format (name, magic bytes), an xlsx's zip directory (no zip bombs, an
 * xlsx workbook inside), a JSON file whole (it is read in one piece anyway), a CSV's first rows (the
 * header names a record kind and its required columns). Rows are checked by the job.
 */
export async function checkNationalFile(filename: string, buffer: Buffer, kind?: NationalRecordKind): Promise<void> {
  const format = detectFormat(filename, buffer);
  if (format === 'xlsx') return assertSafeXlsx(buffer);
  if (format === 'json') {
    readJson(buffer);
    return;
  }
  sheetRecords({ name: 'csv', rows: readCsvRows(buffer, unreadable, 20) }, kind, null);
}

/** Reads any supported file into raw records (throws import_failed for an unreadable file). */
export async function readNationalFile(filename: string, buffer: Buffer, kind?: NationalRecordKind): Promise<RawRecord[]> {
  const format = detectFormat(filename, buffer);
  if (format === 'json') return readJson(buffer);
  if (format === 'xlsx') return readXlsx(buffer, kind);
  return readCsv(buffer, kind);
}
