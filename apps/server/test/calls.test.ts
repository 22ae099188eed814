import { describe, expect, it } from 'vitest';
import { callState, loadCall } from '../src/repositories/calls.js';
import { createOrg, createUser, PASSWORD } from './support/fixtures.js';
import { startHarness } from './support/harness.js';

const h = await startHarness();
const db = h.deps.db;
const START = new Date('2026-03-02T02:00:00Z'); // the harness clock: 2026-03-02 10:00 in Asia/Shanghai
h.clock.set(START);

const org = await createOrg(db);
async function signIn(roles: Parameters<typeof createUser>[1]['roles'], orgId: string | null = null) {
  const u = await createUser(db, { roles, orgId });
  const c = h.client();
  expect((await c.login(u.email, PASSWORD)).status).toBe(200);
  return c;
}
const officer = await signIn(['officer']);
const analyst = await signIn(['analyst']);
const unitAdmin = await signIn(['unit_admin'], org.id);
const expert = await signIn(['expert']);
const anonymous = h.client();

const plan = await officer.post('/api/plans', {
  year: 2026,
  title: '2026年度计划',
  budgets: { total: 10_000_000, consortium: 0, backfill: 5_000_000, continuation: 5_000_000 },
});
expect(plan.status).toBe(201);
const planId: string = plan.body.id;

const content = {
  conditions: [{ key: 'registered', zh: '在穗注册', en: 'Registered in Guangzhou' }],
  materials: [
    { key: 'application', zh: '申报书', en: 'Application form', required: true },
    { key: 'commitment', zh: '承诺书', en: 'Commitment', required: true, maxMb: 5 },
  ],
  criteria: [
    { key: 'quality', zh: '研究内容', en: 'Content', weight: 60 },
    { key: 'team', zh: '团队', en: 'Team', weight: 40 },
  ],
  checklist: [{ key: 'complete', zh: '申报材料齐全', en: 'Complete' }],
};
const DAY = 86_400_000;
const window = (fromDays: number, toDays: number) => ({
  opensAt: new Date(START.getTime() + fromDays * DAY).toISOString(),
  closesAt: new Date(START.getTime() + toDays * DAY).toISOString(),
});

