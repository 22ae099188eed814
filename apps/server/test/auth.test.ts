import { describe, expect, it } from 'vitest';
import { startHarness } from './support/harness.js';
import { createOrg, createUser, PASSWORD } from './support/fixtures.js';

const h = await startHarness();

describe('sign-in and sessions', () => {
  it('signs in, shows the session and signs out', async () => {
    const u = await createUser(h.deps.db, { roles: ['officer'] });
    const c = h.client();
    const res = await c.login(u.email, PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: u.email, roles: ['officer'] });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/rdplan_session=[^;]+;.*HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect((await c.get('/api/auth/session')).body.user.email).toBe(u.email);
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    expect((await c.get('/api/auth/session')).body.user).toBeNull();
  });

  it('gives the same answer for an unknown e-mail and a wrong password', async () => {
    const u = await createUser(h.deps.db, { roles: ['officer'] });
    const a = await h.client().login('nobody@test.rdplan', 'Whatever-123');
    const b = await h.client().login(u.email, 'Wrong-password-1');
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(a.body.code).toBe('invalid_credentials');
    expect(b.body).toEqual(a.body);
  });

  it('locks the account for 15 minutes after 5 failures', async () => {
    const u = await createUser(h.deps.db, { roles: ['officer'] });
    const c = h.client();
    for (let i = 0; i < 4; i++) expect((await c.login(u.email, 'Wrong-password-1')).status).toBe(401);
    const fifth = await c.login(u.email, 'Wrong-password-1');
    expect(fifth.status).toBe(423);
    expect(fifth.body.code).toBe('account_locked');
    expect((await c.login(u.email, PASSWORD)).status).toBe(423);
    h.clock.advance(14 * 60_000);
    expect((await c.login(u.email, PASSWORD)).status).toBe(423);
    h.clock.advance(61_000);
    expect((await c.login(u.email, PASSWORD)).status).toBe(200);
  });

  it('ends a session after 30 idle minutes and after 12 hours in any case', async () => {
    const u = await createUser(h.deps.db, { roles: ['analyst'] });
    const c = h.client();
    await c.login(u.email, PASSWORD);
    h.clock.advance(29 * 60_000);
    expect((await c.get('/api/auth/session')).body.user).not.toBeNull();
    h.clock.advance(29 * 60_000);
    expect((await c.get('/api/auth/session')).body.user).not.toBeNull();
    h.clock.advance(31 * 60_000);
    expect((await c.get('/api/auth/session')).body.user).toBeNull();

    await c.login(u.email, PASSWORD);
    for (let i = 0; i < 25; i++) {
      h.clock.advance(29 * 60_000);
      await c.get('/api/auth/session');
    }
    // 12 h 5 min after sign-in, though never idle for 30 minutes
    expect((await c.get('/api/auth/session')).body.user).toBeNull();
  });

  it('refuses a mutating request without the CSRF token', async () => {
    const u = await createUser(h.deps.db, { roles: ['officer'] });
    const c = h.client();
    await c.login(u.email, PASSWORD);
    const res = await c.request('POST', '/api/auth/logout', {}, { 'x-csrf-token': 'forged' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('csrf_failed');
    const bare = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: u.email, password: PASSWORD } });
    expect(bare.statusCode).toBe(403);
  });
});

describe('unit registration and invitations', () => {
  it('registers a unit by credit code, pending until an officer confirms', async () => {
    const c = h.client();
    const res = await c.post('/api/auth/register', {
      uscc: '91310110666007217T',
      name: '上海测试科技有限公司',
      type: 'enterprise',
      regionCode: '310110',
      admin: { name: '张三', email: 'zhang@unit.test', password: 'Str0ng-Pass-x' },
    });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ status: 'pending', orgName: '上海测试科技有限公司' });
    expect((await c.login('zhang@unit.test', 'Str0ng-Pass-x')).body.code).toBe('account_pending');
    const officer = await createUser(h.deps.db, { roles: ['officer'] });
    const o = h.client();
    await o.login(officer.email, PASSWORD);
    const pending = (await o.get('/api/registrations')).body as { id: string; email: string }[];
    const userId = pending.find((r) => r.email === 'zhang@unit.test')!.id;
    const review = await o.post(`/api/registrations/${userId}`, { decision: 'approve' });
    expect(review.status).toBe(200);
    expect((await c.login('zhang@unit.test', 'Str0ng-Pass-x')).status).toBe(200);
  });

  it('names the field of a bad credit code and of a weak password', async () => {
    const c = h.client();
    const bad = await c.post('/api/auth/register', {
      uscc: '91310110666007217K',
      name: 'x',
      type: 'enterprise',
      regionCode: '440106',
      admin: { name: '李四', email: 'li@unit.test', password: 'Str0ng-Pass-x' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('validation_failed');
    expect(bad.body.details.map((d: { path: string }) => d.path)).toContain('body.uscc');
    const weak = await c.post('/api/auth/register', {
      uscc: '91310110666007217T',
      name: 'x',
      type: 'enterprise',
      regionCode: '440106',
      admin: { name: '李四', email: 'li@unit.test', password: 'password' },
    });
    expect(weak.status).toBe(400);
    expect(weak.body.code).toBe('weak_password');
    expect(weak.body.details[0].path).toBe('body.admin.password');
  });

  it('lets a unit admin invite a member who then signs in to the same unit', async () => {
    const org = await createOrg(h.deps.db);
    const admin = await createUser(h.deps.db, { roles: ['unit_admin'], orgId: org.id });
    const a = h.client();
    await a.login(admin.email, PASSWORD);
    const inv = await a.post('/api/org/invitations', { email: 'member@unit.test', name: '王五' });
    expect(inv.status).toBe(201);
    const mail = await h.deps.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('to_address', '=', 'member@unit.test')
      .executeTakeFirstOrThrow();
    const token = /token=([\w-]+)/.exec(mail.body)![1]!;
    const m = h.client();
    expect((await m.post('/api/auth/invitations/accept', { token, password: 'Blue-Lantern-77' })).status).toBe(201);
    expect((await m.post('/api/auth/invitations/accept', { token, password: 'Blue-Lantern-77' })).status).toBe(404);
    const s = await m.login('member@unit.test', 'Blue-Lantern-77');
    expect(s.body.user).toMatchObject({ orgId: org.id, roles: ['unit_member'] });
  });
});
