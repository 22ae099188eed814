import { describe, expect, it } from 'vitest';
import { createOrg, createUser, PASSWORD } from './support/fixtures.js';
import { startHarness } from './support/harness.js';

const h = await startHarness();
const db = h.deps.db;
// The harness clock reads 2026-03-02 (Asia/Shanghai).

async function signIn(roles: Parameters<typeof createUser>[1]['roles'], personId: string | null = null) {
  const u = await createUser(db, { roles, personId });
  const c = h.client();
  expect((await c.login(u.email, PASSWORD)).status).toBe(200);
  return c;
}
const admin = await signIn(['admin']);
const officer = await signIn(['officer']);
const analyst = await signIn(['analyst']);
const unitAdmin = await signIn(['unit_admin']);

for (const [code, parent] of [
  ['F01', null],
  ['F01.01', 'F01'],
  ['F01.02', 'F01'],
  ['F02', null],
  ['F02.01', 'F02'],
] as const) {
  const parentId = parent ? (await db.selectFrom('fields').select('id').where('code', '=', parent).executeTakeFirstOrThrow()).id : null;
  await db
    .insertInto('fields')
    .values({ code, name_zh: `领域${code}`, name_en: `Field ${code}`, parent_id: parentId })
    .execute();
}
const uni = await createOrg(db, { name: '华南某大学', type: 'university' });
const lab = await createOrg(db, { name: '某实验室有限公司' });

