import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, inject, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { verifyAudit } from '../src/audit/audit.js';
import { openDatabase } from '../src/db/database.js';
import { Client } from './support/client.js';
import { createOrg, createUser, PASSWORD } from './support/fixtures.js';
import { startHarness } from './support/harness.js';
import { insertApplication } from './support/review-selection.js';
import { seedPlanAndCalls } from './support/tracks.js';
import { testDbKind } from './support/test-db.js';

const limits = { windowSeconds: 60, login: 3, register: 2, invitations: 2, publicWrite: 2 };
// The tests play clients at several addresses through X-Forwarded-For, so the harness believes it.
const h = await startHarness({ rateLimit: limits, trustProxy: true });
const admin = await createUser(h.deps.db, { roles: ['admin'] });
const adminClient = h.client();

async function signIn(client: Client, email: string, ip = '10.9.9.9') {
  await client.refreshSession();
  return client.request('POST', '/api/auth/login', { email, password: PASSWORD }, { 'x-forwarded-for': ip });
}
// The admin signs in from an address of its own, so that its sign-in counts against no test's limit.
const adminLogin = await signIn(adminClient, admin.email, '10.0.0.1');
adminClient.csrf = adminLogin.body.csrfToken;

describe('security headers', () => {
  it('sends CSP, frame-ancestors none, nosniff and Referrer-Policy on every response (and no HSTS outside production)', async () => {
    for (const url of ['/api/auth/session', '/api/nothing-here', '/healthz', '/openapi.json']) {
      const res = await h.client().get(url);
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("object-src 'none'");
      expect(csp, url).not.toMatch(/script-src[^;]*unsafe/);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }
    // An error answer carries them too.
    const bad = await h.client().request('POST', '/api/auth/login', '{not json', { 'content-type': 'application/json' });
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(bad.headers['x-content-type-options']).toBe('nosniff');
  });

  it('sends HSTS in production', async () => {
    const app = await buildApp({ db: h.database.db, config: { ...h.deps.config, production: true }, clock: h.clock });
    try {
      const res = await app.inject({ method: 'GET', url: '/api/auth/session' });
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    } finally {
      await app.close();
    }
  });
});

describe('text input is checked in one place', () => {
  it('refuses NUL bytes and unpaired surrogates in a JSON body, a query and path parameters, naming the field', async () => {
    const c = h.client();
    const nul = await c.request(
      'POST',
      '/api/auth/login',
      { email: 'a\u0000@example.cn', password: 'x' },
      { 'x-forwarded-for': '10.1.1.1' },
    );
    expect(nul.status).toBe(400);
    expect(nul.body.code).toBe('validation_failed');
    expect(nul.body.details).toEqual([expect.objectContaining({ path: 'body.email' })]);

    const lone = await adminClient.post('/api/chains', { code: 'CX', nameZh: '链\ud800', nameEn: 'x', reason: 'ok \udc00 x' });
    expect(lone.status).toBe(400);
    expect(lone.body.details.map((d: { path: string }) => d.path)).toEqual(['body.nameZh', 'body.reason']);

    const query = await c.get('/api/calendar/working-days?from=2026-03-02%00&n=1');
    expect(query.status).toBe(400);
    expect(query.body.details[0].path).toBe('querystring.from');

    const params = await c.get('/api/calls/%00');
    expect(params.status).toBe(400);
    expect(params.body.details[0].path).toBe('params.id');

    const key = await adminClient.post('/api/chains', { code: 'CX', nameZh: 'x', nameEn: 'x', 'a\u0000': 1 });
    expect(key.status).toBe(400);
  });

  it('keeps the audit chain verifiable: refused text never reaches it', async () => {
    const before = await h.deps.db
      .selectFrom('audit_events')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    const res = await adminClient.post('/api/chains', { code: 'CY', nameZh: '链', nameEn: 'y', reason: '\ud800 x' });
    expect(res.status).toBe(400);
    const after = await h.deps.db
      .selectFrom('audit_events')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect((await verifyAudit(h.deps.db)).ok).toBe(true);
  });
});

describe('the audit chain keeps verifying', () => {
  it('refuses a withdrawal whose reason has a lone surrogate (which once made `audit verify` report tampering)', async () => {
    const { calls } = await seedPlanAndCalls(h.deps.db, { year: 2031 });
    const org = await createOrg(h.deps.db);
    const app = await insertApplication(h.deps.db, {
      callId: calls.backfill,
      track: 'backfill',
      orgId: org.id,
      cityFunds: 1_000_000,
      status: 'submitted',
    });
    const member = await createUser(h.deps.db, { roles: ['unit_member'], orgId: org.id });
    const c = h.client();
    expect((await signIn(c, member.email, '10.5.5.5')).status).toBe(200);
    c.csrf = (await c.get('/api/auth/session')).body.csrfToken;
    const res = await c.post(`/api/applications/${app.id}/withdraw`, { reason: '\ud800 x' });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([expect.objectContaining({ path: 'body.reason' })]);
    expect((await h.deps.db.selectFrom('applications').select('status').where('id', '=', app.id).executeTakeFirstOrThrow()).status).toBe(
      'submitted',
    );
    expect((await verifyAudit(h.deps.db)).ok).toBe(true);
  });
});