async function lastAudit(action: string) {
  return db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

describe('calls', () => {
  let callId = '';

  it('lets an officer draft a call with defaults for materials, audited; the public does not see it', async () => {
    const res = await officer.post('/api/calls', {
      planId,
      track: 'backfill',
      titleZh: '递补支持专题',
      opensAt: '2026-03-10T09:00:00+08:00',
      closesAt: '2026-04-10T17:00:00+08:00',
      ...content,
    });
    expect(res.status).toBe(201);
    callId = res.body.id;
    expect(res.body).toMatchObject({
      planId,
      year: 2026,
      track: 'backfill',
      status: 'draft',
      state: 'upcoming',
      opensAt: '2026-03-10T01:00:00.000Z',
      closesAt: '2026-04-10T09:00:00.000Z',
      titleEn: '',
    });
    expect(res.body.materials[0]).toEqual({
      key: 'application',
      zh: '申报书',
      en: 'Application form',
      required: true,
      maxMb: 20,
      evidence: null,
    });
    expect(res.body.materials[1].maxMb).toBe(5);
    expect(res.body.params).toMatchObject({ backfillAmount: 1_000_000, backfillPerUnitPerYear: 1 });
    expect(res.body.rules[0]).toMatchObject({ code: '4.3.a', outcome: 'pass' });
    expect((await lastAudit('call.create'))?.entity_id).toBe(callId);

    expect((await anonymous.get('/api/calls')).body.items).toEqual([]);
    expect((await anonymous.get(`/api/calls/${callId}`)).status).toBe(404);
    expect((await unitAdmin.get(`/api/calls/${callId}`)).status).toBe(404);
    expect((await unitAdmin.get('/api/calls?all=true')).body.items).toEqual([]);
    expect((await analyst.get(`/api/calls/${callId}`)).status).toBe(200);
    expect((await analyst.get('/api/calls?all=true')).body.items).toHaveLength(1);
    expect((await officer.get('/api/calls')).body.items).toHaveLength(0);
  });

  it('refuses writers other than officers, and bad input by path', async () => {
    for (const c of [unitAdmin, analyst, expert]) {
      expect((await c.post('/api/calls', { planId, track: 'backfill', titleZh: 'x', ...window(1, 2) })).status).toBe(403);
      expect((await c.patch(`/api/calls/${callId}`, { titleZh: 'x' })).status).toBe(403);
      expect((await c.post(`/api/calls/${callId}/publish`)).status).toBe(403);
    }
    expect((await anonymous.post('/api/calls', {})).status).toBe(401);

    const dupes = await officer.post('/api/calls', {
      planId,
      track: 'recognition',
      titleZh: '认定',
      ...window(1, 2),
      conditions: [content.conditions[0], { key: 'registered', zh: '重复', en: '' }],
      materials: [{ key: 'a', zh: 'A', maxMb: 80, evidence: 'nonsense' }],
    });
    expect(dupes.status).toBe(400);
    expect(dupes.body.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'body.conditions.1.key',
      'body.materials.0.evidence',
      'body.materials.0.maxMb',
    ]);
    const backwards = await officer.post('/api/calls', { planId, track: 'recognition', titleZh: '认定', ...window(3, 2) });
    expect(backwards.status).toBe(400);
    expect(backwards.body.details[0].path).toBe('body.closesAt');
    const noOffset = await officer.post('/api/calls', {
      planId,
      track: 'recognition',
      titleZh: '认定',
      opensAt: '2026-03-10T09:00:00',
      closesAt: '2026-04-10T09:00:00+08:00',
    });
    expect(noOffset.status).toBe(400);
    expect(noOffset.body.details[0].path).toBe('body.opensAt');
    const noPlan = await officer.post('/api/calls', {
      planId: '00000000-0000-4000-8000-000000000001',
      track: 'recognition',
      titleZh: '认定',
      ...window(1, 2),
    });
    expect(noPlan.status).toBe(400);
    expect(noPlan.body.details[0].path).toBe('body.planId');
    const shrink = await officer.patch(`/api/calls/${callId}`, { closesAt: '2026-03-01T00:00:00+08:00' });
    expect(shrink.status).toBe(400);
    expect(shrink.body.details[0].path).toBe('body.closesAt');
  });

  it('publishes only with a published plan, 4.3.a met and a closing time ahead', async () => {
    const notYet = await officer.post(`/api/calls/${callId}/publish`);
    expect(notYet.status).toBe(409);
    expect(notYet.body.details[0].path).toBe('planId');
    expect((await officer.post(`/api/plans/${planId}/publish`)).status).toBe(200);

    const empty = await officer.post('/api/calls', { planId, track: 'recognition', titleZh: '认定立项', ...window(-1, 30) });
    expect(empty.status).toBe(201);
    expect(empty.body.rules[0]).toMatchObject({ code: '4.3.a', outcome: 'fail' });
    const refused = await officer.post(`/api/calls/${empty.body.id}/publish`);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('rule_failed');
    expect(refused.body.details.rules).toEqual(['4.3.a']);
    expect(refused.body.details.results[0].message.zh).toContain('申报条件、申报材料、评审标准');

    const past = await officer.post('/api/calls', { planId, track: 'continuation', titleZh: '接续支持', ...window(-20, -1), ...content });
    const late = await officer.post(`/api/calls/${past.body.id}/publish`);
    expect(late.status).toBe(409);
    expect(late.body.details[0].path).toBe('closesAt');

    const ok = await officer.post(`/api/calls/${callId}/publish`, { reason: '按计划发布' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'published', state: 'upcoming', publishedAt: START.toISOString() });
    expect((await lastAudit('call.publish'))?.reason).toBe('按计划发布');
    expect((await officer.post(`/api/calls/${callId}/publish`)).status).toBe(409);

    // A published call keeps what 4.3.a needs.
    const strip = await officer.patch(`/api/calls/${callId}`, { criteria: [] });
    expect(strip.status).toBe(422);
    expect(strip.body.details.rules).toEqual(['4.3.a']);
    const retitle = await officer.patch(`/api/calls/${callId}`, { titleEn: 'Backfill call' });
    expect(retitle.status).toBe(200);
    expect((await lastAudit('call.update'))?.after).toMatchObject({ titleEn: 'Backfill call' });
  });

  it('shows the public a published call with its state by the server clock', async () => {
    const list = await anonymous.get('/api/calls');
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([callId]);
    expect((await anonymous.get(`/api/calls/${callId}`)).body.state).toBe('upcoming');

    h.clock.set(new Date('2026-03-10T01:00:00Z')); // 09:00 in Shanghai: opens
    expect((await anonymous.get(`/api/calls/${callId}`)).body.state).toBe('open');
    h.clock.set(new Date('2026-04-10T08:59:59Z'));
    expect((await anonymous.get('/api/calls?track=backfill&year=2026')).body.items[0].state).toBe('open');
    h.clock.set(new Date('2026-04-10T09:00:00Z'));
    expect((await anonymous.get(`/api/calls/${callId}`)).body.state).toBe('closed');
    expect((await anonymous.get('/api/calls?track=consortium')).body.items).toEqual([]);
    h.clock.set(START);
  });

  it('exports loadCall and callState for the applications code', async () => {
    const call = await loadCall(db, callId, new Date('2026-03-20T00:00:00Z'));
    expect(call).toMatchObject({ id: callId, planId, year: 2026, state: 'open', track: 'backfill' });
    expect(call!.params.backfillAmount).toBe(1_000_000);
    expect(await loadCall(db, '00000000-0000-4000-8000-000000000002')).toBeNull();
    const o = new Date('2026-01-01T00:00:00Z');
    const c = new Date('2026-02-01T00:00:00Z');
    expect(callState(o, c, new Date('2025-12-31T23:59:59Z'))).toBe('upcoming');
    expect(callState(o, c, o)).toBe('open');
    expect(callState(o, c, c)).toBe('closed');
  });
});
