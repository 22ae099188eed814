import { DEMO_EMAILS, DEMO_PASSWORDS, demoPdf } from '@rdplan/demo';
import { shanghaiDate, type Role } from '@rdplan/domain';
import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/audit.js';
import { hashPassword } from '../auth/passwords.js';
import { addAttachment } from '../commands/applications/add-attachment.js';
import { createApplication } from '../commands/applications/create-application.js';
import { decideRule } from '../commands/applications/decide-rule.js';
import { formalCheck } from '../commands/applications/formal-check.js';
import { importNational } from '../commands/national/import-national.js';
import { saveDraft } from '../commands/applications/save-draft.js';
import { submitApplication } from '../commands/applications/submit-application.js';
import { systemActor, type Actor, type Deps } from '../context.js';

export interface DemoReviewResult {
  seeded: boolean;
  applications: number;
  formalPassed: number;
  expertAccounts: number;
  reason?: string;
}

/** How many backfill applications the demo review starts with; one is left awaiting the formal check. */
const APPLICATIONS = 9;
const NOTE = 'demo data: backfill applications ready for expert review';

/** The research content of a demo application, written from its national application's title and direction. */
function content(title: string, direction: string, variant: number): { objectives: string; content: string } {
  // One aim and two steps of its own per application, so that only the planted copy overlaps.
  const aims = [
    '突破关键材料与核心部件的工程化制备技术，完成中试验证并在本地龙头企业实现示范应用。',
    '研制具有自主知识产权的核心装备，主要性能指标达到国际先进水平，形成系列化产品。',
    '建立覆盖设计、制造与检测的标准化测试评价平台，推动成果在粤港澳大湾区规模化应用。',
    '攻克高精度在线检测与闭环控制难题，使生产良率提升至百分之九十五以上。',
    '形成面向临床与产业双场景的解决方案，完成多中心验证并取得注册或认证。',
    '打通数据采集、模型训练到边缘部署的完整链路，在三家以上用户单位落地运行。',
    '实现关键部件国产化替代，整机成本较进口方案下降三成，供货周期缩短一半。',
    '构建开放共享的中试服务能力，每年为区域内中小企业提供不少于二十次验证服务。',
    '制定企业标准两项并参与行业标准起草，培养一支结构合理的青年技术骨干队伍。',
  ];
  const steps = [
    '首年完成总体方案论证与原理样机，次年完成工程样机并通过第三方检测。',
    '重点研究多物理场耦合建模方法，搭建数字化仿真平台指导工艺参数寻优。',
    '开展关键工艺窗口优化与批量一致性研究，联合上游供应商建设示范生产线。',
    '采集真实工况数据建立故障样本库，训练轻量化诊断模型并完成现场部署。',
    '围绕可靠性开展加速寿命试验，建立失效机理数据库并反馈改进设计。',
    '与三甲医院合作开展前瞻性队列研究，评价安全性与有效性指标。',
    '开发配套工业软件与接口规范，实现与主流制造执行系统的数据互通。',
    '组织用户单位开展示范应用，形成可复制推广的商业模式与服务规范。',
    '申请发明专利并进行海外布局，构建核心技术知识产权保护体系。',
    '研究绿色低碳制备路线，降低单位产品能耗与关键原材料用量。',
    '建设开放实验平台并制定共享机制，面向产业链上下游提供测试服务。',
    '完成成果鉴定与技术验收，编制产业化实施方案并落实配套资金。',
    '引入国产芯片与操作系统完成适配验证，形成安全可控的软硬件栈。',
    '建立原材料溯源与质量追踪体系，满足车规或医疗器械质量管理要求。',
    '开展市场推广与用户培训，完成首台套应用并形成销售收入。',
    '评估示范效果并迭代优化，形成总结报告和后续推广计划。',
    '与高校联合培养研究生，依托项目建设联合实验室。',
    '开展技术经济性分析，编制成本模型指导规模化生产决策。',
  ];
  return {
    objectives: `围绕“${direction}”，${aims[variant % aims.length]}本项目承接国家重点研发计划申报项目“${title}”的研究基础。`,
    content: `${steps[(2 * variant) % steps.length]}${steps[(2 * variant + 1) % steps.length]}`,
  };
}

