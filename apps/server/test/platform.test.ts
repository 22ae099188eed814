import { describe, expect, it } from 'vitest';
import { createUser, PASSWORD } from './support/fixtures.js';
import { startHarness } from './support/harness.js';

const h = await startHarness({ bodyLimit: 64 * 1024 });

describe('errors come from one closed catalogue', () => {
  it('answers malformed JSON with 400 malformed_json', async () => {
    const c = h.client();
    const res = await c.request('POST', '/api/auth/login', '{"email": "a@b.c", ', { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'malformed_json', details: null });
    expect(typeof res.body.message).toBe('string');
  });

  it('names the field of a wrong type and refuses unknown fields', async () => {
    const c = h.client();
    const wrongType = await c.post('/api/auth/login', { email: 42, password: 'x' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.code).toBe('validation_failed');
    expect(wrongType.body.details.map((d: { path: string }) => d.path)).toContain('body.email');
    const unknown = await c.post('/api/auth/login', { email: 'a@b.cn', password: 'x', admin: true });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body.details)).toMatch(/admin/);
  });

  it("says what is wrong with a field in the reader's language, never in the validation library's words", async () => {
    const c = h.client();
    const zh = await c.post('/api/auth/login', { email: 42, password: 'x' });
    expect(zh.body.details).toContainEqual(
      expect.objectContaining({ path: 'body.email', message: '“电子邮箱”应为文字', issue: 'invalid_type' }),
    );
    const en = await c.request('POST', '/api/auth/login', JSON.stringify({ email: 'not-an-address', password: 'x' }), {
      'content-type': 'application/json',
      'accept-language': 'en',
    });
    expect(en.status).toBe(400);
    const messages = (en.body.details as { message: string }[]).map((d) => d.message);
    expect(messages.join(' ')).not.toMatch(/Invalid input|expected|received/);
    expect(messages.join(' ')).toMatch(/email/);
  });

  it('refuses an oversized body with 413', async () => {
    const c = h.client();
    const res = await c.post('/api/auth/login', { email: 'a@b.cn', password: 'x'.repeat(100 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('payload_too_large');
  });

  it('answers in English when asked', async () => {
    const c = h.client();
    c.language = 'en-GB';
    const res = await c.get('/api/users');
    expect(res.status).toBe(401);
    expect(res.body.message).toBe('Please sign in');
  });

  it('answers unknown API paths with 404 not_found', async () => {
    const res = await h.client().get('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
  });
});

describe('operations', () => {
  it('serves OpenAPI 3.1 generated from the schemas, and a docs page', async () => {
    const res = await h.client().get('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const login = res.body.paths['/api/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.properties.email).toBeDefined();
    const docs = await h.app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toMatch(/swagger/i);
  });

  it('reports health and Prometheus metrics', async () => {
    const c = h.client();
    expect((await c.get('/healthz')).body).toEqual({ status: 'ok', database: 'ok' });
    const m = await c.get('/metrics');
    expect(m.status).toBe(200);
    expect(m.body).toMatch(/rdplan_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
    expect(m.body).toMatch(/rdplan_process_cpu_user_seconds_total/);
  });

  it('finishes a request in flight when closing', async () => {
    const u = await createUser(h.deps.db, { roles: ['officer'] });
    const c = h.client();
    // argon2 verification keeps the login request busy while close() is called
    const inflight = c.login(u.email, PASSWORD);
    await new Promise((r) => setImmediate(r));
    const closing = h.app.close();
    const res = await inflight;
    await closing;
    expect(res.status).toBe(200);
  });
});

describe('web app serving', () => {
  it('serves the app shell for client routes and 404 for missing files and API paths', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'rdplan-dist-'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>rdplan</title>');
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'assets', 'app.js'), 'console.log(1)');
    const { buildApp } = await import('../src/app.js');
    const app = await buildApp({ db: h.deps.db, config: { ...h.deps.config, webDist: dist }, clock: h.clock });
    try {
      for (const url of ['/', '/app/users', '/login?next=/app']) {
        const res = await app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(200);
        expect(res.body).toContain('<title>rdplan</title>');
      }
      expect((await app.inject({ method: 'GET', url: '/assets/app.js' })).body).toBe('console.log(1)');
      fs.writeFileSync(path.join(dist, 'assets', 'rebuilt.js'), 'console.log(2)');
      expect((await app.inject({ method: 'GET', url: '/assets/rebuilt.js' })).body).toBe('console.log(2)');
      expect((await app.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: '/api/missing' })).statusCode).toBe(404);
    } finally {
      await app.close();
      fs.rmSync(dist, { recursive: true, force: true });
    }
  });
});

describe('structured logs', () => {
  it('writes one JSON object per line with the request id, and never the session cookie', async () => {
    const lines: string[] = [];
    const { buildApp } = await import('../src/app.js');
    const app = await buildApp({
      db: h.deps.db,
      config: { ...h.deps.config, logLevel: 'info' },
      clock: h.clock,
      logStream: { write: (line: string) => void lines.push(line) },
    });
    try {
      await app.inject({ method: 'GET', url: '/healthz', headers: { cookie: 'rdplan_session=secret-token-value' } });
      const entries = lines.map((l) => JSON.parse(l) as Record<string, any>);
      const incoming = entries.find((e) => e.req?.url === '/healthz');
      const done = entries.find((e) => e.res?.statusCode === 200);
      expect(incoming?.reqId).toBeDefined();
      expect(done?.reqId).toBe(incoming?.reqId);
      expect(typeof done?.responseTime).toBe('number');
      expect(lines.join('\n')).not.toContain('secret-token-value');
    } finally {
      await app.close();
    }
  });
});
