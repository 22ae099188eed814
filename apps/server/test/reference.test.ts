import { describe, expect, it } from 'vitest';
import { isUniqueViolation } from '../src/repositories/reference.js';
import { createOrg, createUser, PASSWORD } from './support/fixtures.js';
import { startHarness } from './support/harness.js';

const h = await startHarness();
const db = h.deps.db;

async function signIn(roles: Parameters<typeof createUser>[1]['roles']) {
  const u = await createUser(db, { roles });
  const c = h.client();
  expect((await c.login(u.email, PASSWORD)).status).toBe(200);
  return c;
}
const admin = await signIn(['admin']);
const officer = await signIn(['officer']);

async function lastAudit(action: string) {
  return db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

describe('industry chains', () => {
  it('lets an admin add and rename a chain, and shows it to the public', async () => {
    const created = await admin.post('/api/chains', { code: 'C01', nameZh: '智能网联与新能源汽车', nameEn: 'Intelligent connected & NEV' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'C01', active: true, leaders: [] });
    const dup = await admin.post('/api/chains', { code: 'C01', nameZh: '重复', nameEn: 'Dup' });
    expect(dup.status).toBe(409);
    expect(dup.body.details[0].path).toBe('body.code');

    const patched = await admin.patch(`/api/chains/${created.body.id}`, { nameEn: 'Smart vehicles', active: false });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ code: 'C01', nameZh: '智能网联与新能源汽车', nameEn: 'Smart vehicles', active: false });
    const audit = await lastAudit('chain.update');
    expect(audit?.before).toMatchObject({ nameEn: 'Intelligent connected & NEV', active: true });
    expect(audit?.after).toMatchObject({ nameEn: 'Smart vehicles', active: false });

    const pub = await h.client().get('/api/chains');
    expect(pub.status).toBe(200);
    expect(pub.body.find((c: { code: string }) => c.code === 'C01')).toMatchObject({ nameEn: 'Smart vehicles', active: false });
  });

  it('refuses chain changes to non-admins', async () => {
    expect((await officer.post('/api/chains', { code: 'C99', nameZh: '某链', nameEn: 'X' })).status).toBe(403);
    expect((await h.client().post('/api/chains', { code: 'C99', nameZh: '某链', nameEn: 'X' })).status).toBe(401);
    const chain = (await admin.post('/api/chains', { code: 'C98', nameZh: '某链', nameEn: 'X' })).body;
    expect((await officer.patch(`/api/chains/${chain.id}`, { active: false })).status).toBe(403);
    expect((await admin.patch('/api/chains/00000000-0000-4000-8000-000000000000', { active: false })).status).toBe(404);
    expect((await admin.post('/api/chains', { code: 'bad code', nameZh: '某链', nameEn: 'X' })).body.details[0].path).toBe('body.code');
  });

  it('sets leader enterprises, names them publicly and audits before/after', async () => {
    const chain = (await admin.post('/api/chains', { code: 'C02', nameZh: '超高清视频和新型显示', nameEn: 'UHD video & display' })).body;
    const a = await createOrg(db, { name: '甲显示科技有限公司' });
    const b = await createOrg(db, { name: '乙光电股份有限公司' });
    const uni = await createOrg(db, { name: '某大学', type: 'university' });

    const first = await admin.put(`/api/chains/${chain.id}/leaders`, { orgIds: [a.id] });
    expect(first.status).toBe(200);
    expect(first.body.leaders).toEqual([{ orgId: a.id, name: '甲显示科技有限公司' }]);

    const second = await admin.put(`/api/chains/${chain.id}/leaders`, { orgIds: [b.id, a.id] });
    expect(second.body.leaders.map((l: { orgId: string }) => l.orgId).sort()).toEqual([a.id, b.id].sort());
    const audit = await lastAudit('chain.set_leaders');
    expect(audit?.entity_id).toBe(chain.id);
    expect((audit?.before as { leaders: unknown[] }).leaders).toHaveLength(1);
    expect((audit?.after as { leaders: unknown[] }).leaders).toHaveLength(2);

    const bad = await admin.put(`/api/chains/${chain.id}/leaders`, {
      orgIds: [a.id, uni.id, '00000000-0000-4000-8000-000000000000'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { path: string }) => d.path)).toEqual(['body.orgIds.1', 'body.orgIds.2']);

    const pub = await h.client().get('/api/chains');
    const shown = pub.body.find((c: { id: string }) => c.id === chain.id);
    expect(shown.leaders.map((l: { name: string }) => l.name).sort()).toEqual(['乙光电股份有限公司', '甲显示科技有限公司'].sort());

    expect((await admin.put(`/api/chains/${chain.id}/leaders`, { orgIds: [] })).body.leaders).toEqual([]);
    expect((await officer.put(`/api/chains/${chain.id}/leaders`, { orgIds: [] })).status).toBe(403);
  });
});

