import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createUser, PASSWORD } from './support/fixtures.js';
import { startHarness } from './support/harness.js';

const h = await startHarness();
const root = path.resolve(import.meta.dirname, '../../..');
const served = (await h.app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> };
};

interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, unknown> }>;
  'x-roles'?: string[];
}

const operations = Object.entries(served.paths).flatMap(([url, methods]) =>
  Object.entries(methods).map(([method, op]) => ({ key: `${method.toUpperCase()} ${url}`, method, url, op })),
);

/**
 * The warnings of the recommended rules this document keeps, each with its reason in the README
 * ("API documents"). Anything else — an error, or another warning — fails the test.
 */
const ALLOWED_WARNINGS = [
  'no-ambiguous-paths: /api/organisations/import-jobs/{id} ~ /api/organisations/{id}/group',
  'no-ambiguous-paths: /api/organisations/import-jobs/{id} ~ /api/organisations/{id}/subsidiaries',
];

describe('the OpenAPI document', () => {
  it('passes @redocly/cli lint with the recommended rules, with only the warnings the README lists', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'rdplan-openapi-lint-'));
    let output: string;
    try {
      const file = path.join(dir, 'openapi.json');
      await writeFile(file, JSON.stringify(served));
      // Run in the temporary folder: no redocly.yaml there, so the built-in recommended ruleset applies.
      output = execFileSync(path.join(root, 'node_modules/.bin/redocly'), ['lint', file, '--format', 'json'], {
        cwd: dir,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      });
    } catch (e) {
      // Exit code 1 when there are errors: the report is still on stdout.
      output = (e as { stdout?: string }).stdout ?? String(e);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const report = JSON.parse(output) as {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; severity: string; message: string }[];
    };
    const found = report.problems.map((p) => {
      const paths = [...p.message.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
      return p.ruleId === 'no-ambiguous-paths' ? `${p.ruleId}: ${paths.join(' ~ ')}` : `${p.ruleId} (${p.severity}): ${p.message}`;
    });
    expect(report.totals.errors).toBe(0);
    expect(found.sort()).toEqual([...ALLOWED_WARNINGS].sort());
  });

  it('names, secures and answers every operation: operationId, security, a 2xx and its 4xx with the error envelope', () => {
    expect(operations.length).toBeGreaterThan(100);
    const ids = new Set<string>();
    for (const { key, method, url, op } of operations) {
      expect(op.operationId, key).toMatch(/^[a-z][A-Za-z0-9]+$/);
      expect(ids.has(op.operationId!), `${key}: operationId ${op.operationId} repeated`).toBe(false);
      ids.add(op.operationId!);
      expect(op.security, key).toBeDefined();
      const codes = Object.keys(op.responses);
      const ok = codes.filter((c) => c.startsWith('2'));
      expect(ok.length, `${key} documents no success answer`).toBeGreaterThan(0);
      for (const c of ok) if (c !== '204') expect(op.responses[c]!.content, `${key} ${c} has no content`).toBeDefined();
      const errors = codes.filter((c) => c.startsWith('4'));
      expect(errors.length, `${key} documents no 4xx`).toBeGreaterThan(0);
      for (const c of errors) expect(JSON.stringify(op.responses[c]!.content), key).toContain('#/components/schemas/Error');
      const mutating = method !== 'get';
      const schemes = (op.security ?? []).flatMap((s) => Object.keys(s));
      if (mutating) expect(schemes, key).toEqual(expect.arrayContaining(['csrfCookie', 'csrfHeader']));
      if (!url.startsWith('/api/')) continue;
      const route = h.app.routeTable.find((r) => r.method === method.toUpperCase() && r.url === url.replace(/\{(\w+)\}/g, ':$1'));
      expect(route, key).toBeDefined();
      if (route!.access === 'public') expect(schemes, key).not.toContain('session');
      else expect(schemes, key).toContain('session');
      if (Array.isArray(route!.access)) expect(op['x-roles'], key).toEqual([...route!.access]);
    }
  });

  it('is the committed docs/openapi.json (npm run openapi writes it; npm run check fails when it is stale)', () => {
    const committed = JSON.parse(fs.readFileSync(path.join(root, 'docs/openapi.json'), 'utf8')) as unknown;
    expect(served).toEqual(committed);
  });
});

describe('the API quick start of the README', () => {
  /** The cookies a client such as curl keeps (name → value), from the answers' set-cookie headers. */
  const jar = new Map<string, string>();
  const keep = (headers: Record<string, unknown>) => {
    for (const line of [headers['set-cookie'] ?? []].flat() as string[]) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      jar.set(name!.trim(), value.join('='));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

  it('handshake → CSRF token → sign in → GET, as documented (and sign-in without the handshake is refused with csrf_failed)', async () => {
    const user = await createUser(h.deps.db, { roles: ['officer'] });
    const credentials = { email: user.email, password: PASSWORD };

    const cold = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: credentials });
    expect(cold.statusCode).toBe(403);
    expect(cold.json().code).toBe('csrf_failed');
    expect(Object.keys(served.paths['/api/auth/login']!.post!.responses)).toContain('403');

    const session = await h.app.inject({ method: 'GET', url: '/api/auth/session' });
    keep(session.headers);
    const { csrfToken } = session.json() as { csrfToken: string };
    expect(jar.get('rdplan_csrf')).toBe(csrfToken);

    const login = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie: cookie(), 'x-csrf-token': csrfToken },
      payload: credentials,
    });
    expect(login.statusCode).toBe(200);
    keep(login.headers);
    expect(jar.has('rdplan_session')).toBe(true);

    const list = await h.app.inject({ method: 'GET', url: '/api/applications', headers: { cookie: cookie() } });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toHaveProperty('items');
  });
});
