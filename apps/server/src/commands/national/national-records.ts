import {
  ACCEPTANCE_RESULTS,
  AppError,
  IsoDate,
  isValidRegionCode,
  NATIONAL_OUTCOMES,
  NATIONAL_STAGES,
  NonEmpty,
  ORG_TYPES,
  Uscc,
} from '@rdplan/domain';
import { z } from 'zod';

/**
 * National programme records (docs/national-records.md): the three record kinds, checked the same way
 * whatever the file format. A reader (national-format.ts) turns a JSON, CSV or xlsx file into raw
 * records, each with its row label and a way to name a field as the file names it; checking is pure and
 * reports each problem as { row, column, reason } (JSON: row 'applications[3]', column 'lead.uscc';
 * CSV/xlsx: row '立项项目 第5行', column '第一承担单位统一社会信用代码', plus sheet and line).
 */

const Unit = z.strictObject({
  uscc: Uscc.nullable().optional(),
  name: NonEmpty(200),
});

const FieldCode = z
  .string()
  .trim()
  .regex(/^[A-Z]\d{2}(\.\d{2}){0,3}$/, { message: 'a field code such as F01.02 / 领域代码格式应如 F01.02' });

const Yuan = z.number().int().min(0).max(100_000_000_000);

export const NationalApplicationRecord = z.strictObject({
  nationalId: NonEmpty(100),
  year: z.number().int().min(2000).max(2100),
  programme: NonEmpty(200),
  direction: NonEmpty(500),
  fieldCode: FieldCode.nullable().optional(),
  title: NonEmpty(500),
  lead: Unit,
  leaderName: z.string().trim().max(100).nullable().optional(),
  participants: z.array(Unit).max(200).default([]),
  stage: z.enum(NATIONAL_STAGES),
  outcome: z.enum(NATIONAL_OUTCOMES),
});
export type NationalApplicationRecord = z.infer<typeof NationalApplicationRecord>;

const Acceptance = z.strictObject({ date: IsoDate, result: z.enum(ACCEPTANCE_RESULTS) });

export const NationalProjectRecord = z
  .strictObject({
    nationalId: NonEmpty(100),
    applicationNationalId: z.string().trim().min(1).max(100).nullable().optional(),
    title: NonEmpty(500),
    programme: NonEmpty(200),
    direction: z.string().trim().max(500).default(''),
    fieldCode: FieldCode.nullable().optional(),
    startDate: IsoDate,
    endDate: IsoDate,
    budget: z.strictObject({ central: Yuan.default(0), local: Yuan.default(0), self: Yuan.default(0) }),
    lead: Unit.extend({
      type: z.enum(ORG_TYPES),
      regionCode: z.string().refine(isValidRegionCode, { message: 'unknown GB/T 2260 region code / 行政区划代码无效' }),
    }),
    participants: z.array(Unit).max(200).default([]),
    people: z
      .array(
        z.strictObject({ name: NonEmpty(100), role: z.string().trim().max(100).default(''), unit: z.string().trim().max(200).default('') }),
      )
      .max(500)
      .default([]),
    acceptance: Acceptance.nullable().optional(),
  })
  .superRefine((p, ctx) => {
    if (p.endDate < p.startDate)
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'ends before it starts / 结束日期早于开始日期' });
  });
export type NationalProjectRecord = z.infer<typeof NationalProjectRecord>;

/** An acceptance result (验收结果) for a project imported now or before. */
export const NationalAcceptanceRecord = z.strictObject({
  projectNationalId: NonEmpty(100),
  date: IsoDate,
  result: z.enum(ACCEPTANCE_RESULTS),
});
export type NationalAcceptanceRecord = z.infer<typeof NationalAcceptanceRecord>;

export type NationalRecordKind = 'applications' | 'projects' | 'acceptances';
export const NATIONAL_RECORD_KINDS: readonly NationalRecordKind[] = ['applications', 'projects', 'acceptances'];

export interface RecordError {
  /** The record: `applications[3]` in JSON, `立项项目 第5行` in CSV/xlsx ('' for the file as a whole). */
  row: string;
  /** The field: `lead.uscc` in JSON, the column's Chinese header in CSV/xlsx ('' for the whole record). */
  column: string;
  reason: string;
  /** CSV/xlsx: the sheet (xlsx sheet name, or the record kind's Chinese name for a CSV) and its row number. */
  sheet?: string;
  line?: number;
}

