import fs from 'node:fs';
import { DEMO_EMAILS, DEMO_PASSWORDS } from '@rdplan/demo';
import type { Role } from '@rdplan/domain';
import fc from 'fast-check';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/audit/audit.js';
import { seedDemo } from '../src/seed/demo.js';
import type { Client } from './support/client.js';
import { startHarness } from './support/harness.js';

/**
 * Property-based fuzzing of every JSON route from its own schema (the OpenAPI document the app generates
 * from the zod schemas): valid-shaped inputs, and the same inputs with one value poisoned (NUL, a lone
 * surrogate, huge or negative numbers, wrong types, impossible dates, ids that name nothing). Each
 * request is sent as roles the route admits, on the demo data. Properties: never a 5xx; a refused write
 * leaves no trace (no audit event, no row added or removed); the audit chain verifies at the end.
 * Runs per route are bounded (FUZZ_RUNS, default 4 valid-shaped + 6 poisoned) so it runs on both databases.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 3);
const t0 = Date.now();
/** FUZZ_TRACE=<file>: a line per route with the seconds since the start, to see where the time goes. */
const trace = (msg: string) =>
  process.env.FUZZ_TRACE && fs.appendFileSync(process.env.FUZZ_TRACE, `${((Date.now() - t0) / 1000).toFixed(1)}s ${msg}\n`);
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

const h = await startHarness();
h.clock.set(new Date('2026-11-24T02:00:00Z'));
trace('harness');
await seedDemo(h.deps);
trace('seeded');

type Who = Role | 'public';
const clients = new Map<Who, Client>();
clients.set('public', h.client());
for (const role of Object.keys(DEMO_EMAILS) as Role[]) {
  const c = h.client();
  expect((await c.login(DEMO_EMAILS[role], DEMO_PASSWORDS[role])).status).toBe(200);
  clients.set(role, c);
}
const ownUserIds = new Set(
  (await h.deps.db.selectFrom('users').select('id').where('email', 'in', Object.values(DEMO_EMAILS)).execute()).map((u) => u.id),
);

/** Real ids of the demo data by table (a few each), so that inputs reach past "not found". */
async function idsOf(table: string, column = 'id', limit = 6): Promise<string[]> {
  const rows = await sql<{ v: unknown }>`select ${sql.ref(column)}::text as v from ${sql.table(table)} order by 1 limit ${limit}`.execute(
    h.deps.db,
  );
  return rows.rows.map((r) => String(r.v));
}
const ids: Record<string, string[]> = {};
for (const table of [
  'applications',
  'calls',
  'plans',
  'workplans',
  'reviews',
  'organisations',
  'people',
  'chains',
  'fields',
  'national_applications',
  'national_projects',
  'review_assignments',
  'review_exclusions',
  'application_attachments',
  'import_jobs',
  'overlap_flags',
  'national_followups',
]) {
  ids[table] = await idsOf(table);
}
ids.users = (await idsOf('users', 'id', 40)).filter((id) => !ownUserIds.has(id)).slice(0, 6);
ids.field_codes = await idsOf('fields', 'code');
ids.national_ids = await idsOf('national_projects', 'national_id');
ids.map_units = await idsOf('national_map_units', 'unit_id');

/** Which table a path parameter names, from its name and the path segment before it. */
function tableOf(url: string, param: string): string | null {
  const byName: Record<string, string> = {
    childId: 'organisations',
    appId: 'applications',
    applicationId: 'applications',
    attachmentId: 'application_attachments',
    nationalId: 'national_ids',
    entryId: 'national_followups',
    personId: 'people',
    exclusionId: 'review_exclusions',
    callId: 'calls',
    reviewId: 'reviews',
    assignmentId: 'review_assignments',
    planId: 'plans',
    flagId: 'overlap_flags',
    fieldCode: 'field_codes',
  };
  if (byName[param]) return byName[param];
  const segment = url.split('/:')[0]!.split('/').slice(2).join('/');
  const bySegment: Record<string, string> = {
    users: 'users',
    registrations: 'users',
    organisations: 'organisations',
    chains: 'chains',
    fields: 'fields',
    people: 'people',
    plans: 'plans',
    calls: 'calls',
    'national/import-jobs': 'import_jobs',
    'national/applications': 'national_applications',
    'national/projects': 'national_projects',
    'national/matches': 'map_units',
    workplans: 'workplans',
    applications: 'applications',
    'review/experts': 'people',
  };
  return bySegment[segment] ?? null;
}

const allIds = Object.values(ids).flat();
const someId = (table: string | null) => fc.constantFrom(...(table && ids[table]?.length ? ids[table] : allIds), UNKNOWN_ID);

