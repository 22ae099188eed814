import { describe, expect, it } from 'vitest';
import { seedDemoFollowups } from '../src/seed/demo-followups.js';
import { createOrg, createUser, PASSWORD } from './support/fixtures.js';
import { startHarness } from './support/harness.js';

const h = await startHarness();
const db = h.deps.db;
// The harness clock reads 2026-03-02 (Asia/Shanghai).

const gzLead = await createOrg(db, { name: '广州甲科技有限公司', regionCode: '440106' });
const gzPartner = await createOrg(db, { name: '广州乙材料有限公司', regionCode: '440112' });
const gzMatched = await createOrg(db, { name: '广州丙研究院', type: 'research_institute', regionCode: '440113' });
const beijing = await createOrg(db, { name: '北方某大学', type: 'university', regionCode: '110108' });

async function signIn(roles: Parameters<typeof createUser>[1]['roles'], orgId: string | null = null) {
  const u = await createUser(db, { roles, orgId });
  const c = h.client();
  expect((await c.login(u.email, PASSWORD)).status).toBe(200);
  return c;
}
const admin = await signIn(['admin']);
const officer = await signIn(['officer']);
const analyst = await signIn(['analyst']);
const partnerUser = await signIn(['unit_member'], gzPartner.id);
const beijingUser = await signIn(['unit_admin'], beijing.id);
const expert = await signIn(['expert']);

async function project(
  nationalId: string,
  over: {
    title?: string;
    fieldCode?: string | null;
    start?: string | null;
    end?: string | null;
    leadName?: string;
    leadUscc?: string | null;
    leadRegion?: string | null;
    leadOrgId?: string | null;
    participants?: { uscc?: string; name: string }[];
    acceptance?: { date: string; result: 'passed' | 'failed' } | null;
  } = {},
) {
  await db
    .insertInto('national_projects')
    .values({
      national_id: nationalId,
      title: over.title ?? `项目${nationalId}`,
      programme: '"智能机器人"重点专项',
      direction: '关键部件',
      field_code: over.fieldCode === undefined ? 'F07.01' : over.fieldCode,
      start_date: over.start === undefined ? '2024-01-01' : over.start,
      end_date: over.end === undefined ? '2027-12-31' : over.end,
      budget: JSON.stringify({ central: 18_000_000, local: 2_000_000, self: 10_000_000 }),
      lead_uscc: over.leadUscc ?? null,
      lead_name: over.leadName ?? '某承担单位',
      lead_type: 'enterprise',
      lead_region_code: over.leadRegion === undefined ? null : over.leadRegion,
      lead_org_id: over.leadOrgId ?? null,
      participants: JSON.stringify(over.participants ?? []),
      people: JSON.stringify([{ name: '王立新', role: '项目负责人', unit: over.leadName ?? '某承担单位' }]),
      acceptance_date: over.acceptance?.date ?? null,
      acceptance_result: over.acceptance?.result ?? null,
    })
    .execute();
}

// In progress, led from Guangzhou by region code on the record (not linked to the registry).
await project('2024YFB0100101', { title: '工业机器人精密减速器', leadName: '广州甲科技有限公司', leadRegion: '440106' });
// Ended awaiting acceptance: led from Beijing, a Guangzhou participant matched by credit code.
await project('2021YFB0200202', {
  title: '复合材料智能成形',
  fieldCode: 'F06.01',
  start: '2021-01-01',
  end: '2024-12-31',
  leadName: beijing.name,
  leadUscc: beijing.uscc,
  leadRegion: '110108',
  leadOrgId: beijing.id,
  participants: [{ uscc: gzPartner.uscc, name: gzPartner.name }, { name: '外省某公司' }],
});
// Accepted: its units are in national_units (after matching), a Guangzhou participant matched by org id.
await project('2019YFC0300303', {
  title: '海洋装备感知系统',
  fieldCode: 'F07.02',
  start: '2019-07-01',
  end: '2022-06-30',
  leadName: '上海某研究所',
  leadRegion: '310115',
  participants: [{ name: '广州丙研究院（原名）' }],
  acceptance: { date: '2023-03-15', result: 'passed' },
});
await db
  .insertInto('national_units')
  .values([
    {
      record_kind: 'project',
      national_id: '2019YFC0300303',
      position: 0,
      role: 'lead',
      name: '上海某研究所',
      name_norm: '上海某研究所',
      org_type: 'research_institute',
      region_code: '310115',
    },
    {
      record_kind: 'project',
      national_id: '2019YFC0300303',
      position: 1,
      role: 'participant',
      name: '广州丙研究院（原名）',
      name_norm: '广州丙研究院',
      org_id: gzMatched.id,
      match_method: 'name',
      match_confidence: 0.97,
      match_status: 'matched',
    },
  ])
  .execute();