/**
 * Demo data for issue 5: the current plan's backfill call (3.2) receives applications from Guangzhou units
 * whose previous-year national applications reached the final defence without approval (the map's backfill
 * candidates), each through the real commands — created from the national record, filled, a PDF attached,
 * submitted, and all but one passed at the formal check by the bureau — so that an officer can open the
 * review of the call at once. Two of them share most of their text (一题多报 for the overlap scan). Every
 * expert of the pool gets an account (the demo expert password), as reviewers sign in to score.
 * Idempotent: does nothing when the backfill call already has applications from other units than the demo
 * unit, or when there is no published backfill call.
 */
export async function seedDemoReview(deps: Deps): Promise<DemoReviewResult> {
  const db = deps.db;
  const none = (reason: string): DemoReviewResult => ({ seeded: false, applications: 0, formalPassed: 0, expertAccounts: 0, reason });
  const now = deps.clock.now();
  const year = Number(shanghaiDate(now).slice(0, 4));
  const call = await db
    .selectFrom('calls as c')
    .innerJoin('plans as p', 'p.id', 'c.plan_id')
    .select(['c.id', 'c.materials', 'c.checklist', 'p.year'])
    .where('c.track', '=', 'backfill')
    .where('c.status', '=', 'published')
    .where('p.year', '=', year)
    .executeTakeFirst();
  if (!call) return none('no published backfill call this year');
  const demoUnit = await db.selectFrom('users').select('org_id').where('email', '=', DEMO_EMAILS.unit_admin).executeTakeFirst();
  const already = await db
    .selectFrom('applications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('call_id', '=', call.id)
    .$if(!!demoUnit?.org_id, (q) => q.where('org_id', '<>', demoUnit!.org_id!))
    .executeTakeFirstOrThrow();
  if (Number(already.n) > 0) return none('the backfill call already has applications');

  // Three fields: the demo expert's own (so the demo expert has work in the review) and two more.
  const expertUser = await db
    .selectFrom('users')
    .innerJoin('people', 'people.id', 'users.person_id')
    .select(['people.field_codes'])
    .where('users.email', '=', DEMO_EMAILS.expert)
    .executeTakeFirst();
  const subfields = await db
    .selectFrom('fields as f')
    .innerJoin('fields as top', 'top.id', 'f.parent_id')
    .select(['f.code', 'f.name_zh', 'top.code as top', 'top.name_zh as topName'])
    .where('f.active', '=', true)
    .orderBy('f.code')
    .execute();
  const tops = [...new Set(subfields.map((f) => f.top))];
  const expertTop = (expertUser?.field_codes[0] ?? '').slice(0, 3);
  const chosenTops = [expertTop, ...tops.filter((t) => t !== expertTop)].filter((t) => tops.includes(t)).slice(0, 3);
  if (chosenTops.length === 0) return none('no fields');

  // Nine Guangzhou enterprises (never the demo unit, whose own journey applies itself), one application each.
  const enterprises = await db
    .selectFrom('organisations')
    .select(['id', 'uscc', 'name'])
    .where('region_code', 'like', '4401%')
    .where('type', '=', 'enterprise')
    .$if(!!demoUnit?.org_id, (q) => q.where('id', '<>', demoUnit!.org_id!))
    .where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom('chain_leaders').select('chain_leaders.org_id').whereRef('chain_leaders.org_id', '=', 'organisations.id')),
      ),
    )
    .orderBy('uscc')
    .limit(APPLICATIONS)
    .execute();
  if (enterprises.length < 3) return none('too few Guangzhou enterprises');
  // A pool expert of the first field (not the demo expert) who took part in a national project with the first unit.
  const coExpert = await db
    .selectFrom('people as p')
    .innerJoin('affiliations as a', 'a.person_id', 'p.id')
    .innerJoin('organisations as o', 'o.id', 'a.org_id')
    .select(['p.name', 'o.name as orgName', 'o.uscc', 'o.type', 'o.region_code as regionCode'])
    .where('p.is_expert', '=', true)
    .where('a.to_date', 'is', null)
    .where(sql<boolean>`p.field_codes[1] like ${chosenTops[0] + '%'}`)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('users').select('users.id').whereRef('users.person_id', '=', 'p.id'))))
    .orderBy('p.key')
    .executeTakeFirst();
  // The demo expert's own direction first within their field.
  const own = expertUser?.field_codes.find((c) => c.length > 3) ?? null;
  const ordered = own ? [...subfields.filter((f) => f.code === own), ...subfields.filter((f) => f.code !== own)] : subfields;
  const file = reviewNationalFile(call.year, enterprises, chosenTops, ordered, coExpert ?? null);
  const imported = await importNational(deps, systemActor('seed'), {
    filename: 'demo-review-national.json',
    buffer: Buffer.from(JSON.stringify(file)),
    source: '演示数据：递补支持申报单位的上一年度国家重点研发计划申报记录',
    maxBytes: null,
  });
  if (imported.errors.length) throw new Error(`demo review records refused: ${JSON.stringify(imported.errors.slice(0, 3))}`);
  const picked = await db
    .selectFrom('national_applications as na')
    .innerJoin('organisations as o', 'o.id', 'na.lead_org_id')
    .select(['na.id', 'na.national_id', 'na.title', 'na.direction', 'na.field_code', 'o.id as orgId', 'o.name as orgName'])
    .where(
      'na.national_id',
      'in',
      file.applications.map((a) => a.nationalId),
    )
    .orderBy('na.national_id')
    .execute();
  if (picked.length < 3) return none('the demo national records did not link to the registry');

  const officer: Actor = { ...systemActor('seed-review'), roles: ['officer'] as Role[] };
  const materials = (call.materials as { key: string; zh: string; required: boolean }[]).filter((m) => m.required);
  const checklist = (call.checklist as { key: string }[]).map((c) => ({ key: c.key, ok: true, note: '' }));
  let formalPassed = 0;
  for (const [i, r] of picked.entries()) {
    const actor: Actor = { userId: null, label: 'system:seed-review', roles: ['unit_admin'], orgId: r.orgId, personId: null };
    let { view } = await createApplication(deps, actor, { callId: call.id, clientKey: randomUUID(), nationalApplicationId: r.id });
    // The second application copies most of the first one's text (一题多报), for the overlap scan.
    const text = content(i === 1 ? picked[0]!.title : r.title, i === 1 ? picked[0]!.direction! : r.direction, i === 1 ? 0 : i);
    view = await saveDraft(deps, actor, view.id, {
      version: view.version,
      form: {
        title: r.title,
        fieldCode: r.field_code ?? null,
        direction: r.direction,
        summary: r.title,
        ...text,
        kpis: [KPIS[i % KPIS.length]!],
        schedule: [
          { from: `${year}-07`, to: `${year + 1}-06`, task: `${r.direction}攻关` },
          { from: `${year + 1}-07`, to: `${year + 2}-06`, task: '示范与验收' },
        ],
        team: [{ name: `项目负责人${i + 1}`, role: 'leader', title: '正高级工程师', orgName: r.orgName, duty: '总体负责' }],
        budget: [
          { category: 'equipment', city: 600_000, self: 700_000 + i * 50_000, other: 0 },
          { category: 'labour', city: 400_000, self: 500_000, other: 0 },
        ],
      },
    });
    for (const m of materials) {
      view = await addAttachment(deps, actor, view.id, {
        materialKey: m.key,
        // Named as a unit would name it (the material's title), not by the material's key.
        filename: `${m.zh}.pdf`,
        buffer: Buffer.from(demoPdf(`${r.national_id} ${m.key}`)),
        truncated: false,
      });
    }
    view = await submitApplication(deps, actor, view.id, { version: view.version });
    // The last one waits for the formal check (the browser journey passes it).
    if (i < picked.length - 1) {
      // 3.2.e (same field and direction as the national application) is the officer's call: confirmed here.
      for (const r of view.rules.filter((x) => x.outcome === 'needs_review' && x.code === '3.2.e')) {
        view = await decideRule(deps, officer, view.id, {
          code: r.code,
          kind: 'confirm',
          reason: '拟申报项目研究领域和方向与原国家重点研发计划申报项目一致，予以确认。',
        });
      }
      await formalCheck(deps, officer, view.id, { decision: 'pass', checklist, comment: '材料齐全，符合递补支持条件，形式审查通过。' });
      formalPassed++;
    }
  }

  // Accounts for the expert pool (reviewers sign in to declare and score), all with the demo expert password.
  const hash = await hashPassword(DEMO_PASSWORDS.expert);
  const experts = await db
    .selectFrom('people')
    .select(['id', 'key', 'name'])
    .where('is_expert', '=', true)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('users').select('users.id').whereRef('users.person_id', '=', 'people.id'))))
    .orderBy('key')
    .execute();
  await db.transaction().execute(async (tx) => {
    for (let s = 0; s < experts.length; s += 500) {
      await tx
        .insertInto('users')
        .values(
          experts.slice(s, s + 500).map((p) => ({
            email: `${p.key.toLowerCase()}@experts.rdplan.demo`,
            name: p.name,
            password_hash: hash,
            roles: ['expert' as Role],
            org_id: null,
            person_id: p.id,
            status: 'active' as const,
            password_changed_at: now,
          })),
        )
        .execute();
    }
    await appendAudit(tx, systemActor('seed'), now, {
      action: 'demo.seed_review',
      entityType: 'call',
      entityId: call.id,
      after: { applications: picked.length, formalPassed, expertAccounts: experts.length },
      reason: NOTE,
    });
  });
  return { seeded: true, applications: picked.length, formalPassed, expertAccounts: experts.length };
}

