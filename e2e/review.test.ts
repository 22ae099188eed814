/**
 * Issue 5's browser journey: the demo's backfill call (3.2) from the formal check through the review —
 * conflicts, the optimal assignment, the experts' declarations and scoring, results and ranking per field,
 * the overlap scan — to the optimal selection, as the real demo roles through the pages, with screenshots.
 * The demo expert scores in the browser; the rest of each panel (other pool experts, each with their own
 * account) declare and score through the API as themselves, so that the journey stays within minutes.
 */
import { DEMO_EMAILS, DEMO_PASSWORDS } from '@rdplan/demo';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { attrIs, confirmRule, formalCheck, inputOf, shot, signIn } from './support/journey.js';

const baseUrl = inject('baseUrl');
const JOURNEY_MS = 480_000;
const OFFICER = { role: 'officer', email: DEMO_EMAILS.officer, password: DEMO_PASSWORDS.officer };
const EXPERT = { role: 'expert', email: DEMO_EMAILS.expert, password: DEMO_PASSWORDS.expert };
const ADMIN = { role: 'admin', email: DEMO_EMAILS.admin, password: DEMO_PASSWORDS.admin };

let browser: Browser;
const pages: Page[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const p of pages.splice(0)) await p.context().close();
  await browser?.close();
});

async function as(user: typeof OFFICER): Promise<Page> {
  const page = await signIn(browser, baseUrl, user);
  pages.push(page);
  return page;
}

/** JSON of a GET through the page's own session (ids and lists only; every decision is clicked). */
async function read<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(`${baseUrl}${url}`);
  expect(res.ok(), `${url} → ${res.status()}`).toBe(true);
  return (await res.json()) as T;
}

/** A signed-in API session of another user (for the rest of the panel), with its CSRF token. */
async function apiSession(request: APIRequestContext, email: string, password: string) {
  const session = await request.get(`${baseUrl}/api/auth/session`);
  let csrf = ((await session.json()) as { csrfToken: string }).csrfToken;
  const login = await request.post(`${baseUrl}/api/auth/login`, { data: { email, password }, headers: { 'x-csrf-token': csrf } });
  expect(login.status(), `sign in ${email}`).toBe(200);
  csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  const send = async (method: 'POST' | 'PUT', url: string, data: unknown) => {
    const res = await request.fetch(`${baseUrl}${url}`, { method, data, headers: { 'x-csrf-token': csrf } });
    return { status: res.status(), body: (await res.json().catch(() => null)) as Record<string, unknown> | null };
  };
  return {
    get: async <T>(url: string) => (await (await request.get(`${baseUrl}${url}`)).json()) as T,
    post: (url: string, data: unknown) => send('POST', url, data),
    put: (url: string, data: unknown) => send('PUT', url, data),
  };
}

interface Criterion {
  key: string;
  weight: number;
}
interface Assignment {
  id: string;
  applicationId: string;
  personId: string;
  expertName: string;
  status: string;
}
interface ExpertView {
  criteria: Criterion[];
  scale: { min: number; max: number; step: number };
  mine: { version: number };
}

/** A score on the scale for (application, expert): spread, deterministic, never the same for all. */
function scoreFor(scale: ExpertView['scale'], seed: string, j: number): number {
  let h = 0;
  for (const ch of seed) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const steps = Math.round((scale.max - scale.min) / scale.step);
  const lo = Math.floor(steps / 2);
  return scale.min + scale.step * (lo + ((h + j * 7) % (steps - lo + 1)));
}

