import { approvalOutcome, DEFAULT_PLAN_PARAMS, projectCode, type ApprovalDecisionOut, type Role } from '@rdplan/domain';
import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/audit/audit.js';
import { seedBuiltinCalendar } from '../src/commands/reference/seed-builtin-calendar.js';
import { systemActor } from '../src/context.js';
import type { Client } from './support/client.js';
import { createOrg, createUser, PASSWORD } from './support/fixtures.js';
import { startHarness } from './support/harness.js';
import { insertApplication } from './support/review-selection.js';
import { pdf, seedFields, seedPlanAndCalls } from './support/tracks.js';

const h = await startHarness();
const db = h.deps.db;
await seedFields(db);
await seedBuiltinCalendar(h.deps, systemActor('test'), [2026]);

const signedIn: { client: Client; email: string }[] = [];
async function signIn(roles: Role[], orgId: string | null = null) {
  const u = await createUser(db, { roles, orgId });
  const c = h.client();
  expect((await c.login(u.email, PASSWORD)).status).toBe(200);
  signedIn.push({ client: c, email: u.email });
  return c;
}
async function at(iso: string) {
  h.clock.set(new Date(iso));
  for (const s of signedIn) expect((await s.client.login(s.email, PASSWORD)).status).toBe(200);
}
const officer = await signIn(['officer']);
const unitOrg = await createOrg(db, { name: '立项测试单位' });
const unitUser = await signIn(['unit_admin'], unitOrg.id);
const pub = h.client();
const HOW = '请于公示期内以书面形式向广州市科学技术局提出异议，并附真实姓名、工作单位、联系方式和证明材料。';

const { planId, calls } = await seedPlanAndCalls(db, { year: 2026 });
const unitMail = new Map<string, string>();
const orgIds = new Map<string, string>();
async function mailsTo(email: string) {
  return db.selectFrom('mail_outbox').select(['subject', 'body']).where('to_address', '=', email).execute();
}
async function app(
  track: 'consortium' | 'backfill' | 'continuation' | 'recognition',
  name: string,
  title: string,
  status: string,
  money: { city?: number; amount?: number } = {},
) {
  const org = await createOrg(db, { name });
  // Each unit has an active administrator; the outbox tells who was mailed.
  unitMail.set(name, (await createUser(db, { roles: ['unit_admin'], orgId: org.id })).email);
  orgIds.set(name, org.id);
  const a = await insertApplication(db, { callId: calls[track], track, orgId: org.id, cityFunds: money.city ?? null, form: { title } });
  await db
    .updateTable('applications')
    .set({ status: status as never, amount: money.amount ?? null })
    .where('id', '=', a.id)
    .execute();
  return a.id;
}
const chainApp = await app('consortium', '广州链上甲公司', '车规级芯片联合攻关', 'selected', { city: 2_000_000 });
const backfillA = await app('backfill', '广州递补甲公司', '工业大模型推理芯片研发', 'selected', { city: 1_000_000 });
const backfillB = await app('backfill', '广州递补乙公司', '固态电池电解质研发', 'selected', { city: 1_000_000 });
const backfillC = await app('backfill', '广州递补丙公司', '被异议移出的项目', 'selected', { city: 1_000_000 });
const contApp = await app('continuation', '广州接续公司', '高性能碳纤维成果转化', 'verified', { city: 1_350_000, amount: 1_350_000 });
const recApp = await app('recognition', '广州认定公司', '创新药中试平台', 'rechecked');
const unnoticed = await app('recognition', '广州未公示公司', '未公示的认定项目', 'rechecked');
await db
  .insertInto('selections')
  .values({
    plan_id: planId,
    objective: 'rank',
    funded: [chainApp, backfillA, backfillB, backfillC],
    result: JSON.stringify({}),
    reason: '测试',
  })
  .execute();

