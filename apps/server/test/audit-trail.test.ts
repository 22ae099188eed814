import { describe, expect, it } from 'vitest';
import { createUser, PASSWORD } from './support/fixtures.js';
import { startHarness } from './support/harness.js';

/** The audit trail readable by administrators (issue 15): filters, an entity's history, security events, verification. */

const h = await startHarness();
const db = h.deps.db;

async function signIn(roles: Parameters<typeof createUser>[1]['roles']) {
  const u = await createUser(db, { roles });
  const c = h.client();
  expect((await c.login(u.email, PASSWORD)).status).toBe(200);
  return { c, u };
}

const { c: admin, u: adminUser } = await signIn(['admin']);

// An administrator's real changes: create an account at t0, rename it with a reason 20 minutes later, disable it 20 minutes after that (inside the session's idle limit).
const t0 = h.clock.now();
const created = await admin.post('/api/users', {
  email: 'audited.person@test.rdplan',
  name: '审计对象',
  roles: ['analyst'],
  password: 'Baiyun-Audit-Trail-2026',
});
expect(created.status).toBe(201);
const target = created.body.id as string;
h.clock.advance(1_200_000);
expect((await admin.patch(`/api/users/${target}`, { name: '审计对象（更名）', reason: '姓名登记有误' })).status).toBe(200);
h.clock.advance(1_200_000);
expect((await admin.patch(`/api/users/${target}`, { status: 'disabled' })).status).toBe(200);

type Ev = { seq: number; at: string; action: string; actorLabel: string; entityId: string; reason: string | null; changes: unknown[] };

describe('audit events for administrators', () => {
  it('filters by entity, newest first, with what each event changed', async () => {
    const res = await admin.get(`/api/admin/audit/events?entityType=user&entityId=${target}`);
    expect(res.status).toBe(200);
    const items = res.body.items as Ev[];
    expect(items.map((e) => e.action)).toEqual(['user.update', 'user.update', 'user.create']);
    expect(res.body.total).toBe(3);
    expect(items[0]!.seq).toBeGreaterThan(items[1]!.seq);
    expect(items[1]!.reason).toBe('姓名登记有误');
    expect(items[1]!.changes).toEqual([{ key: 'name', before: '审计对象', after: '审计对象（更名）' }]);
    expect(items.every((e) => e.actorLabel === adminUser.email)).toBe(true);
  });

  it('filters by action, by an action prefix, by actor and by time, and pages', async () => {
    const exact = await admin.get(`/api/admin/audit/events?action=user.update&entityId=${target}`);
    expect(exact.body.total).toBe(2);
    const prefix = await admin.get('/api/admin/audit/events?action=user.&pageSize=200');
    expect((prefix.body.items as Ev[]).every((e) => e.action.startsWith('user.'))).toBe(true);
    expect((prefix.body.items as Ev[]).map((e) => e.action)).toEqual(expect.arrayContaining(['user.create', 'user.update']));
    const byActor = await admin.get(`/api/admin/audit/events?actor=${encodeURIComponent(adminUser.email.slice(0, 12))}&entityId=${target}`);
    expect(byActor.body.total).toBe(3);
    const byActorId = await admin.get(`/api/admin/audit/events?actorId=${adminUser.id}&entityId=${target}`);
    expect(byActorId.body.total).toBe(3);
    const other = await admin.get(`/api/admin/audit/events?actorId=${crypto.randomUUID()}&entityId=${target}`);
    expect(other.body.total).toBe(0);
    // The 20 minutes after the rename began: the rename only (from inclusive, to exclusive).
    const from = new Date(t0.getTime() + 1_200_000).toISOString();
    const to = new Date(t0.getTime() + 2_400_000).toISOString();
    const window = await admin.get(`/api/admin/audit/events?entityId=${target}&from=${from}&to=${to}`);
    expect((window.body.items as Ev[]).map((e) => e.reason)).toEqual(['姓名登记有误']);
    const page2 = await admin.get(`/api/admin/audit/events?entityId=${target}&pageSize=1&page=2`);
    expect([page2.body.total, page2.body.items.length, page2.body.items[0].reason]).toEqual([3, 1, '姓名登记有误']);
    expect((await admin.get('/api/admin/audit/events?from=yesterday')).status).toBe(400);
  });

  it("answers an entity's history oldest first, before → after", async () => {
    const res = await admin.get(`/api/admin/audit/entities/user/${target}`);
    expect(res.status).toBe(200);
    expect(res.body.truncated).toBe(false);
    const items = res.body.items as Ev[];
    expect(items.map((e) => e.action)).toEqual(['user.create', 'user.update', 'user.update']);
    expect(items[2]!.changes).toEqual([{ key: 'status', before: 'active', after: 'disabled' }]);
    expect((await admin.get(`/api/admin/audit/entities/user/${crypto.randomUUID()}`)).body.items).toEqual([]);
  });

  it('lists the actions, entity types and security kinds for the filters', async () => {
    const res = await admin.get('/api/admin/audit/facets');
    expect(res.status).toBe(200);
    expect(res.body.actions).toEqual(expect.arrayContaining(['user.create', 'user.update', 'session.create']));
    expect(res.body.entityTypes).toContain('user');
  });
});

describe('security events and authorisation', () => {
  it('is for administrators only, and a refusal is itself a security event the administrator reads', async () => {
    const { c: officer, u: officerUser } = await signIn(['officer']);
    for (const path of [
      '/api/admin/audit/events',
      `/api/admin/audit/entities/user/${target}`,
      '/api/admin/audit/facets',
      '/api/admin/audit/verification',
      '/api/admin/security-events',
    ]) {
      expect([path, (await officer.get(path)).status]).toEqual([path, 403]);
      expect([path, (await h.client().get(path)).status]).toEqual([path, 401]);
    }
    const res = await admin.get(`/api/admin/security-events?kind=role_denied&user=${encodeURIComponent(officerUser.email)}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(5);
    expect(res.body.items[0]).toMatchObject({ kind: 'role_denied', userId: officerUser.id, userEmail: officerUser.email, method: 'GET' });
    expect(res.body.items.map((e: { url: string }) => e.url)).toContain('/api/admin/security-events');
    expect((await admin.get('/api/admin/audit/facets')).body.securityKinds).toContain('role_denied');
    const paged = await admin.get('/api/admin/security-events?kind=role_denied&pageSize=2&page=3');
    expect(paged.body.items).toHaveLength(1);
  });
});

describe("the chain's verification status", () => {
  it('reports an intact chain, then the altered event after tampering', async () => {
    const ok = await admin.get('/api/admin/audit/verification');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ available: true, ok: true, problemCount: 0, problems: [] });
    expect(ok.body.events).toBeGreaterThanOrEqual(3);
    const rename = (await admin.get(`/api/admin/audit/events?action=user.update&entityId=${target}`)).body.items[1] as Ev;
    await db.updateTable('audit_events').set({ reason: '被篡改的理由' }).where('seq', '=', rename.seq).execute();
    const bad = await admin.get('/api/admin/audit/verification');
    expect(bad.body.ok).toBe(false);
    expect(bad.body.problemCount).toBeGreaterThanOrEqual(1);
    expect(bad.body.problems).toContainEqual(expect.objectContaining({ seq: rename.seq, problem: 'altered' }));
  });
});