async function lastAudit(action: string) {
  return db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

describe('people registry', () => {
  it('lets staff add a person with fields and keywords, audited', async () => {
    const res = await officer.post('/api/people', {
      name: '李四',
      email: 'Li.Si@Example.edu.cn',
      titleLevel: 'senior',
      titleName: '教授',
      fieldCodes: ['F01.01', 'F02'],
      keywords: ['芯片', ' 封装 ', '芯片'],
      isExpert: true,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: '李四',
      email: 'li.si@example.edu.cn',
      titleLevel: 'senior',
      titleName: '教授',
      fieldCodes: ['F01.01', 'F02'],
      keywords: ['芯片', '封装'],
      isExpert: true,
      affiliations: [],
      currentOrg: null,
    });
    expect(res.body.fields).toEqual([
      { code: 'F01.01', nameZh: '领域F01.01', nameEn: 'Field F01.01', parentCode: 'F01' },
      { code: 'F02', nameZh: '领域F02', nameEn: 'Field F02', parentCode: null },
    ]);
    expect(res.body.key).toMatch(/^manual-/);
    const audit = await lastAudit('person.create');
    expect(audit?.entity_id).toBe(res.body.id);
    expect(audit?.after).toMatchObject({ name: '李四', isExpert: true });
  });

  it('rejects unknown field codes by position, duplicate keys and non-staff writers', async () => {
    const bad = await admin.post('/api/people', { name: '王五', titleLevel: 'none', fieldCodes: ['F01', 'F77', 'F01.09'] });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { path: string }) => d.path)).toEqual(['body.fieldCodes.1', 'body.fieldCodes.2']);
    expect((await admin.post('/api/people', { key: 'k-1', name: '甲', titleLevel: 'none' })).status).toBe(201);
    const dup = await admin.post('/api/people', { key: 'k-1', name: '乙', titleLevel: 'none' });
    expect(dup.status).toBe(409);
    expect(dup.body.details[0].path).toBe('body.key');
    expect((await analyst.post('/api/people', { name: '丙', titleLevel: 'none' })).status).toBe(403);
    expect((await unitAdmin.post('/api/people', { name: '丙', titleLevel: 'none' })).status).toBe(403);
    expect((await admin.post('/api/people', { name: '丙', titleLevel: 'professor' })).body.details[0].path).toBe('body.titleLevel');
  });

  it('patches a person with before/after in the audit', async () => {
    const p = (await admin.post('/api/people', { name: '赵六', titleLevel: 'intermediate', fieldCodes: ['F01'] })).body;
    const res = await officer.patch(`/api/people/${p.id}`, { titleLevel: 'associate_senior', titleName: '副研究员', isExpert: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ titleLevel: 'associate_senior', titleName: '副研究员', isExpert: true, fieldCodes: ['F01'] });
    const audit = await lastAudit('person.update');
    expect(audit?.before).toMatchObject({ titleLevel: 'intermediate', isExpert: false });
    expect(audit?.after).toMatchObject({ titleLevel: 'associate_senior', isExpert: true });
    const bad = await officer.patch(`/api/people/${p.id}`, { fieldCodes: ['X9'] });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].path).toBe('body.fieldCodes.0');
    expect((await officer.patch('/api/people/00000000-0000-4000-8000-000000000000', { name: 'x' })).status).toBe(404);
    expect((await analyst.patch(`/api/people/${p.id}`, { name: 'x' })).status).toBe(403);
  });

  it('records posts: a new current post closes the previous one the day before', async () => {
    const p = (await admin.post('/api/people', { name: '钱七', titleLevel: 'senior' })).body;
    const first = await officer.post(`/api/people/${p.id}/affiliations`, { orgId: uni.id, position: '教授', from: '2015-09-01' });
    expect(first.status).toBe(200);
    expect(first.body.currentOrg).toEqual({ id: uni.id, name: '华南某大学', position: '教授' });

    const second = await officer.post(`/api/people/${p.id}/affiliations`, { orgId: lab.id, position: '首席科学家', from: '2024-03-01' });
    expect(second.status).toBe(200);
    expect(second.body.currentOrg).toEqual({ id: lab.id, name: '某实验室有限公司', position: '首席科学家' });
    expect(second.body.affiliations.map((a: object) => ({ ...a, id: undefined }))).toEqual([
      { id: undefined, orgId: lab.id, orgName: '某实验室有限公司', position: '首席科学家', from: '2024-03-01', to: null },
      { id: undefined, orgId: uni.id, orgName: '华南某大学', position: '教授', from: '2015-09-01', to: '2024-02-29' },
    ]);
    const audit = await lastAudit('person.add_affiliation');
    expect(audit?.after).toMatchObject({
      added: { orgId: lab.id, from: '2024-03-01', to: null },
      closed: [{ orgId: uni.id, to: '2024-02-29' }],
    });

    // A past post with an end date closes nothing.
    const past = await officer.post(`/api/people/${p.id}/affiliations`, {
      orgId: uni.id,
      position: '博士后',
      from: '2010-07-01',
      to: '2012-06-30',
    });
    expect(past.status).toBe(200);
    expect(past.body.affiliations).toHaveLength(3);
    expect(past.body.currentOrg.id).toBe(lab.id);

    const early = await officer.post(`/api/people/${p.id}/affiliations`, { orgId: uni.id, from: '2024-03-01' });
    expect(early.status).toBe(400);
    expect(early.body.details[0].path).toBe('body.from');
    const backwards = await officer.post(`/api/people/${p.id}/affiliations`, { orgId: uni.id, from: '2020-01-02', to: '2020-01-01' });
    expect(backwards.body.details[0].path).toBe('body.to');
    const noOrg = await officer.post(`/api/people/${p.id}/affiliations`, {
      orgId: '00000000-0000-4000-8000-000000000000',
      from: '2025-01-01',
    });
    expect(noOrg.status).toBe(400);
    expect(noOrg.body.details[0].path).toBe('body.orgId');
    expect((await analyst.post(`/api/people/${p.id}/affiliations`, { orgId: uni.id, from: '2025-01-01' })).status).toBe(403);
  });

  it('lists people for staff with name, expert, field-prefix and organisation filters, paged', async () => {
    const mk = async (name: string, fieldCodes: string[], isExpert: boolean, orgId?: string) => {
      const p = (await admin.post('/api/people', { name, titleLevel: 'senior', fieldCodes, isExpert })).body;
      if (orgId) await admin.post(`/api/people/${p.id}/affiliations`, { orgId, from: '2020-01-01' });
      return p;
    };
    const org = await createOrg(db, { name: '筛选测试公司' });
    const a = await mk('筛选甲', ['F01.02'], true, org.id);
    const b = await mk('筛选乙', ['F02.01'], false, org.id);
    const c = await mk('筛选丙', ['F01'], true);

    const names = (res: { body: { items: { name: string }[] } }) => res.body.items.map((i) => i.name).sort();
    const byName = await analyst.get(`/api/people?q=${encodeURIComponent('筛选')}`);
    expect(byName.status).toBe(200);
    expect(byName.body.total).toBe(3);
    expect(names(await analyst.get(`/api/people?q=${encodeURIComponent('筛选')}&expert=true`))).toEqual(['筛选丙', '筛选甲'].sort());
    expect(names(await analyst.get(`/api/people?q=${encodeURIComponent('筛选')}&field=F01`))).toEqual(['筛选丙', '筛选甲'].sort());
    expect(names(await analyst.get(`/api/people?q=${encodeURIComponent('筛选')}&field=F02.01`))).toEqual(['筛选乙']);
    const byOrg = await officer.get(`/api/people?orgId=${org.id}`);
    expect(names(byOrg)).toEqual(['筛选乙', '筛选甲'].sort());
    expect(byOrg.body.items[0].currentOrg).toMatchObject({ id: org.id, name: '筛选测试公司' });
    const page = await admin.get(`/api/people?q=${encodeURIComponent('筛选')}&pageSize=2&page=2`);
    expect(page.body.total).toBe(3);
    expect(page.body.items).toHaveLength(1);
    expect((await admin.get('/api/people?expert=maybe')).body.details[0].path).toBe('querystring.expert');
    expect((await unitAdmin.get('/api/people')).status).toBe(403);
    expect((await h.client().get('/api/people')).status).toBe(401);
    void [a, b, c];
  });
});

