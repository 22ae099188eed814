import { DEFAULT_PLAN_PARAMS, type PlanParams, type Role } from '@rdplan/domain';
import { describe, expect, it } from 'vitest';
import { DEMO_EMAILS, DEMO_PASSWORDS } from '@rdplan/demo';
import { verifyAudit } from '../src/audit/audit.js';
import { loadChainPlanFacts, loadConsortiumProjectFacts } from '../src/repositories/workplans.js';
import { seedDemo } from '../src/seed/demo.js';
import { seedDemoWorkplan } from '../src/seed/demo-workplan.js';
import type { Client } from './support/client.js';
import { createOrg, createUser, PASSWORD } from './support/fixtures.js';
import { startHarness } from './support/harness.js';

const h = await startHarness();
const db = h.deps.db;

async function signIn(roles: Role[], orgId: string | null = null) {
  const u = await createUser(db, { roles, orgId });
  const c = h.client();
  expect((await c.login(u.email, PASSWORD)).status).toBe(200);
  return c;
}

/** The corporate group: leader → sub → subsub (a subsidiary of a subsidiary). */
const leaderOrg = await createOrg(db, { name: '广州测试链主集团有限公司' });
const sub = await createOrg(db, { name: '广州测试链主零部件有限公司' });
const subsub = await createOrg(db, { name: '广州测试链主电驱动科技有限公司' });
await db
  .insertInto('control_edges')
  .values([
    { parent_id: leaderOrg.id, child_id: sub.id, share_pct: '100' },
    { parent_id: sub.id, child_id: subsub.id, share_pct: '70' },
  ])
  .execute();
const upstream = await createOrg(db, { name: '广州上游材料有限公司' });
const downstream = await createOrg(db, { name: '广州下游整车有限公司' });
const university = await createOrg(db, { name: '测试理工大学', type: 'university' });
const institute = await createOrg(db, { name: '广州测试研究院', type: 'research_institute' });
const hospital = await createOrg(db, { name: '广州测试医院', type: 'medical_institution' });
const outsider = await createOrg(db, { name: '联合体外部有限公司' });
const otherLeaderOrg = await createOrg(db, { name: '广州另一链主有限公司' });

const chain = await db
  .insertInto('chains')
  .values({ code: 'WT1', name_zh: '测试汽车链', name_en: 'Test car chain' })
  .returning('id')
  .executeTakeFirstOrThrow();
const otherChain = await db
  .insertInto('chains')
  .values({ code: 'WT2', name_zh: '测试医药链', name_en: 'Test pharma chain' })
  .returning('id')
  .executeTakeFirstOrThrow();
const unselectedChain = await db
  .insertInto('chains')
  .values({ code: 'WT3', name_zh: '未选链', name_en: 'Unselected' })
  .returning('id')
  .executeTakeFirstOrThrow();
await db
  .insertInto('chain_leaders')
  .values([
    { chain_id: chain.id, org_id: leaderOrg.id },
    { chain_id: otherChain.id, org_id: otherLeaderOrg.id },
    { chain_id: unselectedChain.id, org_id: leaderOrg.id },
  ])
  .execute();

async function insertPlan(year: number, params: Partial<PlanParams>, chainIds: string[], withCall: boolean) {
  const plan = await db
    .insertInto('plans')
    .values({ year, title: `${year} 年度计划`, status: 'published', params: JSON.stringify({ ...DEFAULT_PLAN_PARAMS, ...params }) })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (chainIds.length > 0)
    await db
      .insertInto('plan_chains')
      .values(chainIds.map((id) => ({ plan_id: plan.id, chain_id: id })))
      .execute();
  if (withCall) await insertCall(plan.id);
  return plan.id;
}

