import { makeUscc, type Role } from '@rdplan/domain';
import { describe, expect, it } from 'vitest';
import { createOrg, createUser, PASSWORD } from './support/fixtures.js';
import { startHarness } from './support/harness.js';

const h = await startHarness();

async function signIn(roles: Role[], orgId: string | null = null) {
  const u = await createUser(h.deps.db, { roles, orgId });
  const c = h.client();
  expect((await c.login(u.email, PASSWORD)).status).toBe(200);
  return c;
}

let seq = 0;
function uscc(region = '440106') {
  seq++;
  return makeUscc('9', '1', region, `RG${String(seq).padStart(4, '0')}X${'ABCDEFGH'[seq % 8]}`);
}

const officer = await signIn(['officer']);
const analyst = await signIn(['analyst']);

async function auditFor(entityId: string) {
  return h.deps.db.selectFrom('audit_events').selectAll().where('entity_id', '=', entityId).orderBy('seq').execute();
}

describe('organisation registry', () => {
  it('creates an organisation and refuses a second one with the same credit code', async () => {
    const code = uscc();
    const res = await officer.post('/api/organisations', {
      uscc: code.toLowerCase(),
      name: '广州创建测试有限公司',
      type: 'enterprise',
      regionCode: '440106',
      address: '天河路1号',
      hnteCertNo: 'GR2024440001',
      hnteValidFrom: '2024-01-01',
      hnteValidTo: '2026-12-31',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      uscc: code,
      regionLabel: '广东省广州市天河区',
      isGuangzhou: true,
      hnteValidToday: true,
      hnte: { certNo: 'GR2024440001', validToday: true },
      formerNames: [],
      parents: [],
      subsidiaries: [],
    });
    const audit = await auditFor(res.body.id);
    expect(audit.map((a) => a.action)).toEqual(['organisation.create']);

    const dup = await officer.post('/api/organisations', { uscc: code, name: '重复', type: 'enterprise', regionCode: '440106' });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('conflict');
    expect(dup.body.details[0].path).toBe('body.uscc');

    const badRegion = await officer.post('/api/organisations', { uscc: uscc(), name: '区划', type: 'enterprise', regionCode: '449999' });
    expect(badRegion.status).toBe(400);
    expect(badRegion.body.details[0].path).toBe('body.regionCode');
    const badCode = await officer.post('/api/organisations', {
      uscc: '91440106MA59XXXXX1',
      name: 'x',
      type: 'enterprise',
      regionCode: '440106',
    });
    expect(badCode.status).toBe(400);
    expect(badCode.body.details.map((d: { path: string }) => d.path)).toContain('body.uscc');
    expect((await analyst.post('/api/organisations', { uscc: uscc(), name: 'x', type: 'enterprise', regionCode: '440106' })).status).toBe(
      403,
    );
  });

  it('searches by name or credit code and filters by type, region, Guangzhou, size and certificate', async () => {
    const tag = '检索样本';
    const make = async (name: string, over: Record<string, unknown>) => {
      const res = await officer.post('/api/organisations', {
        uscc: uscc(String(over.regionCode ?? '440106')),
        name,
        type: 'enterprise',
        regionCode: '440106',
        ...over,
      });
      expect(res.status).toBe(201);
      return res.body as { id: string; uscc: string };
    };
    const a = await make(`${tag}甲科技有限公司`, { aboveDesignatedSize: true, aboveDesignatedSizeYear: 2025 });
    const b = await make(`${tag}乙大学`, { type: 'university', regionCode: '310104' });
    const c = await make(`${tag}丙研究院`, {
      type: 'research_institute',
      regionCode: '440112',
      hnteCertNo: 'GR1',
      hnteValidFrom: '2023-01-01',
      hnteValidTo: '2025-12-31',
    });
    const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id).sort();
    const q = (s: string) => analyst.get(`/api/organisations?q=${encodeURIComponent(tag)}${s}`);

    const all = await q('');
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(3);
    expect(ids(all)).toEqual([a.id, b.id, c.id].sort());
    expect(ids(await analyst.get(`/api/organisations?q=${b.uscc.slice(4, 14).toLowerCase()}`))).toEqual([b.id]);
    expect(ids(await q('&type=university'))).toEqual([b.id]);
    expect(ids(await q('&region=4401'))).toEqual([a.id, c.id].sort());
    expect(ids(await q('&region=440112'))).toEqual([c.id]);
    expect(ids(await q('&inGuangzhou=false'))).toEqual([b.id]);
    expect(ids(await q('&inGuangzhou=true'))).toEqual([a.id, c.id].sort());
    expect(ids(await q('&aboveDesignatedSize=true'))).toEqual([a.id]);
    expect(ids(await q('&hnteValidOn=2025-06-01'))).toEqual([c.id]);
    expect(ids(await q('&hnteValidOn=2026-01-01'))).toEqual([]);
    const paged = await q('&pageSize=2&page=2');
    expect(paged.body.total).toBe(3);
    expect(paged.body.items).toHaveLength(1);
    const item = all.body.items.find((i: { id: string }) => i.id === b.id);
    expect(item).toMatchObject({ regionLabel: '上海市徐汇区', isGuangzhou: false, typeLabel: '高等院校' });
    const cert = all.body.items.find((i: { id: string }) => i.id === c.id);
    expect(cert).toMatchObject({ hnteValidToday: false, hnte: { validTo: '2025-12-31', validToday: false } });
    expect((await q('&inGuangzhou=maybe')).status).toBe(400);

    // A unit picks participating units from the registry, but sees only the public registration facts.
    const unit = await signIn(['unit_admin'], a.id);
    const found = await unit.get('/api/organisations?pageSize=200');
    expect(found.status).toBe(200);
    const seen = found.body.items.find((i: { id: string }) => i.id === c.id);
    expect(Object.keys(seen).sort()).toEqual([
      'formerNames',
      'id',
      'isGuangzhou',
      'name',
      'regionCode',
      'regionLabel',
      'type',
      'typeLabel',
      'uscc',
    ]);
    expect((await h.client().get('/api/organisations')).status).toBe(401);
  });

  it('shows an organisation to staff and to its own users, and answers 404 (logged) to anyone else', async () => {
    const mine = await createOrg(h.deps.db, { regionCode: '440104' });
    const other = await createOrg(h.deps.db);
    for (const role of ['chain_leader', 'unit_admin', 'unit_member'] as const) {
      const c = await signIn([role], mine.id);
      const own = await c.get(`/api/organisations/${mine.id}`);
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({
        id: mine.id,
        regionLabel: '广东省广州市越秀区',
        isGuangzhou: true,
        hnte: null,
        hnteValidToday: false,
      });
      const denied = await c.get(`/api/organisations/${other.id}`);
      expect(denied.status).toBe(404);
      expect(denied.body.code).toBe('not_found');
    }
    const logged = await h.deps.db
      .selectFrom('security_events')
      .selectAll()
      .where('kind', '=', 'access_denied')
      .where('url', '=', `/api/organisations/${other.id}`)
      .execute();
    expect(logged).toHaveLength(3);
    expect(logged[0]!.details).toMatchObject({ entityType: 'organisation', entityId: other.id });
    expect((await analyst.get(`/api/organisations/${other.id}`)).status).toBe(200);
    expect((await analyst.get('/api/organisations/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const expert = await signIn(['expert']);
    expect((await expert.get(`/api/organisations/${mine.id}`)).status).toBe(403);
  });

  it('lets the bureau change every field and keeps the old name until yesterday (Asia/Shanghai)', async () => {
    const org = await createOrg(h.deps.db, { name: '广州旧名有限公司' });
    // 16:30 UTC is already the next day in Shanghai.
    const saved = h.clock.now();
    h.clock.set(new Date('2026-05-10T16:30:00Z'));
    const later = await signIn(['admin']);
    const res = await later.patch(`/api/organisations/${org.id}`, {
      name: '广州新名有限公司',
      regionCode: '440112',
      aboveDesignatedSize: true,
      aboveDesignatedSizeYear: 2025,
      techSme: true,
      techSmeYear: 2026,
      hnteCertNo: 'GR2025',
      hnteValidFrom: '2025-01-01',
      hnteValidTo: '2027-12-31',
      reason: '工商变更',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: '广州新名有限公司',
      regionCode: '440112',
      regionLabel: '广东省广州市黄埔区',
      formerNames: [{ name: '广州旧名有限公司', until: '2026-05-10' }],
      hnteValidToday: true,
    });
    const again = await later.patch(`/api/organisations/${org.id}`, { name: '广州第三名有限公司' });
    h.clock.set(saved);
    expect(again.body.formerNames).toEqual([
      { name: '广州旧名有限公司', until: '2026-05-10' },
      { name: '广州新名有限公司', until: '2026-05-10' },
    ]);
    const found = await analyst.get(`/api/organisations?q=${encodeURIComponent('广州旧名')}`);
    expect(found.body.items.map((i: { id: string }) => i.id)).toContain(org.id);
    const audit = await auditFor(org.id);
    const first = audit.find((a) => a.action === 'organisation.update')!;
    expect(first.before).toMatchObject({ name: '广州旧名有限公司', regionCode: '440106' });
    expect(first.after).toMatchObject({ name: '广州新名有限公司', regionCode: '440112', aboveDesignatedSize: true });
    expect(first.reason).toBe('工商变更');

    const bad = await officer.patch(`/api/organisations/${org.id}`, { hnteValidFrom: '2028-01-01' });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].path).toBe('body.hnteValidTo');
    const taken = await createOrg(h.deps.db);
    const clash = await officer.patch(`/api/organisations/${org.id}`, { uscc: taken.uscc });
    expect(clash.status).toBe(409);
    expect(clash.body.details[0].path).toBe('body.uscc');
  });

  it('lets a unit admin change only the address of their own unit', async () => {
    const org = await createOrg(h.deps.db);
    const other = await createOrg(h.deps.db);
    const admin = await signIn(['unit_admin'], org.id);
    const ok = await admin.patch(`/api/organisations/${org.id}`, { address: '广州市天河区新地址2号' });
    expect(ok.status).toBe(200);
    expect(ok.body.address).toBe('广州市天河区新地址2号');
    const refused = await admin.patch(`/api/organisations/${org.id}`, { name: '改名', address: 'x', aboveDesignatedSize: true });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('forbidden');
    expect(refused.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['body.aboveDesignatedSize', 'body.name']);
    expect((await admin.patch(`/api/organisations/${other.id}`, { address: 'x' })).status).toBe(404);
    const member = await signIn(['unit_member'], org.id);
    expect((await member.patch(`/api/organisations/${org.id}`, { address: 'x' })).status).toBe(403);
    expect((await admin.patch(`/api/organisations/${org.id}`, {})).status).toBe(200);
    const audit = await auditFor(org.id);
    expect(audit.filter((a) => a.action === 'organisation.update')).toHaveLength(1);
  });
});