/** One key indicator per application, each its own (they are compared for overlap like the rest of the text). */
const KPIS = [
  { indicator: '发明专利申请', target: '≥ 5 项', measure: '受理通知书' },
  { indicator: '器件良率', target: '≥ 95%', measure: '批次检验记录' },
  { indicator: '整机成本降幅', target: '≥ 30%', measure: '审计报告' },
  { indicator: '示范用户', target: '≥ 3 家', measure: '应用证明' },
  { indicator: '诊断准确率', target: '≥ 92%', measure: '临床试验报告' },
  { indicator: '连续运行时间', target: '≥ 2000 小时', measure: '现场运行日志' },
  { indicator: '新增销售收入', target: '≥ 5000 万元', measure: '销售合同与发票' },
  { indicator: '单位能耗降幅', target: '≥ 15%', measure: '能效检测报告' },
  { indicator: '行业标准', target: '参与起草 1 项', measure: '标准征求意见稿' },
];

const SHAPES = [
  (d: string) => `面向${d}的关键核心技术研究与产业化应用`,
  (d: string) => `${d}高可靠核心器件研制与工程化验证`,
  (d: string) => `${d}智能化关键装备研发及示范应用`,
  (d: string) => `基于自主可控架构的${d}系统集成与验证`,
  (d: string) => `${d}领域共性技术平台构建与推广`,
  (d: string) => `新一代${d}材料制备工艺及中试放大`,
  (d: string) => `${d}全流程数字孪生与智能决策方法`,
  (d: string) => `高端${d}测试评价体系与标准研究`,
  (d: string) => `${d}国产化替代关键部件攻关`,
];