/** Another pool expert, signed in as themselves through the API: declares and (unless told otherwise) scores. */
async function panelExpert(admin: Page, a: Assignment, declare: 'no_conflict' | 'conflict' = 'no_conflict') {
  const users = await read<{ items: { email: string; personId: string | null }[] }>(
    admin,
    `/api/users?role=expert&pageSize=50&q=${encodeURIComponent(a.expertName)}`,
  );
  const account = users.items.find((u) => u.personId === a.personId);
  expect(account, `an account for expert ${a.expertName}`).toBeTruthy();
  const context = await browser.newContext();
  try {
    const api = await apiSession(context.request, account!.email, DEMO_PASSWORDS.expert);
    if (declare === 'conflict') {
      const res = await api.post(`/api/review/tasks/${a.id}/declaration`, {
        kind: 'conflict',
        reason: '本人曾为该申报单位提供技术咨询服务。',
      });
      expect(res.status).toBe(200);
      return;
    }
    expect((await api.post(`/api/review/tasks/${a.id}/declaration`, { kind: 'no_conflict' })).status).toBe(200);
    const view = await api.get<ExpertView>(`/api/review/tasks/${a.id}`);
    const scores = view.criteria.map((c, j) => ({
      criterion: c.key,
      value: scoreFor(view.scale, a.applicationId + a.personId, j),
      comment: '',
    }));
    const saved = await api.put(`/api/review/tasks/${a.id}/scores`, {
      scores,
      comment: '同意该项目评审意见。',
      version: view.mine.version,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const submitted = await api.post(`/api/review/tasks/${a.id}/submit`, {});
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  } finally {
    await context.close();
  }
}

async function confirmModal(page: Page, testId: string) {
  await page.getByTestId(testId).click();
}

describe('expert review and selection of the backfill call, as the demo roles', () => {
  it(
    'formal check → review → conflicts → optimal assignment → declarations → scoring → ranking → overlap → selection',
    async () => {
      const officer = await as(OFFICER);
      const calls = await read<{ items?: { id: string; track: string }[] } | { id: string; track: string }[]>(officer, '/api/calls');
      const backfill = (Array.isArray(calls) ? calls : (calls.items ?? [])).find((c) => c.track === 'backfill')!;
      expect(backfill).toBeTruthy();

      // 1. The formal check of the application still waiting (the demo passed the other eight).
      const waiting = await read<{ items: { id: string }[] }>(
        officer,
        `/api/applications?callId=${backfill.id}&status=submitted&pageSize=50`,
      );
      expect(waiting.items.length).toBeGreaterThanOrEqual(1);
      const lastId = waiting.items[0]!.id;
      await officer.goto(`${baseUrl}/app/applications/${lastId}`);
      await attrIs(officer.getByTestId('application-page'), 'data-status', 'submitted');
      await confirmRule(officer, '3.2.e', '拟申报项目研究领域和方向与原国家申报项目一致。');
      await formalCheck(officer, 'pass', '材料齐全，符合递补支持条件，形式审查通过。', 'formal_passed');
      await shot(officer, 'review-1-formal-passed');

      // 2. The officer creates the review of the call.
      await officer.goto(`${baseUrl}/app/reviews`);
      await officer.getByTestId('review-create-call').click();
      await officer.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '递补' }).first().click();
      await officer.getByTestId('review-create-submit').click();
      await officer.waitForURL(/\/app\/reviews\/[0-9a-f-]{36}/);
      const reviewId = /\/app\/reviews\/([0-9a-f-]{36})/.exec(officer.url())![1]!;
      await attrIs(officer.getByTestId('review-status'), 'data-status', 'setup');
      await shot(officer, 'review-2-created');

      // 3. Conflicts of interest, with their reasons, for officers: a pool expert took part in a national
      // project with one applicant two years ago.
      const conflicts = await read<{ items: { applicationId: string; personId: string; reasons: { kind: string }[] }[] }>(
        officer,
        `/api/reviews/${reviewId}/conflicts`,
      );
      const national = conflicts.items.find((c) => c.reasons.some((r) => r.kind === 'national_coparticipation'));
      expect(national, 'a national co-participation conflict').toBeTruthy();
      await officer.getByTestId('review-tab-applications').click();
      await officer.getByTestId(`review-app-${national!.applicationId}`).locator('.ant-table-row-expand-icon').click();
      await officer
        .getByTestId(`review-conflicts-${national!.applicationId}`)
        .locator('[data-testid="conflict-reason"][data-kind="national_coparticipation"]')
        .first()
        .waitFor();
      await shot(officer, 'review-3-conflicts');

      // 4. The optimal assignment, its certificate checked by the server.
      await officer.getByTestId('review-tab-assignment').click();
      await officer.getByTestId('assignment-solve').click();
      await attrIs(officer.getByTestId('assignment-run'), 'data-status', 'optimal');
      await officer.getByTestId('assignment-certificate').waitFor();
      // Every application of the call that passed the formal check (the demo's nine, and any another journey
      // passed on the same server) gets exactly k = 3 experts.
      const inReview = (await read<{ applications: { applicationId: string }[] }>(officer, `/api/reviews/${reviewId}`)).applications;
      expect(inReview.length).toBeGreaterThanOrEqual(9);
      let assigned = (await read<{ items: Assignment[] }>(officer, `/api/reviews/${reviewId}/assignments`)).items;
      expect(new Set(assigned.map((a) => a.applicationId)).size).toBe(inReview.length);
      expect(assigned.length).toBe(3 * inReview.length);
      for (const c of conflicts.items)
        expect(assigned.some((a) => a.applicationId === c.applicationId && a.personId === c.personId)).toBe(false);
      await shot(officer, 'review-4-assignment');

      // The demo expert reviews one application: added by hand where the server finds them eligible.
      const expert = await as(EXPERT);
      const profile = await read<{ id?: string; personId?: string }>(expert, '/api/me/expert-profile');
      const demoExpertId = (profile.personId ?? profile.id)!;
      if (!assigned.some((a) => a.personId === demoExpertId)) {
        // The application where the demo expert ranks highest among the eligible (the server's order).
        let target: { appId: string; at: number } | null = null;
        for (const appId of new Set(assigned.map((a) => a.applicationId))) {
          const eligible = await read<{ items: { personId: string }[] }>(
            officer,
            `/api/reviews/${reviewId}/eligible?applicationId=${appId}`,
          );
          const at = eligible.items.findIndex((e) => e.personId === demoExpertId);
          if (at >= 0 && (!target || at < target.at)) target = { appId, at };
        }
        expect(target, 'an application the demo expert may review').toBeTruthy();
        await officer.getByTestId(`assignment-add-${target!.appId}`).click();
        const modal = officer.getByTestId('assignment-add-modal');
        await modal.getByTestId('assignment-eligible').waitFor();
        if (target!.at >= 10) await modal.locator(`.ant-pagination-item-${Math.floor(target!.at / 10) + 1}`).click();
        await officer.getByTestId(`eligible-row-${demoExpertId}`).click();
        await inputOf(officer.getByTestId('assignment-add-reason')).fill('该专家研究方向与项目高度契合，人工增补。');
        await officer.getByTestId('assignment-add-submit').click();
        await officer.locator(`[data-testid^="assignment-row-"][data-person="${demoExpertId}"]`).first().waitFor();
        await shot(officer, 'review-5-added-by-hand');
      }

      // Release to the experts.
      await officer.getByTestId('review-tab-overview').click();
      await officer.getByTestId('review-release').click();
      await confirmModal(officer, 'review-transition-confirm');
      await attrIs(officer.getByTestId('review-status'), 'data-status', 'scoring');

      // 5. The demo expert: the no-conflict declaration, then scoring in the browser.
      await expert.goto(`${baseUrl}/app/reviewing`);
      await expert.getByTestId('task-list').waitFor();
      assigned = (await read<{ items: Assignment[] }>(officer, `/api/reviews/${reviewId}/assignments`)).items;
      const mine = assigned.find((a) => a.personId === demoExpertId)!;
      await attrIs(expert.getByTestId(`task-row-${mine.id}`), 'data-state', 'declare');
      await shot(expert, 'review-6-expert-tasks');
      await expert.getByTestId(`task-open-${mine.id}`).click();
      await expert.getByTestId('declaration').waitFor();
      await shot(expert, 'review-7-declaration');
      await expert.getByTestId('declare-no-conflict').click();
      await expert.getByTestId('declare-submit').click();
      await attrIs(expert.getByTestId('review-task-page'), 'data-state', 'scoring');
      await expert.getByTestId('others-hidden').waitFor();
      const view = await read<ExpertView>(expert, `/api/review/tasks/${mine.id}`);
      for (const [j, c] of view.criteria.entries()) {
        const input = inputOf(expert.getByTestId(`score-${c.key}`));
        await input.fill(String(scoreFor(view.scale, mine.applicationId + mine.personId, j)));
        await input.blur();
        await inputOf(expert.getByTestId(`score-comment-${c.key}`)).fill('技术路线清晰，考核指标可量化。');
      }
      await attrIs(expert.getByTestId('score-save-state'), 'data-state', 'saved');
      await shot(expert, 'review-8-scoring');
      await expert.getByTestId('score-submit').click();
      await expert.locator('.ant-modal-confirm-btns .ant-btn-primary, .ant-popconfirm-buttons .ant-btn-primary').first().click();
      await attrIs(expert.getByTestId('review-task-page'), 'data-state', 'submitted');

      // 6. The rest of each panel. One expert declares a conflict; the officer draws a replacement at random.
      const admin = await as(ADMIN);
      const others = assigned.filter((a) => a.personId !== demoExpertId && a.status === 'assigned');
      const decliner = others[0]!;
      await panelExpert(admin, decliner, 'conflict');
      await officer.getByTestId('review-tab-assignment').click();
      await officer.getByTestId(`assignment-draw-${decliner.applicationId}`).click();
      await expect
        .poll(
          async () =>
            (await read<{ items: Assignment[] }>(officer, `/api/reviews/${reviewId}/assignments`)).items.filter(
              (a) => a.applicationId === decliner.applicationId && a.status !== 'declined',
            ).length,
        )
        .toBe(3);
      await shot(officer, 'review-9-random-draw');
      assigned = (await read<{ items: Assignment[] }>(officer, `/api/reviews/${reviewId}/assignments`)).items;
      for (const a of assigned.filter((x) => x.personId !== demoExpertId && x.status === 'assigned')) await panelExpert(admin, a);

      // The demo expert now sees the others' scores on the application.
      await expert.reload();
      await expert.getByTestId('others-scores').waitFor();
      await shot(expert, 'review-10-others-scores');

      // 7. Close the review; results ranked per field (3.2.g), with a panel record.
      await officer.getByTestId('review-tab-overview').click();
      await officer.getByTestId('review-close').click();
      await confirmModal(officer, 'review-transition-confirm');
      await attrIs(officer.getByTestId('review-status'), 'data-status', 'closed');
      await officer.getByTestId('review-tab-results').click();
      const results = await read<{ rows: { applicationId: string; rankInCall: number | null; score: number | null }[] }>(
        officer,
        `/api/reviews/${reviewId}/results`,
      );
      expect(results.rows.every((r) => r.score !== null && r.rankInCall !== null)).toBe(true);
      const top = results.rows.find((r) => r.rankInCall === 1)!;
      await officer.getByTestId(`result-row-${top.applicationId}`).waitFor();
      await officer.getByTestId(`panel-edit-${top.applicationId}`).click();
      await officer.getByTestId('panel-modal').locator('.ant-radio-button-wrapper').first().click();
      await inputOf(officer.getByTestId('panel-opinion')).fill('专家组一致认为该项目技术路线可行、承接国家项目基础扎实，建议优先支持。');
      await officer.getByTestId('panel-save').click();
      await officer.getByTestId(`panel-rec-${top.applicationId}`).waitFor();
      await officer.getByTestId('results-grouping').locator('.ant-radio-button-wrapper, .ant-segmented-item').nth(1).click();
      await officer.locator('[data-testid^="results-group-field:"]').first().waitFor();
      await shot(officer, 'review-11-results-by-field');

      // 8. Overlap (一题多报): two applications share most of their text.
      await officer.getByTestId('review-tab-overlaps').click();
      await officer.getByTestId('overlap-scan').click();
      const flag = officer.locator('[data-testid^="overlap-flag-"]').first();
      await flag.waitFor();
      await flag.getByTestId('overlap-shared').first().waitFor();
      await shot(officer, 'review-12-overlap');

      // 9. Selection: the three plans side by side, a pin, confirmation.
      const plan = await read<{ id: string; year: number }[] | { items: { id: string; year: number }[] }>(officer, '/api/plans');
      const plans = Array.isArray(plan) ? plan : plan.items;
      const planId = plans.find((p) => p.year === new Date().getFullYear())?.id ?? plans[0]!.id;
      await officer.goto(`${baseUrl}/app/selection`);
      await officer.getByTestId('selection-plan').click();
      await officer.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
      await officer.getByTestId('plan-column-rank').waitFor();
      await officer.getByTestId('plan-column-merit_amount').waitFor();
      await officer.getByTestId('plan-column-count').waitFor();
      await attrIs(officer.getByTestId(`candidate-${top.applicationId}`), 'data-status-rank', 'funded');
      await officer.getByTestId('rank-and-cut').waitFor();
      await shot(officer, 'review-13-selection');
      // 3.2.g: the officer allots the top application's field two projects; its third goes unfunded, citing 3.2.g.
      const topRow = (
        await read<{ rows: { applicationId: string; fieldCode: string | null }[] }>(officer, `/api/reviews/${reviewId}/results`)
      ).rows.find((r) => r.applicationId === top.applicationId)!;
      const field = topRow.fieldCode!.slice(0, 3);
      await officer.getByTestId(`allot-${field}`).click();
      await inputOf(officer.getByTestId('allot-count')).fill('2');
      await inputOf(officer.getByTestId('allot-reason')).fill('本年度该领域安排支持两项。');
      await officer.getByTestId('allot-submit').click();
      await officer.getByTestId(`allotment-${field}`).waitFor();
      const allotted = await read<{ plans: { rank: { places: { id: string; status: string; blockedBy: string[] }[] } } }>(
        officer,
        `/api/plans/${planId}/selection`,
      );
      expect(allotted.plans.rank.places.some((p) => p.status === 'not_funded' && p.blockedBy.includes('3.2.g'))).toBe(true);
      await shot(officer, 'review-13b-field-allotment');
      const last = results.rows.reduce((a, b) => ((a.rankInCall ?? 0) > (b.rankInCall ?? 0) ? a : b));
      await officer.getByTestId(`pin-out-${last.applicationId}`).click();
      await inputOf(officer.getByTestId('pin-reason')).fill('该项目与另一申报项目内容高度重复，暂不支持。');
      await officer.getByTestId('pin-submit').click();
      await attrIs(officer.getByTestId(`candidate-${last.applicationId}`), 'data-status-rank', 'pinned_out');
      await officer.getByTestId('selection-confirm').click();
      await officer.getByTestId('selection-objective-rank').click();
      await inputOf(officer.getByTestId('selection-reason')).fill('按专家评审排序在预算内择优支持。');
      await officer.getByTestId('selection-confirm-submit').click();
      await officer.getByTestId('selection-confirmed').waitFor();
      await shot(officer, 'review-14-selection-confirmed');
      const after = await read<{ items: { id: string; status: string }[] }>(officer, `/api/applications?callId=${backfill.id}&pageSize=50`);
      expect(after.items.find((a) => a.id === top.applicationId)?.status).toBe('selected');
      expect(after.items.find((a) => a.id === last.applicationId)?.status).toBe('not_selected');
    },
    JOURNEY_MS,
  );
});