// Failed acceptance, lead linked to a Guangzhou organisation.
await project('2020YFA0400404', {
  title: '新型储能材料',
  fieldCode: 'F08',
  start: '2020-01-01',
  end: '2023-12-31',
  leadName: gzLead.name,
  leadUscc: gzLead.uscc,
  leadOrgId: gzLead.id,
  acceptance: { date: '2024-05-20', result: 'failed' },
});
// Not started yet, Guangzhou lead.
await project('2026YFB0500505', { title: '下一代芯片封装', start: '2026-07-01', end: '2029-06-30', leadRegion: '440115' });
// No Guangzhou unit at all: not followed.
await project('2022YFB0600606', {
  title: '京沪合作项目',
  leadName: beijing.name,
  leadUscc: beijing.uscc,
  leadRegion: '110108',
  leadOrgId: beijing.id,
  participants: [{ name: '上海某研究所' }],
});

const ids = (body: { items: { nationalId: string }[] }) => body.items.map((i) => i.nationalId).sort();

async function lastAudit(action: string) {
  return db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

describe('national project follow-up list (4.2.b)', () => {
  it('lists exactly the projects involving a Guangzhou unit, with derived status and Guangzhou units', async () => {
    const res = await analyst.get('/api/national/followup?pageSize=50');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(5);
    expect(ids(res.body)).toEqual(['2019YFC0300303', '2020YFA0400404', '2021YFB0200202', '2024YFB0100101', '2026YFB0500505']);
    const by = new Map(res.body.items.map((i: { nationalId: string }) => [i.nationalId, i]));
    expect(by.get('2024YFB0100101')).toMatchObject({ status: 'in_progress', outputs: 0, nextMilestone: null });
    expect(by.get('2021YFB0200202')).toMatchObject({
      status: 'ended',
      guangzhouUnits: [{ role: 'participant', name: gzPartner.name, orgId: gzPartner.id, regionCode: '440112', isGuangzhou: true }],
    });
    expect(by.get('2019YFC0300303')).toMatchObject({
      status: 'accepted',
      guangzhouUnits: [{ role: 'participant', orgId: gzMatched.id, orgName: gzMatched.name, regionCode: '440113' }],
    });
    expect(by.get('2020YFA0400404')).toMatchObject({ status: 'failed', guangzhouUnits: [{ role: 'lead', orgId: gzLead.id }] });
    expect(by.get('2026YFB0500505')).toMatchObject({ status: 'not_started' });
    // Newest start first.
    expect(res.body.items[0].nationalId).toBe('2026YFB0500505');
  });

  it('filters by status, year, field and text, and pages', async () => {
    const q = async (query: string) => ids((await officer.get(`/api/national/followup?${query}`)).body);
    expect(await q('status=in_progress')).toEqual(['2024YFB0100101']);
    expect(await q('status=ended')).toEqual(['2021YFB0200202']);
    expect(await q('status=accepted')).toEqual(['2019YFC0300303']);
    expect(await q('status=failed')).toEqual(['2020YFA0400404']);
    expect(await q('status=not_started')).toEqual(['2026YFB0500505']);
    expect(await q('year=2021')).toEqual(['2021YFB0200202']);
    expect(await q('field=F07')).toEqual(['2019YFC0300303', '2024YFB0100101', '2026YFB0500505']);
    expect(await q('field=F07.02')).toEqual(['2019YFC0300303']);
    expect(await q(`q=${encodeURIComponent('减速器')}`)).toEqual(['2024YFB0100101']);
    expect(await q('q=2020YFA')).toEqual(['2020YFA0400404']);
    const page = await officer.get('/api/national/followup?page=2&pageSize=2');
    expect(page.body.total).toBe(5);
    expect(page.body.items).toHaveLength(2);
    expect((await officer.get('/api/national/followup?status=dormant')).status).toBe(400);
    expect((await officer.get('/api/national/followup?field=x')).status).toBe(400);
  });

  it('shows a unit user only the projects its organisation takes part in', async () => {
    const mine = await partnerUser.get('/api/national/followup');
    expect(mine.status).toBe(200);
    expect(ids(mine.body)).toEqual(['2021YFB0200202']);
    // Beijing takes part only in projects whose Guangzhou side is another unit, and in one without any.
    expect(ids((await beijingUser.get('/api/national/followup')).body)).toEqual(['2021YFB0200202']);
    expect((await expert.get('/api/national/followup')).status).toBe(403);
  });
});

describe('national project follow-up page and entries', () => {
  it('shows the record facts, units, people, budget, status and the record events on the timeline', async () => {
    const res = await admin.get('/api/national/followup/2021YFB0200202');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'ended',
      today: '2026-03-02',
      canEdit: false,
      project: {
        nationalId: '2021YFB0200202',
        title: '复合材料智能成形',
        budget: { central: 18_000_000, local: 2_000_000, self: 10_000_000 },
        people: [{ name: '王立新', role: '项目负责人' }],
      },
    });
    expect(res.body.units.map((u: { name: string; isGuangzhou: boolean }) => [u.name, u.isGuangzhou])).toEqual([
      [beijing.name, false],
      [gzPartner.name, true],
      ['外省某公司', false],
    ]);
    expect(res.body.timeline.map((i: { event: string; occurredOn: string }) => [i.event, i.occurredOn])).toEqual([
      ['start', '2021-01-01'],
      ['end', '2024-12-31'],
    ]);
    const accepted = await admin.get('/api/national/followup/2019YFC0300303');
    expect(accepted.body.timeline.at(-1)).toMatchObject({ event: 'acceptance_passed', occurredOn: '2023-03-15', kind: 'status' });
    expect((await officer.get('/api/national/followup/2019YFC0300303')).body.canEdit).toBe(true);
  });

  it('answers 404 for a project without a Guangzhou unit or one that does not exist', async () => {
    expect((await officer.get('/api/national/followup/2022YFB0600606')).status).toBe(404);
    expect((await officer.get('/api/national/followup/NOPE')).status).toBe(404);
  });

  it('lets an officer record milestones, outputs, meetings and services, validated and audited', async () => {
    const base = '/api/national/followup/2024YFB0100101/entries';
    const launch = await officer.post(base, { kind: 'meeting', title: '项目启动会', occurredOn: '2024-02-20', detail: '局领导出席' });
    expect(launch.status).toBe(201);
    expect(launch.body).toMatchObject({ kind: 'meeting', title: '项目启动会', detail: '局领导出席', outputType: null });
    const audit = await lastAudit('national.followup.create');
    expect(audit?.entity_id).toBe(launch.body.id);
    expect(audit?.after).toMatchObject({ projectNationalId: '2024YFB0100101', kind: 'meeting', occurredOn: '2024-02-20' });

    const patent = await officer.post(base, {
      kind: 'output',
      outputType: 'patent',
      title: '发明专利授权',
      occurredOn: '2025-05-10',
      orgId: gzLead.id,
    });
    expect(patent.status).toBe(201);
    expect(patent.body).toMatchObject({ outputType: 'patent', orgId: gzLead.id, orgName: gzLead.name });
    expect((await officer.post(base, { kind: 'output', outputType: 'standard', title: '团体标准', occurredOn: '2025-09-01' })).status).toBe(
      201,
    );
    expect((await officer.post(base, { kind: 'service', title: '产业化对接会', occurredOn: '2025-11-11' })).status).toBe(201);
    expect((await officer.post(base, { kind: 'milestone', title: '中期检查', occurredOn: '2026-06-30' })).status).toBe(201);
    expect((await officer.post(base, { kind: 'milestone', title: '结题验收', occurredOn: '2027-12-31' })).status).toBe(201);

    const bad = async (body: object, path: string) => {
      const res = await officer.post(base, body);
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { path: string }) => d.path)).toContain(path);
    };
    await bad({ kind: 'output', title: '无类型成果', occurredOn: '2025-01-01' }, 'body.outputType');
    await bad({ kind: 'meeting', outputType: 'patent', title: '会议', occurredOn: '2025-01-01' }, 'body.outputType');
    await bad({ kind: 'meeting', title: '会议', occurredOn: '2025-02-30' }, 'body.occurredOn');
    await bad({ kind: 'party', title: '会议', occurredOn: '2025-01-01' }, 'body.kind');
    await bad({ kind: 'meeting', title: '  ', occurredOn: '2025-01-01' }, 'body.title');
    await bad({ kind: 'service', title: '服务', occurredOn: '2025-01-01', orgId: '00000000-0000-4000-8000-000000000000' }, 'body.orgId');

    // Analysts and administrators read only; unit users never write.
    expect((await analyst.post(base, { kind: 'meeting', title: 'x', occurredOn: '2025-01-01' })).status).toBe(403);
    expect((await admin.post(base, { kind: 'meeting', title: 'x', occurredOn: '2025-01-01' })).status).toBe(403);
    expect((await partnerUser.post(base, { kind: 'meeting', title: 'x', occurredOn: '2025-01-01' })).status).toBe(403);
    // Not a followed project.
    expect(
      (await officer.post('/api/national/followup/2022YFB0600606/entries', { kind: 'meeting', title: 'x', occurredOn: '2025-01-01' }))
        .status,
    ).toBe(404);

    const page = await analyst.get('/api/national/followup/2024YFB0100101');
    expect(page.body.outputsByType).toEqual({ patent: 1, standard: 1 });
    expect(page.body.timeline.map((i: { event: string | null; entry: { title: string } | null }) => i.event ?? i.entry!.title)).toEqual([
      'start',
      '项目启动会',
      '发明专利授权',
      '团体标准',
      '产业化对接会',
      '中期检查',
      '结题验收',
      'end',
    ]);

    const list = await analyst.get('/api/national/followup?status=in_progress');
    expect(list.body.items[0]).toMatchObject({
      outputs: 2,
      outputsByType: { patent: 1, standard: 1 },
      entries: 6,
      nextMilestone: { title: '中期检查', occurredOn: '2026-06-30' },
    });
  });

  it('lets an officer correct and remove entries, audited; kind changes drop the output type', async () => {
    const base = '/api/national/followup/2020YFA0400404/entries';
    const created = await officer.post(base, { kind: 'output', outputType: 'product', title: '样机', occurredOn: '2022-08-01' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    const fixed = await officer.patch(`${base}/${id}`, { title: '工程样机', occurredOn: '2022-09-01', reason: '日期有误' });
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ title: '工程样机', occurredOn: '2022-09-01', outputType: 'product' });
    const audit = await lastAudit('national.followup.update');
    expect(audit?.before).toMatchObject({ title: '样机', occurredOn: '2022-08-01' });
    expect(audit?.after).toMatchObject({ title: '工程样机', occurredOn: '2022-09-01' });
    expect(audit?.reason).toBe('日期有误');

    const asMilestone = await officer.patch(`${base}/${id}`, { kind: 'milestone' });
    expect(asMilestone.body).toMatchObject({ kind: 'milestone', outputType: null });
    expect((await officer.patch(`${base}/${id}`, { outputType: 'paper' })).status).toBe(400);
    expect((await officer.patch(`${base}/${id}`, {})).status).toBe(400);
    expect((await analyst.patch(`${base}/${id}`, { title: 'x' })).status).toBe(403);
    // The entry belongs to another project under this path.
    expect((await officer.patch(`/api/national/followup/2024YFB0100101/entries/${id}`, { title: 'x' })).status).toBe(404);

    expect((await officer.delete(`/api/national/followup/2024YFB0100101/entries/${id}`)).status).toBe(404);
    expect((await officer.delete(`${base}/${id}`)).status).toBe(204);
    expect((await lastAudit('national.followup.delete'))?.before).toMatchObject({ title: '工程样机', kind: 'milestone' });
    expect((await officer.delete(`${base}/${id}`)).status).toBe(404);
  });

  it('lets a unit user read its own projects only; others answer 404 and are logged', async () => {
    const own = await partnerUser.get('/api/national/followup/2021YFB0200202');
    expect(own.status).toBe(200);
    expect(own.body.canEdit).toBe(false);
    const other = await partnerUser.get('/api/national/followup/2024YFB0100101');
    expect(other.status).toBe(404);
    const logged = await db.selectFrom('security_events').selectAll().orderBy('at', 'desc').limit(5).execute();
    expect(JSON.stringify(logged)).toContain('2024YFB0100101');
    expect((await partnerUser.get('/api/national/followup/2022YFB0600606')).status).toBe(404);
  });
});

