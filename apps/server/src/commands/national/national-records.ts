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
 * The national records file (docs/national-records.md): `{ "applications": [...], "projects": [...] }`.
 * Parsing is pure: every record is checked and each problem reported as
 * { row: 'applications[3]', column: 'lead.uscc', reason }.
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
    acceptance: z
      .strictObject({ date: IsoDate, result: z.enum(ACCEPTANCE_RESULTS) })
      .nullable()
      .optional(),
  })
  .superRefine((p, ctx) => {
    if (p.endDate < p.startDate)
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'ends before it starts / 结束日期早于开始日期' });
  });
export type NationalProjectRecord = z.infer<typeof NationalProjectRecord>;

export interface RecordError {
  /** The record, as `applications[3]` or `projects[0]` ('' for the file as a whole). */
  row: string;
  /** The field, as `lead.uscc` or `participants[1].name` ('' for the record as a whole). */
  column: string;
  reason: string;
}

export interface ParsedNationalFile {
  totalRecords: number;
  applications: NationalApplicationRecord[];
  projects: NationalProjectRecord[];
  errors: RecordError[];
}

function column(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
  return out;
}

function issuesToErrors(row: string, issues: readonly z.core.$ZodIssue[]): RecordError[] {
  return issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((k) => ({ row, column: column([...i.path, k]), reason: 'unknown field / 未知字段' }))
      : [{ row, column: column(i.path), reason: i.message }],
  );
}

const fileError = (reason: string) => new AppError('import_failed', [{ row: '', column: '', reason }]);

/** Reads and checks every record; never touches the database. */
export function parseNationalFile(buffer: Buffer): ParsedNationalFile {
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
  const unknownKeys = Object.keys(top).filter((k) => k !== 'applications' && k !== 'projects');
  const errors: RecordError[] = unknownKeys.map((k) => ({ row: '', column: k, reason: 'unknown section / 未知字段' }));
  for (const k of ['applications', 'projects'] as const) {
    if (top[k] !== undefined && !Array.isArray(top[k])) throw fileError(`"${k}" must be a list / "${k}" 应为数组`);
  }
  const rawApps = (top.applications ?? []) as unknown[];
  const rawProjects = (top.projects ?? []) as unknown[];

  const applications: { row: string; record: NationalApplicationRecord }[] = [];
  rawApps.forEach((raw, i) => {
    const row = `applications[${i}]`;
    const r = NationalApplicationRecord.safeParse(raw);
    if (r.success) applications.push({ row, record: r.data });
    else errors.push(...issuesToErrors(row, r.error.issues));
  });
  const projects: { row: string; record: NationalProjectRecord }[] = [];
  rawProjects.forEach((raw, i) => {
    const row = `projects[${i}]`;
    const r = NationalProjectRecord.safeParse(raw);
    if (r.success) projects.push({ row, record: r.data });
    else errors.push(...issuesToErrors(row, r.error.issues));
  });

  // A national id twice in one section: neither record can be trusted, both are reported.
  const keepUnique = <T extends { row: string; record: { nationalId: string } }>(list: T[], raw: unknown[], section: string): T[] => {
    const at = new Map<string, number[]>();
    raw.forEach((r, i) => {
      const id = r && typeof r === 'object' ? (r as { nationalId?: unknown }).nationalId : undefined;
      if (typeof id === 'string' && id.trim()) at.set(id.trim(), [...(at.get(id.trim()) ?? []), i]);
    });
    return list.filter((x) => {
      const rows = at.get(x.record.nationalId) ?? [];
      if (rows.length <= 1) return true;
      errors.push({
        row: x.row,
        column: 'nationalId',
        reason: `appears more than once (${rows.map((i) => `${section}[${i}]`).join(', ')}) / 文件内编号重复`,
      });
      return false;
    });
  };
  const apps = keepUnique(applications, rawApps, 'applications');
  const projs = keepUnique(projects, rawProjects, 'projects');
  const order = (row: string) => {
    const m = /^(\w+)\[(\d+)\]$/.exec(row);
    return m ? [m[1] === 'applications' ? 0 : 1, Number(m[2])] : [-1, 0];
  };
  errors.sort((a, b) => {
    const [x1, y1] = order(a.row);
    const [x2, y2] = order(b.row);
    return x1! - x2! || y1! - y2!;
  });
  return {
    totalRecords: rawApps.length + rawProjects.length,
    applications: apps.map((x) => x.record),
    projects: projs.map((x) => x.record),
    errors,
  };
}
