import { describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.js';
import { Client } from './support/client.js';
import { loadConfig, productionWarnings, type Config } from '../src/config.js';
import { createUser, PASSWORD } from './support/fixtures.js';
import { startHarness } from './support/harness.js';

const h = await startHarness();

/** A second app instance on the same database with other settings; closed after `work`. */
async function withApp(over: Partial<Config>, work: (app: App, lines: string[]) => Promise<void>) {
  const lines: string[] = [];
  const app = await buildApp({
    db: h.deps.db,
    config: { ...h.deps.config, ...over, jobs: false },
    clock: h.clock,
    logStream: { write: (line: string) => void lines.push(line) },
  });
  try {
    await app.ready();
    await work(app, lines);
  } finally {
    await app.close();
  }
}

/** Signs in through `app` claiming another address in X-Forwarded-For; the address the session and audit event got. */
async function loginFrom(app: App, forwardedFor: string) {
  const u = await createUser(h.deps.db, { roles: ['officer'] });
  const c = new Client(app);
  await c.refreshSession();
  const res = await c.request('POST', '/api/auth/login', { email: u.email, password: PASSWORD }, { 'x-forwarded-for': forwardedFor });
  expect(res.status).toBe(200);
  const session = await h.deps.db.selectFrom('sessions').select('ip').where('user_id', '=', u.id).executeTakeFirstOrThrow();
  const event = await h.deps.db
    .selectFrom('audit_events')
    .select('after')
    .where('action', '=', 'session.create')
    .where('entity_id', '=', u.id)
    .executeTakeFirstOrThrow();
  return { session: session.ip, audit: (event.after as { ip: string }).ip, setCookie: String(res.headers['set-cookie']) };
}

describe('the client address behind a proxy (RDPLAN_TRUST_PROXY)', () => {
  it('does not believe a forged X-Forwarded-For by default', async () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production' }).trustProxy).toBe(false);
    const seen = await loginFrom(h.app, '203.0.113.9');
    expect(seen.session).toBe('127.0.0.1');
    expect(seen.audit).toBe('127.0.0.1');
  });

  it('believes the proxies it is told to trust, and only them', async () => {
    expect(loadConfig({ RDPLAN_TRUST_PROXY: '10.0.0.2, 127.0.0.0/8' }).trustProxy).toEqual(['10.0.0.2', '127.0.0.0/8']);
    expect(loadConfig({ RDPLAN_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(() => loadConfig({ RDPLAN_TRUST_PROXY: '1' })).toThrow(/not a hop count/);
    await withApp({ trustProxy: loadConfig({ RDPLAN_TRUST_PROXY: 'loopback' }).trustProxy }, async (app) => {
      const seen = await loginFrom(app, '203.0.113.9');
      expect(seen.session).toBe('203.0.113.9');
      expect(seen.audit).toBe('203.0.113.9');
    });
    // the nearest address not from a trusted proxy: an address the client prepends is not believed
    await withApp({ trustProxy: ['127.0.0.0/8'] }, async (app) => {
      expect((await loginFrom(app, '198.51.100.7, 203.0.113.10')).session).toBe('203.0.113.10');
    });
    // a proxy list that does not include the peer: the peer's own address
    await withApp({ trustProxy: ['10.0.0.2'] }, async (app) => {
      expect((await loginFrom(app, '203.0.113.9')).session).toBe('127.0.0.1');
    });
  });
});

describe('production is strict, the demo is not', () => {
  it('sends secure cookies in production, and says so at start-up when a setting turns them off', async () => {
    const prod = loadConfig({ NODE_ENV: 'production', RDPLAN_METRICS_TOKEN: 't' });
    expect(prod).toMatchObject({ production: true, secureCookies: true });
    expect(productionWarnings(prod)).toEqual([]);
    await withApp({ production: true, secureCookies: true, metricsToken: 't' }, async (app) => {
      expect((await loginFrom(app, '203.0.113.9')).setCookie).toMatch(/rdplan_session=[^,]*; Secure/i);
    });
    const weakened = loadConfig({ NODE_ENV: 'production', RDPLAN_SECURE_COOKIES: 'false', RDPLAN_TRUST_PROXY: 'true' });
    await withApp({ ...weakened, logLevel: 'info', dataDir: h.deps.config.dataDir, webDist: null }, async (_app, lines) => {
      const warnings = lines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.level === 40);
      expect(warnings.map((w) => w.msg)).toEqual([
        expect.stringContaining('RDPLAN_SECURE_COOKIES=false in production'),
        expect.stringContaining('RDPLAN_TRUST_PROXY=true'),
        expect.stringContaining('/metrics is off in production'),
      ]);
    });
    // the demo profile (npm start) is not production: plain-HTTP cookies, no warnings
    const demo = loadConfig({ NODE_ENV: 'development', RDPLAN_PROFILE: 'demo' });
    expect(demo).toMatchObject({ production: false, secureCookies: false });
    expect(productionWarnings(demo)).toEqual([]);
  });

  it('never serves /metrics publicly in production', async () => {
    await withApp({ production: true, metricsToken: undefined, metricsPort: undefined }, async (app) => {
      expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
    });
  });

  it('serves /metrics to the bearer of RDPLAN_METRICS_TOKEN', async () => {
    await withApp({ production: true, metricsToken: 'scrape-me-7f3a' }, async (app) => {
      const none = await app.inject({ method: 'GET', url: '/metrics' });
      expect(none.statusCode).toBe(401);
      expect(none.json()).toMatchObject({ code: 'unauthenticated' });
      const wrong = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer scrape-me-7f3b' } });
      expect(wrong.statusCode).toBe(401);
      const right = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer scrape-me-7f3a' } });
      expect(right.statusCode).toBe(200);
      expect(right.body).toContain('rdplan_http_requests_total');
    });
  });

  it('serves /metrics only on RDPLAN_METRICS_PORT when it is set', async () => {
    await withApp({ production: true, host: '127.0.0.1', metricsPort: 0, metricsToken: undefined }, async (app) => {
      expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
      const address = app.metricsAddress();
      expect(address?.port).toBeGreaterThan(0);
      const res = await fetch(`http://127.0.0.1:${address!.port}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('rdplan_process_cpu_seconds_total');
      expect((await fetch(`http://127.0.0.1:${address!.port}/other`)).status).toBe(404);
    });
    await withApp({ production: true, host: '127.0.0.1', metricsPort: 0, metricsToken: 'k' }, async (app) => {
      const url = `http://127.0.0.1:${app.metricsAddress()!.port}/metrics`;
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { authorization: 'Bearer k' } })).status).toBe(200);
    });
  });
});
