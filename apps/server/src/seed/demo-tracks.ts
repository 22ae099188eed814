import { addDays, shanghaiDate, type CallInput, type Track } from '@rdplan/domain';
import { appendAudit } from '../audit/audit.js';
import { createCall } from '../commands/plans/create-call.js';
import { createPlan } from '../commands/plans/create-plan.js';
import { publishCall } from '../commands/plans/publish-call.js';
import { publishPlan } from '../commands/plans/publish-plan.js';
import { importNational } from '../commands/national/import-national.js';
import { systemActor, type Deps } from '../context.js';
import { auditOrganisation } from '../repositories/organisations.js';

const DAY_MS = 86_400_000;
const UNIT_ADMIN_EMAIL = 'unit-admin@rdplan.demo';
const DEMO_TRACK_NOTE = 'demo data';

export interface SeedTracksResult {
  seeded: boolean;
  planId: string | null;
  calls: number;
  nationalRecords: number;
}

type Item = { key: string; zh: string; en: string };
const item = (key: string, zh: string, en: string): Item => ({ key, zh, en });
const pdf = (key: string, zh: string, en: string, evidence: 'social_capital' | 'completion' | null = null) => ({
  ...item(key, `${zh}（PDF）`, `${en} (PDF)`),
  required: true,
  maxMb: 20,
  evidence,
});

const COMMON_MATERIALS = [
  pdf('application', '项目申报书', 'Application form'),
  pdf('commitment', '申报单位科研诚信承诺书', 'Research integrity commitment'),
];
const CHECKLIST: Item[] = [
  item('complete', '申报材料齐全', 'All required materials are attached'),
  item('sealed', '签章完整', 'Signatures and seals are complete'),
  item('budget_balanced', '预算表收支平衡', 'The budget table balances'),
  item('no_duplicate', '未重复申报、未多头申报', 'Not submitted twice or to several programmes'),
];
const COMMON_CONDITIONS: Item[] = [
  item('registered', '申报单位在广州市注册，具有独立法人资格', 'The applicant is a legal person registered in Guangzhou'),
  item('integrity', '申报单位及项目负责人无不良科研诚信记录', 'No research-integrity record against the unit or the project lead'),
];

