import { shanghaiDate } from '@rdplan/domain';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { findReviewHead, loadReviewData } from '../src/repositories/review.js';
import { startHarness } from './support/harness.js';
import { buildReviewFixture } from './support/review.js';

const h = await startHarness();
const db = h.deps.db;
const f = await buildReviewFixture(h);
const { officer, admin, applicant, experts } = f;

async function audits(action: string, entityId: string) {
  return db.selectFrom('audit_events').selectAll().where('action', '=', action).where('entity_id', '=', entityId).orderBy('seq').execute();
}

describe('the expert pool', () => {
  it('lists the pool for officers and admins, with filters; nobody else', async () => {
    const all = await officer.get('/api/review/experts?pageSize=200');
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(12);
    const e0 = all.body.items.find((e: { personId: string }) => e.personId === experts[0]!.personId);
    expect(e0).toMatchObject({
      name: experts[0]!.name,
      orgId: experts[0]!.orgId,
      loadCap: 10,
      available: true,
      currentLoad: 0,
      hasAccount: true,
    });
    const byName = await admin.get(`/api/review/experts?q=${encodeURIComponent(experts[3]!.name)}`);
    expect(byName.body.items.map((e: { personId: string }) => e.personId)).toEqual([experts[3]!.personId]);
    // Field F02 matches F02 and its sub-fields only (experts 3 and 9 have F02).
    const f02 = await officer.get('/api/review/experts?field=F02');
    expect(f02.body.items.map((e: { personId: string }) => e.personId).sort()).toEqual([experts[3]!.personId, experts[9]!.personId].sort());
    const paged = await officer.get('/api/review/experts?pageSize=5&page=3');
    expect(paged.body).toMatchObject({ total: 12 });
    expect(paged.body.items).toHaveLength(2);
    for (const c of [applicant, experts[0]!.client]) expect((await c.get('/api/review/experts')).status).toBe(403);
    expect((await admin.patch(`/api/review/experts/${experts[0]!.personId}`, { loadCap: 3 })).status).toBe(403);
  });

  it('curates: profile fields to people, cap and availability to expert_profiles, audited; bad fields named', async () => {
    const p = experts[11]!.personId;
    const res = await officer.patch(`/api/review/experts/${p}`, {
      fieldCodes: ['F01.02'],
      keywords: ['人工智能'],
      loadCap: 4,
      note: '擅长算法',
      reason: '更新专家信息',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ fieldCodes: ['F01.02'], keywords: ['人工智能'], loadCap: 4, note: '擅长算法', available: true });
    const person = await db.selectFrom('people').select(['field_codes', 'keywords']).where('id', '=', p).executeTakeFirstOrThrow();
    expect(person).toEqual({ field_codes: ['F01.02'], keywords: ['人工智能'] });
    const profile = await db.selectFrom('expert_profiles').selectAll().where('person_id', '=', p).executeTakeFirstOrThrow();
    expect(profile).toMatchObject({ load_cap: 4, note: '擅长算法' });
    const audit = await audits('expert.curate', p);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.reason).toBe('更新专家信息');
    expect(audit[0]!.before).toMatchObject({ loadCap: 10, fieldCodes: ['F01'] });
    expect(audit[0]!.after).toMatchObject({ loadCap: 4, fieldCodes: ['F01.02'] });

    const bad = await officer.patch(`/api/review/experts/${p}`, { fieldCodes: ['F09'] });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].path).toBe('body.fieldCodes.0');
    expect((await officer.patch('/api/review/experts/00000000-0000-4000-8000-000000000000', { loadCap: 1 })).status).toBe(404);

    // Out of the pool: not listed, never eligible.
    expect((await officer.patch(`/api/review/experts/${p}`, { isExpert: false })).status).toBe(200);
    expect((await officer.get('/api/review/experts?pageSize=200')).body.total).toBe(11);
    const eligible = await officer.get(`/api/reviews/${f.reviewId}/eligible?applicationId=${f.applications[4]!.id}`);
    expect(eligible.body.items.map((e: { personId: string }) => e.personId)).not.toContain(p);
    expect((await officer.patch(`/api/review/experts/${p}`, { isExpert: true })).status).toBe(200);
  });
});

