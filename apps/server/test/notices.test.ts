import { decisionHold, type NoticeOut, type PlanParams, type Role } from '@rdplan/domain';
import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/audit/audit.js';
import { assertNoDecisionHold } from '../src/commands/notices/guard.js';
import { seedBuiltinCalendar } from '../src/commands/reference/seed-builtin-calendar.js';
import { systemActor } from '../src/context.js';
import type { Client } from './support/client.js';
import { createOrg, createUser, PASSWORD } from './support/fixtures.js';
import { startHarness } from './support/harness.js';
import { insertApplication } from './support/review-selection.js';
import { pdf, seedFields, seedPlanAndCalls } from './support/tracks.js';

const h = await startHarness();
// A second app with rate limits on (the harness turns them off): two public writes per address and minute.
const limited = await startHarness({ rateLimit: { windowSeconds: 60, login: 30, register: 10, invitations: 30, publicWrite: 2 } });
const db = h.deps.db;
await seedFields(db);
// The State Council schedules of 2024, 2025 and 2026 (built in); 2027 is not published in the package.
await seedBuiltinCalendar(h.deps, systemActor('test'), [2024, 2025, 2026]);

const signedIn: { client: Client; email: string }[] = [];
async function signIn(roles: Role[], orgId: string | null = null) {
  const u = await createUser(db, { roles, orgId });
  const c = h.client();
  expect((await c.login(u.email, PASSWORD)).status).toBe(200);
  signedIn.push({ client: c, email: u.email });
  return c;
}
const officer = await signIn(['officer']);
const unitOrg = await createOrg(db, { name: '公示测试单位' });
const unitUser = await signIn(['unit_admin'], unitOrg.id);
const pub = h.client();

const HOW = '请于公示期内以书面形式向广州市科学技术局提出异议，电话 020-83124000，并附真实姓名、工作单位、联系方式和证明材料。';
let planYear = 2040;

/** A plan with one project of each kind: a selected 3.2 backfill (confirmed selection), a verified 3.3 and a re-checked 3.4. */
async function planWithProjects(params: Partial<PlanParams> = {}) {
  const { planId, calls } = await seedPlanAndCalls(db, { year: planYear++, params });
  const orgA = await createOrg(db, { name: `广州甲科技有限公司${planYear}` });
  const orgB = await createOrg(db, { name: `广州乙材料有限公司${planYear}` });
  const orgC = await createOrg(db, { name: `广州丙生物有限公司${planYear}` });
  const backfill = await insertApplication(db, {
    callId: calls.backfill,
    track: 'backfill',
    orgId: orgA.id,
    cityFunds: 1_000_000,
    form: { title: '工业大模型推理芯片研发', fieldCode: 'F01.02' },
  });
  const continuation = await insertApplication(db, {
    callId: calls.continuation,
    track: 'continuation',
    orgId: orgB.id,
    cityFunds: null,
    form: { title: '高性能碳纤维成果转化', fieldCode: 'F01.01' },
  });
  const recognition = await insertApplication(db, {
    callId: calls.recognition,
    track: 'recognition',
    orgId: orgC.id,
    cityFunds: null,
    form: { title: '创新药中试平台', fieldCode: 'F02.01' },
  });
  await db.updateTable('applications').set({ status: 'selected' }).where('id', '=', backfill.id).execute();
  await db
    .updateTable('applications')
    .set({ status: 'verified', amount: 1_350_000, city_funds: 1_350_000 })
    .where('id', '=', continuation.id)
    .execute();
  await db.updateTable('applications').set({ status: 'rechecked' }).where('id', '=', recognition.id).execute();
  await db
    .insertInto('selections')
    .values({ plan_id: planId, objective: 'rank', funded: [backfill.id], result: JSON.stringify({}), reason: '测试确认' })
    .execute();
  return { planId, backfill: backfill.id, continuation: continuation.id, recognition: recognition.id, orgA };
}

