import { shanghaiDate, type ConsortiumPosition, type OrgMode, type ProjectKind } from '@rdplan/domain';
import { DEMO_EMAILS } from '@rdplan/demo';
import { sql } from 'kysely';
import { addCandidate } from '../commands/workplans/add-candidate.js';
import { createWorkplan } from '../commands/workplans/create-workplan.js';
import { includeCandidate } from '../commands/workplans/include-candidate.js';
import { recordComparison } from '../commands/workplans/record-comparison.js';
import { setExperts } from '../commands/workplans/set-experts.js';
import { setMembers } from '../commands/workplans/set-members.js';
import { updateWorkplan } from '../commands/workplans/update-workplan.js';
import type { Actor, Deps } from '../context.js';
import type { Executor } from '../db/database.js';
import { findWorkplanByPlanChain, leaderGroup, publishedConsortiumCall } from '../repositories/workplans.js';

export interface DemoWorkplanResult {
  seeded: boolean;
  workplanId: string | null;
  /** Why nothing was seeded. */
  reason?: string;
}

const CHAIN_CODE = 'C01';
/** The 14th Five-Year field of chain C01 (intelligent connected and new-energy vehicles). */
const CHAIN_FIELD = 'F07';

/** One registry organisation of a type, by name patterns in order of preference, outside every corporate group. */
async function pickOrganisation(db: Executor, type: string, patterns: string[], taken: Set<string>): Promise<string | null> {
  for (const pattern of [...patterns, '%']) {
    const row = await db
      .selectFrom('organisations as o')
      .select('o.id')
      .where('o.type', '=', type)
      .where('o.region_code', 'like', '4401%')
      .where('o.name', 'like', pattern)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('control_edges as e')
              .select('e.parent_id')
              .where((x) => x.or([x('e.parent_id', '=', x.ref('o.id')), x('e.child_id', '=', x.ref('o.id'))])),
          ),
        ),
      )
      .where((eb) => eb.not(eb.exists(eb.selectFrom('chain_leaders as l').select('l.org_id').whereRef('l.org_id', '=', 'o.id'))))
      .$if(taken.size > 0, (q) => q.where('o.id', 'not in', [...taken]))
      .orderBy('o.uscc')
      .limit(1)
      .executeTakeFirst();
    if (row) {
      taken.add(row.id);
      return row.id;
    }
  }
  return null;
}

interface DemoProject {
  key: string;
  title: string;
  summary: string;
  kind: ProjectKind;
  orgMode: OrgMode;
  lead: string;
  cityFunds: number;
  selfFunds: number;
  participants: string[];
}

/**
 * Demo data for track 3.1's chain side: chain C01's draft work plan for the current plan, led by the
 * chain_leader demo account's organisation (广州诚天控股集团有限公司), with six consortium members of
 * different positions (one a subsidiary of the leader), three core experts, three weak points, five
 * candidate projects (one led by the subsidiary), a comparison record selecting four and those four in
 * the plan — so a user can compare and include the fifth, then finalise.
 *
 * Runs through the work-plan commands (so every step is checked and audited). Idempotent: does nothing
 * when chain C01 already has a work plan for that plan, or when no plan has a published consortium call
 * yet (run it after the plan and calls are seeded).
 */