/** The four calls of the demo year, with their conditions, materials, criteria and checklist (4.3.a). */
export function callContent(track: Track): Omit<CallInput, 'planId' | 'opensAt' | 'closesAt' | 'track'> {
  switch (track) {
    case 'consortium':
      return {
        titleZh: '产业链创新联合体协同技术攻关专题申报指南',
        titleEn: 'Call: chain consortium projects',
        conditions: [
          ...COMMON_CONDITIONS,
          item(
            'chain_leader',
            '由入选方向的链主企业牵头，联合上下游企业、高校、科研院所组建创新联合体',
            'Led by the chain leader of a selected direction with a consortium',
          ),
          item(
            'matching',
            '链主企业及联合体企业足额配套自筹经费，自筹经费不低于市财政经费',
            'Self-raised matching funds at least equal to city funds',
          ),
          item(
            'in_workplan',
            '项目已纳入链主企业年度科技攻关工作方案并经论证比选',
            "The project is in the leader's annual work plan and was argued and compared",
          ),
        ],
        materials: [...COMMON_MATERIALS, pdf('consortium_agreement', '创新联合体合作协议', 'Consortium agreement')],
        criteria: [
          item('necessity', '技术攻关的必要性与对产业链安全的支撑作用', 'Need and contribution to chain security'),
          item('innovation', '技术路线先进性与创新性', 'Advance and novelty of the technical route'),
          item('team', '联合体组成与团队能力', 'Consortium and team'),
          item('outcomes', '预期成果与产业化前景', 'Expected results and industrialisation'),
        ].map((c, i) => ({ ...c, weight: [30, 30, 20, 20][i]! })),
        checklist: CHECKLIST,
      };
    case 'backfill':
      return {
        titleZh: '国家重点研发计划"递补支持"专题申报指南',
        titleEn: 'Call: backfill for national projects',
        conditions: [
          ...COMMON_CONDITIONS,
          item(
            'enterprise_or_hospital',
            '申报单位为在穗企业或医疗机构',
            'The applicant is an enterprise or medical institution in Guangzhou',
          ),
          item(
            'first_applicant',
            '上一年度作为第一申报单位申报国家重点研发计划项目',
            'First applicant unit of a national application in the previous year',
          ),
          item('final_defence', '该项目进入最后一轮答辩环节但未获立项', 'The application reached the final defence and was not approved'),
          item(
            'same_direction',
            '拟开展研究不偏离原申报项目的研究领域和方向',
            'The city project stays within the field and direction of the national application',
          ),
        ],
        materials: [
          ...COMMON_MATERIALS,
          pdf('defence_notice', '国家重点研发计划答辩通知或评审结果材料', 'Defence notice or review result'),
        ],
        criteria: [
          item('fit', '与本市"十四五"科技规划方向及产业需求的契合度', 'Fit with the 14th Five-Year plan and city needs'),
          item('quality', '研究内容与技术路线', 'Research content and route'),
          item('capability', '承担单位研发能力与基础条件', 'R&D capability of the unit'),
        ].map((c, i) => ({ ...c, weight: [40, 35, 25][i]! })),
        checklist: CHECKLIST,
      };
    case 'continuation':
      return {
        titleZh: '国家重点研发计划产业化落地"接续支持"专题申报指南',
        titleEn: 'Call: continuation for industrialisation',
        conditions: [
          ...COMMON_CONDITIONS,
          item(
            'hnte_ads',
            '申报单位为在穗规上高新技术企业，高企证书在申报日有效',
            'An above-size certified high-tech enterprise in Guangzhou, certificate valid',
          ),
          item(
            'accepted_3y',
            '承接的国家重点研发计划项目近三年内通过验收',
            'The national project passed acceptance within the last three years',
          ),
          item(
            'lead_outside',
            '该国家项目第一承担单位为穗外高校或科研院所',
            'Its first undertaking unit is a university or institute outside Guangzhou',
          ),
        ],
        materials: [
          ...COMMON_MATERIALS,
          pdf('transfer_agreement', '技术转移/合作协议', 'Technology transfer or cooperation agreement'),
          pdf('acceptance_certificate', '国家项目验收证明', 'Acceptance certificate of the national project'),
        ],
        criteria: [
          item('investment', '产业化投入规模与落实情况', 'Industrialisation investment'),
          item('output', '产值、销售与就业带动', 'Output, sales and jobs'),
          item('maturity', '技术成熟度与转化路径', 'Technology readiness and transfer path'),
        ].map((c, i) => ({ ...c, weight: [40, 40, 20][i]! })),
        checklist: [...CHECKLIST, item('agreement_valid', '技术转移/合作协议在有效期内', 'The transfer agreement is in force')],
      };
    case 'recognition':
      return {
        titleZh: '社会资本投入研发项目"认定立项"专题申报指南',
        titleEn: 'Call: recognition of social-capital projects',
        conditions: [
          ...COMMON_CONDITIONS,
          item('social_capital', '项目以社会资本投入为主，未获市财政科技经费资助', 'Funded by social capital, without city S&T funds'),
          item('completed', '项目已完成研发任务并形成可验证的成果', 'The project is completed with verifiable results'),
          item('key_area', '项目属于本市重点领域研发方向', "The project belongs to the city's key areas"),
        ],
        materials: [
          ...COMMON_MATERIALS,
          pdf('social_capital_proof', '社会资本投入证明（审计报告或出资凭证）', 'Proof of social-capital investment', 'social_capital'),
          pdf('completion_proof', '项目完成证明（第三方评价或验收意见）', 'Proof of completion', 'completion'),
        ],
        criteria: [
          item('level', '技术水平与创新程度', 'Technical level and novelty'),
          item('investment', '社会资本投入强度', 'Intensity of social capital'),
          item('benefit', '经济社会效益', 'Economic and social benefit'),
        ].map((c, i) => ({ ...c, weight: [40, 30, 30][i]! })),
        checklist: [...CHECKLIST, item('evidence', '社会资本投入与完成证明真实有效', 'Evidence of investment and completion is genuine')],
      };
  }
}

/**
 * Plans, calls and national records for the demo, after the registry: a published plan for the
 * current Asia/Shanghai year with three chains (C01 first), four published calls open from 30 days ago
 * to 60 days ahead, and national records around the demo unit. Does nothing once a plan exists.
 */