function objectionForm(fields: Record<string, string>) {
  const boundary = '----rdplanApprovalBoundary';
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  parts.push(
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="e.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    pdf('evidence'),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
async function objectTo(noticeId: string, applicationId: string) {
  const m = objectionForm({
    name: '李明',
    workUnit: '广州某大学',
    phone: '020-12345678',
    applicationId,
    grounds: '研究内容与已立项项目重复，请核查。',
  });
  const res = await pub.request('POST', `/api/public/notices/${noticeId}/objections`, m.body, m.headers);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

const ALL = [chainApp, backfillA, backfillB, contApp, recApp];
let objectionB: string;

describe('approval and recognition after the notice', () => {
  it('publishes the notices; an objection is filed on one project and another is upheld', async () => {
    await at('2026-06-01T02:00:00Z');
    const sel = await officer.post('/api/notices', { planId, source: 'selection', howToObject: HOW });
    expect(sel.status).toBe(201);
    expect((await officer.post('/api/notices', { planId, source: 'continuation', howToObject: HOW })).status).toBe(201);
    expect((await officer.post('/api/notices', { planId, source: 'recognition', howToObject: HOW, applicationIds: [recApp] })).status).toBe(
      201,
    );
    objectionB = await objectTo(sel.body.id, backfillB);
    const objectionC = await objectTo(sel.body.id, backfillC);
    const upheld = await officer.post(`/api/objections/${objectionC}/decision`, {
      outcome: 'upheld',
      reason: '经核查属实，移出名单。',
      reply: '经核查属实，该项目已移出名单。',
    });
    expect(upheld.status).toBe(200);
  });

  it('refuses while the notice runs, listing every application and why; nothing is stored', async () => {
    await at('2026-06-05T02:00:00Z');
    const res = await officer.post('/api/approvals', { planId, docNumber: '穗科〔2026〕88号', applicationIds: ALL });
    expect(res.status).toBe(409);
    expect(res.body.details.reason).toBe('not_approvable');
    const reasons = Object.fromEntries(
      res.body.details.refusals.map((r: { applicationId: string; reason: string }) => [r.applicationId, r.reason]),
    );
    expect(reasons).toEqual({
      [chainApp]: 'notice_running',
      [backfillA]: 'notice_running',
      [backfillB]: 'objection_open',
      [contApp]: 'notice_running',
      [recApp]: 'notice_running',
    });
    expect(await db.selectFrom('projects').selectAll().execute()).toHaveLength(0);
    expect(await db.selectFrom('approval_decisions').selectAll().execute()).toHaveLength(0);
    // The officer's list to approve from says the same per project.
    const candidates = await officer.get(`/api/approvals/candidates?planId=${planId}`);
    expect(candidates.status).toBe(200);
    const holds = Object.fromEntries(
      candidates.body.items.map((c: { applicationId: string; hold: string | null }) => [c.applicationId, c.hold]),
    );
    expect(holds).toEqual({
      [chainApp]: 'notice_running',
      [backfillA]: 'notice_running',
      [backfillB]: 'objection_open',
      [backfillC]: 'removed_by_objection',
      [contApp]: 'notice_running',
      [recApp]: 'notice_running',
    });
  });

  it('after the end, an open objection still holds its project; an upheld one, an unpublished one and a wrong amount are refused', async () => {
    await at('2026-06-08T16:00:00Z'); // 00:00 on 06-09, Beijing time: the notices published on 06-01 have ended
    const res = await officer.post('/api/approvals', {
      planId,
      docNumber: '穗科〔2026〕88号',
      applicationIds: [...ALL, backfillC, unnoticed],
    });
    expect(res.status).toBe(409);
    const reasons = Object.fromEntries(
      res.body.details.refusals.map((r: { applicationId: string; reason: string }) => [r.applicationId, r.reason]),
    );
    expect(reasons).toEqual({ [backfillB]: 'objection_open', [backfillC]: 'removed_by_objection', [unnoticed]: 'not_on_notice' });
    // The pure rule refuses an amount its rule does not set.
    expect(approvalOutcome({ track: 'backfill', status: 'selected', cityFunds: 900_000, amount: null }, DEFAULT_PLAN_PARAMS)).toMatchObject(
      {
        ok: false,
        rule: '3.2.h',
      },
    );
    expect(
      approvalOutcome({ track: 'consortium', status: 'selected', cityFunds: 1_500_000, amount: null }, DEFAULT_PLAN_PARAMS),
    ).toMatchObject({
      ok: false,
      rule: '3.1.d',
    });
    expect(
      approvalOutcome({ track: 'recognition', status: 'formal_passed', cityFunds: null, amount: null }, DEFAULT_PLAN_PARAMS),
    ).toMatchObject({
      ok: false,
      reason: 'state',
    });
  });

  it("mails each unit about its own project: the notice, and an objection's outcome without the objector's data", async () => {
    // A member and a disabled account of the 乙 unit: the member is mailed too, the disabled one is not.
    const orgB = orgIds.get('广州递补乙公司')!;
    const member = await createUser(db, { roles: ['unit_member'], orgId: orgB });
    const disabled = await createUser(db, { roles: ['unit_admin'], orgId: orgB, status: 'disabled' });
    const a = await mailsTo(unitMail.get('广州递补甲公司')!);
    expect(a).toHaveLength(1);
    expect(a[0]!.subject).toContain('公示');
    expect(a[0]!.subject).toContain('Notice published');
    expect(a[0]!.body).toContain('“工业大模型推理芯片研发”');
    expect(a[0]!.body).toContain('2026-06-08'); // the period's end, Beijing time
    expect(a[0]!.body).not.toContain('固态电池电解质研发'); // another unit's project
    expect(a[0]!.body.indexOf('您好')).toBeLessThan(a[0]!.body.indexOf('Dear'));
    expect(await mailsTo(unitMail.get('广州认定公司')!)).toHaveLength(1);
    // A unit with no project on a notice gets nothing; nor does the unpublished recognition's unit.
    expect(await mailsTo(unitMail.get('广州未公示公司')!)).toHaveLength(0);
    // The upheld objection: the 丙 unit learns the outcome and the reason, not who objected nor the reply.
    const c = await mailsTo(unitMail.get('广州递补丙公司')!);
    expect(c).toHaveLength(2);
    const decided = c.find((m) => m.subject.includes('异议'))!;
    expect(decided.body).toContain('经核查属实，移出名单。');
    expect(decided.body).toContain('移出公示名单');
    for (const secret of ['李明', '广州某大学', '020-12345678', '经核查属实，该项目已移出名单。', '研究内容与已立项项目重复'])
      expect(decided.body).not.toContain(secret);
    // The dismissal of 乙's objection reaches both its active accounts, not the disabled one, nor 甲.
    const dismissed = await officer.post(`/api/objections/${objectionB}/decision`, {
      outcome: 'dismissed',
      reason: '经核查，研究内容不重复。',
      reply: '经核查，异议不成立。',
    });
    expect(dismissed.status).toBe(200);
    for (const email of [unitMail.get('广州递补乙公司')!, member.email]) {
      const m = (await mailsTo(email)).filter((x) => x.subject.includes('异议'));
      expect(m).toHaveLength(1);
      expect(m[0]!.body).toContain('经核查，研究内容不重复。');
      expect(m[0]!.body).not.toContain('李明');
      expect(m[0]!.body).not.toContain('经核查，异议不成立。');
    }
    expect(await mailsTo(disabled.email)).toHaveLength(0);
    expect(await mailsTo(unitMail.get('广州递补甲公司')!)).toHaveLength(1);
    expect(await mailsTo(signedIn[1]!.email)).toHaveLength(0); // the unit with no project
  });

  it('approves the batch with its 文号 once the objection is dismissed: stable codes, amounts by source, rule codes', async () => {
    expect((await unitUser.post('/api/approvals', { planId, docNumber: '穗科〔2026〕88号', applicationIds: ALL })).status).toBe(403);
    const res = await officer.post<ApprovalDecisionOut>('/api/approvals', { planId, docNumber: '穗科〔2026〕88号', applicationIds: ALL });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const d = res.body;
    expect(d).toMatchObject({ docNumber: '穗科〔2026〕88号', title: '关于下达2026年度广州市重点领域研发计划项目的通知' });
    const byApp = Object.fromEntries(d.projects.map((p) => [p.applicationId, p]));
    expect(byApp[chainApp]).toMatchObject({
      code: 'GZ-2026-3.1-0001',
      kind: 'approved',
      amounts: { city: 2_000_000 },
      rules: ['4.3.b', '3.1.d'],
    });
    // Backfill codes follow the unit names: 甲 before 乙.
    expect(byApp[backfillA]).toMatchObject({ code: 'GZ-2026-3.2-0001', amounts: { city: 1_000_000 }, rules: ['4.3.b', '3.2.h'] });
    expect(byApp[backfillB]).toMatchObject({ code: 'GZ-2026-3.2-0002' });
    expect(byApp[contApp]).toMatchObject({ code: 'GZ-2026-3.3-0001', amounts: { city: 1_350_000 }, rules: ['4.3.b', '3.3.e'] });
    expect(byApp[recApp]).toMatchObject({
      code: 'GZ-2026-3.4-0001',
      kind: 'recognised',
      amounts: { city: 0 },
      rules: ['4.3.b', '3.4.a', '3.4.b'],
    });
    expect(byApp[backfillA]).toMatchObject({
      unit: '广州递补甲公司',
      title: '工业大模型推理芯片研发',
      leader: { name: '张明', title: '教授级高工' },
      amounts: { city: 1_000_000, self: 1_000_000, other: 100_000 },
      period: { from: '2026-07', to: '2027-06' },
      kpis: [{ indicator: '推理能效', target: '≥ 10 TOPS/W', measure: '第三方测试' }],
    });
    expect(projectCode(2026, 'backfill', 7)).toBe('GZ-2026-3.2-0007');

    // Each unit is mailed its project code and the 文号; the recognised one without city funds.
    const approvedMail = (await mailsTo(unitMail.get('广州递补甲公司')!)).find((m) => m.subject.includes('GZ-'))!;
    expect(approvedMail.subject).toBe('项目立项：GZ-2026-3.2-0001 / Project approved: GZ-2026-3.2-0001');
    expect(approvedMail.body).toContain('穗科〔2026〕88号');
    expect(approvedMail.body).toContain('市财政资助：100 万元');
    expect(approvedMail.body).toContain('City funds: RMB 1 million');
    const recognisedMail = (await mailsTo(unitMail.get('广州认定公司')!)).find((m) => m.subject.includes('GZ-'))!;
    expect(recognisedMail.subject).toContain('GZ-2026-3.4-0001');
    expect(recognisedMail.subject).toContain('项目认定');
    expect(recognisedMail.body).not.toContain('市财政资助');
    // The unit whose project was taken off the list, and a unit with no project, get no approval mail.
    expect((await mailsTo(unitMail.get('广州递补丙公司')!)).some((m) => m.subject.includes('GZ-'))).toBe(false);
    expect(await mailsTo(unitMail.get('广州未公示公司')!)).toHaveLength(0);

    const one = await officer.get(`/api/projects/GZ-2026-3.2-0002`);
    expect(one.status).toBe(200);
    expect(one.body.applicationId).toBe(backfillB);
    expect((await officer.get('/api/projects/GZ-2026-3.2-0099')).status).toBe(404);
    expect((await officer.get('/api/projects/not-a-code')).status).toBe(400);
    expect((await unitUser.get('/api/projects')).status).toBe(403);
    const list = await officer.get(`/api/projects?planId=${planId}`);
    expect(list.body.items.map((p: { code: string }) => p.code)).toEqual([
      'GZ-2026-3.1-0001',
      'GZ-2026-3.2-0001',
      'GZ-2026-3.2-0002',
      'GZ-2026-3.3-0001',
      'GZ-2026-3.4-0001',
    ]);
  });

  it('a reference number is used once and an application becomes a project once', async () => {
    const dup = await officer.post('/api/approvals', { planId, docNumber: '穗科〔2026〕88号', applicationIds: [backfillA] });
    expect(dup.status).toBe(400);
    expect(dup.body.details[0].path).toBe('body.docNumber');
    const again = await officer.post('/api/approvals', { planId, docNumber: '穗科〔2026〕89号', applicationIds: [backfillA] });
    expect(again.status).toBe(409);
    expect(again.body.details.refusals[0]).toMatchObject({ reason: 'already_approved' });
    const decisions = await officer.get(`/api/approvals?planId=${planId}`);
    expect(decisions.body.items).toHaveLength(1);
    const candidates = await officer.get(`/api/approvals/candidates?planId=${planId}`);
    const approved = candidates.body.items.filter((c: { projectCode: string | null }) => c.projectCode);
    expect(approved).toHaveLength(5);
    expect(candidates.body.items.find((c: { applicationId: string }) => c.applicationId === backfillC)).toMatchObject({
      hold: 'removed_by_objection',
      projectCode: null,
    });
  });

  it('the application view carries the project it became: code, 文号, approved amount in yuan, when', async () => {
    const unit = h.client();
    expect((await unit.login(unitMail.get('广州递补甲公司')!, PASSWORD)).status).toBe(200);
    const mine = await unit.get(`/api/applications/${backfillA}`);
    expect(mine.status).toBe(200);
    expect(mine.body.project).toEqual({
      code: 'GZ-2026-3.2-0001',
      kind: 'approved',
      docNumber: '穗科〔2026〕88号',
      decisionTitle: '关于下达2026年度广州市重点领域研发计划项目的通知',
      approvedAmount: 1_000_000,
      approvedAt: h.clock.now().toISOString(),
    });
    // Another unit's application stays out of reach; the officer reads the recognition (no city funds).
    expect((await unit.get(`/api/applications/${backfillB}`)).status).toBe(404);
    const rec = await officer.get(`/api/applications/${recApp}`);
    expect(rec.body.project).toMatchObject({ code: 'GZ-2026-3.4-0001', kind: 'recognised', approvedAmount: 0 });
    // Not approved (taken off the list, never published): no project.
    expect((await officer.get(`/api/applications/${backfillC}`)).body.project).toBeNull();
    expect((await officer.get(`/api/applications/${unnoticed}`)).body.project).toBeNull();
  });

  it('each step is audited and the chain verifies', async () => {
    const actions = (await db.selectFrom('audit_events').select('action').execute()).map((a) => a.action);
    expect(actions.filter((a) => a === 'project.approve')).toHaveLength(4);
    expect(actions.filter((a) => a === 'project.recognise')).toHaveLength(1);
    expect(actions.filter((a) => a === 'approval.decide')).toHaveLength(1);
    expect((await verifyAudit(db)).ok).toBe(true);
  });
});
