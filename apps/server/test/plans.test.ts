import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/audit/audit.js';
import { seedDemo } from '../src/seed/demo.js';
import { createOrg, createUser, PASSWORD } from './support/fixtures.js';
import { startHarness } from './support/harness.js';

const h = await startHarness();
const db = h.deps.db;
// The harness clock reads 2026-03-02 (Asia/Shanghai).

const leaderOrg = await createOrg(db, { name: '链主测试集团有限公司' });
async function signIn(roles: Parameters<typeof createUser>[1]['roles'], orgId: string | null = null) {
  const u = await createUser(db, { roles, orgId });
  const c = h.client();
  expect((await c.login(u.email, PASSWORD)).status).toBe(200);
  return c;
}
const officer = await signIn(['officer']);
const admin = await signIn(['admin']);
const analyst = await signIn(['analyst']);
const chainLeader = await signIn(['chain_leader'], leaderOrg.id);
const unitAdmin = await signIn(['unit_admin'], leaderOrg.id);

const chains: { id: string; code: string }[] = [];
for (let i = 1; i <= 12; i++) {
  const code = `C${String(i).padStart(2, '0')}`;
  chains.push(
    await db
      .insertInto('chains')
      .values({ code, name_zh: `产业链${code}`, name_en: `Chain ${code}` })
      .returning(['id', 'code'])
      .executeTakeFirstOrThrow(),
  );
}
await db.insertInto('chain_leaders').values({ chain_id: chains[0]!.id, org_id: leaderOrg.id }).execute();

const budgets = { total: 60_000_000, consortium: 30_000_000, backfill: 10_000_000, continuation: 10_000_000 };
const pick = (n: number, budget = 1_000_000) => chains.slice(0, n).map((c) => ({ chainId: c.id, direction: `方向${c.code}`, budget }));

