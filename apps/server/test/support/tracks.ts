import { DEFAULT_PLAN_PARAMS, type PlanParams, type Track } from '@rdplan/domain';
import type { Executor } from '../../src/db/database.js';

/**
 * Direct inserts of a year's plan, one published call per track, fields and national records, so that
 * the application tests do not depend on the plan and import routes (tested on their own).
 */
export const CHECKLIST = [
  { key: 'complete', zh: '申报材料齐全', en: 'Materials complete' },
  { key: 'signed', zh: '签章完整', en: 'Signed and sealed' },
];

const MATERIALS: Record<Track, unknown[]> = {
  consortium: [{ key: 'proposal', zh: '申报书', en: 'Proposal', required: true, maxMb: 1, evidence: null }],
  backfill: [
    { key: 'proposal', zh: '申报书', en: 'Proposal', required: true, maxMb: 1, evidence: null },
    { key: 'pledge', zh: '承诺书', en: 'Pledge', required: false, maxMb: 1, evidence: null },
  ],
  continuation: [{ key: 'agreement', zh: '技术转移协议', en: 'Transfer agreement', required: true, maxMb: 1, evidence: null }],
  recognition: [
    { key: 'capital', zh: '社会资本投入证明', en: 'Social capital evidence', required: true, maxMb: 1, evidence: 'social_capital' },
    { key: 'completion', zh: '项目完成证明', en: 'Completion evidence', required: true, maxMb: 1, evidence: 'completion' },
  ],
};

export async function seedFields(db: Executor) {
  const f01 = await db
    .insertInto('fields')
    .values({ code: 'F01', name_zh: '新一代信息技术', name_en: 'IT' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const f02 = await db
    .insertInto('fields')
    .values({ code: 'F02', name_zh: '生物医药', name_en: 'Biomedicine' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('fields')
    .values([
      { code: 'F01.01', name_zh: '集成电路', name_en: 'ICs', parent_id: f01.id },
      { code: 'F01.02', name_zh: '人工智能', name_en: 'AI', parent_id: f01.id },
      { code: 'F02.01', name_zh: '创新药', name_en: 'Drugs', parent_id: f02.id },
    ])
    .execute();
}

export async function seedPlanAndCalls(
  db: Executor,
  over: { year?: number; params?: Partial<PlanParams>; opensAt?: string; closesAt?: string } = {},
): Promise<{ planId: string; calls: Record<Track, string> }> {
  const plan = await db
    .insertInto('plans')
    .values({
      year: over.year ?? 2026,
      title: `${over.year ?? 2026} 年度重点领域研发计划`,
      status: 'published',
      params: JSON.stringify({ ...DEFAULT_PLAN_PARAMS, ...over.params }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const calls = {} as Record<Track, string>;
  for (const track of ['consortium', 'backfill', 'continuation', 'recognition'] as const) {
    const row = await db
      .insertInto('calls')
      .values({
        plan_id: plan.id,
        track,
        title_zh: `测试指南 ${track}`,
        title_en: `Test call ${track}`,
        opens_at: over.opensAt ?? '2026-02-01T00:00:00+08:00',
        closes_at: over.closesAt ?? '2026-04-30T17:30:00+08:00',
        status: 'published',
        conditions: JSON.stringify(
          track === 'recognition'
            ? [
                { key: 'own-funds', zh: '项目经费全部来自社会资本', en: 'Funded wholly by social capital' },
                { key: 'done', zh: '项目已完成并通过第三方评价', en: 'Completed and evaluated' },
              ]
            : [{ key: 'gz', zh: '在穗注册', en: 'Registered in Guangzhou' }],
        ),
        materials: JSON.stringify(MATERIALS[track]),
        criteria: JSON.stringify([{ key: 'merit', zh: '创新性', en: 'Innovation', weight: 100 }]),
        checklist: JSON.stringify(CHECKLIST),
        published_at: new Date('2026-01-20T00:00:00Z'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    calls[track] = row.id;
  }
  return { planId: plan.id, calls };
}

let seq = 0;

export async function nationalApplication(
  db: Executor,
  over: {
    leadOrgId: string | null;
    leadUscc?: string | null;
    year?: number;
    stage?: 'formal_check' | 'first_round' | 'final_defence';
    outcome?: 'pending' | 'approved' | 'not_approved';
    fieldCode?: string | null;
  },
) {
  seq++;
  return db
    .insertInto('national_applications')
    .values({
      national_id: `2025YFA${String(seq).padStart(7, '0')}`,
      year: over.year ?? 2025,
      programme: '新一代人工智能重大项目',
      direction: '面向工业场景的大模型推理芯片',
      field_code: over.fieldCode === undefined ? 'F01.02' : over.fieldCode,
      title: `国家申报项目 ${seq}`,
      lead_uscc: over.leadUscc ?? null,
      lead_name: '申报单位',
      lead_org_id: over.leadOrgId,
      leader_name: '张明',
      stage: over.stage ?? 'final_defence',
      outcome: over.outcome ?? 'not_approved',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function nationalProject(
  db: Executor,
  over: {
    leadType?: 'university' | 'research_institute' | 'enterprise';
    leadRegionCode?: string;
    acceptanceDate?: string | null;
    result?: 'passed' | 'failed' | null;
  } = {},
) {
  seq++;
  return db
    .insertInto('national_projects')
    .values({
      national_id: `2020YFB${String(seq).padStart(7, '0')}`,
      title: `国家项目 ${seq}`,
      programme: '先进结构与复合材料',
      direction: '高性能碳纤维',
      field_code: 'F01.01',
      budget: JSON.stringify({ central: 30_000_000 }),
      lead_name: '清华大学',
      lead_type: over.leadType ?? 'university',
      lead_region_code: over.leadRegionCode ?? '110108',
      acceptance_date: over.acceptanceDate === undefined ? '2024-06-30' : over.acceptanceDate,
      acceptance_result: over.result === undefined ? 'passed' : over.result,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A tiny but real PDF. */
export function pdf(text = 'rdplan test'): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj<<>>endobj\n% ${text}\ntrailer<<>>\n%%EOF\n`);
}

export function multipart(filename: string, content: Buffer, field = 'file') {
  const boundary = '----rdplanBoundaryApp42';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  return {
    body: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** A form that is complete for every track's completeness check. */
export function completeForm(over: Record<string, unknown> = {}) {
  return {
    title: '工业大模型推理芯片研发',
    fieldCode: 'F01.02',
    direction: '面向工业场景的大模型推理芯片',
    objectives: '研制一款推理芯片。',
    content: '架构设计、流片验证、应用示范。',
    kpis: [{ indicator: '推理能效', target: '≥ 10 TOPS/W', measure: '第三方测试' }],
    schedule: [{ from: '2026-07', to: '2027-06', task: '架构设计与流片' }],
    team: [{ name: '张明', role: 'leader', title: '教授级高工', orgName: '申报单位', duty: '总体负责' }],
    budget: [
      { category: 'equipment', city: 600_000, self: 800_000, other: 0 },
      { category: 'labour', city: 400_000, self: 400_000, other: 100_000 },
    ],
    ...over,
  };
}
