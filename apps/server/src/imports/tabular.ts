import { isIsoDate, ORG_TYPE_LABELS, ORG_TYPES, type OrgType } from '@rdplan/domain';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { assertSafeXlsx } from '../storage/zip-guard.js';

/**
 * The readers every tabular import shares (organisations, national records): xlsx sheets and CSV into
 * rows of plain cells with their line numbers, and the cell readers (text, dates, organisation types,
 * header names). What a row means is the importer's own; how a file is read is here, once.
 */

export type Cell = string | number | boolean | Date | null;

export interface SheetRows {
  name: string;
  /** Non-empty rows with their 1-based line numbers in the file. */
  rows: { line: number; cells: Cell[] }[];
}

/** How an importer reports a file it cannot read (its own error shape, the reason in both languages). */
export type Unreadable = (reason: string) => Error;

/** Turns what ExcelJS gives for a cell into a plain value. */
function plainCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) {
      const r = value.result;
      return r === undefined || (typeof r === 'object' && !(r instanceof Date)) ? null : (r as Cell);
    }
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('error' in value) return null;
  }
  return String(value as unknown);
}

/** Every sheet of an xlsx workbook, after its zip directory was checked (no zip bombs). */
export async function readXlsxSheets(buffer: Buffer, unreadable: Unreadable): Promise<SheetRows[]> {
  await assertSafeXlsx(buffer);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw unreadable('not a readable xlsx workbook / 无法读取该 xlsx 文件');
  }
  return wb.worksheets.map((ws) => {
    const rows: SheetRows['rows'] = [];
    ws.eachRow({ includeEmpty: false }, (r, line) => {
      const cells: Cell[] = [];
      r.eachCell({ includeEmpty: true }, (cell, col) => {
        cells[col - 1] = plainCell(cell.value);
      });
      for (let i = 0; i < cells.length; i++) cells[i] ??= null;
      rows.push({ line, cells });
    });
    return { name: ws.name, rows };
  });
}

/** The rows of a CSV file (UTF-8, BOM allowed); `toLine` reads only the first lines (a quick check). */
export function readCsvRows(buffer: Buffer, unreadable: Unreadable, toLine?: number): SheetRows['rows'] {
  if (buffer.includes(0)) throw unreadable('not a text CSV file / 不是文本 CSV 文件');
  let records: string[][];
  try {
    records = parseCsv(buffer, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
      trim: false,
      ...(toLine ? { to_line: toLine } : {}),
    }) as string[][];
  } catch (e) {
    throw unreadable(`not a readable CSV file: ${(e as Error).message.slice(0, 200)} / 无法读取该 CSV 文件`);
  }
  return records.map((cells, i) => ({ line: i + 1, cells }));
}

/** A cell as trimmed text (a date as YYYY-MM-DD; ideographic spaces as spaces). */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell)
    .replace(/\u3000/g, ' ')
    .trim();
}

/** Header text compared without spaces, underscores, asterisks (required marks) and case. */
export function headerKey(text: string): string {
  return text.replace(/[\s\u3000_*＊]/g, '').toLowerCase();
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日, a real Excel date, or an Excel serial number. */
export function parseDateCell(cell: Cell | undefined): string | null | 'invalid' {
  if (cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '')) return null;
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return 'invalid';
    // ExcelJS gives date cells as UTC midnight of the written day.
    return cell.toISOString().slice(0, 10);
  }
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell) || cell < 1 || cell > 2_958_465) return 'invalid';
    return new Date(EXCEL_EPOCH_MS + cell * 86_400_000).toISOString().slice(0, 10);
  }
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(String(cell).trim());
  if (!m) return 'invalid';
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : 'invalid';
}

/** Organisation types by their key, Chinese or English label, and the usual short words. */
export const ORG_TYPE_WORDS: ReadonlyMap<string, OrgType> = (() => {
  const words = new Map<string, OrgType>();
  for (const t of ORG_TYPES) {
    words.set(t, t);
    words.set(ORG_TYPE_LABELS[t].zh, t);
    words.set(ORG_TYPE_LABELS[t].en.toLowerCase(), t);
  }
  words.set('其他', 'other');
  words.set('高校', 'university');
  words.set('医院', 'medical_institution');
  return words;
})();