/* ---------- JSON Schema → fast-check ---------- */

type Schema = Record<string, any>;
const DATE = '^\\d{4}-\\d{2}-\\d{2}$';
const realDates = ['2026-03-02', '2026-11-24', '2026-12-31', '2027-01-15', '2025-06-30'];
const texts = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('广州市科技创新', '测试项目', 'F01', 'x'));

function arb(s: Schema, key = ''): fc.Arbitrary<unknown> {
  if (!s || Object.keys(s).length === 0) return fc.oneof(fc.constant(null), texts, fc.integer());
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((a: Schema) => arb(a, key)));
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const types: string[] = Array.isArray(s.type) ? s.type : [s.type];
  if (types.length > 1) return fc.oneof(...types.map((t) => arb({ ...s, type: t }, key)));
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number': {
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 0);
      const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : Math.max(min, 0) + 5_000_000);
      const int = fc.integer({ min: Math.ceil(Math.max(min, -1e9)), max: Math.floor(Math.min(max, 1e12)) });
      if (types[0] === 'integer' || max - min < 1) return int;
      return fc.oneof(int, fc.double({ min, max: Math.min(max, 1e12), noNaN: true, noDefaultInfinity: true }));
    }
    case 'string': {
      if (s.format === 'uuid') return someId(tableOf('', key) ?? null);
      if (s.format === 'email') return fc.constantFrom(...Object.values(DEMO_EMAILS), 'fuzz-new@example.cn');
      if (s.pattern === DATE) return fc.constantFrom(...realDates);
      if (s.pattern) {
        try {
          return fc.stringMatching(new RegExp(s.pattern), { size: 'xsmall' });
        } catch {
          return texts;
        }
      }
      const minLength = s.minLength ?? 0;
      const maxLength = Math.min(s.maxLength ?? 40, minLength + 40);
      const sample = '广州市重点领域研发计划测试内容'.repeat(Math.ceil(minLength / 15) || 1).slice(0, maxLength);
      return fc.oneof(fc.string({ minLength, maxLength }), fc.constant(sample));
    }
    case 'array':
      return fc.array(arb(s.items ?? {}, key), {
        minLength: s.minItems ?? 0,
        maxLength: Math.min(s.maxItems ?? 3, Math.max(3, s.minItems ?? 0)),
      });
    case 'object': {
      const props: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries((s.properties ?? {}) as Record<string, Schema>)) props[k] = arb(v, k);
      const record = fc.record(props, { requiredKeys: (s.required ?? []).filter((k: string) => k in props) });
      if (s.additionalProperties && typeof s.additionalProperties === 'object') {
        return fc
          .tuple(record, fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), arb(s.additionalProperties, key), { maxKeys: 3 }))
          .map(([a, b]) => ({ ...b, ...a }));
      }
      return record;
    }
    default:
      return fc.constant(null);
  }
}

/* ---------- poisons ---------- */

const POISONS: { name: string; value: (old: unknown) => unknown; mustRefuse: boolean; onlyDates?: boolean }[] = [
  { name: 'NUL', value: (old) => `${typeof old === 'string' ? old : 'a'}\u0000`, mustRefuse: true },
  { name: 'lone high surrogate', value: (old) => `\ud800 ${typeof old === 'string' ? old : 'x'}`, mustRefuse: true },
  { name: 'lone low surrogate', value: () => 'x\udfff', mustRefuse: true },
  { name: 'huge number', value: () => 1e308, mustRefuse: false },
  { name: 'beyond int64', value: () => 2 ** 70, mustRefuse: false },
  { name: 'negative', value: () => -1, mustRefuse: false },
  { name: 'fraction', value: () => 0.000001, mustRefuse: false },
  { name: 'object', value: () => ({ $gt: '' }), mustRefuse: false },
  { name: 'array', value: () => [1, 'a'], mustRefuse: false },
  { name: 'boolean', value: () => true, mustRefuse: false },
  { name: 'long text', value: () => '长'.repeat(30_000), mustRefuse: false },
  { name: 'unknown id', value: () => UNKNOWN_ID, mustRefuse: false },
  { name: 'not an id', value: () => 'not-a-uuid', mustRefuse: false },
  { name: '2026-02-30', value: () => '2026-02-30', mustRefuse: true, onlyDates: true },
  { name: '0000-01-01', value: () => '0000-01-01', mustRefuse: true, onlyDates: true },
  { name: '9999-12-31', value: () => '9999-12-31', mustRefuse: true, onlyDates: true },
];

interface Input {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
}

