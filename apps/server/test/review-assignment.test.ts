import { describe, expect, it } from 'vitest';
import { startHarness } from './support/harness.js';
import { buildReviewFixture } from './support/review.js';

const h = await startHarness();
const db = h.deps.db;
const f = await buildReviewFixture(h);
const reviewId = f.reviewId!;
const { officer, admin, applicant, applications: apps, experts } = f;
const appIndex = new Map(apps.map((a, i) => [a.id, i]));
const expertIndex = new Map(experts.map((e, j) => [e.personId, j]));

async function audits(action: string, entityId?: string) {
  let q = db.selectFrom('audit_events').selectAll().where('action', '=', action);
  if (entityId) q = q.where('entity_id', '=', entityId);
  return q.orderBy('seq').execute();
}

interface Assignment {
  id: string;
  applicationId: string;
  personId: string;
  affinity: number;
  source: string;
  status: string;
}

async function assignments(): Promise<Assignment[]> {
  const res = await officer.get(`/api/reviews/${reviewId}/assignments`);
  expect(res.status).toBe(200);
  return res.body.items;
}

async function eligible(applicationId: string): Promise<{ personId: string; affinity: number; load: number; cap: number }[]> {
  const res = await officer.get(`/api/reviews/${reviewId}/eligible?applicationId=${applicationId}`);
  expect(res.status).toBe(200);
  return res.body.items;
}

/** The fixture's conflicts as `${applicationIndex}|${expertIndex}` → kinds, from the API. */
async function conflictMap() {
  const res = await officer.get(`/api/reviews/${reviewId}/conflicts`);
  expect(res.status).toBe(200);
  const out = new Map<string, string[]>();
  for (const c of res.body.items as { applicationId: string; personId: string; reasons: { kind: string; zh: string; en: string }[] }[]) {
    const i = appIndex.get(c.applicationId);
    const j = expertIndex.get(c.personId);
    if (i === undefined || j === undefined) continue;
    out.set(
      `${i}|${j}`,
      c.reasons.map((r) => r.kind),
    );
    for (const r of c.reasons) expect(r.zh.length * r.en.length).toBeGreaterThan(0);
  }
  return out;
}

function assertValid(list: Assignment[], k: number, caps: Map<string, number>) {
  const active = list.filter((a) => a.status !== 'declined');
  for (const a of apps) expect(active.filter((x) => x.applicationId === a.id)).toHaveLength(k);
  for (const a of active) expect(f.expectedConflicts.has(`${appIndex.get(a.applicationId)}|${expertIndex.get(a.personId)}`)).toBe(false);
  const unitOf = new Map(experts.map((e) => [e.personId, e.orgId]));
  for (const a of apps) {
    const units = active.filter((x) => x.applicationId === a.id).map((x) => unitOf.get(x.personId));
    expect(new Set(units).size).toBe(units.length);
  }
  const load = new Map<string, number>();
  for (const a of active) load.set(a.personId, (load.get(a.personId) ?? 0) + 1);
  for (const [p, n] of load) expect(n).toBeLessThanOrEqual(caps.get(p) ?? 10);
}