export async function seedDemoWorkplan(deps: Deps): Promise<DemoWorkplanResult> {
  const db = deps.db;
  const year = Number(shanghaiDate(deps.clock.now()).slice(0, 4));
  const plans = await db
    .selectFrom('plans as p')
    .select(['p.id', 'p.year'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('calls as c')
          .select('c.id')
          .whereRef('c.plan_id', '=', 'p.id')
          .where('c.track', '=', 'consortium')
          .where('c.status', '=', 'published'),
      ),
    )
    .orderBy(sql`case when p.year = ${year} then 0 else 1 end`)
    .orderBy('p.year', 'desc')
    .execute();
  const plan = plans[0];
  if (!plan) return { seeded: false, workplanId: null, reason: 'no plan with a published consortium call' };
  const chain = await db.selectFrom('chains').select(['id']).where('code', '=', CHAIN_CODE).executeTakeFirst();
  if (!chain) return { seeded: false, workplanId: null, reason: `no chain ${CHAIN_CODE}` };
  const existing = await findWorkplanByPlanChain(db, plan.id, chain.id);
  if (existing) return { seeded: false, workplanId: existing.id, reason: 'the work plan exists' };
  const selected = await db
    .selectFrom('plan_chains')
    .select('chain_id')
    .where('plan_id', '=', plan.id)
    .where('chain_id', '=', chain.id)
    .executeTakeFirst();
  if (!selected) return { seeded: false, workplanId: null, reason: `chain ${CHAIN_CODE} is not selected in the ${plan.year} plan` };
  if (!(await publishedConsortiumCall(db, plan.id))) return { seeded: false, workplanId: null, reason: 'no published consortium call' };

  const user = await db
    .selectFrom('users')
    .select(['id', 'email', 'org_id', 'person_id'])
    .where('email', '=', DEMO_EMAILS.chain_leader)
    .executeTakeFirst();
  if (!user?.org_id) return { seeded: false, workplanId: null, reason: 'no chain_leader demo account' };
  const leads = await db
    .selectFrom('chain_leaders')
    .select('org_id')
    .where('chain_id', '=', chain.id)
    .where('org_id', '=', user.org_id)
    .executeTakeFirst();
  if (!leads) return { seeded: false, workplanId: null, reason: `the demo chain leader does not lead ${CHAIN_CODE}` };
  const leaderOrgId = user.org_id;
  const actor: Actor = { userId: user.id, label: user.email, roles: ['chain_leader'], orgId: leaderOrgId, personId: user.person_id };

  // The consortium: five independent units of different positions and one subsidiary of the leader.
  const group = await leaderGroup(db, leaderOrgId);
  const subsidiary =
    group.find((g) => g.orgId !== leaderOrgId && /新能源|电池|电驱/.test(g.name)) ?? group.find((g) => g.orgId !== leaderOrgId);
  const taken = new Set<string>(group.map((g) => g.orgId));
  // The applicant-unit demo account's enterprise is the upstream member leading an in-plan project, so
  // the demo shows a lead unit completing a chain project's application (and the leader confirming it).
  const demoUnit = await db.selectFrom('users').select('org_id').where('email', '=', DEMO_EMAILS.unit_admin).executeTakeFirst();
  const demoUnitId = demoUnit?.org_id && !taken.has(demoUnit.org_id) ? demoUnit.org_id : null;
  if (demoUnitId) taken.add(demoUnitId);
  const upstream = demoUnitId ?? (await pickOrganisation(db, 'enterprise', ['%汽车电子%', '%半导体%', '%电子%', '%材料%'], taken));
  const downstream = await pickOrganisation(db, 'enterprise', ['%新能源%', '%智能%', '%汽车%'], taken);
  const university = await pickOrganisation(db, 'university', ['%理工%', '%机电%', '%大学%'], taken);
  const institute = await pickOrganisation(db, 'research_institute', ['%动力电池%', '%新能源%', '%智能制造%', '%研究%'], taken);
  const hospital = await pickOrganisation(db, 'medical_institution', ['%附属第一医院%', '%医院%'], taken);
  if (!subsidiary || !upstream || !downstream || !university || !institute || !hospital) {
    return { seeded: false, workplanId: null, reason: 'the registry lacks the organisations the demo consortium needs' };
  }
  const members: { orgId: string; position: ConsortiumPosition; note: string }[] = [
    { orgId: upstream, position: 'upstream', note: '车规级功率器件与汽车电子供应' },
    { orgId: subsidiary.orgId, position: 'upstream', note: '链主集团子公司，动力电池与电驱动' },
    { orgId: downstream, position: 'downstream', note: '新能源整车应用与示范运营' },
    { orgId: university, position: 'university', note: '智能驾驶感知与控制算法' },
    { orgId: institute, position: 'institute', note: '电池材料与测试验证平台' },
    { orgId: hospital, position: 'hospital', note: '驾乘人员健康监测临床验证' },
  ];

  const experts = await db
    .selectFrom('people')
    .select(['id'])
    .where('is_expert', '=', true)
    .where(sql<boolean>`exists (select 1 from unnest(field_codes) f where f like ${`${CHAIN_FIELD}%`})`)
    .orderBy('key')
    .limit(3)
    .execute();
  if (experts.length < 3) {
    const more = await db.selectFrom('people').select('id').where('is_expert', '=', true).orderBy('key').limit(3).execute();
    for (const p of more) if (experts.length < 3 && !experts.some((e) => e.id === p.id)) experts.push(p);
  }

  const projects: DemoProject[] = [
    {
      key: 'central-compute',
      title: '整车中央计算平台与域控制器功能安全关键技术',
      summary: '突破整车中央计算与区域控制架构、ASIL-D 功能安全与信息安全协同设计，形成自主可控的电子电气架构方案。',
      kind: 'key_common',
      orgMode: 'owner',
      lead: leaderOrgId,
      cityFunds: 1_000_000,
      selfFunds: 3_000_000,
      participants: [university, upstream],
    },
    {
      key: 'sic-module',
      title: '车规级碳化硅功率模块封装与可靠性关键技术',
      summary: '研发高温烧结银封装、双面散热碳化硅功率模块及其车规级可靠性验证方法，实现主驱逆变器批量装车。',
      kind: 'key_common',
      orgMode: 'open_challenge',
      lead: upstream,
      cityFunds: 2_000_000,
      selfFunds: 2_600_000,
      participants: [leaderOrgId],
    },
    {
      key: 'solid-state',
      title: '高安全固态锂电池界面调控与中试量产工艺',
      summary: '攻克固-固界面阻抗与锂枝晶抑制难题，建成固态电池中试线，单体能量密度不低于 400 Wh/kg。',
      kind: 'disruptive',
      orgMode: 'project_manager',
      lead: subsidiary.orgId,
      cityFunds: 1_000_000,
      selfFunds: 1_500_000,
      participants: [institute, university],
    },
    {
      key: 'perception',
      title: '面向城市复杂道路的 L4 级自动驾驶多传感器融合感知',
      summary: '构建激光雷达、毫米波雷达与视觉前融合感知模型和在线标定方法，在城市开放道路开展示范运营。',
      kind: 'disruptive',
      orgMode: 'open_challenge',
      lead: university,
      cityFunds: 2_000_000,
      selfFunds: 2_000_000,
      participants: [downstream],
    },
    {
      key: 'driver-health',
      title: '驾乘人员生理状态监测与车载急救联动系统',
      summary: '研制非接触式心率、呼吸与疲劳监测座舱系统，打通车载终端与院前急救平台，开展临床对照验证。',
      kind: 'key_common',
      orgMode: 'standard',
      lead: hospital,
      cityFunds: 1_000_000,
      selfFunds: 1_200_000,
      participants: [downstream],
    },
  ];

  const today = shanghaiDate(deps.clock.now());
  let view = await createWorkplan(deps, actor, { planId: plan.id, chainId: chain.id });
  view = await updateWorkplan(deps, actor, view.id, {
    version: view.version,
    summary:
      '围绕智能网联与新能源汽车产业链"卡脖子"环节，联合上下游企业、高校、科研院所和医疗机构组建创新联合体，聚焦电子电气架构、功率半导体、动力电池和智能驾驶四个方向，组织年度协同攻关。',
    weakPoints: [
      { text: '车规级芯片与碳化硅功率器件高度依赖进口，供应链安全风险突出' },
      { text: '固态电池等下一代动力电池仍处实验室阶段，量产工艺与装备不成熟' },
      { text: '高阶智能驾驶感知算法与多传感器标定缺乏本地化数据与验证场景' },
    ],
  });
  await setMembers(deps, actor, view.id, { members });
  await setExperts(deps, actor, view.id, {
    experts: experts.map((e, i) => ({
      personId: e.id,
      role: i === 0 ? '首席专家（技术总师）' : i === 1 ? '动力电池方向专家' : '智能驾驶方向专家',
    })),
  });
  const ids = new Map<string, string>();
  for (const p of projects) {
    view = await addCandidate(deps, actor, view.id, {
      title: p.title,
      summary: p.summary,
      kind: p.kind,
      orgMode: p.orgMode,
      leadOrgId: p.lead,
      cityFunds: p.cityFunds,
      selfFunds: p.selfFunds,
      participants: p.participants.map((orgId) => ({ orgId, role: '参与单位' })),
    });
    ids.set(p.key, view.candidates.find((c) => c.title === p.title)!.applicationId);
  }
  const chosen = projects.slice(0, 4);
  await recordComparison(deps, actor, view.id, {
    topic: `${plan.year} 年度智能网联与新能源汽车产业链攻关项目论证比选`,
    heldOn: today,
    method: '专家论证会',
    participants: '链主企业技术委员会、联合体成员单位代表、核心技术专家团队',
    conclusion: '四个项目技术路线清晰、配套资金落实，同意纳入年度科技攻关工作方案；驾乘健康监测项目待补充临床合作方案后另行论证。',
    candidates: chosen.map((p) => ({ applicationId: ids.get(p.key)!, verdict: 'selected' as const, note: '同意纳入' })),
  });
  for (const p of chosen) view = await includeCandidate(deps, actor, view.id, ids.get(p.key)!, {});
  return { seeded: true, workplanId: view.id };
}