describe('demo follow-ups', () => {
  it('adds a realistic timeline to followed projects without one, once', async () => {
    const first = await seedDemoFollowups(h.deps);
    // 2024YFB0100101 already has entries (2020YFA0400404's only one was removed); the other four get one.
    expect(first.projects).toBe(4);
    expect(first.entries).toBeGreaterThan(4 * 3);
    const rows = await db
      .selectFrom('national_followups')
      .select(['project_national_id', 'kind', 'output_type', 'title', 'occurred_on'])
      .where('project_national_id', '=', '2019YFC0300303')
      .orderBy('occurred_on')
      .execute();
    expect(rows.map((r) => r.kind)).toEqual(['meeting', 'output', 'milestone', 'output', 'service', 'meeting']);
    expect(rows.filter((r) => r.kind === 'output').map((r) => r.output_type)).toEqual(['patent', 'standard']);
    expect(rows.every((r) => r.occurred_on <= '2026-03-02')).toBe(true);
    // A project not yet started gets only what lies in the past or is planned.
    const future = await db.selectFrom('national_followups').selectAll().where('project_national_id', '=', '2026YFB0500505').execute();
    expect(future.every((r) => r.kind === 'milestone')).toBe(true);
    expect(await db.selectFrom('national_followups').selectAll().where('project_national_id', '=', '2022YFB0600606').execute()).toEqual([]);

    const again = await seedDemoFollowups(h.deps);
    expect(again).toEqual({ projects: 0, entries: 0 });
  });
});