describe('an expert and their own record', () => {
  it('shows staff any record, an expert only their own, and others nothing', async () => {
    const me = (await admin.post('/api/people', { name: '孙专家', titleLevel: 'senior', isExpert: true, fieldCodes: ['F01'] })).body;
    const other = (await admin.post('/api/people', { name: '周专家', titleLevel: 'senior', isExpert: true })).body;
    await admin.post(`/api/people/${me.id}/affiliations`, { orgId: uni.id, position: '研究员', from: '2018-01-01' });
    const expert = await signIn(['expert'], me.id);

    const own = await expert.get(`/api/people/${me.id}`);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ name: '孙专家', currentOrg: { name: '华南某大学' } });
    expect(own.body.affiliations[0]).toMatchObject({ orgName: '华南某大学', position: '研究员', from: '2018-01-01', to: null });
    expect((await expert.get(`/api/people/${other.id}`)).status).toBe(404);
    expect((await expert.get('/api/people')).status).toBe(403);
    expect((await analyst.get(`/api/people/${other.id}`)).status).toBe(200);
    expect((await unitAdmin.get(`/api/people/${me.id}`)).status).toBe(403);
    expect((await expert.get('/api/me/expert-profile')).body.id).toBe(me.id);
  });

  it('lets an expert change their own keywords and fields, audited, and nothing else', async () => {
    const me = (await admin.post('/api/people', { name: '吴专家', titleLevel: 'senior', isExpert: true, keywords: ['旧'] })).body;
    const expert = await signIn(['expert'], me.id);
    const res = await expert.patch('/api/me/expert-profile', { keywords: ['储能', '电池'], fieldCodes: ['F02', 'F02.01'] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ keywords: ['储能', '电池'], fieldCodes: ['F02', 'F02.01'] });
    const audit = await lastAudit('person.update_expert_profile');
    expect(audit).toMatchObject({ entity_id: me.id });
    expect(audit?.before).toEqual({ fieldCodes: [], keywords: ['旧'] });
    expect(audit?.after).toEqual({ fieldCodes: ['F02', 'F02.01'], keywords: ['储能', '电池'] });

    const bad = await expert.patch('/api/me/expert-profile', { fieldCodes: ['F02', 'NOPE'] });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].path).toBe('body.fieldCodes.1');
    expect((await expert.patch('/api/me/expert-profile', { name: '改名' })).status).toBe(400);
    expect((await expert.patch('/api/me/expert-profile', {})).status).toBe(400);
    expect((await expert.patch(`/api/people/${me.id}`, { keywords: ['x'] })).status).toBe(403);
    expect((await officer.patch('/api/me/expert-profile', { keywords: ['x'] })).status).toBe(403);
  });
});

describe('searching people for a core expert team', () => {
  it('lets a chain leader search people, without their e-mail addresses', async () => {
    const leaderOrg = await createOrg(db, { name: '链主搜索测试集团有限公司' });
    const leader = await createUser(db, { roles: ['chain_leader'], orgId: leaderOrg.id });
    const c = h.client();
    expect((await c.login(leader.email, PASSWORD)).status).toBe(200);
    await admin.post('/api/people', { name: '邮箱隐藏专家', titleLevel: 'senior', isExpert: true, email: 'hidden.expert@example.cn' });
    const res = await c.get(`/api/people?q=${encodeURIComponent('邮箱隐藏')}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((p: { name: string; email: string | null }) => [p.name, p.email])).toEqual([['邮箱隐藏专家', null]]);
    const staff = await officer.get(`/api/people?q=${encodeURIComponent('邮箱隐藏')}`);
    expect(staff.body.items[0].email).toBe('hidden.expert@example.cn');
  });
});