function objectionForm(fields: Record<string, string>, file: Buffer | null = pdf('异议证明材料'), filename = 'evidence.pdf') {
  const boundary = '----rdplanNoticeBoundary7';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      file,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function object(client: Client, noticeId: string, fields: Record<string, string>, file?: Buffer | null) {
  const m = objectionForm(fields, file === undefined ? pdf('异议证明材料') : file);
  return client.request('POST', `/api/public/notices/${noticeId}/objections`, m.body, m.headers);
}

/** Moves the clock; sessions do not live for months, so the staff sign in again. */
async function at(iso: string) {
  h.clock.set(new Date(iso));
  for (const s of signedIn) expect((await s.client.login(s.email, PASSWORD)).status).toBe(200);
}

describe('notice periods on the working-day calendar (4.3.b)', () => {
  // Publication time (UTC), the plan's setting, the last working day. The counted days skip the holidays
  // and count the adjusted working days (调休) of the State Council schedule.
  const cases: [string, string, boolean, string, string][] = [
    // 2024 Spring Festival: 02-10 … 02-17 off, Sunday 02-18 a working day.
    ['2024 Spring Festival', '2024-02-07T02:00:00Z', false, '2024-02-07', '2024-02-20'],
    // 2025 Spring Festival: Sunday 01-26 worked, 01-28 … 02-04 off.
    ['2025 Spring Festival', '2025-01-24T02:00:00Z', false, '2025-01-24', '2025-02-07'],
    // 2025 National Day: Sunday 09-28 worked, 10-01 … 10-08 off; 01:00 Beijing time is already the 26th.
    ['2025 National Day', '2025-09-25T17:00:00Z', false, '2025-09-26', '2025-10-10'],
    // 2026 Spring Festival: Saturday 02-14 worked, 02-15 … 02-23 off.
    ['2026 Spring Festival', '2026-02-12T02:00:00Z', false, '2026-02-12', '2026-02-26'],
    // 2026 National Day with the day of publication counted: 10-01 … 10-07 off, Saturday 10-10 worked and last.
    ['2026 National Day, first day counted', '2026-09-29T01:00:00Z', true, '2026-09-29', '2026-10-10'],
  ];
  for (const [name, publishedAt, firstDayCounts, startsOn, endsOn] of cases) {
    it(`${name}: published ${publishedAt} → ends ${endsOn}`, async () => {
      const p = await planWithProjects({ noticeFirstDayCounts: firstDayCounts });
      await at(publishedAt);
      const res = await officer.post<NoticeOut>('/api/notices', { planId: p.planId, source: 'recognition', howToObject: HOW });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ startsOn, endsOn, workingDays: 5, firstDayCounts, running: true });
      // The end of the last working day, Beijing time.
      expect(res.body.endsAt).toBe(`${endsOn}T16:00:00.000Z`);
    });
  }

  it('a period reaching into a year without calendar data is refused with calendar_gap, nothing stored', async () => {
    const p = await planWithProjects();
    await at('2026-12-28T02:00:00Z'); // Monday: 12-29, 12-30, 12-31, then 2027, which the calendar does not cover
    const before = await db.selectFrom('notices').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const res = await officer.post('/api/notices', { planId: p.planId, source: 'recognition', howToObject: HOW });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('calendar_gap');
    expect(res.body.details).toMatchObject({ year: 2027 });
    const after = await db.selectFrom('notices').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    // Five days earlier the period ends on 2026-12-30, inside the covered year.
    await at('2026-12-23T02:00:00Z');
    const ok = await officer.post('/api/notices', { planId: p.planId, source: 'recognition', howToObject: HOW });
    expect(ok.status).toBe(201);
    expect(ok.body.endsOn).toBe('2026-12-30');
  });
});

