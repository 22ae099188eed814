import { ROLES, type Role } from '@rdplan/domain';
import { describe, expect, it } from 'vitest';
import type { Client } from './support/client.js';
import { createOrg, createUser, PASSWORD } from './support/fixtures.js';
import { startHarness } from './support/harness.js';

const h = await startHarness();
const org = await createOrg(h.deps.db);
const people = await h.deps.db
  .insertInto('people')
  .values({
    key: 'walk-expert',
    name: '走查专家',
    email: null,
    title_level: 'senior',
    title_name: '教授',
    field_codes: [],
    keywords: [],
    is_expert: true,
  })
  .returning('id')
  .executeTakeFirstOrThrow();
const chain = await h.deps.db
  .insertInto('chains')
  .values({ code: 'CW', name_zh: '走查链', name_en: 'Walk chain' })
  .returning('id')
  .executeTakeFirstOrThrow();
await h.deps.db.insertInto('chain_leaders').values({ chain_id: chain.id, org_id: org.id }).execute();

const clients = new Map<Role | 'public', Client>();
clients.set('public', h.client());
for (const role of ROLES) {
  const u = await createUser(h.deps.db, {
    roles: [role],
    orgId: ['chain_leader', 'unit_admin', 'unit_member'].includes(role) ? org.id : null,
    personId: role === 'expert' ? people.id : null,
  });
  const c = h.client();
  expect((await c.login(u.email, PASSWORD)).status).toBe(200);
  clients.set(role, c);
}

/** Fills path parameters with well-formed ids that name nothing. */
function concrete(url: string) {
  return url.replace(/:(\w+)/g, (_m, name: string) =>
    /id$/i.test(name) ? '00000000-0000-4000-8000-000000000000' : name === 'year' ? '2026' : 'x',
  );
}

describe('every route with every role', () => {
  it('has routes to walk, each declaring its access', () => {
    expect(h.app.routeTable.length).toBeGreaterThan(10);
  });

  it('answers each role as the route declares, and never with a 5xx', async () => {
    const failures: string[] = [];
    for (const route of h.app.routeTable) {
      if (route.url === '/api/auth/logout') continue; // would end the walking client's session
      for (const [who, client] of clients) {
        const res = await client.request(
          route.method,
          concrete(route.url),
          route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
        );
        const where = `${route.method} ${route.url} as ${who}: ${res.status} ${res.body?.code ?? ''}`;
        if (res.status >= 500) failures.push(`${where} (server error)`);
        const access = route.access;
        if (access === 'public') continue;
        if (who === 'public') {
          if (res.status !== 401) failures.push(`${where} (expected 401)`);
          continue;
        }
        if (access === 'authenticated') {
          if (res.status === 401) failures.push(`${where} (signed in, got 401)`);
          continue;
        }
        const allowed = access.includes(who);
        if (!allowed && res.status !== 403) failures.push(`${where} (expected 403)`);
        if (allowed && (res.status === 401 || (res.status === 403 && res.body?.code === 'forbidden')))
          failures.push(`${where} (role allowed, refused)`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('logs refused role access as a security event', async () => {
    const before = await h.deps.db
      .selectFrom('security_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', 'role_denied')
      .executeTakeFirstOrThrow();
    expect(Number(before.n)).toBeGreaterThan(0);
  });
});
