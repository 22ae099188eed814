import {
  checkSelection,
  SELECTION_OBJECTIVES,
  type Role,
  type SelectionInput,
  type SelectionOut,
  type SelectionPlace,
} from '@rdplan/domain';
import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/audit/audit.js';
import type { Client } from './support/client.js';
import { createOrg, createUser, PASSWORD } from './support/fixtures.js';
import { startHarness } from './support/harness.js';
import {
  insertApplication,
  insertChain,
  insertExpert,
  insertReview,
  insertSelectionPlan,
  insertWorkplan,
  setReviewStatus,
  submitTotals,
} from './support/review-selection.js';
import { seedFields } from './support/tracks.js';

const h = await startHarness();
const db = h.deps.db;

async function signIn(roles: Role[], orgId: string | null = null) {
  const u = await createUser(db, { roles, orgId });
  const c = h.client();
  expect((await c.login(u.email, PASSWORD)).status).toBe(200);
  return c;
}

await seedFields(db);
const PARAMS = {
  chainFundsCap: 4_000_000,
  chainProjectsMin: 2,
  chainProjectsMax: 3,
  chainProjectAmounts: [1_000_000, 2_000_000],
  leaderGroupMaxProjects: 1,
  leaderGroupMaxFunds: 2_000_000,
  backfillAmount: 1_000_000,
};
const M = 1_000_000;

// Chain A: leader L controls S, which controls SS (the leader's group at depth 2). Chain B: leader N.
const leaderL = await createOrg(db, { name: '选拔测试链主集团' });
const subS = await createOrg(db, { name: '选拔测试链主子公司' });
const subSS = await createOrg(db, { name: '选拔测试链主孙公司' });
await db
  .insertInto('control_edges')
  .values([
    { parent_id: leaderL.id, child_id: subS.id, share_pct: '100' },
    { parent_id: subS.id, child_id: subSS.id, share_pct: '60' },
  ])
  .execute();
const leaderN = await createOrg(db, { name: '选拔测试另一链主' });
const chainA = await insertChain(db, '选拔测试链A');
const chainB = await insertChain(db, '选拔测试链B');
await db
  .insertInto('chain_leaders')
  .values([
    { chain_id: chainA.id, org_id: leaderL.id },
    { chain_id: chainB.id, org_id: leaderN.id },
  ])
  .execute();
const { planId, calls } = await insertSelectionPlan(db, {
  year: 2032,
  params: PARAMS,
  chainIds: [chainA.id, chainB.id],
  // yearly total over 3.1 + 3.2 = 14M − 2M (continuation) = 12M
  budgets: { total: 14 * M, consortium: 8 * M, backfill: 3 * M, continuation: 2 * M },
});
const wpA = await insertWorkplan(db, planId, chainA.id, leaderL.id);
const wpB = await insertWorkplan(db, planId, chainB.id, leaderN.id);
const experts = [await insertExpert(db, '选拔专家甲'), await insertExpert(db, '选拔专家乙')].map((e) => e.personId);

const consReview = await insertReview(db, calls.consortium, 'closed');
const backReview = await insertReview(db, calls.backfill, 'closed');