async function lastAudit(action: string) {
  return db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

describe('annual plans', () => {
  let planId = '';

  it('lets an officer draft a plan with default parameters, its chains and 3.1.a, audited', async () => {
    const res = await officer.post('/api/plans', {
      year: 2026,
      title: '2026年度重点领域研发计划',
      params: { backfillAmount: 1_200_000 },
      budgets,
      chains: pick(3),
    });
    expect(res.status).toBe(201);
    planId = res.body.id;
    expect(res.body).toMatchObject({ year: 2026, status: 'draft', budgets, publishedAt: null });
    expect(res.body.params).toMatchObject({ maxChainsPerYear: 10, backfillAmount: 1_200_000, chainProjectAmounts: [1_000_000, 2_000_000] });
    expect(res.body.chains.map((c: { code: string }) => c.code)).toEqual(['C01', 'C02', 'C03']);
    expect(res.body.chains[0].leaders).toEqual([{ orgId: leaderOrg.id, name: leaderOrg.name }]);
    expect(res.body.rules).toEqual([expect.objectContaining({ code: '3.1.a', outcome: 'pass', blocking: false })]);
    const audit = await lastAudit('plan.create');
    expect(audit?.entity_id).toBe(planId);
    expect(audit?.after).toMatchObject({ year: 2026, chains: [{ code: 'C01' }, { code: 'C02' }, { code: 'C03' }] });
  });

  it('refuses a second plan for the same year', async () => {
    const res = await officer.post('/api/plans', { year: 2026, title: '重复', budgets });
    expect(res.status).toBe(409);
    expect(res.body.details[0].path).toBe('body.year');
  });

  it('refuses more chains than 3.1.a allows, naming the rule', async () => {
    const res = await officer.post('/api/plans', {
      year: 2027,
      title: '超限',
      budgets: { ...budgets, consortium: 30_000_000 },
      chains: pick(11),
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('rule_failed');
    expect(res.body.details.rules).toEqual(['3.1.a']);
    expect(res.body.details.results[0].message.zh).toContain('不符合 3.1.a');
    // A lower parameter makes fewer chains fail too.
    const low = await officer.patch(`/api/plans/${planId}`, { params: { maxChainsPerYear: 2 } });
    expect(low.status).toBe(422);
    expect(low.body.details.rules).toEqual(['3.1.a']);
    expect(await db.selectFrom('plans').select('id').where('year', '=', 2027).executeTakeFirst()).toBeUndefined();
  });

  it('reports a chain twice, an unknown chain and budgets that do not add up, by path', async () => {
    const twice = await officer.post('/api/plans', { year: 2028, title: 'x', budgets, chains: [...pick(2), pick(1)[0]] });
    expect(twice.status).toBe(400);
    expect(twice.body.details.map((d: { path: string }) => d.path)).toContain('body.chains.2.chainId');
    const unknown = await officer.patch(`/api/plans/${planId}`, {
      chains: [...pick(1), { chainId: '00000000-0000-4000-8000-000000000001', direction: '', budget: 0 }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details).toEqual([{ path: 'body.chains.1.chainId', message: expect.stringContaining('unknown chain') }]);
    const over = await officer.patch(`/api/plans/${planId}`, { chains: pick(3, 10_000_001) });
    expect(over.status).toBe(400);
    expect(over.body.details.map((d: { path: string }) => d.path)).toEqual([
      'body.chains.0.budget',
      'body.chains.1.budget',
      'body.chains.2.budget',
      'body.budgets.consortium',
    ]);
    const sum = await officer.patch(`/api/plans/${planId}`, { budgets: { consortium: 2_000_000 } });
    expect(sum.status).toBe(400);
    expect(sum.body.details.map((d: { path: string }) => d.path)).toEqual(['body.budgets.consortium']);
    const params = await officer.patch(`/api/plans/${planId}`, { params: { chainProjectsMin: 12 } });
    expect(params.status).toBe(400);
    expect(params.body.details[0].path).toBe('body.params.chainProjectsMin');
  });

  it('lets only officers write; staff read everything; a chain leader reads published plans only', async () => {
    for (const c of [admin, analyst, chainLeader, unitAdmin]) {
      expect((await c.post('/api/plans', { year: 2029, title: 'x', budgets })).status).toBe(403);
      expect((await c.patch(`/api/plans/${planId}`, { title: 'x' })).status).toBe(403);
      expect((await c.post(`/api/plans/${planId}/publish`)).status).toBe(403);
    }
    expect((await h.client().get('/api/plans')).status).toBe(401);
    expect((await unitAdmin.get('/api/plans')).status).toBe(403);
    expect((await admin.get(`/api/plans/${planId}`)).status).toBe(200);
    expect((await analyst.get('/api/plans')).body.items).toHaveLength(1);
    expect((await chainLeader.get('/api/plans')).body.items).toEqual([]);
    expect((await chainLeader.get(`/api/plans/${planId}`)).status).toBe(404);
  });

  it('publishes a plan, then keeps its parameters but lets the title and chains change', async () => {
    const pub = await officer.post(`/api/plans/${planId}/publish`, { reason: '局务会审定' });
    expect(pub.status).toBe(200);
    expect(pub.body.status).toBe('published');
    expect(pub.body.publishedAt).toBe(h.clock.now().toISOString());
    expect((await lastAudit('plan.publish'))?.reason).toBe('局务会审定');
    expect((await officer.post(`/api/plans/${planId}/publish`)).status).toBe(409);

    const change = await officer.patch(`/api/plans/${planId}`, { params: { maxChainsPerYear: 8 } });
    expect(change.status).toBe(409);
    expect(change.body.code).toBe('state_conflict');
    // The same values are no change.
    const same = await officer.patch(`/api/plans/${planId}`, {
      params: { maxChainsPerYear: 10 },
      title: '2026年度计划（修订）',
      chains: pick(4),
    });
    expect(same.status).toBe(200);
    expect(same.body.title).toBe('2026年度计划（修订）');
    expect(same.body.chains).toHaveLength(4);
    const audit = await lastAudit('plan.update');
    expect(audit?.before).toMatchObject({ title: '2026年度重点领域研发计划' });

    const seen = await chainLeader.get(`/api/plans/${planId}`);
    expect(seen.status).toBe(200);
    expect(seen.body.chains[0]).toMatchObject({ code: 'C01', direction: '方向C01' });
    expect((await chainLeader.get('/api/plans?year=2026')).body.items).toHaveLength(1);
  });

  it('answers 404 for a plan that does not exist', async () => {
    expect((await officer.get('/api/plans/00000000-0000-4000-8000-000000000009')).status).toBe(404);
    expect((await officer.patch('/api/plans/00000000-0000-4000-8000-000000000009', { title: 'x' })).status).toBe(404);
  });
});

describe('demo tracks', () => {
  it('seeds a published plan, four open calls and national records around the demo unit, once', async () => {
    const d = await startHarness();
    d.clock.set(new Date('2026-11-24T04:00:00Z'));
    await seedDemo(d.deps);
    const plan = await d.deps.db.selectFrom('plans').selectAll().where('year', '=', 2026).executeTakeFirstOrThrow();
    expect(plan).toMatchObject({ year: 2026, status: 'published' });
    const codes = await d.deps.db
      .selectFrom('plan_chains')
      .innerJoin('chains', 'chains.id', 'plan_chains.chain_id')
      .select('chains.code')
      .orderBy('chains.code')
      .execute();
    expect(codes.map((c) => c.code)).toHaveLength(3);
    expect(codes.map((c) => c.code)).toContain('C01');

    const all = await d.client().get('/api/calls');
    // Besides this year's four, last year's closed backfill call, whose selection is on public notice (demo-notice.ts).
    expect(all.body.items.filter((c: { year: number }) => c.year === 2025)).toMatchObject([{ track: 'backfill', state: 'closed' }]);
    const calls = { body: { items: all.body.items.filter((c: { year: number }) => c.year === 2026) } };
    expect(calls.body.items.map((c: { track: string }) => c.track).sort()).toEqual([
      'backfill',
      'consortium',
      'continuation',
      'recognition',
    ]);
    for (const c of calls.body.items) {
      expect(c).toMatchObject({ status: 'published', state: 'open', year: 2026 });
      expect(c.checklist.length).toBeGreaterThan(0);
      expect(c.criteria.reduce((s: number, x: { weight: number }) => s + x.weight, 0)).toBe(100);
    }
    const recognition = calls.body.items.find((c: { track: string }) => c.track === 'recognition');
    expect(
      recognition.materials
        .map((m: { evidence: string | null }) => m.evidence)
        .filter(Boolean)
        .sort(),
    ).toEqual(['completion', 'social_capital']);

    const unit = d.client();
    expect((await unit.login('unit-admin@rdplan.demo', 'Tianhe-Tower-2026')).status).toBe(200);
    const apps = await unit.get('/api/national/applications');
    // The two it led (a unit's list also shows, marked, those it only took part in: 3.2.b).
    const led = apps.body.items.filter((a: { unitRole?: string }) => a.unitRole !== 'participant');
    expect(led.map((a: { outcome: string }) => a.outcome).sort()).toEqual(['approved', 'not_approved']);
    expect(led.every((a: { year: number; stage: string }) => a.year === 2025 && a.stage === 'final_defence')).toBe(true);
    // The three projects made for the tracks (the demo also imports a generated body of national records).
    const trackBatch = await d.deps.db
      .selectFrom('national_projects')
      .innerJoin('import_batches', 'import_batches.id', 'national_projects.batch_id')
      .select('national_projects.national_id')
      .where('import_batches.filename', '=', 'demo-national.json')
      .execute();
    expect(trackBatch).toHaveLength(3);
    const projects = await unit.get('/api/national/projects?pageSize=200');
    expect(projects.body.total).toBeGreaterThan(3);
    const ours = projects.body.items.filter((p: { nationalId: string }) => trackBatch.some((t) => t.national_id === p.nationalId));
    expect(ours).toHaveLength(3);
    const twoYears = ours.find((p: { acceptance: { date: string } }) => p.acceptance.date === '2024-11-24');
    expect(twoYears.lead).toMatchObject({ type: 'university', isGuangzhou: false });
    expect(ours.some((p: { lead: { isGuangzhou: boolean } }) => p.lead.isGuangzhou)).toBe(true);

    const org = await d.deps.db
      .selectFrom('users')
      .innerJoin('organisations', 'organisations.id', 'users.org_id')
      .selectAll('organisations')
      .where('users.email', '=', 'unit-admin@rdplan.demo')
      .executeTakeFirstOrThrow();
    expect(org.above_designated_size).toBe(true);
    expect(org.hnte_valid_from! <= '2026-11-24' && '2026-11-24' <= org.hnte_valid_to!).toBe(true);

    const events = await d.deps.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect((await seedDemo(d.deps)).seeded).toBe(false);
    const after = await d.deps.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(events.n));
    expect((await verifyAudit(d.deps.db)).ok).toBe(true);
  });
});