export async function seedDemoTracks(deps: Deps): Promise<SeedTracksResult> {
  const none: SeedTracksResult = { seeded: false, planId: null, calls: 0, nationalRecords: 0 };
  if (await deps.db.selectFrom('plans').select('id').limit(1).executeTakeFirst()) return none;
  const actor = systemActor('seed');
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  const year = Number(today.slice(0, 4));

  const chains = await deps.db.selectFrom('chains').select(['id', 'code', 'name_zh']).where('active', '=', true).orderBy('code').execute();
  const selected = [chains.find((c) => c.code === 'C01'), ...chains.filter((c) => c.code !== 'C01')]
    .filter((c) => c !== undefined)
    .slice(0, 3);
  if (selected.length === 0) return none;

  const unit = await deps.db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.org_id')
    .selectAll('organisations')
    .where('users.email', '=', UNIT_ADMIN_EMAIL)
    .executeTakeFirst();
  let nationalRecords = 0;
  if (unit) {
    await ensureUnitQualifies(deps, unit.id, today);
    const file = await nationalDemoFile(deps, { uscc: unit.uscc, name: unit.name }, today);
    const result = await importNational(deps, actor, {
      filename: 'demo-national.json',
      buffer: Buffer.from(JSON.stringify(file, null, 2)),
    });
    nationalRecords = result.inserted + result.updated + result.unchanged;
  }

  const chainBudget = 10_000_000;
  const plan = await createPlan(deps, actor, {
    year,
    title: `${year}年度广州市重点领域研发计划`,
    params: {},
    budgets: { total: 90_000_000, consortium: chainBudget * selected.length, backfill: 20_000_000, continuation: 30_000_000 },
    chains: selected.map((c) => ({ chainId: c.id, direction: `${c.name_zh}关键核心技术攻关`, budget: chainBudget })),
    reason: DEMO_TRACK_NOTE,
  });
  const opensAt = new Date(now.getTime() - 30 * DAY_MS).toISOString();
  const closesAt = new Date(now.getTime() + 60 * DAY_MS).toISOString();
  const calls = [];
  for (const track of ['consortium', 'backfill', 'continuation', 'recognition'] as const) {
    calls.push(await createCall(deps, actor, { planId: plan.id, track, opensAt, closesAt, ...callContent(track) }));
  }
  await publishPlan(deps, actor, plan.id, DEMO_TRACK_NOTE);
  for (const call of calls) await publishCall(deps, actor, call.id, DEMO_TRACK_NOTE);
  return { seeded: true, planId: plan.id, calls: calls.length, nationalRecords };
}

/** The demo unit is 规上 and its high-tech certificate is valid today, so it may try 3.2 and 3.3. */
async function ensureUnitQualifies(deps: Deps, orgId: string, today: string) {
  await deps.db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('organisations').selectAll().where('id', '=', orgId).forUpdate().executeTakeFirstOrThrow();
    const hnteOk =
      before.hnte_cert_no !== null &&
      before.hnte_valid_from !== null &&
      before.hnte_valid_to !== null &&
      before.hnte_valid_from <= today &&
      today <= before.hnte_valid_to;
    if (hnteOk && before.above_designated_size) return;
    const from = addDays(today, -365);
    const year = Number(today.slice(0, 4));
    const after = await tx
      .updateTable('organisations')
      .set({
        above_designated_size: true,
        above_designated_size_year: before.above_designated_size ? before.above_designated_size_year : year - 1,
        ...(hnteOk
          ? {}
          : {
              hnte_cert_no: `GR${year - 1}44000${before.uscc.slice(10, 14)}`,
              hnte_valid_from: from,
              hnte_valid_to: addDays(from, 3 * 365 - 1),
            }),
        updated_at: deps.clock.now(),
      })
      .where('id', '=', orgId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, systemActor('seed'), deps.clock.now(), {
      action: 'organisation.update',
      entityType: 'organisation',
      entityId: orgId,
      before: auditOrganisation(before),
      after: auditOrganisation(after),
      reason: 'demo: the unit account is 规上 with a valid high-tech certificate today',
    });
  });
}