interface Spec {
  key: string;
  track: 'consortium' | 'backfill';
  org?: string;
  chain?: 'A' | 'B';
  amount: number;
  score: number;
  field?: string;
}
const SPECS: Spec[] = [
  { key: 'A1', track: 'consortium', chain: 'A', org: leaderL.id, amount: 2 * M, score: 95 },
  { key: 'A2', track: 'consortium', chain: 'A', org: subSS.id, amount: 1 * M, score: 90 },
  { key: 'A3', track: 'consortium', chain: 'A', amount: 1 * M, score: 85 },
  { key: 'A4', track: 'consortium', chain: 'A', amount: 2 * M, score: 80 },
  { key: 'A5', track: 'consortium', chain: 'A', amount: 1 * M, score: 70 },
  { key: 'B1', track: 'consortium', chain: 'B', amount: 2 * M, score: 88 },
  { key: 'B2', track: 'consortium', chain: 'B', amount: 2 * M, score: 60 },
  { key: 'B3', track: 'consortium', chain: 'B', amount: 1 * M, score: 50 },
  { key: 'F1', track: 'backfill', amount: 1 * M, score: 92, field: 'F01.02' },
  { key: 'F2', track: 'backfill', amount: 1 * M, score: 75, field: 'F01.02' },
  { key: 'F3', track: 'backfill', amount: 1 * M, score: 65, field: 'F02.01' },
  { key: 'F4', track: 'backfill', amount: 1 * M, score: 55, field: 'F02.01' },
  // 3.2.h: a backfill project is funded exactly 1,000,000
  { key: 'F5', track: 'backfill', amount: 2 * M, score: 99, field: 'F01.02' },
];
const id: Record<string, string> = {};
const key: Record<string, string> = {};
const orgOf: Record<string, string> = {};
for (const s of SPECS) {
  const orgId = s.org ?? (await createOrg(db, { name: `选拔申报单位${s.key}` })).id;
  const app = await insertApplication(db, {
    callId: s.track === 'consortium' ? calls.consortium : calls.backfill,
    track: s.track,
    orgId,
    workplanId: s.chain === 'A' ? wpA.id : s.chain === 'B' ? wpB.id : null,
    cityFunds: s.amount,
    form: { title: `选拔测试项目 ${s.key}`, fieldCode: s.field ?? 'F01.02' },
  });
  id[s.key] = app.id;
  key[app.id] = s.key;
  orgOf[s.key] = orgId;
  // two experts around the score: their mean is the score
  await submitTotals(db, s.track === 'consortium' ? consReview.id : backReview.id, app.id, experts, [s.score - 10, s.score + 10]);
}
// Not a candidate: an application of the plan's continuation call.
const contApp = await insertApplication(db, { callId: calls.continuation, track: 'continuation', orgId: leaderN.id, cityFunds: M });

// The leader's comparison record (4.1.c) on chain A.
await db
  .insertInto('workplan_comparisons')
  .values({
    workplan_id: wpA.id,
    topic: '链A候选项目论证比选',
    held_on: '2032-03-01',
    method: '专家论证',
    conclusion: '推荐A1，不推荐A4',
    candidates: JSON.stringify([
      { applicationId: id.A1, verdict: 'selected', note: '技术领先' },
      { applicationId: id.A4, verdict: 'not_selected', note: '与A1重复' },
    ]),
  })
  .execute();

const officer = await signIn(['officer']);
const admin = await signIn(['admin']);
const expert = await signIn(['expert']);
const applicant = await signIn(['unit_admin'], orgOf.A3!);

const keys = (ids: readonly string[]) => ids.map((x) => key[x]).sort();
const place = (out: SelectionOut, k: string): SelectionPlace => out.plans.rank.places.find((p) => p.id === id[k])!;

/** The solver's input rebuilt from the answer: what checkSelection checks the plans against. */
function inputOf(out: SelectionOut): SelectionInput {
  return {
    candidates: out.candidates.map((c) => ({
      id: c.applicationId,
      track: c.track,
      chainId: c.chainId,
      field: c.fieldCode?.slice(0, 3) ?? null,
      amount: c.amount,
      rank: c.rank,
      score: c.score,
      leaderGroup: c.leaderGroup,
      pin: c.pin,
    })),
    params: PARAMS,
    budgets: out.budgets,
  };
}

async function selection(c: Client = officer): Promise<SelectionOut> {
  const res = await c.get<SelectionOut>(`/api/plans/${planId}/selection`);
  expect(res.status).toBe(200);
  return res.body;
}