type Slot = [Record<string, unknown> | unknown[], string | number, 'params' | 'query' | 'body'];

/** Every place in an input a poison can go: [container, key, part of the request]. */
function slots(input: Input): Slot[] {
  const out: Slot[] = [];
  const walk = (v: unknown, part: Slot[2]) => {
    if (Array.isArray(v)) v.forEach((item, i) => (out.push([v, i, part]), walk(item, part)));
    else if (v && typeof v === 'object')
      for (const [k, item] of Object.entries(v)) {
        out.push([v as Record<string, unknown>, k, part]);
        walk(item, part);
      }
  };
  walk(input.params, 'params');
  walk(input.query, 'query');
  walk(input.body, 'body');
  return out;
}

/**
 * Percent-encoding that also carries lone surrogates (as their WTF-8 bytes, which are not UTF-8): what a
 * client that does not check its strings would send.
 */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...value]
      .map((ch) => {
        const c = ch.charCodeAt(0);
        if (ch.length === 1 && c >= 0xd800 && c <= 0xdfff) {
          return [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
        }
        return encodeURIComponent(ch);
      })
      .join('');
  }
}

function datePaths(s: Schema | undefined, out = new Set<string>(), key = ''): Set<string> {
  if (!s || typeof s !== 'object') return out;
  if (s.pattern === DATE) out.add(key);
  for (const [k, v] of Object.entries(s)) {
    if (k === 'properties') for (const [p, ps] of Object.entries(v as Record<string, Schema>)) datePaths(ps, out, p);
    else if (v && typeof v === 'object') datePaths(v as Schema, out, key);
  }
  return out;
}

/* ---------- the routes ---------- */

const doc = (await h.app.inject({ method: 'GET', url: '/openapi.json' })).json();
const SKIP = new Set(['POST /api/auth/logout']); // would end the fuzzing client's session

interface FuzzRoute {
  method: string;
  url: string;
  roles: Who[];
  params: Schema;
  query: Schema;
  body: Schema | null;
  dates: Set<string>;
}

const routes: FuzzRoute[] = [];
for (const r of h.app.routeTable) {
  if (SKIP.has(`${r.method} ${r.url}`)) continue;
  const op = doc.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()];
  if (!op) continue;
  const content = op.requestBody?.content ?? {};
  if (op.requestBody && !content['application/json']) continue; // uploads: multipart, not JSON
  const params: Schema = { type: 'object', properties: {}, required: [] };
  const query: Schema = { type: 'object', properties: {}, required: [] };
  for (const p of op.parameters ?? []) {
    const target = p.in === 'path' ? params : p.in === 'query' ? query : null;
    if (!target) continue;
    target.properties[p.name] = p.schema;
    if (p.required) target.required.push(p.name);
  }
  const body = content['application/json']?.schema ?? null;
  const access = r.access;
  const roles: Who[] = access === 'public' ? ['public'] : access === 'authenticated' ? ['unit_member'] : access.slice(0, 1);
  routes.push({ method: r.method, url: r.url, roles, params, query, body, dates: datePaths({ a: [body, query] }) });
}

function inputArb(route: FuzzRoute): fc.Arbitrary<Input> {
  const params = fc.record(
    Object.fromEntries(
      Object.entries(route.params.properties as Record<string, Schema>).map(([name, s]) => [
        name,
        s.format === 'uuid'
          ? someId(tableOf(route.url, name))
          : tableOf(route.url, name)
            ? fc.oneof(someId(tableOf(route.url, name)), arb(s, name))
            : arb(s, name),
      ]),
    ),
  );
  return fc.record({
    params,
    query: arb(route.query) as fc.Arbitrary<Record<string, unknown>>,
    body: route.body ? arb(route.body) : fc.constant(undefined),
  });
}

function urlOf(route: FuzzRoute, input: Input) {
  const path = route.url.replace(/:(\w+)/g, (_m, name: string) => encode(String(input.params[name] ?? '')));
  const query = Object.entries(input.query)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${encode(k)}=${encode(typeof v === 'object' ? JSON.stringify(v) : String(v))}`)
    .join('&');
  return query ? `${path}?${query}` : path;
}

const KEPT = ['sessions', 'security_events', 'rate_limits', 'mail_outbox'];
const tables = (
  await sql<{
    t: string;
  }>`select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(h.deps.db)
).rows
  .map((r) => r.t)
  .filter((t) => !KEPT.includes(t) && !t.startsWith('kysely_'));