describe("the expert's own profile", () => {
  it('shows and changes availability on /api/me/expert-profile; an unavailable expert is not eligible', async () => {
    const me = experts[10]!;
    const own = await me.client.get('/api/me/expert-profile');
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ id: me.personId, available: true, unavailableUntil: null, loadCap: 10 });

    // Until today (inclusive) counts as unavailable.
    const today = shanghaiDate(h.clock.now());
    const away = await me.client.patch('/api/me/expert-profile', { unavailableUntil: today });
    expect(away.status).toBe(200);
    expect(away.body).toMatchObject({ available: true, unavailableUntil: today });
    const url = `/api/reviews/${f.reviewId}/eligible?applicationId=${f.applications[4]!.id}`;
    expect((await officer.get(url)).body.items.map((e: { personId: string }) => e.personId)).not.toContain(me.personId);
    const pool = await officer.get('/api/review/experts?available=false');
    expect(pool.body.items.map((e: { personId: string }) => e.personId)).toEqual([me.personId]);

    const off = await me.client.patch('/api/me/expert-profile', { available: false, unavailableUntil: null });
    expect(off.body).toMatchObject({ available: false, unavailableUntil: null });
    expect((await officer.get(url)).body.items.map((e: { personId: string }) => e.personId)).not.toContain(me.personId);
    const back = await me.client.patch('/api/me/expert-profile', { available: true });
    expect(back.body.available).toBe(true);
    expect((await officer.get(url)).body.items.map((e: { personId: string }) => e.personId)).toContain(me.personId);

    const audit = await audits('person.update_expert_profile', me.personId);
    expect(audit).toHaveLength(3);
    expect(audit[0]!.after).toMatchObject({ unavailableUntil: today, available: true });
    expect((await me.client.patch('/api/me/expert-profile', { loadCap: 50 })).status).toBe(400);
    expect((await me.client.patch('/api/me/expert-profile', {})).status).toBe(400);
  });
});

describe('loading a review at city scale', () => {
  it('loads 2,000 applications × 800 experts with their conflicts in a few set-based queries', async () => {
    const orgs = await sql<{ id: string }>`insert into organisations (uscc, name, type, region_code, former_names)
      select '8' || lpad(g::text, 17, '0'), '规模测试机构' || g, 'enterprise', '440106', '[]'::jsonb
      from generate_series(1, 1500) g returning id`.execute(db);
    const ids = orgs.rows.map((r) => r.id);
    await sql`insert into applications (call_id, track, org_id, status, form, submitted_at)
      select ${f.callId}, 'consortium', (array[${sql.join(ids.slice(0, 1000))}]::uuid[])[1 + (g % 1000)], 'formal_passed',
        jsonb_build_object('title', '规模项目' || g, 'fieldCode', 'F01.01', 'team',
          jsonb_build_array(jsonb_build_object('name', '负责人' || g, 'role', 'leader'))), now()
      from generate_series(1, 2000) g`.execute(db);
    const people = await sql<{ id: string }>`insert into people (key, name, title_level, field_codes, keywords, is_expert)
      select 'scale-' || g, '规模专家' || g, 'senior', array['F01.01'], array['芯片'], true from generate_series(1, 800) g returning id`.execute(
      db,
    );
    // Expert g works at applicant organisation g (g ≤ 800): each conflicts with the applications of that organisation.
    await sql`insert into affiliations (person_id, org_id, from_date)
      select p.id, (array[${sql.join(ids.slice(0, 800))}]::uuid[])[p.n::int], '2015-01-01'
      from (select id, row_number() over (order by key) as n from people where key like 'scale-%') p`.execute(db);
    expect(people.rows).toHaveLength(800);

    const head = (await findReviewHead(db, f.reviewId!))!;
    const data = await loadReviewData(db, head, shanghaiDate(h.clock.now()));
    expect(data.applications).toHaveLength(2008);
    expect(data.experts.length).toBeGreaterThanOrEqual(812);
    // Organisation g (g ≤ 800) has the applications g + 1000·m (m = 0, 1) → 2 same_unit conflicts per scale expert.
    let sameUnit = 0;
    for (const forApp of data.conflicts.values())
      for (const reasons of forApp.values()) if (reasons.some((r) => r.kind === 'same_unit')) sameUnit++;
    expect(sameUnit).toBe(800 * 2 + 1);
  }, 120_000);
});