describe('key fields and directions', () => {
  it('builds a two-level tree that the public can read', async () => {
    const f = await admin.post('/api/fields', { code: 'F01', nameZh: '新一代信息技术', nameEn: 'New-generation IT' });
    expect(f.status).toBe(201);
    expect(f.body).toMatchObject({ code: 'F01', parentCode: null });
    const d = await admin.post('/api/fields', { code: 'F01.01', nameZh: '集成电路', nameEn: 'Integrated circuits', parentCode: 'F01' });
    expect(d.status).toBe(201);
    expect(d.body.parentCode).toBe('F01');

    const tree = await h.client().get('/api/fields');
    expect(tree.status).toBe(200);
    const node = tree.body.find((n: { code: string }) => n.code === 'F01');
    expect(node.directions.map((x: { code: string }) => x.code)).toEqual(['F01.01']);
    expect(tree.body.some((n: { code: string }) => n.code === 'F01.01')).toBe(false);
  });

  it('requires an existing top-level parent and a unique code', async () => {
    await admin.post('/api/fields', { code: 'F02', nameZh: '生物医药', nameEn: 'Biomedicine' });
    await admin.post('/api/fields', { code: 'F02.01', nameZh: '创新药', nameEn: 'Innovative drugs', parentCode: 'F02' });
    const deep = await admin.post('/api/fields', { code: 'F02.02', nameZh: 'x', nameEn: 'x', parentCode: 'F02.01' });
    expect(deep.status).toBe(400);
    expect(deep.body.details[0].path).toBe('body.parentCode');
    const orphan = await admin.post('/api/fields', { code: 'F09.01', nameZh: 'x', nameEn: 'x', parentCode: 'F09' });
    expect(orphan.status).toBe(400);
    expect(orphan.body.details[0].path).toBe('body.parentCode');
    const dup = await admin.post('/api/fields', { code: 'F02', nameZh: 'x', nameEn: 'x' });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('conflict');
    expect(dup.body.details[0].path).toBe('body.code');
    expect((await officer.post('/api/fields', { code: 'F08', nameZh: 'x', nameEn: 'x' })).status).toBe(403);
  });

  it('patches names, codes and parents with the same rules, and audits', async () => {
    const top = (await admin.post('/api/fields', { code: 'F03', nameZh: '新材料', nameEn: 'New materials' })).body;
    const other = (await admin.post('/api/fields', { code: 'F04', nameZh: '新能源', nameEn: 'New energy' })).body;
    const dir = (await admin.post('/api/fields', { code: 'F03.01', nameZh: '先进高分子', nameEn: 'Polymers', parentCode: 'F03' })).body;

    const dup = await admin.patch(`/api/fields/${dir.id}`, { code: 'F04' });
    expect(dup.status).toBe(409);
    expect(dup.body.details[0].path).toBe('body.code');

    const moved = await admin.patch(`/api/fields/${dir.id}`, { code: 'F04.01', parentCode: 'F04', nameEn: 'Advanced polymers' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ code: 'F04.01', parentCode: 'F04', nameEn: 'Advanced polymers' });
    const audit = await lastAudit('field.update');
    expect(audit?.before).toMatchObject({ code: 'F03.01', parentCode: 'F03' });
    expect(audit?.after).toMatchObject({ code: 'F04.01', parentCode: 'F04' });

    // A field with directions cannot become a direction; nothing may hang under a direction.
    const demote = await admin.patch(`/api/fields/${other.id}`, { parentCode: 'F03' });
    expect(demote.status).toBe(400);
    expect(demote.body.details[0].path).toBe('body.parentCode');
    const underDir = await admin.patch(`/api/fields/${top.id}`, { parentCode: 'F04.01' });
    expect(underDir.status).toBe(400);
    const self = await admin.patch(`/api/fields/${top.id}`, { parentCode: 'F03' });
    expect(self.status).toBe(400);
    expect((await admin.patch('/api/fields/00000000-0000-4000-8000-000000000000', { nameEn: 'x' })).status).toBe(404);
  });

  it('carries a new code into the people who named the old one', async () => {
    const f = (await admin.post('/api/fields', { code: 'F05', nameZh: '海洋', nameEn: 'Marine' })).body;
    const p = await db
      .insertInto('people')
      .values({
        key: 'ref-p1',
        name: '张三',
        email: null,
        title_level: 'senior',
        title_name: null,
        field_codes: ['F05', 'F01'],
        keywords: [],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await admin.patch(`/api/fields/${f.id}`, { code: 'F06' })).status).toBe(200);
    const row = await db.selectFrom('people').select('field_codes').where('id', '=', p.id).executeTakeFirstOrThrow();
    expect(row.field_codes).toEqual(['F06', 'F01']);
  });
});

describe('unique codes under a race', () => {
  it('recognises the database refusing a duplicate code (mapped to 409 body.code)', async () => {
    await db.insertInto('chains').values({ code: 'CR1', name_zh: '竞争', name_en: 'Race' }).execute();
    const err = await db
      .insertInto('chains')
      .values({ code: 'CR1', name_zh: '竞争', name_en: 'Race' })
      .execute()
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(isUniqueViolation(err)).toBe(true);
    expect(isUniqueViolation(new Error('x'))).toBe(false);
  });
});