/** Row counts of every table (sessions and security events aside): a refused write must not change them. */
async function fingerprint(): Promise<string> {
  const parts = tables.map((t) => sql`select ${t} as t, count(*)::int as n from ${sql.table(t)}`);
  const rows = await sql<{ t: string; n: number }>`${sql.join(parts, sql` union all `)}`.execute(h.deps.db);
  return rows.rows
    .map((r) => `${r.t}:${r.n}`)
    .sort()
    .join(',');
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** A failed sign-in is itself recorded (audit event, failure count towards the lock): a write by design. */
const RECORDS_REFUSALS = new Set(['POST /api/auth/login']);
trace(`fingerprint of ${tables.length} tables: ${(await fingerprint()).length} chars`);
trace('fingerprinted');
const problems: string[] = [];
const tally = { requests: 0, serverErrors: 0, refused: 0, accepted: 0 };

async function send(route: FuzzRoute, who: Who, input: Input, label: string, mustRefuse: boolean) {
  const client = clients.get(who)!;
  const write = WRITES.has(route.method);
  const before = write ? await fingerprint() : '';
  const url = urlOf(route, input);
  const res = await client.request(route.method, url, write ? (input.body ?? {}) : undefined);
  tally.requests++;
  const where = `${route.method} ${route.url} as ${who} [${label}] ${url.slice(0, 120)} ${JSON.stringify(input.body)?.slice(0, 200)}`;
  if (res.status >= 500) {
    tally.serverErrors++;
    problems.push(`${res.status} ${where}`);
    return true; // recorded; the walk goes on so that one run reports every route's failures
  }
  if (res.status >= 400) tally.refused++;
  else tally.accepted++;
  if (mustRefuse && res.status < 400) problems.push(`accepted ${res.status}: ${where}`);
  if (write && res.status >= 400 && !RECORDS_REFUSALS.has(`${route.method} ${route.url}`)) {
    const after = await fingerprint();
    if (after !== before) {
      const was = new Set(before.split(','));
      const changed = after.split(',').filter((t) => !was.has(t));
      problems.push(`refused ${res.status} but wrote (${changed.join(' ')}): ${where}`);
    }
  }
  if (res.status === 401 && who !== 'public') {
    // A valid-shaped request may end the client's own session (e.g. a password change): sign in again.
    await client.login(DEMO_EMAILS[who], DEMO_PASSWORDS[who]);
  }
  return true;
}

describe('fuzzing every JSON route from its schema', () => {
  it('walks the routes of the OpenAPI document', () => {
    expect(routes.length).toBeGreaterThan(100);
  });

  for (const route of routes) {
    it(`${route.method} ${route.url}`, { timeout: 120_000 }, async () => {
      const problemsBefore = problems.length;
      trace(`${route.method} ${route.url}`);
      for (const who of route.roles) {
        await fc.assert(
          fc.asyncProperty(inputArb(route), async (input) => send(route, who, input, 'valid-shaped', false)),
          { numRuns: RUNS, endOnFailure: true, seed: 42 },
        );
        const poisoned = fc.tuple(inputArb(route), fc.nat(), fc.constantFrom(...POISONS)).map(([input, n, poison]) => {
          const copy = structuredClone(input);
          const all = slots(copy).filter(([, k]) => !poison.onlyDates || (typeof k === 'string' && route.dates.has(k)));
          // Text poisons go into a string of an otherwise valid-shaped input (so that they reach past validation).
          const strings = all.filter(([c, k]) => typeof (c as Record<string | number, unknown>)[k] === 'string');
          const places = poison.mustRefuse && !poison.onlyDates && strings.length > 0 ? strings : all;
          if (places.length === 0) return null;
          const [container, key, part] = places[n % places.length]!;
          (container as Record<string | number, unknown>)[key] = poison.value((container as Record<string | number, unknown>)[key]);
          // A lone surrogate cannot travel in a URL (its bytes are not UTF-8): there the server may decode it to U+FFFD.
          const mustRefuse = poison.mustRefuse && !(poison.name.includes('surrogate') && part !== 'body');
          return { input: copy, poison, mustRefuse };
        });
        await fc.assert(
          fc.asyncProperty(poisoned, async (p) => (p ? send(route, who, p.input, p.poison.name, p.mustRefuse) : true)),
          { numRuns: Math.round(RUNS * 1.5), endOnFailure: true, seed: 7 },
        );
      }
      expect(problems.slice(problemsBefore)).toEqual([]);
    });
  }

  it('leaves a verifying audit chain after all of it', async () => {
    expect(await verifyAudit(h.deps.db)).toMatchObject({ ok: true });
    expect(tally.requests).toBeGreaterThan(routes.length * RUNS * 2);
    console.log(`fuzz: ${JSON.stringify(tally)}`);
  });
});