describe('impossible dates and unknown ids answer 4xx naming the field', () => {
  it('refuses dates that pass the pattern but are not calendar dates, also on the public working-day route', async () => {
    for (const date of ['2026-02-30', '0000-01-01', '9999-12-31', '2026-13-01']) {
      const res = await h.client().get(`/api/calendar/working-days?from=${date}&n=3`);
      expect(res.status, date).toBe(400);
      expect(res.body.details[0].path, date).toBe('querystring.from');
    }
    const put = await adminClient.put('/api/calendar/2026', { days: [{ date: '2026-02-30', kind: 'holiday' }] });
    expect(put.status).toBe(400);
    expect(put.body.details[0].path).toBe('body.days.0.date');
  });

  it('answers 400 naming personId / orgId for ids that name nothing', async () => {
    const org = await createOrg(h.deps.db);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const created = await adminClient.post('/api/users', {
      email: 'ghost-person@test.rdplan',
      name: '无此人',
      password: 'Unusual-Pass-9321',
      roles: ['officer'],
      personId: unknown,
    });
    expect(created.status).toBe(400);
    expect(created.body.details[0].path).toBe('body.personId');
    const user = await createUser(h.deps.db, { roles: ['unit_member'], orgId: org.id });
    const patched = await adminClient.patch(`/api/users/${user.id}`, { personId: unknown });
    expect(patched.status).toBe(400);
    expect(patched.body.details[0].path).toBe('body.personId');
  });

  it('maps database errors caused by input to 4xx as a safety net', async () => {
    // A foreign-key violation that no route lets through any more, raised directly through the handler.
    const app = await buildApp({ db: h.database.db, config: h.deps.config, clock: h.clock });
    try {
      app.get('/api/test-fk', { config: { access: 'public' } }, async () => {
        await h.deps.db
          .insertInto('chain_leaders')
          .values({ chain_id: '00000000-0000-4000-8000-000000000000', org_id: admin.id })
          .execute();
      });
      app.get('/api/test-uuid', { config: { access: 'public' } }, async () => {
        await h.deps.db.selectFrom('users').select('id').where('id', '=', 'not-a-uuid').execute();
      });
      const fk = await app.inject({ method: 'GET', url: '/api/test-fk', headers: { 'accept-language': 'zh-CN' } });
      expect(fk.statusCode).toBe(400);
      expect(fk.json().details[0].path).toMatch(/^(chainId|orgId)$/);
      expect(fk.json().message).toBe('提交的数据不符合要求');
      const uuid = await app.inject({ method: 'GET', url: '/api/test-uuid' });
      expect(uuid.statusCode).toBe(400);
    } finally {
      await app.close();
    }
  });
});

describe('rate limits shared through the database', () => {
  it('counts sign-ins of one address across two app instances and answers 429 in Chinese with Retry-After', async () => {
    // A second instance with its own connection to the same database (on PGlite, the one embedded backend).
    let second = h.database;
    if (testDbKind === 'postgres') {
      const name = (await sql<{ db: string }>`select current_database() as db`.execute(h.deps.db)).rows[0]!.db;
      const url = new URL(inject('pgUrl'));
      url.pathname = `/${name}`;
      second = await openDatabase({ url: url.toString() });
    }
    const dataDir = await mkdtemp(path.join(tmpdir(), 'rdplan-test-'));
    const other = await buildApp({ db: second.db, config: { ...h.deps.config, dataDir }, clock: h.clock });
    await other.ready();
    try {
      const user = await createUser(h.deps.db, { roles: ['officer'] });
      const a = h.client();
      const b = new Client(other);
      const answers: number[] = [];
      for (const c of [a, b, a]) answers.push((await signIn(c, user.email, '10.2.2.2')).status);
      expect(answers).toEqual([200, 200, 200]);
      const refused = await signIn(b, user.email, '10.2.2.2');
      expect(refused.status).toBe(429);
      expect(refused.body.code).toBe('rate_limited');
      expect(refused.body.message).toBe('操作过于频繁，请稍后再试');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect((await signIn(a, user.email, '10.2.2.2')).status).toBe(429);
      // Another address is not affected; a new window lets the first one in again.
      expect((await signIn(a, user.email, '10.3.3.3')).status).toBe(200);
      h.clock.advance(61_000);
      expect((await signIn(b, user.email, '10.2.2.2')).status).toBe(200);
    } finally {
      await other.close();
      if (second !== h.database) await second.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('limits every public write (registration here) and leaves signed-in reads alone', async () => {
    const c = h.client();
    await c.refreshSession();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await c.request('POST', '/api/auth/register', { nothing: i }, { 'x-forwarded-for': '10.4.4.4' });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([400, 400, 429]);
    const routes = h.app.routeTable.filter((r) => r.access === 'public' && r.method !== 'GET');
    expect(routes.length).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) expect((await adminClient.get('/api/users')).status).toBe(200);
  });
});