/**
 * Previous-year national applications of the demo review's units: in the final defence and not approved
 * (the 3.2 backfill condition), three per field; plus an accepted national project two years back in which
 * one of the field's pool experts took part with the first unit (a national co-participation conflict).
 */
function reviewNationalFile(
  planYear: number,
  units: { uscc: string; name: string }[],
  tops: string[],
  subfields: { code: string; name_zh: string; top: string; topName: string }[],
  coExpert: { name: string; orgName: string; uscc: string; type: string; regionCode: string } | null,
) {
  const year = planYear - 1;
  const applications = units.map((u, i) => {
    const top = tops[i % tops.length]!;
    const subs = subfields.filter((f) => f.top === top);
    const sub = subs[Math.floor(i / tops.length) % subs.length]!;
    const programme = `"${sub.topName}"重点专项`;
    return {
      nationalId: `${year}YFB${String(4100 + i).padStart(4, '0')}${String(i + 1).padStart(2, '0')}`,
      year,
      programme,
      direction: `${sub.name_zh}关键技术`,
      fieldCode: sub.code,
      title: SHAPES[i % SHAPES.length]!(sub.name_zh),
      lead: { uscc: u.uscc, name: u.name },
      leaderName: `项目负责人${i + 1}`,
      participants: [],
      stage: 'final_defence',
      outcome: 'not_approved',
    };
  });
  const first = applications[0]!;
  const projects = coExpert
    ? [
        {
          nationalId: `${planYear - 2}YFC${String(4200).padStart(4, '0')}01`,
          applicationNationalId: null,
          title: `${first.direction}共性技术平台建设`,
          programme: first.programme,
          direction: first.direction,
          fieldCode: first.fieldCode,
          startDate: `${planYear - 2}-01-01`,
          endDate: `${planYear}-12-31`,
          budget: { central: 8_000_000, local: 0, self: 4_000_000 },
          lead: { uscc: coExpert.uscc, name: coExpert.orgName, type: coExpert.type, regionCode: coExpert.regionCode },
          participants: [first.lead],
          people: [
            { name: coExpert.name, role: '课题负责人', unit: coExpert.orgName },
            { name: first.leaderName, role: '课题负责人', unit: first.lead.name },
          ],
        },
      ]
    : [];
  return { applications, projects };
}
