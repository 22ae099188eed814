import { describe, expect, it } from 'vitest';
import { createOrg, createUser, PASSWORD } from './support/fixtures.js';
import { startHarness } from './support/harness.js';
import { assign, expertWithAccount, insertReview, reviewedApplication, submittedAssignment } from './support/review-scoring.js';
import { seedFields, seedPlanAndCalls } from './support/tracks.js';

const h = await startHarness();
const db = h.deps.db;

await seedFields(db);
const { calls } = await seedPlanAndCalls(db);
const CRITERIA = [
  { key: 'merit', zh: '创新性', en: 'Innovation', weight: 40 },
  { key: 'feasibility', zh: '可行性', en: 'Feasibility', weight: 30 },
  { key: 'team', zh: '团队', en: 'Team', weight: 30 },
];
await db
  .updateTable('calls')
  .set({ criteria: JSON.stringify(CRITERIA) })
  .where('id', '=', calls.backfill)
  .execute();

async function signIn(user: { email: string }) {
  const c = h.client();
  expect((await c.login(user.email, PASSWORD)).status).toBe(200);
  return c;
}
async function signInAs(roles: Parameters<typeof createUser>[1]['roles'], orgId: string | null = null) {
  return signIn(await createUser(db, { roles, orgId }));
}
async function expertClient(name?: string) {
  const e = await expertWithAccount(db, name);
  return { ...e, client: await signIn(e.user) };
}
async function countAudit(action: string, entityId: string) {
  const r = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', action)
    .where('entity_id', '=', entityId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

const officer = await signInAs(['officer']);
const admin = await signInAs(['admin']);
const analyst = await signInAs(['analyst']);

// The backfill review (blind, 0–5 in half marks): two applications.
const applicantOrg = await createOrg(db, { name: '广州盲评申报科技有限公司' });
const app1 = await reviewedApplication(db, { callId: calls.backfill, orgId: applicantOrg.id, title: '盲评项目甲', fieldCode: 'F01.02' });
const app2 = await reviewedApplication(db, { callId: calls.backfill, title: '盲评项目乙', fieldCode: 'F01.02' });
const review = await insertReview(db, calls.backfill, { blind: true, scale: { min: 0, max: 5, step: 0.5 } });
const a = await expertClient('甲专家');
const b = await expertClient('乙专家');
const c = await expertClient('丙专家');
const a1 = await assign(db, review.id, app1.id, a.person.id);
const a2 = await assign(db, review.id, app2.id, a.person.id);
const b1 = await assign(db, review.id, app1.id, b.person.id);
const c1 = await assign(db, review.id, app1.id, c.person.id);

const FULL = (feasibility: number | null) => [
  { criterion: 'merit', value: 5, comment: '创新性突出' },
  { criterion: 'feasibility', value: feasibility, comment: '' },
  { criterion: 'team', value: 2.5, comment: '' },
];

describe('the expert’s tasks', () => {
  it('lists only the expert’s own assignments in released reviews, without the applicant under blind review', async () => {
    // An assignment in a review still in setup is not shown.
    const setup = await insertReview(db, calls.consortium, {}, 'setup');
    const other = await reviewedApplication(db, { callId: calls.consortium, track: 'consortium' });
    await assign(db, setup.id, other.id, a.person.id);

    const mine = await a.client.get('/api/review/tasks');
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((t: { assignmentId: string }) => t.assignmentId).sort()).toEqual([a1.id, a2.id].sort());
    const t1 = mine.body.items.find((t: { assignmentId: string }) => t.assignmentId === a1.id);
    expect(t1).toMatchObject({ reviewId: review.id, applicationId: app1.id, title: '盲评项目甲', applicantName: null, state: 'declare' });
    expect(JSON.stringify(mine.body)).not.toContain('广州盲评申报科技有限公司');

    const theirs = await b.client.get('/api/review/tasks');
    expect(theirs.body.items.map((t: { assignmentId: string }) => t.assignmentId)).toEqual([b1.id]);

    // Not blind: the applicant is named.
    await db
      .updateTable('reviews')
      .set({ settings: JSON.stringify({ blind: false }) })
      .where('id', '=', review.id)
      .execute();
    const open = await a.client.get('/api/review/tasks');
    expect(open.body.items.find((t: { assignmentId: string }) => t.assignmentId === a1.id).applicantName).toBe('广州盲评申报科技有限公司');
    await db
      .updateTable('reviews')
      .set({ settings: JSON.stringify({ blind: true, scale: { min: 0, max: 5, step: 0.5 } }) })
      .where('id', '=', review.id)
      .execute();
  });

  it('keeps the application closed until no conflict is declared; a declared conflict declines the assignment', async () => {
    const before = await a.client.get(`/api/review/tasks/${a1.id}`);
    expect(before.status).toBe(403);
    expect(before.body.code).toBe('forbidden');
    // Another expert's assignment does not exist for them.
    expect((await b.client.get(`/api/review/tasks/${a1.id}`)).status).toBe(404);
    expect((await b.client.post(`/api/review/tasks/${a1.id}/declaration`, { kind: 'no_conflict' })).status).toBe(404);

    // A conflict needs a reason.
    const noReason = await b.client.post(`/api/review/tasks/${b1.id}/declaration`, { kind: 'conflict' });
    expect(noReason.status).toBe(400);
    const conflict = await b.client.post(`/api/review/tasks/${b1.id}/declaration`, { kind: 'conflict', reason: '曾与申报单位合作' });
    expect(conflict.status).toBe(200);
    expect(conflict.body.state).toBe('conflict');
    const row = await db.selectFrom('review_assignments').select('status').where('id', '=', b1.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('declined');
    const decl = await db
      .selectFrom('review_declarations')
      .selectAll()
      .where('review_id', '=', review.id)
      .where('person_id', '=', b.person.id)
      .executeTakeFirstOrThrow();
    expect(decl).toMatchObject({ application_id: app1.id, kind: 'conflict', reason: '曾与申报单位合作' });
    expect(await countAudit('review.conflict_declared', b1.id)).toBe(1);
    expect((await b.client.get(`/api/review/tasks/${b1.id}`)).status).toBe(403);
    // One declaration per assignment.
    const again = await b.client.post(`/api/review/tasks/${b1.id}/declaration`, { kind: 'no_conflict' });
    expect(again.status).toBe(409);

    const ok = await a.client.post(`/api/review/tasks/${a1.id}/declaration`, { kind: 'no_conflict' });
    expect(ok.status).toBe(200);
    expect(ok.body.state).toBe('scoring');
    expect(await countAudit('review.no_conflict_declared', a1.id)).toBe(1);
    const view = await a.client.get(`/api/review/tasks/${a1.id}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ blind: true, state: 'scoring', reviewStatus: 'scoring', scale: { min: 0, max: 5, step: 0.5 } });
    expect(view.body.criteria).toEqual(CRITERIA);
    expect(view.body.application).toMatchObject({ id: app1.id, title: '盲评项目甲', applicantName: null, fieldCode: 'F01.02' });
    // Team names and units are removed; the rest of the team row stays.
    expect(view.body.application.form.team).toEqual([{ role: 'leader', title: '教授级高工', duty: '总体负责' }]);
    expect(JSON.stringify(view.body)).not.toContain('张明');
    expect(JSON.stringify(view.body)).not.toContain('广州盲评申报科技有限公司');
    expect(view.body.application.form.objectives).toBe('研制一款推理芯片。');
    expect(view.body.mine).toMatchObject({ scores: [], version: 0, total: null, submittedAt: null });
    expect(view.body.others).toEqual([]);
  });

  it('saves with versions and the scale grid, keeps N/A out of the total, and submits once', async () => {
    const saved = await a.client.put(`/api/review/tasks/${a1.id}/scores`, { version: 0, scores: FULL(3).slice(0, 2), comment: '初评' });
    expect(saved.status).toBe(200);
    expect(saved.body.mine.version).toBe(1);
    expect(await countAudit('review.scores_saved', a1.id)).toBe(1);

    const stale = await a.client.put(`/api/review/tasks/${a1.id}/scores`, { version: 0, scores: FULL(3) });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('conflict');

    const offGrid = await a.client.put(`/api/review/tasks/${a1.id}/scores`, { version: 1, scores: FULL(3.25) });
    expect(offGrid.status).toBe(400);
    expect(offGrid.body.code).toBe('validation_failed');
    expect(offGrid.body.details.map((d: { path: string }) => d.path)).toEqual(['body.scores.1.value']);
    const unknown = await a.client.put(`/api/review/tasks/${a1.id}/scores`, {
      version: 1,
      scores: [{ criterion: 'price', value: 3 }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details.map((d: { path: string }) => d.path)).toEqual(['body.scores.0.criterion']);

    // The team criterion is not yet scored: submit refuses, naming it.
    const early = await a.client.post(`/api/review/tasks/${a1.id}/submit`, {});
    expect(early.status).toBe(400);
    expect(early.body.details.map((d: { path: string }) => d.path)).toEqual(['scores.team']);

    const full = await a.client.put(`/api/review/tasks/${a1.id}/scores`, { version: 1, scores: FULL(null), comment: '建议支持' });
    expect(full.status).toBe(200);
    const submitted = await a.client.post(`/api/review/tasks/${a1.id}/submit`, { version: full.body.mine.version });
    expect(submitted.status).toBe(200);
    // (40·1 + 30·0.5) / 70 × 100: the N/A criterion's weight leaves both sums.
    expect(submitted.body.mine.total).toBe(78.571);
    expect(submitted.body.state).toBe('submitted');
    const row = await db.selectFrom('review_assignments').selectAll().where('id', '=', a1.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('submitted');
    expect(Number(row.total)).toBe(78.571);
    expect(row.submitted_at).not.toBeNull();
    expect(await countAudit('review.scores_submitted', a1.id)).toBe(1);

    // A second submit changes nothing.
    const again = await a.client.post(`/api/review/tasks/${a1.id}/submit`, {});
    expect(again.status).toBe(200);
    expect(again.body.mine.total).toBe(78.571);
    expect(await countAudit('review.scores_submitted', a1.id)).toBe(1);

    const late = await a.client.put(`/api/review/tasks/${a1.id}/scores`, { version: again.body.mine.version, scores: FULL(4) });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('state_conflict');
  });

  it('refuses a submit where every criterion is not applicable', async () => {
    await a.client.post(`/api/review/tasks/${a2.id}/declaration`, { kind: 'no_conflict' });
    const allNa = CRITERIA.map((cr) => ({ criterion: cr.key, value: null }));
    const saved = await a.client.put(`/api/review/tasks/${a2.id}/scores`, { version: 0, scores: allNa });
    expect(saved.status).toBe(200);
    const refused = await a.client.post(`/api/review/tasks/${a2.id}/submit`, {});
    expect(refused.status).toBe(400);
    expect(refused.body.details.map((d: { path: string }) => d.path)).toEqual(['scores']);
  });

  it('hides the others’ scores until the expert has submitted, and never names them', async () => {
    expect((await c.client.post(`/api/review/tasks/${c1.id}/declaration`, { kind: 'no_conflict' })).status).toBe(200);
    const before = await c.client.get(`/api/review/tasks/${c1.id}`);
    expect(before.status).toBe(200);
    // Expert A has submitted, yet C sees nothing of it.
    expect(before.body.others).toEqual([]);

    const saved = await c.client.put(`/api/review/tasks/${c1.id}/scores`, {
      version: 0,
      scores: [
        { criterion: 'merit', value: 3 },
        { criterion: 'feasibility', value: 3 },
        { criterion: 'team', value: 3 },
      ],
      comment: '一般',
    });
    expect(saved.status).toBe(200);
    expect(saved.body.others).toEqual([]);
    const submitted = await c.client.post(`/api/review/tasks/${c1.id}/submit`, {});
    expect(submitted.status).toBe(200);
    expect(submitted.body.mine.total).toBe(60);
    expect(submitted.body.others).toHaveLength(1);
    expect(submitted.body.others[0]).toMatchObject({ expertLabel: '专家1', total: 78.571, comment: '建议支持' });
    expect(submitted.body.others[0].scores.map((s: { value: number | null }) => s.value)).toEqual([5, null, 2.5]);
    expect(JSON.stringify(submitted.body.others)).not.toContain('甲专家');

    const mineNow = await a.client.get(`/api/review/tasks/${a1.id}`);
    expect(mineNow.body.others.map((o: { total: number }) => o.total)).toEqual([60]);
  });

  it('takes declarations and scores only while the review is in scoring', async () => {
    const d = await expertClient('丁专家');
    const d2 = await assign(db, review.id, app2.id, d.person.id);
    await db.updateTable('reviews').set({ status: 'closed' }).where('id', '=', review.id).execute();
    try {
      const declared = await d.client.post(`/api/review/tasks/${d2.id}/declaration`, { kind: 'no_conflict' });
      expect(declared.status).toBe(409);
      expect(declared.body.code).toBe('state_conflict');
      const saved = await a.client.put(`/api/review/tasks/${a2.id}/scores`, { version: 1, scores: FULL(3) });
      expect(saved.status).toBe(409);
      expect(saved.body.code).toBe('state_conflict');
      // The task is still listed, with the review's status.
      const list = await d.client.get('/api/review/tasks');
      expect(list.body.items).toMatchObject([{ assignmentId: d2.id, state: 'declare', reviewStatus: 'closed' }]);
    } finally {
      await db.updateTable('reviews').set({ status: 'scoring' }).where('id', '=', review.id).execute();
    }
  });

  it('answers other roles with 403 and other experts with 404', async () => {
    const unit = await signInAs(['unit_admin'], applicantOrg.id);
    expect((await unit.get('/api/review/tasks')).status).toBe(403);
    expect((await officer.get(`/api/review/tasks/${a1.id}`)).status).toBe(403);
    expect((await officer.put(`/api/review/tasks/${a1.id}/scores`, { version: 0, scores: [] })).status).toBe(403);
    expect((await unit.get(`/api/reviews/${review.id}/results`)).status).toBe(403);
    expect((await a.client.get(`/api/reviews/${review.id}/results`)).status).toBe(403);
    expect((await analyst.get(`/api/reviews/${review.id}/results`)).status).toBe(403);
    expect((await admin.put(`/api/reviews/${review.id}/panels/${app1.id}`, { opinion: '同意', recommendation: 'fund' })).status).toBe(403);
    expect((await c.client.put(`/api/review/tasks/${a1.id}/scores`, { version: 0, scores: [] })).status).toBe(404);
    expect((await c.client.post(`/api/review/tasks/${a1.id}/submit`, {})).status).toBe(404);
  });
});

// The continuation call: four applications scored directly (totals on 0–100, one criterion).
const continuation = await insertReview(db, calls.continuation, { tieBreaks: ['fewer_outliers', 'median'], outlierPoints: 20 });
const experts = await Promise.all([1, 2, 3].map((i) => expertWithAccount(db, `结果专家${i}`)));
const one = (total: number) => [{ criterion: 'merit', value: total / 20 }];
const x = await reviewedApplication(db, { callId: calls.continuation, track: 'continuation', title: 'X' });
const y = await reviewedApplication(db, { callId: calls.continuation, track: 'continuation', title: 'Y' });
const z = await reviewedApplication(db, { callId: calls.continuation, track: 'continuation', title: 'Z' });
// X: 50, 80, 80 → mean 70, median 80, one outlier (50 is 30 from the median).
// Y: 70, 70, 70 → mean 70, median 70, no outlier. Z: 80 → rank 1.
for (const [app, totals] of [
  [x, [50, 80, 80]],
  [y, [70, 70, 70]],
  [z, [80]],
] as const) {
  for (const [i, t] of totals.entries()) await submittedAssignment(db, continuation.id, app.id, experts[i]!.person.id, one(t), t);
}

describe('results', () => {
  it('aggregates the submitted totals per application, groups backfill by field and lists the unscored last', async () => {
    const res = await admin.get(`/api/reviews/${review.id}/results`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('scoring');
    expect(res.body.rows.map((r: { applicationId: string }) => r.applicationId)).toEqual([app1.id, app2.id]);
    const [r1, r2] = res.body.rows;
    expect(r1).toMatchObject({ group: 'field:F01', score: 69.286, mean: 69.286, median: 69.286, rankInCall: 1, rankInGroup: 1 });
    expect(r1.experts.map((e: { expertName: string; total: number }) => [e.expertName, e.total]).sort()).toEqual([
      ['丙专家', 60],
      ['甲专家', 78.571],
    ]);
    expect(r2).toMatchObject({ score: null, rankInCall: null, rankInGroup: null, experts: [] });
    expect(res.body.groups).toEqual([{ group: 'field:F01', labelZh: 'F01 新一代信息技术', labelEn: 'F01 IT', ranked: [app1.id] }]);
    expect((await officer.get(`/api/reviews/00000000-0000-4000-8000-000000000000/results`)).status).toBe(404);
  });

  it('ranks ties by the configured tie-breaks in order and flags outliers', async () => {
    const res = await officer.get(`/api/reviews/${continuation.id}/results`);
    expect(res.status).toBe(200);
    const rows = res.body.rows as {
      applicationId: string;
      score: number;
      rankInCall: number;
      tieBrokenBy: string | null;
      outliers: number;
      group: string;
      experts: { total: number; outlier: boolean }[];
    }[];
    expect(rows.map((r) => r.applicationId)).toEqual([z.id, y.id, x.id]);
    expect(rows.map((r) => r.rankInCall)).toEqual([1, 2, 3]);
    expect(rows.map((r) => r.score)).toEqual([80, 70, 70]);
    // Y and X tie on 70: fewer outliers comes first in this review's order.
    expect(rows.map((r) => r.tieBrokenBy)).toEqual([null, 'fewer_outliers', null]);
    expect(rows[2]!.outliers).toBe(1);
    expect(rows[2]!.experts.filter((e) => e.outlier).map((e) => e.total)).toEqual([50]);
    expect(rows.every((r) => r.group === 'call')).toBe(true);

    // With the median first, X (median 80) goes ahead of Y (median 70).
    await db
      .updateTable('reviews')
      .set({ settings: JSON.stringify({ tieBreaks: ['median'] }) })
      .where('id', '=', continuation.id)
      .execute();
    const byMedian = await officer.get(`/api/reviews/${continuation.id}/results`);
    expect(byMedian.body.rows.map((r: { applicationId: string }) => r.applicationId)).toEqual([z.id, x.id, y.id]);
    expect(byMedian.body.rows[1].tieBrokenBy).toBe('median');
  });

  it('uses the trimmed mean only with at least 2·trim + 1 totals', async () => {
    await db
      .updateTable('reviews')
      .set({ settings: JSON.stringify({ aggregation: 'trimmed_mean', trim: 1, outlierPoints: 50 }) })
      .where('id', '=', continuation.id)
      .execute();
    const res = await officer.get(`/api/reviews/${continuation.id}/results`);
    const byId = new Map(res.body.rows.map((r: { applicationId: string }) => [r.applicationId, r]));
    // X: 50, 80, 80 trimmed to 80 (mean 70); Z has one total: the plain mean.
    expect(byId.get(x.id)).toMatchObject({ score: 80, mean: 70, outliers: 0, rankInCall: 2 });
    // Z and X tie on 80 and on the median (80); the default tie-breaks then compare the top criterion's
    // mean: Z 4 against X (2.5 + 4 + 4) / 3.
    expect(byId.get(z.id)).toMatchObject({ score: 80, mean: 80, rankInCall: 1, tieBrokenBy: 'top_criterion' });
    expect(byId.get(y.id)).toMatchObject({ score: 70, rankInCall: 3 });
    expect(res.body.settings.aggregation).toBe('trimmed_mean');
  });

  it('normalises each expert’s totals when the review asks for it', async () => {
    await db
      .updateTable('reviews')
      .set({ settings: JSON.stringify({ normalise: true }) })
      .where('id', '=', continuation.id)
      .execute();
    const res = await officer.get(`/api/reviews/${continuation.id}/results`);
    // Expert 1 gave X 50, Y 70, Z 80; experts 2 and 3 gave X 80, Y 70 (each: z-scores over their own totals).
    const all = [50, 70, 80, 80, 70, 80, 70];
    const avg = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
    const sd = (xs: number[]) => Math.sqrt(avg(xs.map((v) => (v - avg(xs)) ** 2)));
    const expected = (own: number[], t: number) => avg(all) + (sd(all) * (t - avg(own))) / sd(own);
    const rowX = res.body.rows.find((r: { applicationId: string }) => r.applicationId === x.id);
    const e1 = rowX.experts.find((e: { personId: string }) => e.personId === experts[0]!.person.id);
    expect(e1.total).toBe(50);
    expect(e1.normalised).toBeCloseTo(expected([50, 70, 80], 50), 2);
    const e2 = rowX.experts.find((e: { personId: string }) => e.personId === experts[1]!.person.id);
    expect(e2.normalised).toBeCloseTo(expected([80, 70], 80), 2);
    // The aggregate is the mean of the normalised totals.
    const used = rowX.experts.map((e: { normalised: number }) => e.normalised);
    expect(rowX.score).toBeCloseTo(avg(used), 2);
    expect(rowX.score).not.toBeCloseTo(70, 1);
  });

  it('records the panel’s opinion per application (officers only), shown in the results', async () => {
    const first = await officer.put(`/api/reviews/${continuation.id}/panels/${x.id}`, { opinion: '建议资助', recommendation: 'fund' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ opinion: '建议资助', recommendation: 'fund' });
    const second = await officer.put(`/api/reviews/${continuation.id}/panels/${x.id}`, {
      opinion: '预算允许时资助',
      recommendation: 'fund_if_budget',
    });
    expect(second.status).toBe(200);
    expect(await countAudit('review.panel_recorded', x.id)).toBe(2);
    const res = await officer.get(`/api/reviews/${continuation.id}/results`);
    const row = res.body.rows.find((r: { applicationId: string }) => r.applicationId === x.id);
    expect(row.panel).toMatchObject({ opinion: '预算允许时资助', recommendation: 'fund_if_budget' });
    expect(row.panel.recordedBy).not.toBe('');
    expect(res.body.rows.find((r: { applicationId: string }) => r.applicationId === y.id).panel).toBeNull();

    // An application outside the review, a missing review, bad input.
    expect(
      (await officer.put(`/api/reviews/${continuation.id}/panels/${app1.id}`, { opinion: '同意', recommendation: 'fund' })).status,
    ).toBe(404);
    expect(
      (await officer.put(`/api/reviews/00000000-0000-4000-8000-000000000000/panels/${x.id}`, { opinion: '同意', recommendation: 'fund' }))
        .status,
    ).toBe(404);
    expect((await officer.put(`/api/reviews/${continuation.id}/panels/${x.id}`, { opinion: '同意', recommendation: 'maybe' })).status).toBe(
      400,
    );
  });
});