describe('corporate control', () => {
  const link = (parent: string, child: string, sharePct?: number) =>
    officer.post(`/api/organisations/${parent}/subsidiaries`, { childId: child, ...(sharePct === undefined ? {} : { sharePct }) });

  it('walks subsidiaries of subsidiaries and controllers of controllers', async () => {
    const [a, b, c, d, e] = await Promise.all(
      ['集团', '子公司', '孙公司', '曾孙公司', '另一子公司'].map((n) => createOrg(h.deps.db, { name: `控制${n}` })),
    );
    expect((await link(a!.id, b!.id, 60)).status).toBe(201);
    expect((await link(b!.id, c!.id)).status).toBe(201);
    expect((await link(c!.id, d!.id, 51.5)).status).toBe(201);
    expect((await link(a!.id, e!.id)).status).toBe(201);
    expect((await link(a!.id, b!.id)).status).toBe(409);

    const group = await analyst.get(`/api/organisations/${a!.id}/group`);
    expect(group.status).toBe(200);
    expect(group.body.children.map((x: { id: string; sharePct: number | null }) => [x.id, x.sharePct]).sort()).toEqual(
      [
        [b!.id, 60],
        [e!.id, null],
      ].sort(),
    );
    expect(group.body.descendants.map((x: { id: string }) => x.id).sort()).toEqual([b!.id, c!.id, d!.id, e!.id].sort());
    expect(group.body.descendants.find((x: { id: string }) => x.id === d!.id).depth).toBe(3);
    expect(group.body.ancestors).toEqual([]);

    const low = await analyst.get(`/api/organisations/${d!.id}/group`);
    expect(low.body.ancestors.map((x: { id: string }) => x.id)).toEqual([c!.id, b!.id, a!.id]);
    expect(low.body.parents).toMatchObject([{ id: c!.id, sharePct: 51.5 }]);
    expect(low.body.descendants).toEqual([]);

    const record = await analyst.get(`/api/organisations/${b!.id}`);
    expect(record.body.parents.map((x: { id: string }) => x.id)).toEqual([a!.id]);
    expect(record.body.subsidiaries.map((x: { id: string }) => x.id)).toEqual([c!.id]);

    // Own organisation only for the organisation's users.
    const unit = await signIn(['unit_member'], b!.id);
    expect((await unit.get(`/api/organisations/${b!.id}/group`)).status).toBe(200);
    expect((await unit.get(`/api/organisations/${a!.id}/group`)).status).toBe(404);

    expect((await officer.delete(`/api/organisations/${b!.id}/subsidiaries/${c!.id}`)).status).toBe(204);
    expect((await officer.delete(`/api/organisations/${b!.id}/subsidiaries/${c!.id}`)).status).toBe(404);
    const after = await analyst.get(`/api/organisations/${a!.id}/group`);
    expect(after.body.descendants.map((x: { id: string }) => x.id).sort()).toEqual([b!.id, e!.id].sort());
    const actions = (await auditFor(b!.id)).map((x) => x.action);
    expect(actions).toEqual(['organisation.control_add', 'organisation.control_remove']);
    expect((await analyst.post(`/api/organisations/${a!.id}/subsidiaries`, { childId: c!.id })).status).toBe(403);
  });

  it('refuses self-control and a three-organisation cycle, naming the path', async () => {
    const [x, y, z] = await Promise.all(['甲', '乙', '丙'].map((n) => createOrg(h.deps.db, { name: `循环${n}公司` })));
    const self = await link(x!.id, x!.id);
    expect(self.status).toBe(409);
    expect(self.body.code).toBe('cycle');
    expect(self.body.details[0].cycle).toEqual(['循环甲公司', '循环甲公司']);

    expect((await link(x!.id, y!.id)).status).toBe(201);
    expect((await link(y!.id, z!.id)).status).toBe(201);
    const cycle = await link(z!.id, x!.id);
    expect(cycle.status).toBe(409);
    expect(cycle.body.code).toBe('cycle');
    expect(cycle.body.details[0].cycle).toEqual(['循环丙公司', '循环甲公司', '循环乙公司', '循环丙公司']);
    expect(cycle.body.details[0].path).toBe('body.childId');
    const edges = await h.deps.db.selectFrom('control_edges').selectAll().where('parent_id', '=', z!.id).execute();
    expect(edges).toEqual([]);
    expect((await link(x!.id, '00000000-0000-4000-8000-000000000000')).status).toBe(400);
    expect((await officer.post('/api/organisations/00000000-0000-4000-8000-000000000000/subsidiaries', { childId: x!.id })).status).toBe(
      404,
    );
  });
});
