import { makeUscc, normaliseOrgName } from '@rdplan/domain';
import { describe, expect, it } from 'vitest';
import { matchNationalUnits } from '../src/commands/national/match-units.js';
import { createUser, PASSWORD } from './support/fixtures.js';
import { startHarness } from './support/harness.js';

const h = await startHarness();
const db = h.deps.db;

async function org(body: string, name: string, over: { type?: string; regionCode?: string; former?: string[] } = {}) {
  const regionCode = over.regionCode ?? '440106';
  return db
    .insertInto('organisations')
    .values({
      uscc: makeUscc('9', '1', regionCode, body),
      name,
      type: over.type ?? 'enterprise',
      region_code: regionCode,
      address: null,
      former_names: JSON.stringify((over.former ?? []).map((n) => ({ name: n, until: '2019-01-01' }))),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
const huapeng = await org('MA5MT001', '广州华鹏信息技术有限公司');
const yunfeng = await org('MA5MT002', '广州云峰智能科技股份有限公司', { regionCode: '440112', former: ['广州云峰电子有限公司'] });
const mingdeGz = await org('MA5MT003', '广州明德生物科技有限公司');
const mingdeGd = await org('MA5MT004', '广东明德生物科技有限公司', { regionCode: '440104' });

let position = 0;
async function unit(name: string, uscc: string | null = null) {
  const row = await db
    .insertInto('national_units')
    .values({
      record_kind: 'application',
      national_id: '2025YFA0000001',
      position: position++,
      role: position === 1 ? 'lead' : 'participant',
      uscc,
      name,
      name_norm: normaliseOrgName(name),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}
const byCode = await unit('完全不同的写法', huapeng.uscc);
const fullWidth = await unit('广州华鹏信息技术有限公司　');
const former = await unit('广州云峰电子有限公司');
const ambiguous = await unit('明德生物科技有限公司');
const conflict = await unit('广州华鹏信息技术有限公司', makeUscc('9', '1', '440106', 'MA5MT099'));
const unknown = await unit('杭州之江新材料研究院');
const ambiguous2 = await unit('明德生物科技股份有限公司');
// Another valid credit code and a near-same name (one character wrong): a possible match, never a link.
const conflictTypo = await unit('广州华鹏信息技木有限公司', makeUscc('9', '1', '440106', 'MA5MT098'));
await db
  .insertInto('national_people')
  .values([
    {
      record_kind: 'application',
      national_id: '2025YFA0000001',
      position: 0,
      name: '王立新',
      unit_name: '完全不同的写法',
      field_code: 'F01.02',
    },
    {
      record_kind: 'application',
      national_id: '2025YFA0000001',
      position: 1,
      name: '李华',
      unit_name: '广州华鹏信息技术有限公司',
      field_code: 'F01.02',
    },
  ])
  .execute();

async function signIn(roles: Parameters<typeof createUser>[1]['roles'], orgId: string | null = null) {
  const u = await createUser(db, { roles, orgId });
  const c = h.client();
  expect((await c.login(u.email, PASSWORD)).status).toBe(200);
  return c;
}
const analyst = await signIn(['analyst']);
const officer = await signIn(['officer']);
const unitAdmin = await signIn(['unit_admin'], huapeng.id);

const get = (id: number) => db.selectFrom('national_units').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('matching national units', () => {
  it('links by credit code, normalised name and former name; ambiguous to review; never across credit codes', async () => {
    const counts = await matchNationalUnits(db);
    expect(counts).toEqual({ matched: 3, review: 4, unmatched: 1 });
    expect(await get(byCode)).toMatchObject({ org_id: huapeng.id, match_method: 'uscc', match_status: 'matched', match_confidence: 1 });
    expect(await get(fullWidth)).toMatchObject({ org_id: huapeng.id, match_method: 'name', match_status: 'matched' });
    expect(await get(former)).toMatchObject({ org_id: yunfeng.id, match_method: 'former_name', match_status: 'matched' });
    const amb = await get(ambiguous);
    expect(amb).toMatchObject({ org_id: null, match_status: 'review' });
    expect((amb.match_candidates as { orgId: string }[]).map((c) => c.orgId).sort()).toEqual([mingdeGz.id, mingdeGd.id].sort());
    // Same or near-same name as a registry organisation, another credit code: queued, not linked.
    for (const id of [conflict, conflictTypo]) {
      const row = await get(id);
      expect(row).toMatchObject({ org_id: null, match_method: null, match_status: 'review' });
      expect((row.match_candidates as { orgId: string }[]).map((c) => c.orgId)).toEqual([huapeng.id]);
    }
    expect(await get(unknown)).toMatchObject({ org_id: null, match_status: 'unmatched' });
  });

  it('gives people a conservative key with their organisation', async () => {
    const people = await db.selectFrom('national_people').selectAll().orderBy('position').execute();
    expect(people.map((p) => p.org_id)).toEqual([huapeng.id, huapeng.id]);
    expect(people[0]!.person_key).toBe(`王立新|${huapeng.id}|F01`);
  });

  it('lists the review queue with candidates and registry facts for analysts only', async () => {
    const res = await analyst.get('/api/national/matches?status=review');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(4);
    const item = res.body.items.find((i: { id: number }) => i.id === ambiguous);
    expect(item.candidates[0]).toMatchObject({ uscc: expect.any(String), regionCode: expect.any(String) });
    expect(item.codeConflict).toBe(false);
    // The possible matches across credit codes are flagged, with both codes shown.
    for (const id of [conflict, conflictTypo]) {
      const flagged = res.body.items.find((i: { id: number }) => i.id === id);
      expect(flagged.codeConflict).toBe(true);
      expect(flagged.uscc).toBe((await get(id)).uscc);
      expect(flagged.candidates.map((c: { orgId: string; uscc: string }) => [c.orgId, c.uscc])).toEqual([[huapeng.id, huapeng.uscc]]);
      expect(flagged.uscc).not.toBe(huapeng.uscc);
    }
    expect((await unitAdmin.get('/api/national/matches')).status).toBe(403);
    expect((await unitAdmin.post(`/api/national/matches/${ambiguous}`, { decision: 'reject' })).status).toBe(403);
    expect((await unitAdmin.post('/api/national/matches/run', {})).status).toBe(403);
  });

  it('confirms a candidate and rejects another, audited; decided rows survive a re-run', async () => {
    expect((await analyst.post(`/api/national/matches/${ambiguous}`, { decision: 'confirm', orgId: huapeng.id })).status).toBe(400);
    const ok = await analyst.post(`/api/national/matches/${ambiguous}`, { decision: 'confirm', orgId: mingdeGd.id });
    expect(ok.status).toBe(200);
    expect(await get(ambiguous)).toMatchObject({ org_id: mingdeGd.id, match_method: 'manual', match_status: 'matched' });
    const rej = await officer.post(`/api/national/matches/${ambiguous2}`, { decision: 'reject', reason: '不是同一家' });
    expect(rej.status).toBe(200);
    expect(await get(ambiguous2)).toMatchObject({ org_id: null, match_status: 'rejected' });
    expect((await officer.post(`/api/national/matches/${ambiguous2}`, { decision: 'reject' })).status).toBe(409);
    const events = await db.selectFrom('audit_events').selectAll().where('action', 'like', 'national.match.%').orderBy('seq').execute();
    expect(events.map((e) => e.action)).toEqual(['national.match.confirm', 'national.match.reject']);
    expect(events[1]!.reason).toBe('不是同一家');

    const rerun = await analyst.post('/api/national/matches/run', {});
    expect(rerun.status).toBe(200);
    expect(rerun.body).toEqual({ matched: 0, review: 2, unmatched: 1 });
    expect(await get(conflict)).toMatchObject({ org_id: null, match_status: 'review' });
    expect(await get(ambiguous)).toMatchObject({ org_id: mingdeGd.id, match_method: 'manual' });
    expect(await get(ambiguous2)).toMatchObject({ match_status: 'rejected' });
  });
});