describe('a review: creation, conflicts and access', () => {
  it('creates one review per published call, officers only, audited', async () => {
    const again = await officer.post(`/api/calls/${f.callId}/review`, {});
    expect(again.status).toBe(409);
    expect((await applicant.post(`/api/calls/${f.callId}/review`, {})).status).toBe(403);
    const draft = await db
      .insertInto('calls')
      .values({
        plan_id: f.planId,
        track: 'backfill',
        title_zh: '草稿指南',
        title_en: 'Draft call',
        opens_at: '2026-02-01T00:00:00+08:00',
        closes_at: '2026-04-30T17:30:00+08:00',
        conditions: '[]',
        materials: '[]',
        criteria: '[]',
        checklist: '[]',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const refused = await officer.post(`/api/calls/${draft.id}/review`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('state_conflict');
    expect((await officer.post(`/api/calls/00000000-0000-4000-8000-000000000000/review`, {})).status).toBe(404);

    const review = await officer.get(`/api/reviews/${reviewId}`);
    expect(review.status).toBe(200);
    expect(review.body).toMatchObject({ status: 'setup', callId: f.callId, planYear: 2026, track: 'consortium' });
    expect(review.body.settings.expertsPerApplication).toBe(3);
    expect(review.body.applications.map((a: { applicationId: string }) => a.applicationId).sort()).toEqual(apps.map((a) => a.id).sort());
    expect(review.body.criteria.map((c: { key: string }) => c.key)).toEqual(['merit', 'feasibility']);
    expect((await audits('review.create', reviewId)).length).toBe(1);
    const list = await admin.get('/api/reviews');
    expect(list.status).toBe(200);
    expect(list.body.items.find((r: { id: string }) => r.id === reviewId)).toMatchObject({ applications: 8, status: 'setup' });
  });

  it('computes every conflict kind, and no others; officers and admins see the reasons', async () => {
    const found = await conflictMap();
    const expected = new Map([...f.expectedConflicts].map(([k, v]) => [k, [v]]));
    expect(new Map([...found].sort())).toEqual(new Map([...expected].sort()));
    // The national record outside the N-year window makes no conflict (E6 on application 6).
    expect(found.has('6|6')).toBe(false);
    const forOne = await admin.get(`/api/reviews/${reviewId}/conflicts?applicationId=${apps[4]!.id}`);
    expect(forOne.status).toBe(200);
    expect(forOne.body.items).toHaveLength(1);
    expect(forOne.body.items[0].reasons[0].en).toMatch(/RVP/);

    const review = (await officer.get(`/api/reviews/${reviewId}`)).body;
    for (const row of review.applications as { applicationId: string; conflicts: number; eligibleExperts: number }[]) {
      const i = appIndex.get(row.applicationId)!;
      const n = [...f.expectedConflicts.keys()].filter((k) => k.startsWith(`${i}|`)).length;
      expect(row.conflicts).toBe(n);
      expect(row.eligibleExperts).toBe(12 - n);
    }
  });

  it('never shows conflicts, assignments or reviews to applicants or experts', async () => {
    for (const c of [applicant, experts[0]!.client]) {
      expect((await c.get(`/api/reviews/${reviewId}`)).status).toBe(403);
      expect((await c.get(`/api/reviews/${reviewId}/conflicts`)).status).toBe(403);
      expect((await c.get(`/api/reviews/${reviewId}/assignments`)).status).toBe(403);
      expect((await c.get('/api/reviews')).status).toBe(403);
      expect((await c.post(`/api/reviews/${reviewId}/assignment/solve`, {})).status).toBe(403);
    }
    expect((await admin.post(`/api/reviews/${reviewId}/assignment/solve`, {})).status).toBe(403);
    expect((await officer.get('/api/reviews/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('lists the eligible experts of an application by affinity, without conflicted ones', async () => {
    const items = await eligible(apps[0]!.id);
    const ids = items.map((e) => e.personId);
    expect(ids).not.toContain(experts[0]!.personId);
    expect(ids).not.toContain(experts[2]!.personId);
    expect(ids).toHaveLength(10);
    for (let x = 1; x < items.length; x++) expect(items[x - 1]!.affinity).toBeGreaterThanOrEqual(items[x]!.affinity);
    // App 0 is F01.01 on chips: E4 (F01.01, keyword 芯片) beats E5 (F01).
    const aff = new Map(items.map((e) => [e.personId, e.affinity]));
    expect(aff.get(experts[4]!.personId)).toBeGreaterThan(aff.get(experts[5]!.personId)!);
  });
});

describe('exclusions named by the applicant', () => {
  it('only the applying unit’s users, up to the limit, and they become conflicts', async () => {
    const url = `/api/applications/${apps[0]!.id}/exclusions`;
    expect((await f.outsider.get(url)).status).toBe(404);
    expect((await f.applicant7.get(url)).status).toBe(404);
    expect((await f.outsider.post(url, { personName: '某人' })).status).toBe(404);
    expect((await officer.get(url)).status).toBe(403);
    const empty = await applicant.get(url);
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ items: [], limit: 3 });

    const unit10 = (await db.selectFrom('organisations').select('name').where('id', '=', experts[10]!.orgId).executeTakeFirstOrThrow())
      .name;
    const a = await applicant.post(url, { personName: experts[10]!.name, unitName: unit10, reason: '竞争对手' });
    expect(a.status).toBe(201);
    const stored = await db.selectFrom('review_exclusions').selectAll().where('application_id', '=', apps[0]!.id).executeTakeFirstOrThrow();
    expect(stored.person_id).toBe(experts[10]!.personId);
    expect((await applicant.post(url, { personName: '王某某' })).status).toBe(201);
    expect((await applicant.post(url, { personName: '李某某', unitName: '某大学' })).status).toBe(201);
    const over = await applicant.post(url, { personName: '赵某某' });
    expect(over.status).toBe(422);
    expect(over.body.code).toBe('review_limit');
    expect((await conflictMap()).get('0|10')).toEqual(['applicant_named']);

    // Withdrawn again: the conflict goes.
    expect((await applicant.request('DELETE', `${url}/${a.body.items[0].id}`)).status).toBe(204);
    expect((await conflictMap()).has('0|10')).toBe(false);
    expect((await applicant.get(url)).body.items).toHaveLength(2);
    expect((await audits('review.exclusion_add', apps[0]!.id)).length).toBe(3);
    expect((await audits('review.exclusion_remove', apps[0]!.id)).length).toBe(1);

    // Without a review yet the default limit (3) applies; a draft cannot name anyone.
    const other = await db
      .insertInto('calls')
      .values({
        plan_id: f.planId,
        track: 'backfill',
        title_zh: '无评审指南',
        title_en: 'No review yet',
        opens_at: '2026-02-01T00:00:00+08:00',
        closes_at: '2026-04-30T17:30:00+08:00',
        status: 'published',
        conditions: '[]',
        materials: '[]',
        criteria: '[]',
        checklist: '[]',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const draft = await db
      .insertInto('applications')
      .values({ call_id: other.id, track: 'backfill', org_id: f.applicantOrgId, form: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const none = await applicant.get(`/api/applications/${draft.id}/exclusions`);
    expect(none.body.limit).toBe(3);
    expect((await applicant.post(`/api/applications/${draft.id}/exclusions`, { personName: '某人' })).status).toBe(409);
  });
});

describe('the optimal assignment and manual changes', () => {
  it('solves optimally: certificate verified, no conflicted pair, caps and one per unit respected', async () => {
    // Caps do not bind here (8 applications, caps of 10), so the optimum is each application's 3 best eligible affinities.
    let bound = 0;
    for (const a of apps) {
      const best = (await eligible(a.id)).map((e) => e.affinity).slice(0, 3);
      bound += best.reduce((s, x) => s + x, 0);
    }
    const run = await officer.post(`/api/reviews/${reviewId}/assignment/solve`, { reason: '首次分配' });
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ status: 'optimal', certificateOk: true, applications: 8, assigned: 24, lacking: [] });
    expect(run.body.objective).toBe(bound);
    const list = await assignments();
    expect(list).toHaveLength(24);
    expect(list.every((a) => a.source === 'solver')).toBe(true);
    expect(list.reduce((s, a) => s + a.affinity, 0)).toBe(bound);
    assertValid(list, 3, new Map());
    const review = (await officer.get(`/api/reviews/${reviewId}`)).body;
    expect(review.applications.every((a: { assigned: number }) => a.assigned === 3)).toBe(true);
    expect((await officer.get(`/api/reviews/${reviewId}/assignments`)).body.lastRun).toMatchObject({
      status: 'optimal',
      certificateOk: true,
    });

    // Solving again replaces the solver's rows (same optimum).
    const again = await officer.post(`/api/reviews/${reviewId}/assignment/solve`, {});
    expect(again.body.objective).toBe(bound);
    expect(await assignments()).toHaveLength(24);
    expect((await audits('review.solve', reviewId)).length).toBe(2);
  });

  it('refuses a conflicted expert by hand, with the reason', async () => {
    const res = await officer.post(`/api/reviews/${reviewId}/assignments`, { applicationId: apps[1]!.id, personId: experts[1]!.personId });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('conflict_of_interest');
    expect(res.body.details.reasons.map((r: { kind: string }) => r.kind)).toEqual(['same_group']);
    const named = await officer.post(`/api/reviews/${reviewId}/assignments`, {
      applicationId: apps[7]!.id,
      personId: experts[8]!.personId,
    });
    expect(named.body.details.reasons.map((r: { kind: string }) => r.kind)).toEqual(['applicant_named']);
  });

  it('refuses an expert already on the application, or over their load cap; adds by hand otherwise', async () => {
    const list = await assignments();
    const on = list[0]!;
    const dup = await officer.post(`/api/reviews/${reviewId}/assignments`, { applicationId: on.applicationId, personId: on.personId });
    expect(dup.status).toBe(422);
    expect(dup.body).toMatchObject({ code: 'review_limit', details: { limit: 'already_assigned' } });

    // Cap an expert at their current load: one more is refused.
    const busy = experts.find((e) => list.some((a) => a.personId === e.personId))!;
    const load = list.filter((a) => a.personId === busy.personId).length;
    const curated = await officer.patch(`/api/review/experts/${busy.personId}`, { loadCap: load, reason: '本轮限额' });
    expect(curated.status).toBe(200);
    expect(curated.body).toMatchObject({ loadCap: load, currentLoad: load });
    const free = apps.find(
      (a) =>
        !list.some((x) => x.applicationId === a.id && x.personId === busy.personId) &&
        !f.expectedConflicts.has(`${appIndex.get(a.id)}|${expertIndex.get(busy.personId)}`),
    )!;
    const over = await officer.post(`/api/reviews/${reviewId}/assignments`, { applicationId: free.id, personId: busy.personId });
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({ code: 'review_limit', details: { limit: 'load_cap', load, cap: load } });
    expect((await audits('expert.curate', busy.personId)).length).toBe(1);
    // Back to the default cap.
    expect((await officer.patch(`/api/review/experts/${busy.personId}`, { loadCap: 10 })).status).toBe(200);

    // One expert per unit: E9 also joins E4's unit (a later, current post), then cannot join E4 on an application.
    const post = await db
      .insertInto('affiliations')
      .values({ person_id: experts[9]!.personId, org_id: experts[4]!.orgId, position: '兼职', from_date: '2020-01-01', to_date: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const withE4 = apps.find(
      (a) =>
        list.some((x) => x.applicationId === a.id && x.personId === experts[4]!.personId) &&
        !list.some((x) => x.applicationId === a.id && x.personId === experts[9]!.personId),
    )!;
    const sameUnit = await officer.post(`/api/reviews/${reviewId}/assignments`, {
      applicationId: withE4.id,
      personId: experts[9]!.personId,
    });
    expect(sameUnit.status).toBe(422);
    expect(sameUnit.body).toMatchObject({ code: 'review_limit', details: { limit: 'one_per_unit', otherPersonId: experts[4]!.personId } });
    await db.deleteFrom('affiliations').where('id', '=', post.id).execute();

    // Remove one (reason required) and add an eligible expert by hand.
    const target = list.find((a) => a.applicationId === apps[3]!.id)!;
    expect((await officer.request('DELETE', `/api/reviews/${reviewId}/assignments/${target.id}`, {})).status).toBe(400);
    expect((await officer.request('DELETE', `/api/reviews/${reviewId}/assignments/${target.id}`, { reason: '调整' })).status).toBe(204);
    const candidates = (await eligible(apps[3]!.id)).map((e) => e.personId);
    expect(candidates).not.toContain(experts[2]!.personId);
    const pick = candidates.find((p) => p !== target.personId)!;
    const added = await officer.post(`/api/reviews/${reviewId}/assignments`, {
      applicationId: apps[3]!.id,
      personId: pick,
      reason: '人工指定',
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ source: 'manual', status: 'assigned', personId: pick });
    expect((await audits('review.unassign', target.id)).length).toBe(1);
    expect((await audits('review.assign', added.body.id)).length).toBe(1);
  });

  it('draws at random only among eligible experts not on the application and under cap', async () => {
    for (let round = 0; round < 6; round++) {
      const app = apps[round % apps.length]!;
      const list = await assignments();
      const mine = list.filter((a) => a.applicationId === app.id);
      const drop = mine.find((a) => a.source !== 'manual')!;
      expect((await officer.request('DELETE', `/api/reviews/${reviewId}/assignments/${drop.id}`, { reason: '抽取测试' })).status).toBe(204);
      const allowed = new Set((await eligible(app.id)).map((e) => e.personId));
      const unitOf = new Map(experts.map((e) => [e.personId, e.orgId]));
      const usedUnits = new Set(mine.filter((a) => a.id !== drop.id).map((a) => unitOf.get(a.personId)));
      const drawn = await officer.post(`/api/reviews/${reviewId}/assignments/draw`, { applicationId: app.id });
      expect(drawn.status).toBe(201);
      expect(drawn.body.items).toHaveLength(1);
      const p = drawn.body.items[0].personId;
      expect(allowed.has(p)).toBe(true);
      expect(usedUnits.has(unitOf.get(p))).toBe(false);
      expect(drawn.body.items[0].source).toBe('random');
    }
    // No gap left: a draw without a count is refused.
    const full = await officer.post(`/api/reviews/${reviewId}/assignments/draw`, { applicationId: apps[0]!.id });
    expect(full.status).toBe(422);
    expect(full.body.code).toBe('review_limit');
    expect((await audits('review.draw', reviewId)).length).toBe(6);
    assertValid(await assignments(), 3, new Map());
  });

  it('answers an infeasible instance with 422 naming the applications that lack experts, and stores the run', async () => {
    const before = await assignments();
    const k11 = await officer.patch(`/api/reviews/${reviewId}/settings`, { expertsPerApplication: 11, exclusionLimit: 4, reason: '测试' });
    expect(k11.status).toBe(200);
    expect(k11.body.settings).toMatchObject({ expertsPerApplication: 11, exclusionLimit: 4, conflictYears: 3 });
    const res = await officer.post(`/api/reviews/${reviewId}/assignment/solve`, {});
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('assignment_infeasible');
    const run = res.body.details;
    expect(run.status).toBe('infeasible');
    // Applications 0, 1 and 2 have two conflicts each, so only 10 eligible experts.
    expect(run.lacking.map((l: { applicationId: string }) => l.applicationId).sort()).toEqual(
      [apps[0]!.id, apps[1]!.id, apps[2]!.id].sort(),
    );
    for (const l of run.lacking) expect(l).toMatchObject({ eligible: 10, needed: 11, title: apps[appIndex.get(l.applicationId)!]!.title });
    expect(run.explanation.en).toContain(apps[0]!.title);
    expect(run.explanation.zh.length).toBeGreaterThan(0);
    expect((await officer.get(`/api/reviews/${reviewId}/assignments`)).body.lastRun).toMatchObject({ status: 'infeasible' });
    // Nothing was replaced.
    expect((await assignments()).map((a) => a.id).sort()).toEqual(before.map((a) => a.id).sort());
    const k3 = await officer.patch(`/api/reviews/${reviewId}/settings`, { expertsPerApplication: 3 });
    expect(k3.status).toBe(200);
    // Only the keys sent change.
    expect(k3.body.settings).toMatchObject({ expertsPerApplication: 3, exclusionLimit: 4 });
    expect((await audits('review.settings', reviewId)).length).toBe(2);
  });

  it('keeps manual rows when solving again', async () => {
    const manual = (await assignments()).filter((a) => a.source === 'manual');
    expect(manual).toHaveLength(1);
    const run = await officer.post(`/api/reviews/${reviewId}/assignment/solve`, {});
    expect(run.status).toBe(200);
    expect(run.body.certificateOk).toBe(true);
    const after = await assignments();
    expect(after.find((a) => a.id === manual[0]!.id)).toBeTruthy();
    assertValid(after, 3, new Map());
  });
});

describe('release and close', () => {
  it('releases only when every application has k experts; then settings are limited', async () => {
    const list = await assignments();
    const one = list.find((a) => a.applicationId === apps[5]!.id)!;
    expect((await officer.request('DELETE', `/api/reviews/${reviewId}/assignments/${one.id}`, { reason: '缺额测试' })).status).toBe(204);
    const short = await officer.post(`/api/reviews/${reviewId}/release`, {});
    expect(short.status).toBe(422);
    expect(short.body.code).toBe('review_limit');
    expect(short.body.details.applications.map((a: { applicationId: string }) => a.applicationId)).toEqual([apps[5]!.id]);
    expect((await officer.post(`/api/reviews/${reviewId}/assignments/draw`, { applicationId: apps[5]!.id })).status).toBe(201);

    const released = await officer.post(`/api/reviews/${reviewId}/release`, { reason: '发布' });
    expect(released.status).toBe(200);
    expect(released.body.status).toBe('scoring');
    expect(released.body.releasedAt).not.toBeNull();
    expect((await officer.post(`/api/reviews/${reviewId}/release`, {})).status).toBe(409);
    const locked = await officer.patch(`/api/reviews/${reviewId}/settings`, { expertsPerApplication: 4 });
    expect(locked.status).toBe(409);
    const scoring = await officer.patch(`/api/reviews/${reviewId}/settings`, { aggregation: 'trimmed_mean', outlierPoints: 15 });
    expect(scoring.status).toBe(200);
    expect(scoring.body.settings).toMatchObject({
      aggregation: 'trimmed_mean',
      outlierPoints: 15,
      expertsPerApplication: 3,
      exclusionLimit: 4,
    });
    // Exclusions close on release.
    expect((await applicant.post(`/api/applications/${apps[0]!.id}/exclusions`, { personName: '晚到' })).status).toBe(409);
    expect((await audits('review.release', reviewId)).length).toBe(1);
  });

  it('solves again in scoring: declared rows are kept, a declined expert is replaced by another', async () => {
    const list = await assignments();
    const [declined, kept] = [list[0]!, list.find((a) => a.applicationId !== list[0]!.applicationId && a.source !== 'manual')!];
    // What H2's declaration route does: a conflict declines the assignment, no conflict opens it.
    await db
      .insertInto('review_declarations')
      .values([
        { review_id: reviewId, application_id: declined.applicationId, person_id: declined.personId, kind: 'conflict', reason: '合作关系' },
        { review_id: reviewId, application_id: kept.applicationId, person_id: kept.personId, kind: 'no_conflict' },
      ])
      .execute();
    await db.updateTable('review_assignments').set({ status: 'declined' }).where('id', '=', declined.id).execute();
    const i = appIndex.get(declined.applicationId)!;
    const j = expertIndex.get(declined.personId)!;
    expect((await conflictMap()).get(`${i}|${j}`)).toContain('declared');

    const run = await officer.post(`/api/reviews/${reviewId}/assignment/solve`, { reason: '补充专家' });
    expect(run.status).toBe(200);
    expect(run.body.certificateOk).toBe(true);
    const after = await assignments();
    expect(after.find((a) => a.id === declined.id)?.status).toBe('declined');
    expect(after.find((a) => a.id === kept.id)).toMatchObject({ status: 'assigned', declaration: 'no_conflict' });
    const onApp = after.filter((a) => a.applicationId === declined.applicationId && a.status !== 'declined');
    expect(onApp).toHaveLength(3);
    expect(onApp.map((a) => a.personId)).not.toContain(declined.personId);
    assertValid(after, 3, new Map());
  });

  it('closes only when every non-declined assignment is submitted', async () => {
    const list = (await assignments()).filter((a) => a.status === 'assigned');
    const pending = await officer.post(`/api/reviews/${reviewId}/close`, {});
    expect(pending.status).toBe(409);
    expect(pending.body.code).toBe('state_conflict');
    expect(pending.body.details.pending).toHaveLength(24);
    // Scoring is H2's; mark the rows here: one declined, the rest submitted.
    await db.updateTable('review_assignments').set({ status: 'declined' }).where('id', '=', list[0]!.id).execute();
    await db
      .updateTable('review_assignments')
      .set({ status: 'submitted', submitted_at: new Date() })
      .where('review_id', '=', reviewId)
      .where('id', '!=', list[0]!.id)
      .where('id', '!=', list[1]!.id)
      .execute();
    const still = await officer.post(`/api/reviews/${reviewId}/close`, {});
    expect(still.status).toBe(409);
    expect(still.body.details.pending.map((p: { assignmentId: string }) => p.assignmentId)).toEqual([list[1]!.id]);
    // A submitted assignment cannot be removed.
    const removeSubmitted = await officer.request('DELETE', `/api/reviews/${reviewId}/assignments/${list[2]!.id}`, { reason: '不可移除' });
    expect(removeSubmitted.status).toBe(409);
    await db
      .updateTable('review_assignments')
      .set({ status: 'submitted', submitted_at: new Date() })
      .where('id', '=', list[1]!.id)
      .execute();
    const closed = await officer.post(`/api/reviews/${reviewId}/close`, {});
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    expect((await officer.patch(`/api/reviews/${reviewId}/settings`, { outlierPoints: 10 })).status).toBe(409);
    expect((await officer.post(`/api/reviews/${reviewId}/assignments/draw`, { applicationId: apps[0]!.id })).status).toBe(409);
    expect((await audits('review.close', reviewId)).length).toBe(1);
  });
});