/** One record as read from the file, before checking. */
export interface RawRecord {
  kind: NationalRecordKind;
  row: string;
  sheet?: string;
  line?: number;
  data: unknown;
  /** Names a field path as the file does (JSON: dotted path; CSV/xlsx: the column header). */
  column: (path: readonly PropertyKey[]) => string;
}

export interface ParsedNationalFile {
  totalRecords: number;
  applications: NationalApplicationRecord[];
  projects: NationalProjectRecord[];
  acceptances: NationalAcceptanceRecord[];
  /** Where each good acceptance record is (row and column of its project id), for errors found while storing. */
  rows: { acceptances: Map<string, RecordError> };
  errors: RecordError[];
}

export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
  return out;
}

function at(raw: RawRecord, column: string, reason: string): RecordError {
  return {
    row: raw.row,
    column,
    reason,
    ...(raw.sheet !== undefined ? { sheet: raw.sheet } : {}),
    ...(raw.line !== undefined ? { line: raw.line } : {}),
  };
}

function issuesToErrors(raw: RawRecord, issues: readonly z.core.$ZodIssue[]): RecordError[] {
  return issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((k) => at(raw, raw.column([...i.path, k]), 'unknown field / 未知字段'))
      : [at(raw, raw.column(i.path), i.message)],
  );
}

export const fileError = (reason: string, column = '') => new AppError('import_failed', [{ row: '', column, reason }]);

const SCHEMAS = {
  applications: NationalApplicationRecord,
  projects: NationalProjectRecord,
  acceptances: NationalAcceptanceRecord,
} as const;

const idOf = (kind: NationalRecordKind, data: unknown): string | undefined => {
  if (!data || typeof data !== 'object') return undefined;
  const v = (data as Record<string, unknown>)[kind === 'acceptances' ? 'projectNationalId' : 'nationalId'];
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
};

export interface CheckProgress {
  rowsDone: number;
  totalRows: number;
  errors: RecordError[];
}

/**
 * Checks every raw record. With `onProgress`, works in chunks and awaits the callback between them
 * (so a long check lets the job report its progress); without, it runs straight through.
 */
export async function checkRecords(
  raws: readonly RawRecord[],
  onProgress?: (p: CheckProgress) => Promise<void> | void,
  chunk = 2000,
): Promise<ParsedNationalFile> {
  const errors: RecordError[] = [];
  const good: { [K in NationalRecordKind]: { raw: RawRecord; record: z.infer<(typeof SCHEMAS)[K]> }[] } = {
    applications: [],
    projects: [],
    acceptances: [],
  };
  for (let start = 0; start < raws.length; start += chunk) {
    for (const raw of raws.slice(start, start + chunk)) {
      const r = SCHEMAS[raw.kind].safeParse(raw.data);
      if (r.success) (good[raw.kind] as { raw: RawRecord; record: unknown }[]).push({ raw, record: r.data });
      else errors.push(...issuesToErrors(raw, r.error.issues));
    }
    if (onProgress) await onProgress({ rowsDone: Math.min(raws.length, start + chunk), totalRows: raws.length, errors });
  }

  // A national id twice in one kind: neither record can be trusted, both are reported.
  const seen = new Map<string, RawRecord[]>();
  for (const raw of raws) {
    const id = idOf(raw.kind, raw.data);
    if (id === undefined) continue;
    const key = `${raw.kind}\u0000${id}`;
    const list = seen.get(key);
    if (list) list.push(raw);
    else seen.set(key, [raw]);
  }
  const unique = <T extends { raw: RawRecord }>(list: T[]): T[] =>
    list.filter(({ raw }) => {
      const rows = seen.get(`${raw.kind}\u0000${idOf(raw.kind, raw.data)}`) ?? [];
      if (rows.length <= 1) return true;
      errors.push(
        at(
          raw,
          raw.column([raw.kind === 'acceptances' ? 'projectNationalId' : 'nationalId']),
          `appears more than once (${rows.map((r) => r.row).join(', ')}) / 文件内编号重复`,
        ),
      );
      return false;
    });
  const applications = unique(good.applications);
  const projects = unique(good.projects);
  const acceptances = unique(good.acceptances);

  const order = new Map(raws.map((r, i) => [r.row, i]));
  errors.sort((a, b) => (order.get(a.row) ?? -1) - (order.get(b.row) ?? -1));
  return {
    totalRecords: raws.length,
    applications: applications.map((x) => x.record),
    projects: projects.map((x) => x.record),
    acceptances: acceptances.map((x) => x.record),
    rows: {
      acceptances: new Map(acceptances.map((x) => [x.record.projectNationalId, at(x.raw, x.raw.column(['projectNationalId']), '')])),
    },
    errors,
  };
}