describe('publishing, the public pages, objections and their handling', () => {
  let p: Awaited<ReturnType<typeof planWithProjects>>;
  let selection: NoticeOut;
  let verified: NoticeOut;

  it('an officer publishes the confirmed selection and the verified continuations with their amounts', async () => {
    p = await planWithProjects();
    await at('2026-06-01T02:00:00Z'); // Monday 10:00 Beijing
    expect((await unitUser.post('/api/notices', { planId: p.planId, source: 'selection', howToObject: HOW })).status).toBe(403);
    expect((await pub.post('/api/notices', { planId: p.planId, source: 'selection', howToObject: HOW })).status).toBe(401);
    const short = await officer.post('/api/notices', { planId: p.planId, source: 'selection', howToObject: '电话' });
    expect(short.status).toBe(400);
    expect(short.body.details[0].path).toBe('body.howToObject');

    const res = await officer.post<NoticeOut>('/api/notices', { planId: p.planId, source: 'selection', howToObject: HOW });
    expect(res.status).toBe(201);
    selection = res.body;
    expect(selection).toMatchObject({ version: 1, source: 'selection', startsOn: '2026-06-01', endsOn: '2026-06-08', rule: '4.3.b' });
    expect(selection.title).toContain('拟立项项目公示');
    expect(selection.items).toEqual([
      expect.objectContaining({
        applicationId: p.backfill,
        unit: p.orgA.name,
        title: '工业大模型推理芯片研发',
        track: 'backfill',
        fieldOrChain: '人工智能（F01.02）',
        amount: 1_000_000,
        amountRule: '3.2.h',
        removed: null,
      }),
    ]);
    // Each application is on one notice: publishing again has nothing left.
    const again = await officer.post('/api/notices', { planId: p.planId, source: 'selection', howToObject: HOW });
    expect(again.status).toBe(409);
    expect(again.body.details.reason).toBe('nothing_to_publish');

    const cont = await officer.post<NoticeOut>('/api/notices', {
      planId: p.planId,
      source: 'continuation',
      howToObject: HOW,
      title: '2040年度接续支持项目公示',
    });
    expect(cont.status).toBe(201);
    verified = cont.body;
    expect(verified.items[0]).toMatchObject({
      applicationId: p.continuation,
      amount: 1_350_000,
      amountRule: '3.3.e',
      track: 'continuation',
    });
    const rec = await officer.post<NoticeOut>('/api/notices', { planId: p.planId, source: 'recognition', howToObject: HOW });
    expect(rec.body.items[0]).toMatchObject({ applicationId: p.recognition, amount: null, amountRule: '3.4.b' });
  });

  it('a selection must be confirmed before its notice', async () => {
    const { planId } = await seedPlanAndCalls(db, { year: planYear++ });
    const res = await officer.post('/api/notices', { planId, source: 'selection', howToObject: HOW });
    expect(res.status).toBe(409);
    expect(res.body.details.reason).toBe('selection_not_confirmed');
  });

  it('the public sees the list of current notices and each notice without login', async () => {
    const list = await pub.get('/api/public/notices');
    expect(list.status).toBe(200);
    const ids = list.body.items.map((n: { id: string }) => n.id);
    expect(ids).toContain(selection.id);
    expect(ids).toContain(verified.id);
    const page = await pub.get<NoticeOut>(`/api/public/notices/${selection.id}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ howToObject: HOW, startsOn: '2026-06-01', endsOn: '2026-06-08', running: true, outcomes: [] });
    expect(page.body.openObjections).toBeUndefined();
    expect((await pub.get('/api/notices')).status).toBe(401);
  });

  let upheldId: string;
  let dismissedId: string;

  it('anyone objects with real name, unit, contact, project, grounds and a PDF; anonymous or grounds-less is refused naming the field', async () => {
    await at('2026-06-03T03:00:00Z');
    const good = {
      name: '李明',
      workUnit: '广州某大学',
      phone: '020-12345678',
      email: 'li.ming@example.com',
      applicationId: p.backfill,
      grounds: '该项目负责人同期承担另一项市级项目，研究内容高度重复，请予核查。',
    };
    const anonymous = await object(pub, selection.id, { ...good, name: '' });
    expect(anonymous.status).toBe(400);
    expect(anonymous.body.details).toEqual([
      expect.objectContaining({ path: 'body.name', message: expect.stringContaining('匿名异议不予受理') }),
    ]);
    const noName = await object(pub, selection.id, {
      workUnit: good.workUnit,
      phone: good.phone,
      applicationId: p.backfill,
      grounds: good.grounds,
    });
    expect(noName.status).toBe(400);
    expect(noName.body.details[0].path).toBe('body.name');
    const noGrounds = await object(pub, selection.id, { ...good, grounds: '' });
    expect(noGrounds.status).toBe(400);
    expect(noGrounds.body.details).toEqual([
      expect.objectContaining({ path: 'body.grounds', message: expect.stringContaining('无理由的异议不予受理') }),
    ]);
    const noContact = await object(pub, selection.id, { ...good, phone: '', email: '' });
    expect(noContact.status).toBe(400);
    expect(noContact.body.details[0].path).toBe('body.phone');
    const otherProject = await object(pub, selection.id, { ...good, applicationId: p.recognition });
    expect(otherProject.status).toBe(400);
    expect(otherProject.body.details[0].path).toBe('body.applicationId');
    const notPdf = await object(pub, selection.id, good, Buffer.from('plain text, not a PDF'));
    expect(notPdf.status).toBe(415);
    const noFile = await object(pub, selection.id, good, null);
    expect(noFile.status).toBe(400);
    expect(noFile.body.details[0].path).toBe('body.file');
    expect(await db.selectFrom('notice_objections').selectAll().execute()).toHaveLength(0);

    const first = await object(pub, selection.id, good);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ applicationId: p.backfill });
    upheldId = first.body.id;
    const second = await object(pub, verified.id, {
      name: '王芳',
      workUnit: '广州某研究院',
      phone: '13800000000',
      applicationId: p.continuation,
      grounds: '该项目核实的投入中包含与成果转化无关的设备采购。',
    });
    expect(second.status).toBe(201);
    dismissedId = second.body.id;
    const stored = await db.selectFrom('notice_objections').selectAll().where('id', '=', upheldId).executeTakeFirstOrThrow();
    expect(await h.deps.blobs.get(stored.evidence_sha256!)).toEqual(pdf('异议证明材料'));
    // The public page counts them as pending, without personal data.
    const page = await pub.get<NoticeOut>(`/api/public/notices/${selection.id}`);
    expect(page.body.pendingObjections).toBe(1);
    expect(JSON.stringify(page.body)).not.toContain('李明');
  });

  it('while an objection on a project is open, no decision on it can be taken (the guard the approval calls)', async () => {
    await expect(assertNoDecisionHold(db, p.backfill, h.clock.now())).rejects.toMatchObject({
      code: 'state_conflict',
      details: expect.objectContaining({ reason: 'objection_open', objectionIds: [upheldId], rule: '4.3.b' }),
    });
    // The recognition has no objection, but its notice is still running.
    await expect(assertNoDecisionHold(db, p.recognition, h.clock.now())).resolves.toBeUndefined();
    await expect(assertNoDecisionHold(db, p.recognition, h.clock.now(), { requireEnded: true })).rejects.toMatchObject({
      details: expect.objectContaining({ reason: 'notice_running' }),
    });
    // The pure rule, as the web shows it.
    expect(decisionHold({ notice: null, objections: [] }, new Date(), { requireEnded: true })).toEqual({ reason: 'not_on_notice' });
  });

  it('officers list objections, note the investigation and decide: upheld takes the project off the list, dismissed keeps it', async () => {
    const list = await officer.get(`/api/notices/${selection.id}/objections`);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        id: upheldId,
        name: '李明',
        workUnit: '广州某大学',
        status: 'open',
        projectTitle: '工业大模型推理芯片研发',
      }),
    ]);
    expect(list.body.items[0].evidence).toMatchObject({ filename: 'evidence.pdf', activeContent: [] });
    const evidence = await officer.get(`/api/objections/${upheldId}/evidence`);
    expect(evidence.status).toBe(200);
    expect(evidence.headers['content-type']).toContain('application/pdf');
    expect((await unitUser.get(`/api/objections/${upheldId}/evidence`)).status).toBe(403);
    expect((await officer.get<NoticeOut>(`/api/notices/${selection.id}`)).body.openObjections).toBe(1);

    const note = await officer.post(`/api/objections/${upheldId}/notes`, { note: '已调取两项目申报书比对，研究内容重复率高。' });
    expect(note.status).toBe(200);
    expect(note.body.notes).toEqual([expect.objectContaining({ note: '已调取两项目申报书比对，研究内容重复率高。' })]);

    const bad = await officer.post(`/api/objections/${upheldId}/decision`, { outcome: 'upheld', reason: '重复', reply: '' });
    expect(bad.status).toBe(400);
    const upheld = await officer.post(`/api/objections/${upheldId}/decision`, {
      outcome: 'upheld',
      reason: '经核查，研究内容与已立项市级项目重复（一题多报），移出公示名单。',
      reply: '您反映的问题经核查属实，该项目已移出拟立项名单。感谢您的监督。',
    });
    expect(upheld.status).toBe(200);
    expect(upheld.body).toMatchObject({ status: 'upheld', decidedBy: expect.any(String) });
    const twice = await officer.post(`/api/objections/${upheldId}/decision`, { outcome: 'dismissed', reason: '改判', reply: '改判' });
    expect(twice.status).toBe(409);

    const dismissed = await officer.post(`/api/objections/${dismissedId}/decision`, {
      outcome: 'dismissed',
      reason: '经核查，设备采购用于成果中试，属于转化投入。',
      reply: '经核查，您反映的设备采购属于成果转化投入，异议不成立。',
    });
    expect(dismissed.status).toBe(200);

    // The public page: the project has left the list with the reason shown; each outcome is listed.
    const page = await pub.get<NoticeOut>(`/api/public/notices/${selection.id}`);
    expect(page.body.items[0]!.removed).toMatchObject({ reason: '经核查，研究内容与已立项市级项目重复（一题多报），移出公示名单。' });
    expect(page.body.outcomes).toEqual([
      expect.objectContaining({ applicationId: p.backfill, outcome: 'upheld', projectTitle: '工业大模型推理芯片研发' }),
    ]);
    expect(page.body.pendingObjections).toBe(0);
    // A project that has left the list takes no further objection.
    const onRemoved = await object(pub, selection.id, {
      name: '周敏',
      workUnit: '广州某单位',
      phone: '13600000000',
      applicationId: p.backfill,
      grounds: '对已移出名单的项目再次提出的异议。',
    });
    expect(onRemoved.status).toBe(400);
    expect(onRemoved.body.details[0]).toMatchObject({ path: 'body.applicationId', message: expect.stringContaining('已移出公示名单') });
    const other = await pub.get<NoticeOut>(`/api/public/notices/${verified.id}`);
    expect(other.body.items[0]!.removed).toBeNull();
    expect(other.body.outcomes[0]).toMatchObject({ outcome: 'dismissed' });

    // The reply is mailed to the objector who gave an e-mail (the other gave a phone only).
    const mails = await db.selectFrom('mail_outbox').selectAll().where('to_address', '=', 'li.ming@example.com').execute();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body).toContain('异议成立');
    expect(mails[0]!.body).toContain('该项目已移出拟立项名单');

    // Decided objections release or stop the decision: dismissed → allowed once the notice has ended; upheld → off the list.
    await at('2026-06-08T15:59:59Z');
    await expect(assertNoDecisionHold(db, p.continuation, h.clock.now(), { requireEnded: true })).rejects.toMatchObject({
      details: expect.objectContaining({ reason: 'notice_running' }),
    });
    await at('2026-06-08T16:00:00Z');
    await expect(assertNoDecisionHold(db, p.continuation, h.clock.now(), { requireEnded: true })).resolves.toBeUndefined();
    await expect(assertNoDecisionHold(db, p.backfill, h.clock.now(), { requireEnded: true })).rejects.toMatchObject({
      details: expect.objectContaining({ reason: 'removed_by_objection' }),
    });
  });

  it('after the end of its last working day (Beijing time) an objection is refused and the attempt recorded', async () => {
    await at('2026-06-08T15:59:59Z'); // 23:59:59 on 06-08 in Beijing: still running
    const inTime = await object(pub, verified.id, {
      name: '赵强',
      workUnit: '广州某公司',
      email: 'zhao@example.com',
      applicationId: p.continuation,
      grounds: '在最后一刻提交的异议，理由充分且完整。',
    });
    expect(inTime.status).toBe(201);
    await at('2026-06-08T16:00:00Z'); // 00:00 on 06-09 in Beijing
    const late = await object(pub, verified.id, {
      name: '钱伟',
      workUnit: '广州某公司',
      email: 'qian@example.com',
      applicationId: p.continuation,
      grounds: '公示结束后才提交的异议，应当被拒绝。',
    });
    expect(late.status).toBe(409);
    expect(late.body.details).toMatchObject({ reason: 'notice_ended', endsOn: '2026-06-08' });
    const list = await officer.get(`/api/notices/${verified.id}/objections`);
    expect(list.body.lateAttempts).toEqual([expect.objectContaining({ name: '钱伟', applicationId: p.continuation })]);
    const audit = await db.selectFrom('audit_events').selectAll().where('action', '=', 'notice.objection_refused').execute();
    expect(audit).toHaveLength(1);
    // The ended notice leaves the public home's list but its page stays.
    const home = await pub.get('/api/public/notices');
    expect(home.body.items.map((n: { id: string }) => n.id)).not.toContain(verified.id);
    expect((await pub.get(`/api/public/notices/${verified.id}`)).body.running).toBe(false);
  });

  it('a correction is a new version with its reason shown beside the old one; the old one is never edited', async () => {
    await at('2026-06-10T02:00:00Z');
    const old = (await pub.get<NoticeOut>(`/api/public/notices/${selection.id}`)).body;
    await db
      .updateTable('organisations')
      .set({ name: `${p.orgA.name}（更名）` })
      .where('id', '=', p.orgA.id)
      .execute();
    const noReason = await officer.post(`/api/notices/${selection.id}/corrections`, {});
    expect(noReason.status).toBe(400);
    const res = await officer.post<NoticeOut>(`/api/notices/${selection.id}/corrections`, { reason: '承担单位名称有误，予以更正。' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      version: 2,
      seriesId: selection.seriesId,
      correctionReason: '承担单位名称有误，予以更正。',
      current: true,
    });
    expect(res.body.startsOn).toBe('2026-06-10');
    expect(res.body.endsOn).toBe('2026-06-17');
    expect(res.body.versions).toEqual([
      expect.objectContaining({ id: selection.id, version: 1, correctionReason: null }),
      expect.objectContaining({ id: res.body.id, version: 2, correctionReason: '承担单位名称有误，予以更正。' }),
    ]);
    expect(res.body.items[0]).toMatchObject({ unit: `${p.orgA.name}（更名）` });
    // The upheld objection belongs to the series: the project stays off the list.
    expect(res.body.items[0]!.removed).not.toBeNull();
    // The old version reads as it was published, marked superseded.
    const oldNow = (await pub.get<NoticeOut>(`/api/public/notices/${selection.id}`)).body;
    expect(oldNow).toMatchObject({ current: false, running: false, title: old.title, endsOn: old.endsOn });
    expect(oldNow.items[0]!.unit).toBe(old.items[0]!.unit);
    expect(oldNow.versions).toHaveLength(2);
    const stale = await officer.post(`/api/notices/${selection.id}/corrections`, { reason: '再次更正旧版本' });
    expect(stale.status).toBe(409);
    expect(stale.body.details).toMatchObject({ reason: 'superseded', currentId: res.body.id });
    const objectOld = await object(pub, selection.id, {
      name: '孙丽',
      workUnit: '广州某单位',
      phone: '13900000000',
      applicationId: p.backfill,
      grounds: '对旧版本提出的异议，应指向最新版本。',
    });
    expect(objectOld.status).toBe(409);
    expect(objectOld.body.details.reason).toBe('superseded');
  });

  it('every state change is audited and the chain verifies', async () => {
    const actions = (await db.selectFrom('audit_events').select('action').where('action', 'like', 'notice.%').execute()).map(
      (a) => a.action,
    );
    for (const a of [
      'notice.publish',
      'notice.correct',
      'notice.objection_file',
      'notice.objection_note',
      'notice.objection_uphold',
      'notice.objection_dismiss',
      'notice.objection_refused',
    ])
      expect(actions, a).toContain(a);
    expect((await verifyAudit(db)).ok).toBe(true);
  });
});

describe('public writes are rate limited', () => {
  it('answers 429 rate_limited past the limit of objections per address', async () => {
    const c = limited.client();
    const id = '00000000-0000-4000-8000-000000000000';
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const m = objectionForm({
        name: '周杰',
        workUnit: '某单位',
        phone: '13700000000',
        applicationId: id,
        grounds: '重复提交的异议测试理由。',
      });
      statuses.push((await c.request('POST', `/api/public/notices/${id}/objections`, m.body, m.headers)).status);
    }
    expect(statuses).toEqual([404, 404, 429]);
    const m = objectionForm({ name: '周杰' });
    const refused = await c.request('POST', `/api/public/notices/${id}/objections`, m.body, m.headers);
    expect(refused.body.code).toBe('rate_limited');
  });
});