describe('selection per plan', () => {
  it('lists the reviewed 3.1 and 3.2 candidates in one ranked order, with amount, chain, field and leader group', async () => {
    const out = await selection();
    expect(out.planId).toBe(planId);
    expect(out.planYear).toBe(2032);
    expect(keys(out.candidates.map((c) => c.applicationId))).toEqual(SPECS.map((s) => s.key).sort());
    expect(out.candidates.some((c) => c.applicationId === contApp.id)).toBe(false);
    // one global order by score across both tracks
    expect(out.candidates.map((c) => key[c.applicationId])).toEqual([...SPECS].sort((a, b) => b.score - a.score).map((s) => s.key));
    expect(out.candidates.map((c) => c.rank)).toEqual(SPECS.map((_, i) => i + 1));
    const a2 = out.candidates.find((c) => c.applicationId === id.A2)!;
    expect(a2).toMatchObject({ track: 'consortium', chainId: chainA.id, amount: M, score: 90, leaderGroup: true, pin: null });
    expect(out.candidates.find((c) => c.applicationId === id.A1)!.leaderGroup).toBe(true);
    expect(out.candidates.find((c) => c.applicationId === id.A3)!.leaderGroup).toBe(false);
    expect(out.candidates.find((c) => c.applicationId === id.F3)).toMatchObject({ track: 'backfill', chainId: null, fieldCode: 'F02.01' });
    expect(out.budgets).toEqual({ yearlyTotal: 12 * M, consortiumTotal: 8 * M, backfillTotal: 3 * M });
    expect(out.openReviews).toEqual([]);
    expect(out.confirmed).toBeNull();
    expect(out.ms).toBeGreaterThanOrEqual(0);
  });

  it('counts the open and confirmed overlap flags of each candidate', async () => {
    const other = (n: number) => `NAT-${n}`;
    await db
      .insertInto('overlap_flags')
      .values([
        {
          application_id: id.F2!,
          other_kind: 'national',
          other_id: other(1),
          similarity: 0.8,
          containment: 0.9,
          status: 'open',
          found_at: new Date(),
        },
        {
          application_id: id.F2!,
          other_kind: 'national',
          other_id: other(2),
          similarity: 0.7,
          containment: 0.9,
          status: 'confirmed',
          found_at: new Date(),
        },
        {
          application_id: id.F3!,
          other_kind: 'national',
          other_id: other(3),
          similarity: 0.7,
          containment: 0.9,
          status: 'dismissed',
          found_at: new Date(),
        },
      ])
      .execute();
    const out = await selection();
    const flags = Object.fromEntries(out.candidates.map((c) => [key[c.applicationId], c.overlapFlags]));
    expect(flags).toMatchObject({ F2: 2, F3: 0, A1: 0 });
  });

  it('returns the three plans, each within every cap', async () => {
    const out = await selection();
    const input = inputOf(out);
    for (const objective of SELECTION_OBJECTIVES) {
      const plan = out.plans[objective];
      expect(plan.objective).toBe(objective);
      expect(plan.feasible).toBe(true);
      expect(plan.funded.length).toBeGreaterThan(0);
      expect(checkSelection(input, plan.funded)).toEqual([]);
      expect(plan.funded).not.toContain(id.F5);
    }
    // worked by hand: chain A takes A1 (leader), A3, A5 (A2 is the leader group's 2nd, A4 breaks 4M);
    // chain B B1, B2; backfill the best three within 3M
    expect(keys(out.plans.rank.funded)).toEqual(['A1', 'A3', 'A5', 'B1', 'B2', 'F1', 'F2', 'F3']);
    // merit × amount prefers the two 2M projects of chain A
    expect(keys(out.plans.merit_amount.funded.filter((x) => key[x]!.startsWith('A')))).toEqual(['A1', 'A4']);
    expect(out.plans.count.funded.length).toBeGreaterThanOrEqual(out.plans.rank.funded.length);
  });

  it("takes the default objective from the calls' review settings", async () => {
    expect((await selection()).objective).toBe('rank');
    const reviews = await db.selectFrom('reviews').select(['id', 'settings']).execute();
    for (const r of reviews)
      await db
        .updateTable('reviews')
        .set({ settings: JSON.stringify({ ...(r.settings as object), objective: 'count' }) })
        .where('id', '=', r.id)
        .execute();
    expect((await selection()).objective).toBe('count');
    for (const r of reviews)
      await db
        .updateTable('reviews')
        .set({ settings: JSON.stringify(r.settings) })
        .where('id', '=', r.id)
        .execute();
  });

  it('explains each place by the cap that blocks it', async () => {
    const out = await selection();
    expect(place(out, 'A2')).toMatchObject({ status: 'not_funded' });
    expect(place(out, 'A2').blockedBy).toContain('3.1.h');
    expect(place(out, 'A2').message.en).toContain('3.1.h');
    expect(place(out, 'A4').blockedBy).toContain('3.1.b');
    expect(place(out, 'A4').message.zh).toContain('3.1.b');
    expect(place(out, 'F4').blockedBy).toContain('backfill_total');
    expect(place(out, 'F5')).toMatchObject({ status: 'ineligible', blockedBy: ['3.2.h'] });
    expect(place(out, 'A1')).toMatchObject({ status: 'funded' });
  });

  it('shows the plain rank-and-cut list with the caps it breaks', async () => {
    const rc = (await selection()).plans.rank.rankAndCut;
    // global order (F5 ineligible): A1 F1 A2 B1 A3 A4 F2 | A5 would exceed the 8M consortium total
    expect(keys(rc.funded)).toEqual(['A1', 'A2', 'A3', 'A4', 'B1', 'F1', 'F2']);
    expect(key[rc.cutAt!]).toBe('A5');
    const codes = rc.violations.map((v) => `${v.code}:${v.what}`);
    expect(codes).toEqual(expect.arrayContaining(['3.1.b:funds', '3.1.c:projects', '3.1.h:leader_projects', '3.1.c:projects_min']));
    expect(rc.violations.find((v) => v.code === '3.1.b')!.group).toBe(`chain:${chainA.id}`);
  });

  it("shows the chain leader's comparison records", async () => {
    const out = await selection();
    const rec = out.comparisons.find((c) => c.chainId === chainA.id)!;
    expect(rec.workplanId).toBe(wpA.id);
    expect(rec.items).toEqual(
      expect.arrayContaining([
        { title: '选拔测试项目 A1', selected: true, reason: '技术领先', applicationId: id.A1 },
        { title: '选拔测试项目 A4', selected: false, reason: '与A1重复', applicationId: id.A4 },
      ]),
    );
  });

  it('a pin in or out changes the plan, is audited, and is removed with null', async () => {
    const pinIn = await officer.put<SelectionOut>(`/api/plans/${planId}/selection/pins/${id.A2}`, { pin: 'in', reason: '链主重点项目' });
    expect(pinIn.status).toBe(200);
    expect(pinIn.body.candidates.find((c) => c.applicationId === id.A2)).toMatchObject({ pin: 'in', pinReason: '链主重点项目' });
    // A2 in: the leader group's single place goes to A2, so A1 is out
    expect(pinIn.body.plans.rank.funded).toContain(id.A2);
    expect(pinIn.body.plans.rank.funded).not.toContain(id.A1);
    for (const o of SELECTION_OBJECTIVES) expect(checkSelection(inputOf(pinIn.body), pinIn.body.plans[o].funded)).toEqual([]);

    const pinOut = await officer.put<SelectionOut>(`/api/plans/${planId}/selection/pins/${id.F1}`, { pin: 'out', reason: '疑似一题多报' });
    expect(pinOut.status).toBe(200);
    expect(pinOut.body.plans.rank.funded).not.toContain(id.F1);
    expect(pinOut.body.plans.rank.funded).toContain(id.F4);
    expect(pinOut.body.plans.rank.places.find((p) => p.id === id.F1)!.status).toBe('pinned_out');

    const events = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'selection.pin')
      .where('entity_id', 'in', [id.A2!, id.F1!])
      .orderBy('seq')
      .execute();
    expect(events.map((e) => [e.entity_id, (e.after as { pin: string }).pin, e.reason])).toEqual([
      [id.A2, 'in', '链主重点项目'],
      [id.F1, 'out', '疑似一题多报'],
    ]);

    for (const k of ['A2', 'F1']) {
      const res = await officer.put<SelectionOut>(`/api/plans/${planId}/selection/pins/${id[k]}`, { pin: null, reason: '撤销锁定' });
      expect(res.status).toBe(200);
    }
    const back = await selection();
    expect(back.candidates.every((c) => c.pin === null)).toBe(true);
    expect(keys(back.plans.rank.funded)).toEqual(['A1', 'A3', 'A5', 'B1', 'B2', 'F1', 'F2', 'F3']);
    const unpins = await db.selectFrom('audit_events').select('seq').where('action', '=', 'selection.unpin').execute();
    expect(unpins).toHaveLength(2);
  });

  it("an officer's per-field allotment (3.2.g) binds the plans, is audited and is removed with nulls", async () => {
    const base = `/api/plans/${planId}/selection/fields`;
    expect((await officer.put(`${base}/F01`, { budget: null, maxProjects: 1 })).status).toBe(400);
    expect((await officer.put(`${base}/F99`, { budget: null, maxProjects: 1, reason: '按领域分配' })).status).toBe(404);
    const bad = await officer.put(`${base}/F01`, { budget: 1_234_567, maxProjects: null, reason: '按领域分配' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.details)).toContain('budget');
    for (const c of [expert, applicant])
      expect((await c.put(`${base}/F01`, { budget: null, maxProjects: 1, reason: 'x x' })).status).toBe(403);

    const set = await officer.put<SelectionOut>(`${base}/F01`, { budget: null, maxProjects: 1, reason: '本年度该领域仅支持一项' });
    expect(set.status).toBe(200);
    expect(set.body.fieldBudgets).toEqual([expect.objectContaining({ fieldCode: 'F01', budget: null, maxProjects: 1 })]);
    expect(set.body.budgets.fields).toEqual({ F01: { budget: null, maxProjects: 1 } });
    // F1 keeps the field's one place; F2 gives way to F4 of the other field
    expect(set.body.plans.rank.funded).toContain(id.F1);
    expect(set.body.plans.rank.funded).not.toContain(id.F2);
    expect(set.body.plans.rank.funded).toContain(id.F4);
    expect(set.body.plans.rank.places.find((p) => p.id === id.F2)!.blockedBy).toContain('3.2.g');
    for (const o of SELECTION_OBJECTIVES) expect(checkSelection(inputOf(set.body), set.body.plans[o].funded)).toEqual([]);
    const event = await db
      .selectFrom('audit_events')
      .select(['action', 'reason'])
      .where('action', '=', 'selection.field_budget')
      .where('entity_id', '=', planId)
      .executeTakeFirstOrThrow();
    expect(event.reason).toBe('本年度该领域仅支持一项');

    const removed = await officer.put<SelectionOut>(`${base}/F01`, { budget: null, maxProjects: null, reason: '取消领域限额' });
    expect(removed.status).toBe(200);
    expect(removed.body.fieldBudgets).toEqual([]);
    expect(keys(removed.body.plans.rank.funded)).toEqual(['A1', 'A3', 'A5', 'B1', 'B2', 'F1', 'F2', 'F3']);
  });

  it('refuses a pin without a reason, on a non-candidate, or on an unknown plan', async () => {
    const noReason = await officer.put(`/api/plans/${planId}/selection/pins/${id.A2}`, { pin: 'in', reason: '' });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body.details)).toContain('reason');
    expect((await officer.put(`/api/plans/${planId}/selection/pins/${contApp.id}`, { pin: 'in', reason: '试一试' })).status).toBe(404);
    const unknownPlan = '00000000-0000-4000-8000-000000000001';
    expect((await officer.put(`/api/plans/${unknownPlan}/selection/pins/${id.A2}`, { pin: 'in', reason: '试一试' })).status).toBe(404);
    expect((await officer.get(`/api/plans/${unknownPlan}/selection`)).status).toBe(404);
  });

  it('pinned-in projects that break a cap together make the plan infeasible, and confirming it is refused', async () => {
    await officer.put(`/api/plans/${planId}/selection/pins/${id.A1}`, { pin: 'in', reason: '测试不可行' });
    await officer.put(`/api/plans/${planId}/selection/pins/${id.A2}`, { pin: 'in', reason: '测试不可行' });
    const out = await selection();
    expect(out.plans.rank.feasible).toBe(false);
    expect(out.plans.rank.breaches.map((b) => b.code)).toContain('3.1.h');
    const res = await officer.post(`/api/plans/${planId}/selection/confirm`, { objective: 'rank', reason: '确认' });
    expect(res.status).toBe(409);
    expect(res.body.details.breaches.map((b: { code: string }) => b.code)).toContain('3.1.h');
    for (const k of ['A1', 'A2']) await officer.put(`/api/plans/${planId}/selection/pins/${id[k]}`, { pin: null, reason: '撤销' });
  });

  it("carries an officer's 3.1.h override on the chain's work plan into the selection, and says so", async () => {
    // Without it: chain A's leader group (A1 leader, A2 its grandchild) is held to one project; A2 is skipped citing 3.1.h.
    const before = await selection();
    expect(place(before, 'A2').status).toBe('not_funded');
    expect(place(before, 'A2').blockedBy).toContain('3.1.h');
    expect(before.leaderOverrides).toEqual({});
    const reason = '链主集团承担两项核心攻关，经局务会研究同意';
    const decided = await officer.post(`/api/workplans/${wpA.id}/rule-decisions`, { code: '3.1.h', kind: 'override', reason });
    expect(decided.status).toBe(201);
    const out = await selection();
    // The approved limits: the plan's leader-group projects (A1 2M + A2 1M).
    expect(out.leaderOverrides[chainA.id]).toMatchObject({ maxProjects: 2, maxFunds: 3 * M, reason });
    expect(out.leaderOverrides[chainB.id]).toBeUndefined();
    const a2 = place(out, 'A2');
    expect(a2.status).toBe('funded');
    expect(a2.blockedBy).not.toContain('3.1.h');
    expect(a2.message.zh).toContain(`3.1.h 已由`);
    expect(a2.message.zh).toContain(`核准放宽至 2 项、300 万元：${reason}`);
    expect(place(out, 'A1').message.en).toContain('3.1.h overridden by');
    // Every plan stays within every cap as overridden, and no plan breaks 3.1.h for chain A.
    const input = { ...inputOf(out), leaderOverrides: out.leaderOverrides };
    for (const objective of SELECTION_OBJECTIVES) {
      expect(checkSelection(input, out.plans[objective].funded)).toEqual([]);
      expect(out.plans[objective].rankAndCut.violations.filter((v) => v.code === '3.1.h')).toEqual([]);
    }
    expect(out.plans.rank.groups.find((g) => g.key === `chain:${chainA.id}`)!.leaderOverride).toMatchObject({ maxProjects: 2 });
    // Without the override the same set breaks 3.1.h: the selection did not decide it anew.
    expect(checkSelection(inputOf(out), out.plans.rank.funded).map((b) => b.code)).toContain('3.1.h');
    // Back to the state the next tests expect.
    await db.deleteFrom('rule_decisions').where('subject_type', '=', 'workplan').where('subject_id', '=', wpA.id).execute();
    expect(place(await selection(), 'A2').status).toBe('not_funded');
  });

  it('keeps applicants and experts out, and admins read only', async () => {
    for (const c of [expert, applicant]) {
      expect((await c.get(`/api/plans/${planId}/selection`)).status).toBe(403);
      expect((await c.put(`/api/plans/${planId}/selection/pins/${id.A2}`, { pin: 'in', reason: '越权操作' })).status).toBe(403);
      expect((await c.post(`/api/plans/${planId}/selection/confirm`, { objective: 'rank', reason: '越权操作' })).status).toBe(403);
    }
    expect((await selection(admin)).candidates).toHaveLength(SPECS.length);
    expect((await admin.put(`/api/plans/${planId}/selection/pins/${id.A2}`, { pin: 'in', reason: '越权操作' })).status).toBe(403);
    expect((await admin.post(`/api/plans/${planId}/selection/confirm`, { objective: 'rank', reason: '越权操作' })).status).toBe(403);
  });

  it('refuses to confirm while a review is open, then confirms once and moves the statuses', async () => {
    await setReviewStatus(db, consReview.id, 'scoring');
    const open = await officer.post(`/api/plans/${planId}/selection/confirm`, { objective: 'rank', reason: '年度遴选确认' });
    expect(open.status).toBe(409);
    expect(open.body.code).toBe('state_conflict');
    expect(open.body.details.openReviews).toEqual([{ reviewId: consReview.id, callTitleZh: '测试指南 consortium', status: 'scoring' }]);
    expect((await selection()).openReviews.map((r) => r.reviewId)).toEqual([consReview.id]);
    expect(await db.selectFrom('selections').select('id').where('plan_id', '=', planId).execute()).toHaveLength(0);

    await setReviewStatus(db, consReview.id, 'closed');
    const expected = (await selection()).plans.rank.funded;
    const ok = await officer.post<SelectionOut>(`/api/plans/${planId}/selection/confirm`, { objective: 'rank', reason: '年度遴选确认' });
    expect(ok.status).toBe(200);
    expect(ok.body.confirmed).toMatchObject({ objective: 'rank', reason: '年度遴选确认' });
    expect([...ok.body.confirmed!.funded].sort()).toEqual([...expected].sort());

    const rows = await db.selectFrom('applications').select(['id', 'status']).where('id', 'in', Object.values(id)).execute();
    for (const r of rows) expect(r.status).toBe(expected.includes(r.id) ? 'selected' : 'not_selected');
    expect((await db.selectFrom('applications').select('status').where('id', '=', contApp.id).executeTakeFirstOrThrow()).status).toBe(
      'formal_passed',
    );
    const stored = await db.selectFrom('selections').selectAll().where('plan_id', '=', planId).execute();
    expect(stored).toHaveLength(1);
    expect([...stored[0]!.funded].sort()).toEqual([...expected].sort());

    const selectEvents = await db.selectFrom('audit_events').select('entity_id').where('action', '=', 'application.select').execute();
    const notSelectEvents = await db
      .selectFrom('audit_events')
      .select('entity_id')
      .where('action', '=', 'application.not_select')
      .execute();
    expect(selectEvents.map((e) => e.entity_id).sort()).toEqual([...expected].sort());
    expect(notSelectEvents).toHaveLength(SPECS.length - expected.length);
    const confirmEvent = await db.selectFrom('audit_events').selectAll().where('action', '=', 'selection.confirm').execute();
    expect(confirmEvent).toHaveLength(1);
    expect(confirmEvent[0]!.entity_id).toBe(stored[0]!.id);
    expect((await verifyAudit(db)).ok).toBe(true);

    // the applicant sees its project selected
    const mine = await applicant.get(`/api/applications/${id.A3}`);
    expect(mine.status).toBe(200);
    expect(JSON.stringify(mine.body)).toContain('"selected"');
    expect(mine.body.status ?? mine.body.application?.status).toBe('selected');

    // the selection still lists its candidates, now confirmed; a second confirmation and new pins are refused
    const after = await selection();
    expect(after.candidates).toHaveLength(SPECS.length);
    expect(after.confirmed!.id).toBe(stored[0]!.id);
    expect((await officer.post(`/api/plans/${planId}/selection/confirm`, { objective: 'count', reason: '再次确认' })).status).toBe(409);
    expect((await officer.put(`/api/plans/${planId}/selection/pins/${id.A2}`, { pin: 'in', reason: '确认之后' })).status).toBe(409);
  });
});