/** National records around the demo unit and three national projects for track 3.3. */
async function nationalDemoFile(deps: Deps, unit: { uscc: string; name: string }, today: string) {
  const year = Number(today.slice(0, 4));
  const mmdd = today.slice(5);
  const fields = await deps.db
    .selectFrom('fields')
    .select('code')
    .where('parent_id', 'is not', null)
    .where('active', '=', true)
    .orderBy('code')
    .execute();
  const field = (prefix: string, i: number) => fields.filter((f) => f.code.startsWith(prefix))[i]?.code ?? fields[i]?.code ?? null;
  const university = (inGuangzhou: boolean) =>
    deps.db
      .selectFrom('organisations')
      .select(['uscc', 'name', 'region_code'])
      .where('type', '=', 'university')
      .where('region_code', inGuangzhou ? 'like' : 'not like', '4401%')
      .orderBy('uscc')
      .executeTakeFirst();
  const outside = (await university(false)) ?? { uscc: null, name: '清华大学', region_code: '110108' };
  const local = (await university(true)) ?? { uscc: null, name: '华南理工大学', region_code: '440106' };
  const lead = (o: { uscc: string | null; name: string; region_code: string }, type = 'university') => ({
    ...(o.uscc ? { uscc: o.uscc } : {}),
    name: o.name,
    type,
    regionCode: o.region_code,
  });
  const unitRef = { uscc: unit.uscc, name: unit.name };
  const acceptedOn = (yearsAgo: number) => `${year - yearsAgo}-${mmdd === '02-29' ? '02-28' : mmdd}`;
  const people = (unitName: string) => [
    { name: '张明远', role: '项目负责人', unit: unitName },
    { name: '李文静', role: '课题负责人', unit: unitName },
  ];
  return {
    applications: [
      {
        nationalId: `${year - 1}YFB3300101`,
        year: year - 1,
        programme: '"高端功能与智能材料"重点专项',
        direction: '高性能复合材料智能制造关键技术',
        fieldCode: field('F06', 0),
        title: '面向高端装备的复合材料构件智能成形关键技术',
        lead: unitRef,
        leaderName: '张明远',
        participants: [{ ...(local.uscc ? { uscc: local.uscc } : {}), name: local.name }],
        stage: 'final_defence',
        outcome: 'not_approved',
      },
      {
        nationalId: `${year - 1}YFB3300202`,
        year: year - 1,
        programme: '"智能机器人"重点专项',
        direction: '工业机器人核心部件',
        fieldCode: field('F06', 1),
        title: '高精度协作机器人关节模组研制与应用',
        lead: unitRef,
        leaderName: '李文静',
        participants: [],
        stage: 'final_defence',
        outcome: 'approved',
      },
    ],
    projects: [
      {
        nationalId: `${year - 5}YFB1700301`,
        applicationNationalId: null,
        title: '新能源汽车动力电池热安全预警与防控技术',
        programme: '"新能源汽车"重点专项',
        direction: '动力电池安全',
        fieldCode: field('F07', 0),
        startDate: `${year - 5}-01-01`,
        endDate: `${year - 3}-12-31`,
        budget: { central: 18_000_000, local: 0, self: 12_000_000 },
        lead: lead(outside),
        participants: [unitRef],
        people: people(outside.name),
        acceptance: { date: acceptedOn(2), result: 'passed' },
      },
      {
        nationalId: `${year - 8}YFC0800402`,
        applicationNationalId: null,
        title: '城市轨道交通装备智能运维关键技术',
        programme: '"先进轨道交通"重点专项',
        direction: '轨道交通智能运维',
        fieldCode: field('F06', 2),
        startDate: `${year - 8}-07-01`,
        endDate: `${year - 6}-06-30`,
        budget: { central: 12_000_000, local: 0, self: 6_000_000 },
        lead: lead(outside),
        participants: [],
        people: people(outside.name),
        acceptance: { date: acceptedOn(5), result: 'passed' },
      },
      {
        nationalId: `${year - 4}YFA1300503`,
        applicationNationalId: null,
        title: '粤港澳大湾区新型显示材料基础研究',
        programme: '"纳米前沿"重点专项',
        direction: '新型显示材料',
        fieldCode: field('F01', 0),
        startDate: `${year - 4}-01-01`,
        endDate: `${year - 1}-12-31`,
        budget: { central: 9_000_000, local: 1_000_000, self: 0 },
        lead: lead(local),
        participants: [],
        people: people(local.name),
        acceptance: { date: acceptedOn(1), result: 'passed' },
      },
    ],
  };
}