async function insertCall(planId: string) {
  const row = await db
    .insertInto('calls')
    .values({
      plan_id: planId,
      track: 'consortium',
      title_zh: '产业链创新联合体',
      title_en: 'Consortium',
      opens_at: new Date('2031-01-01T00:00:00Z'),
      closes_at: new Date('2031-12-31T00:00:00Z'),
      status: 'published',
      published_at: new Date('2031-01-01T00:00:00Z'),
      conditions: '[]',
      materials: '[]',
      criteria: '[]',
      checklist: '[]',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const planId = await insertPlan(2031, {}, [chain.id, otherChain.id], true);

const people = await db
  .insertInto('people')
  .values(
    ['张专家', '李研究员', '王教授', '赵工程师'].map((name, i) => ({
      key: `wp-person-${i}`,
      name,
      email: null,
      title_level: 'senior',
      title_name: '教授级高工',
      field_codes: [],
      keywords: [],
      is_expert: i < 2,
    })),
  )
  .returning('id')
  .execute();

const leader = await signIn(['chain_leader'], leaderOrg.id);
const otherLeader = await signIn(['chain_leader'], otherLeaderOrg.id);
const unitAdmin = await signIn(['unit_admin'], upstream.id);
const unitMember = await signIn(['unit_member'], leaderOrg.id);
const officer = await signIn(['officer']);
const analyst = await signIn(['analyst']);
const admin = await signIn(['admin']);

async function audit(entityId: string) {
  return db.selectFrom('audit_events').selectAll().where('entity_id', '=', entityId).orderBy('seq').execute();
}
async function candidateCount(workplanId: string) {
  const r = await db
    .selectFrom('applications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workplan_id', '=', workplanId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

interface Candidate {
  applicationId: string;
  title: string;
  inPlan: boolean;
  status: string;
  rules: { code: string; outcome: string; blocking: boolean }[];
}
const byTitle = (view: { candidates: Candidate[] }, title: string) => view.candidates.find((c) => c.title === title)!;
const planRule = (view: { planRules: { code: string }[] }, code: string) => view.planRules.find((r) => r.code === code) as any;

function project(title: string, leadOrgId: string, cityFunds: number, over: Record<string, unknown> = {}) {
  return {
    title,
    summary: `${title}：面向整车安全的关键技术攻关`,
    kind: 'key_common',
    orgMode: 'open_challenge',
    leadOrgId,
    cityFunds,
    selfFunds: cityFunds * 2,
    participants: [],
    ...over,
  };
}

async function add(c: Client, wpId: string, body: Record<string, unknown>) {
  return c.post(`/api/workplans/${wpId}/candidates`, body);
}

let wpId = '';
const ids: Record<string, string> = {};

describe('chain work plans', () => {
  it('lets only the chain leader start its chain’s plan, once, for a chain the plan selected', async () => {
    const res = await leader.post('/api/workplans', { planId, chainId: chain.id });
    expect(res.status).toBe(201);
    wpId = res.body.id;
    expect(res.body).toMatchObject({
      planYear: 2031,
      chain: { code: 'WT1', nameZh: '测试汽车链' },
      leader: { orgId: leaderOrg.id },
      status: 'draft',
      version: 1,
      members: [{ orgId: leaderOrg.id, position: 'leader' }],
      params: { chainFundsCap: 10_000_000 },
    });
    expect(res.body.leaderGroup.map((g: { orgId: string }) => g.orgId).sort()).toEqual([leaderOrg.id, sub.id, subsub.id].sort());
    expect((await audit(wpId)).map((a) => a.action)).toEqual(['workplan.create']);

    const again = await leader.post('/api/workplans', { planId, chainId: chain.id });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('conflict');
    expect((await otherLeader.post('/api/workplans', { planId, chainId: chain.id })).status).toBe(403);
    const notSelected = await leader.post('/api/workplans', { planId, chainId: unselectedChain.id });
    expect(notSelected.status).toBe(400);
    expect(notSelected.body.details[0].path).toBe('body.chainId');
    expect((await officer.post('/api/workplans', { planId, chainId: chain.id })).status).toBe(403);
  });

  it('shows the plan to its leader and the bureau; the leader of another chain and unit users get 404 (logged)', async () => {
    expect((await leader.get(`/api/workplans/${wpId}`)).status).toBe(200);
    expect((await officer.get(`/api/workplans/${wpId}`)).status).toBe(200);
    expect((await admin.get(`/api/workplans/${wpId}`)).status).toBe(200);
    for (const c of [otherLeader, unitAdmin, unitMember, analyst]) {
      const res = await c.get(`/api/workplans/${wpId}`);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('not_found');
    }
    const other = await otherLeader.patch(`/api/workplans/${wpId}`, { version: 1, summary: 'x' });
    expect(other.status).toBe(404);
    const denied = await db.selectFrom('security_events').selectAll().where('kind', '=', 'access_denied').execute();
    expect(denied.filter((d) => JSON.stringify(d.details).includes(wpId)).length).toBeGreaterThanOrEqual(5);

    expect((await leader.get('/api/workplans')).body.items.map((w: { id: string }) => w.id)).toEqual([wpId]);
    expect((await otherLeader.get('/api/workplans')).body.items).toEqual([]);
    expect((await unitAdmin.get('/api/workplans')).body.items).toEqual([]);
    expect((await analyst.get('/api/workplans')).body.items).toEqual([]);
    expect((await officer.get(`/api/workplans?chainId=${chain.id}`)).body.items.map((w: { id: string }) => w.id)).toEqual([wpId]);
    expect((await officer.get(`/api/workplans?chainId=${otherChain.id}`)).body.items).toEqual([]);
  });

  it('keeps the summary and weak points with optimistic concurrency', async () => {
    const res = await leader.patch(`/api/workplans/${wpId}`, {
      version: 1,
      summary: '围绕整车电子电气架构与动力电池安全开展协同攻关',
      weakPoints: [{ text: '车规级芯片依赖进口' }, { text: '固态电池量产工艺不成熟' }, { text: '高精度传感器标定能力不足' }],
    });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(2);
    expect(res.body.weakPoints).toHaveLength(3);
    const stale = await leader.patch(`/api/workplans/${wpId}`, { version: 1, summary: '旧版本' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('conflict');
    expect((await db.selectFrom('workplans').select('summary').where('id', '=', wpId).executeTakeFirstOrThrow()).summary).toContain('整车');
  });

  it('forms the consortium and the expert team', async () => {
    const bad = await leader.put(`/api/workplans/${wpId}/members`, { members: [{ orgId: leaderOrg.id, position: 'upstream' }] });
    expect(bad.status).toBe(400);
    const res = await leader.put(`/api/workplans/${wpId}/members`, {
      members: [
        { orgId: upstream.id, position: 'upstream' },
        { orgId: downstream.id, position: 'downstream' },
        { orgId: university.id, position: 'university' },
        { orgId: institute.id, position: 'institute' },
        { orgId: hospital.id, position: 'hospital' },
        { orgId: subsub.id, position: 'upstream' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.members).toHaveLength(7);
    expect(res.body.members[0]).toMatchObject({ orgId: leaderOrg.id, position: 'leader' });

    const experts = await leader.put(`/api/workplans/${wpId}/experts`, {
      experts: people.slice(0, 3).map((p, i) => ({ personId: p.id, role: i === 0 ? '首席专家' : '核心专家' })),
    });
    expect(experts.status).toBe(200);
    expect(experts.body.experts).toHaveLength(3);
    expect(planRule(experts.body, '4.1.a').outcome).toBe('pass');
    expect((await audit(wpId)).map((a) => a.action)).toEqual(
      expect.arrayContaining(['workplan.members.set', 'workplan.experts.set', 'workplan.update']),
    );
  });

  it('refuses candidates that break a hard cap, storing nothing', async () => {
    const before = await candidateCount(wpId);
    const odd = await add(leader, wpId, project('非定额项目', upstream.id, 1_500_000));
    expect(odd.status).toBe(422);
    expect(odd.body.code).toBe('rule_failed');
    expect(odd.body.details.rules).toEqual(['3.1.d']);
    const outside = await add(
      leader,
      wpId,
      project('外部参与项目', upstream.id, 1_000_000, { participants: [{ orgId: outsider.id, role: '参与' }] }),
    );
    expect(outside.status).toBe(422);
    expect(outside.body.details.rules).toEqual(['3.1.f']);
    const outsideLead = await add(leader, wpId, project('外部牵头项目', outsider.id, 1_000_000));
    expect(outsideLead.body.details.rules).toEqual(['3.1.f']);
    const thin = await add(leader, wpId, project('自筹不足项目', upstream.id, 2_000_000, { selfFunds: 1_999_999 }));
    expect(thin.status).toBe(422);
    expect(thin.body.details.rules).toEqual(['3.1.g']);
    expect(await candidateCount(wpId)).toBe(before);
    expect((await unitAdmin.post(`/api/workplans/${wpId}/candidates`, project('单位越权', upstream.id, 1_000_000))).status).toBe(403);
  });

  it('adds candidates as draft applications of the consortium call and checks them live', async () => {
    const specs: [string, string, number, Record<string, unknown>][] = [
      ['A 整车域控制器功能安全架构', leaderOrg.id, 1_000_000, { participants: [{ orgId: university.id, role: '算法验证' }] }],
      ['B 车规级功率半导体模块', upstream.id, 2_000_000, { kind: 'disruptive', orgMode: 'project_manager' }],
      ['C 固态电池界面材料', university.id, 1_000_000, {}],
      ['D 智能驾驶多传感器融合标定', institute.id, 2_000_000, { orgMode: 'owner' }],
      ['E 驾驶员健康监测与急救联动', hospital.id, 1_000_000, { participants: [{ orgId: downstream.id, role: '整车集成' }] }],
      ['A2 整车热管理系统', leaderOrg.id, 1_000_000, {}],
      ['F 高功率密度电驱动总成', subsub.id, 1_000_000, {}],
      ['G 线控底盘冗余制动', downstream.id, 1_000_000, {}],
      ['G2 车路协同边缘计算平台', downstream.id, 2_000_000, {}],
    ];
    let view: any;
    for (const [title, lead, funds, over] of specs) {
      const res = await add(leader, wpId, project(title, lead, funds, over));
      expect(res.status, title).toBe(201);
      view = res.body;
      ids[title.split(' ')[0]!] = byTitle(view, title).applicationId;
    }
    expect(view.candidates).toHaveLength(9);
    expect(view.candidates.every((c: Candidate) => !c.inPlan && c.status === 'draft')).toBe(true);
    const a = byTitle(view, specs[0]![0]);
    expect(a.rules.map((r) => r.code)).toEqual(['3.1.d', '3.1.e', '3.1.f', '3.1.g', '4.1.e']);
    expect(a.rules.every((r) => r.outcome === 'pass')).toBe(true);
    expect(byTitle(view, specs[6]![0])).toMatchObject({ leadInLeaderGroup: true });

    const row = await db.selectFrom('applications').selectAll().where('id', '=', ids.A!).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      track: 'consortium',
      workplan_id: wpId,
      org_id: leaderOrg.id,
      status: 'draft',
      in_plan: false,
      city_funds: 1_000_000,
    });
    expect(row.form).toMatchObject({ title: specs[0]![0] });
    const units = await db.selectFrom('application_units').selectAll().where('application_id', '=', ids.A!).execute();
    expect(units.map((u) => u.org_id)).toEqual([university.id]);
    expect((await audit(ids.A!)).map((x) => x.action)).toEqual(['workplan.candidate.create']);

    // The lead unit has filled more of the form meanwhile; the leader's edit keeps it.
    await db
      .updateTable('applications')
      .set({ form: JSON.stringify({ title: specs[0]![0], summary: 's', objectives: '完成功能安全认证' }) })
      .where('id', '=', ids.A!)
      .execute();
    const edited = await leader.patch(`/api/workplans/${wpId}/candidates/${ids.A}`, { summary: '域控制器 ASIL-D 架构' });
    expect(edited.status).toBe(200);
    const form = (await db.selectFrom('applications').select('form').where('id', '=', ids.A!).executeTakeFirstOrThrow()).form;
    expect(form).toMatchObject({ objectives: '完成功能安全认证', summary: '域控制器 ASIL-D 架构' });
    const badEdit = await leader.patch(`/api/workplans/${wpId}/candidates/${ids.A}`, { cityFunds: 3_000_000 });
    expect(badEdit.status).toBe(422);
    expect(badEdit.body.details.rules).toEqual(['3.1.d', '3.1.g']);

    const facts = await loadConsortiumProjectFacts(db, ids.A!);
    expect(facts).toMatchObject({
      workplanId: wpId,
      workplanStatus: 'draft',
      facts: { leadOrgId: leaderOrg.id, cityFunds: 1_000_000, participantOrgIds: [university.id] },
    });
    expect(facts!.facts.memberOrgIds).toHaveLength(7);
    expect(await loadConsortiumProjectFacts(db, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('includes only candidates selected in a comparison record (4.1.c)', async () => {
    const res = await leader.post(`/api/workplans/${wpId}/candidates/${ids.A}/include`, {});
    expect(res.status).toBe(422);
    expect(res.body.details.rules).toEqual(['4.1.c']);
    const cmp = await leader.post(`/api/workplans/${wpId}/comparisons`, {
      topic: '2031 年度攻关项目论证比选',
      heldOn: '2031-03-15',
      method: '专家论证会',
      participants: '链主企业、联合体成员、核心技术专家 7 人',
      conclusion: '同意 A、B、C、D、E、A2、F 纳入年度方案，G 暂缓',
      candidates: [
        ...['A', 'B', 'C', 'D', 'E', 'A2', 'F'].map((k) => ({ applicationId: ids[k], verdict: 'selected', note: '技术路线清晰' })),
        { applicationId: ids.G, verdict: 'not_selected', note: '与 B 重复' },
      ],
    });
    expect(cmp.status).toBe(201);
    expect(cmp.body.comparisons).toHaveLength(1);
    const notSelected = await leader.post(`/api/workplans/${wpId}/candidates/${ids.G}/include`, {});
    expect(notSelected.status).toBe(422);
    expect(notSelected.body.details.rules).toEqual(['4.1.c']);
    const foreign = await leader.post(`/api/workplans/${wpId}/comparisons`, {
      topic: 'x',
      heldOn: '2031-03-16',
      method: '函评',
      conclusion: 'x',
      candidates: [{ applicationId: '00000000-0000-4000-8000-000000000000', verdict: 'selected' }],
    });
    expect(foreign.status).toBe(400);
  });

  it('refuses to finalise with too few projects (3.1.c) or experts (4.1.a)', async () => {
    for (const k of ['A', 'B', 'C', 'D']) {
      const res = await leader.post(`/api/workplans/${wpId}/candidates/${ids[k]}/include`, {});
      expect(res.status, k).toBe(200);
    }
    const four = await leader.post(`/api/workplans/${wpId}/finalise`, {});
    expect(four.status).toBe(422);
    expect(four.body.details.rules).toEqual(['3.1.c']);
    expect((await db.selectFrom('workplans').select('status').where('id', '=', wpId).executeTakeFirstOrThrow()).status).toBe('draft');

    for (const k of ['E', 'A2']) expect((await leader.post(`/api/workplans/${wpId}/candidates/${ids[k]}/include`, {})).status).toBe(200);
    await leader.put(`/api/workplans/${wpId}/experts`, { experts: people.slice(0, 2).map((p) => ({ personId: p.id, role: '核心专家' })) });
    const fewExperts = await leader.post(`/api/workplans/${wpId}/finalise`, {});
    expect(fewExperts.status).toBe(422);
    expect(fewExperts.body.details.rules).toEqual(['4.1.a']);
    const back = await leader.put(`/api/workplans/${wpId}/experts`, {
      experts: people.slice(1, 4).map((p) => ({ personId: p.id, role: '核心专家' })),
    });
    expect(back.body.experts.map((e: { name: string }) => e.name).sort()).toEqual(['李研究员', '王教授', '赵工程师'].sort());
  });

  it('counts 3.1.h over the whole corporate group and lets an officer override it with a reason', async () => {
    const res = await leader.post(`/api/workplans/${wpId}/candidates/${ids.F}/include`, {});
    expect(res.status).toBe(200); // in principle: shown, not refused while drafting
    const h31 = planRule(res.body, '3.1.h');
    expect(h31).toMatchObject({ outcome: 'fail', blocking: true, inPrinciple: true, decision: null, facts: { count: 3 } });
    const facts = await loadChainPlanFacts(db, wpId, 'final');
    expect(facts.projects).toHaveLength(7);
    expect(facts.leaderGroupOrgIds.sort()).toEqual([leaderOrg.id, sub.id, subsub.id].sort());
    expect(facts).toMatchObject({ stage: 'final', memberCount: 7, expertCount: 3, weakPointCount: 3 });

    const refused = await leader.post(`/api/workplans/${wpId}/finalise`, {});
    expect(refused.status).toBe(422);
    expect(refused.body.details.rules).toEqual(['3.1.h']);

    expect(
      (await leader.post(`/api/workplans/${wpId}/rule-decisions`, { code: '3.1.h', kind: 'override', reason: '理由充分的说明' })).status,
    ).toBe(403);
    const short = await officer.post(`/api/workplans/${wpId}/rule-decisions`, { code: '3.1.h', kind: 'override', reason: '同意' });
    expect(short.status).toBe(400);
    expect(short.body.details[0].path).toBe('body.reason');
    const hardCode = await officer.post(`/api/workplans/${wpId}/rule-decisions`, {
      code: '3.1.b',
      kind: 'override',
      reason: '超出上限也同意',
    });
    expect(hardCode.status).toBe(400);
    const reason = '电驱动总成为链主集团核心能力，经局务会研究同意由集团三家单位牵头';
    const ok = await officer.post(`/api/workplans/${wpId}/rule-decisions`, { code: '3.1.h', kind: 'override', reason });
    expect(ok.status).toBe(201);
    expect(planRule(ok.body, '3.1.h')).toMatchObject({ outcome: 'fail', blocking: false, decision: { kind: 'override', reason } });
    const seen = await leader.get(`/api/workplans/${wpId}`);
    expect(planRule(seen.body, '3.1.h').decision.reason).toBe(reason);
    const stored = await db.selectFrom('rule_decisions').selectAll().where('subject_id', '=', wpId).execute();
    expect(stored).toMatchObject([{ subject_type: 'workplan', rule_code: '3.1.h', kind: 'override', reason }]);
    const event = (await audit(wpId)).find((a) => a.action === 'workplan.rule_decision');
    expect(event).toMatchObject({ reason, after: { code: '3.1.h', kind: 'override', reason } });
  });

  it('refuses the 11,000,000th yuan (3.1.b)', async () => {
    await leader.post(`/api/workplans/${wpId}/comparisons`, {
      topic: '补充论证',
      heldOn: '2031-04-01',
      method: '比选会',
      conclusion: '同意 G2',
      candidates: [{ applicationId: ids.G2, verdict: 'selected', note: '' }],
    });
    const view = (await leader.get(`/api/workplans/${wpId}`)).body;
    expect(view.totals).toMatchObject({ inPlan: 7, cityFunds: 9_000_000 });
    const res = await leader.post(`/api/workplans/${wpId}/candidates/${ids.G2}/include`, {});
    expect(res.status).toBe(422);
    expect(res.body.details.rules).toEqual(['3.1.b']);
    expect((await db.selectFrom('applications').select('in_plan').where('id', '=', ids.G2!).executeTakeFirstOrThrow()).in_plan).toBe(false);
  });

  it('finalises, withdraws the candidates left out, and then refuses edits until an officer reopens it', async () => {
    const res = await leader.post(`/api/workplans/${wpId}/finalise`, {});
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('finalised');
    expect(res.body.finalisedAt).not.toBeNull();
    expect(byTitle(res.body, 'G 线控底盘冗余制动').status).toBe('withdrawn');
    expect(byTitle(res.body, 'G2 车路协同边缘计算平台').status).toBe('withdrawn');
    expect(byTitle(res.body, 'A2 整车热管理系统').status).toBe('draft');
    const fin = (await audit(wpId)).find((a) => a.action === 'workplan.finalise')!;
    expect(fin.after).toMatchObject({ status: 'finalised', withdrawn: expect.arrayContaining([ids.G, ids.G2]) });
    expect((fin.after as { overrides: unknown[] }).overrides).toHaveLength(1);

    expect((await analyst.get(`/api/workplans/${wpId}`)).status).toBe(200);
    expect((await analyst.get('/api/workplans')).body.items.map((w: { id: string }) => w.id)).toEqual([wpId]);

    const version = res.body.version;
    const attempts = [
      await leader.patch(`/api/workplans/${wpId}`, { version, summary: '改' }),
      await leader.put(`/api/workplans/${wpId}/members`, { members: [] }),
      await leader.put(`/api/workplans/${wpId}/experts`, { experts: [] }),
      await add(leader, wpId, project('定稿后新增', upstream.id, 1_000_000)),
      await leader.patch(`/api/workplans/${wpId}/candidates/${ids.A}`, { title: '改名' }),
      await leader.delete(`/api/workplans/${wpId}/candidates/${ids.G}`),
      await leader.post(`/api/workplans/${wpId}/candidates/${ids.A}/exclude`, {}),
      await leader.post(`/api/workplans/${wpId}/finalise`, {}),
    ];
    for (const a of attempts) {
      expect(a.status).toBe(409);
      expect(a.body.code).toBe('state_conflict');
    }

    expect((await leader.post(`/api/workplans/${wpId}/reopen`, { reason: '链主自行退回修改' })).status).toBe(403);
    const reopened = await officer.post(`/api/workplans/${wpId}/reopen`, { reason: '补充 G2 项目论证材料后重新定稿' });
    expect(reopened.status).toBe(200);
    expect(reopened.body.status).toBe('draft');
    expect(byTitle(reopened.body, 'G 线控底盘冗余制动').status).toBe('draft');
    const ev = (await audit(wpId)).find((a) => a.action === 'workplan.reopen')!;
    expect(ev.reason).toBe('补充 G2 项目论证材料后重新定稿');
    expect((await officer.post(`/api/workplans/${wpId}/reopen`, { reason: '再次退回试试' })).status).toBe(409);

    const dropped = await leader.delete(`/api/workplans/${wpId}/candidates/${ids.G}`);
    expect(dropped.status).toBe(200);
    expect(dropped.body.candidates.some((c: Candidate) => c.applicationId === ids.G)).toBe(false);
    const inPlanDelete = await leader.delete(`/api/workplans/${wpId}/candidates/${ids.A}`);
    expect(inPlanDelete.status).toBe(409);
    const excluded = await leader.post(`/api/workplans/${wpId}/candidates/${ids.A2}/exclude`, {});
    expect(byTitle(excluded.body, 'A2 整车热管理系统').inPlan).toBe(false);
  });

  it('audits every change', async () => {
    const actions = new Set(
      (
        await db
          .selectFrom('audit_events')
          .select('action')
          .where((eb) => eb.or([eb('entity_id', '=', wpId), eb('entity_id', 'in', Object.values(ids))]))
          .execute()
      ).map((a) => a.action),
    );
    for (const a of [
      'workplan.create',
      'workplan.update',
      'workplan.members.set',
      'workplan.experts.set',
      'workplan.candidate.create',
      'workplan.candidate.update',
      'workplan.candidate.delete',
      'workplan.candidate.include',
      'workplan.candidate.exclude',
      'workplan.comparison.create',
      'workplan.rule_decision',
      'workplan.finalise',
      'workplan.reopen',
    ]) {
      expect(actions.has(a), a).toBe(true);
    }
    // Refused steps left no trace.
    const refusedTitles = ['非定额项目', '外部参与项目', '自筹不足项目'];
    const creates = await db.selectFrom('audit_events').select('after').where('action', '=', 'workplan.candidate.create').execute();
    expect(creates.some((c) => refusedTitles.includes((c.after as { title: string }).title))).toBe(false);
  });

  it('caps a chain at its maximum number of projects (3.1.c) and needs a published call', async () => {
    const bigPlan = await insertPlan(2032, { chainFundsCap: 50_000_000 }, [chain.id], false);
    const created = await leader.post('/api/workplans', { planId: bigPlan, chainId: chain.id });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await leader.put(`/api/workplans/${id}/members`, {
      members: [
        { orgId: upstream.id, position: 'upstream' },
        { orgId: downstream.id, position: 'downstream' },
        { orgId: university.id, position: 'university' },
      ],
    });
    const noCall = await add(leader, id, project('无指南项目', upstream.id, 1_000_000));
    expect(noCall.status).toBe(409);
    expect(noCall.body.code).toBe('state_conflict');
    await insertCall(bigPlan);
    const leads = [upstream.id, downstream.id, university.id];
    const appIds: string[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await add(leader, id, project(`批量项目 ${i + 1}`, leads[i % 3]!, 1_000_000));
      expect(res.status).toBe(201);
      appIds.push(res.body.candidates.at(-1).applicationId);
    }
    await leader.post(`/api/workplans/${id}/comparisons`, {
      topic: '批量论证',
      heldOn: '2032-03-01',
      method: '专家论证会',
      conclusion: '全部入选',
      candidates: appIds.map((a) => ({ applicationId: a, verdict: 'selected' })),
    });
    for (const a of appIds.slice(0, 10)) expect((await leader.post(`/api/workplans/${id}/candidates/${a}/include`, {})).status).toBe(200);
    const eleventh = await leader.post(`/api/workplans/${id}/candidates/${appIds[10]}/include`, {});
    expect(eleventh.status).toBe(422);
    expect(eleventh.body.details.rules).toEqual(['3.1.c']);
    // Dropping a member that leads a candidate would break 3.1.f.
    const drop = await leader.put(`/api/workplans/${id}/members`, { members: [{ orgId: upstream.id, position: 'upstream' }] });
    expect(drop.status).toBe(422);
    expect(drop.body.details.rules).toEqual(['3.1.f']);
  });
});

describe('demo work plan', () => {
  it('seeds chain C01’s draft plan once, so that the demo leader can include the fifth project and finalise', async () => {
    const d = await startHarness();
    expect(await seedDemoWorkplan(d.deps)).toMatchObject({ seeded: false, workplanId: null });
    await seedDemo(d.deps); // seeds the plan, the calls and then the work plan
    const first = await seedDemoWorkplan(d.deps);
    expect(first).toMatchObject({ seeded: false, reason: 'the work plan exists' });
    expect(first.workplanId).not.toBeNull();

    const c = d.client();
    expect((await c.login(DEMO_EMAILS.chain_leader, DEMO_PASSWORDS.chain_leader)).status).toBe(200);
    const view = (await c.get(`/api/workplans/${first.workplanId}`)).body;
    expect(view).toMatchObject({ status: 'draft', chain: { code: 'C01' }, leader: { name: '广州诚天控股集团有限公司' } });
    expect(view.members).toHaveLength(7);
    expect(new Set(view.members.map((m: { position: string }) => m.position)).size).toBe(6);
    expect(view.experts).toHaveLength(3);
    expect(view.weakPoints).toHaveLength(3);
    expect(view.candidates).toHaveLength(5);
    expect(
      view.candidates.some(
        (x: { leadInLeaderGroup: boolean; leadOrgId: string }) => x.leadInLeaderGroup && x.leadOrgId !== view.leader.orgId,
      ),
    ).toBe(true);
    expect(view.totals).toMatchObject({ inPlan: 4, cityFunds: 6_000_000 });
    for (const x of view.candidates) {
      expect(x.rules.every((r: { outcome: string }) => r.outcome === 'pass')).toBe(true);
      expect(x.selfFunds).toBeGreaterThanOrEqual(x.cityFunds);
    }

    const fifth = view.candidates.find((x: Candidate) => !x.inPlan);
    const cmp = await c.post(`/api/workplans/${view.id}/comparisons`, {
      topic: '补充论证',
      heldOn: '2026-11-20',
      method: '专家论证会',
      conclusion: '同意纳入',
      candidates: [{ applicationId: fifth.applicationId, verdict: 'selected' }],
    });
    expect(cmp.status).toBe(201);
    expect((await c.post(`/api/workplans/${view.id}/candidates/${fifth.applicationId}/include`, {})).status).toBe(200);
    const fin = await c.post(`/api/workplans/${view.id}/finalise`, {});
    expect(fin.status).toBe(200);
    expect(fin.body.status).toBe('finalised');
    expect((await verifyAudit(d.deps.db)).ok).toBe(true);
  }, 120_000);
});
