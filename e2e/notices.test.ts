/**
 * Issue 11's public notice journey (公示, 4.3.b): a unit's recognition (3.4) is brought to "re-checked"
 * through the API as the real demo roles; then, in the browser, the officer publishes the notice, the
 * public reads it on the home page without signing in, an anonymous objection is refused with the field
 * named, two members of the public object with evidence, and the officer upholds one objection and
 * dismisses the other; the public page shows the project off the list with the reason and both outcomes.
 * The late objection is refused by the server test (notices.test.ts): this server's clock is the real one.
 */
import { DEMO_EMAILS, DEMO_PASSWORDS } from '@rdplan/demo';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { WAIT, attrIs, pdf, shot, signIn } from './support/journey.js';

const baseUrl = inject('baseUrl');
const JOURNEY_MS = 300_000;
const OFFICER = { role: 'officer', email: DEMO_EMAILS.officer, password: DEMO_PASSWORDS.officer };
const TITLE = '公示旅程：边缘智能网关研发及产业化';

let browser: Browser;
const pages: Page[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const p of pages.splice(0)) await p.context().close();
  await browser?.close();
});

/** A signed-in API session with its CSRF token. */
async function apiSession(request: APIRequestContext, email: string, password: string) {
  const session = await request.get(`${baseUrl}/api/auth/session`);
  let csrf = ((await session.json()) as { csrfToken: string }).csrfToken;
  const login = await request.post(`${baseUrl}/api/auth/login`, { data: { email, password }, headers: { 'x-csrf-token': csrf } });
  expect(login.status(), `sign in ${email}`).toBe(200);
  csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  const send = async (method: 'POST' | 'PUT', url: string, data: unknown) => {
    const res = await request.fetch(`${baseUrl}${url}`, { method, data, headers: { 'x-csrf-token': csrf } });
    const body = (await res.json().catch(() => null)) as Record<string, any> | null;
    expect(res.status(), `${method} ${url}: ${JSON.stringify(body)}`).toBeLessThan(300);
    return body!;
  };
  return {
    get: async <T>(url: string) => (await (await request.get(`${baseUrl}${url}`)).json()) as T,
    post: (url: string, data: unknown) => send('POST', url, data),
    put: (url: string, data: unknown) => send('PUT', url, data),
    upload: async (url: string, name: string) => {
      const res = await request.post(`${baseUrl}${url}`, {
        multipart: { file: { name: `${name}.pdf`, mimeType: 'application/pdf', buffer: pdf(name) } },
        headers: { 'x-csrf-token': csrf },
      });
      expect(res.status(), `upload ${url}`).toBe(200);
      return (await res.json()) as Record<string, any>;
    },
  };
}

async function as(user: typeof OFFICER): Promise<Page> {
  const page = await signIn(browser, baseUrl, user);
  pages.push(page);
  return page;
}

async function publicPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT);
  pages.push(page);
  return page;
}

async function fillObjection(page: Page, v: { name: string; unit: string; phone?: string; email?: string; grounds: string }) {
  await page.getByTestId('objection-name').fill(v.name);
  await page.getByTestId('objection-unit').fill(v.unit);
  await page.getByTestId('objection-phone').fill(v.phone ?? '');
  await page.getByTestId('objection-email').fill(v.email ?? '');
  await page.getByTestId('objection-project').click();
  await page.locator('.ant-select-item-option').filter({ hasText: TITLE }).first().click();
  await page.getByTestId('objection-grounds').fill(v.grounds);
  await page.locator('[data-testid="objection-card"] input[type="file"]').setInputFiles({
    name: '证明材料.pdf',
    mimeType: 'application/pdf',
    buffer: pdf(v.name),
  });
}

describe('public notice journey (issue 11, 4.3.b)', () => {
  it(
    'the officer publishes, the public objects (anonymous refused), the officer upholds one objection and dismisses another',
    async () => {
      // --- A recognition (3.4) brought to re-checked through the API, as the demo unit and officer.
      const unitCtx = await browser.newContext();
      const unit = await apiSession(unitCtx.request, DEMO_EMAILS.unit_admin, DEMO_PASSWORDS.unit_admin);
      const calls = await unit.get<{
        items: { id: string; track: string; conditions: { key: string }[]; checklist: { key: string }[]; materials: { key: string }[] }[];
      }>('/api/calls');
      const call = calls.items.find((c) => c.track === 'recognition')!;
      const created = await unit.post('/api/applications', { callId: call.id, clientKey: crypto.randomUUID() });
      const completed = new Date(Date.now() - 90 * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
      const form = {
        ...(created.form as Record<string, unknown>),
        title: TITLE,
        summary: '以社会资本投入完成的边缘智能网关研发项目，已实现批量应用。',
        fieldCode: 'F02.01',
        direction: '边缘计算与工业智能',
        objectives: '研制边缘智能网关并实现产业化。',
        content: '硬件设计、嵌入式软件、批量应用。',
        kpis: [{ indicator: '网关时延', target: '≤ 5 ms', measure: '第三方测试' }],
        schedule: [{ from: '2024-01', to: '2025-12', task: '研发与产业化' }],
        team: [{ name: '张明', role: 'leader', title: '教授级高工', orgName: '申报单位', duty: '总体负责' }],
        budget: [{ category: 'equipment', city: 0, self: 3_000_000, other: 2_000_000 }],
        socialCapital: 5_000_000,
        completedOn: completed,
        conditionsAffirmed: call.conditions.map((c) => c.key),
      };
      let v = await unit.put(`/api/applications/${created.id}/draft`, { version: created.version, form });
      for (const m of call.materials) v = await unit.upload(`/api/applications/${created.id}/attachments?materialKey=${m.key}`, m.key);
      await unit.post(`/api/applications/${created.id}/submit`, { version: v.version });
      const officerCtx = await browser.newContext();
      const officerApi = await apiSession(officerCtx.request, OFFICER.email, OFFICER.password);
      const checklist = call.checklist.map((c) => ({ key: c.key, ok: true, note: '' }));
      await officerApi.post(`/api/applications/${created.id}/formal-check`, { decision: 'pass', checklist, comment: '材料齐全' });
      await officerApi.post(`/api/applications/${created.id}/recheck`, { passed: true, checklist, comment: '凭证核验无误' });

      // --- The plan's setting: whether the day of publication counts (off by default, a switch on the plan page).
      const officer = await as(OFFICER);
      const plans = (await (await officer.request.get(`${baseUrl}/api/plans`)).json()) as { items: { id: string }[] };
      await officer.goto(`${baseUrl}/app/plans/${plans.items[0]!.id}`);
      const firstDay = officer.getByTestId('plan-param-row-noticeFirstDayCounts');
      await firstDay.waitFor();
      await attrIs(firstDay.locator('button[role="switch"]'), 'aria-checked', 'false');

      // --- The officer publishes the notice of the re-checked recognitions.
      await officer.goto(`${baseUrl}/app/notices`);
      await officer.getByTestId('notice-publish').click();
      await officer.getByTestId('notice-source-recognition').click();
      await shot(officer, 'notice-1-publish');
      await officer.getByTestId('notice-publish-confirm').click();
      await officer.getByTestId('notice-link-recognition').first().waitFor();
      await shot(officer, 'notice-2-published');
      await officer.getByTestId('notice-link-recognition').first().click();
      await officer.getByTestId('notice-admin').waitFor();
      const noticeId = officer.url().split('/').pop()!;

      // --- The public: the home page lists it, the notice page opens without signing in.
      const pub = await publicPage();
      await pub.goto(`${baseUrl}/`);
      await pub.getByTestId(`public-notice-${noticeId}`).waitFor();
      await shot(pub, 'notice-3-public-home');
      await pub.getByTestId(`public-notice-${noticeId}`).locator('a').click();
      await pub.getByTestId('public-notice').waitFor();
      await expect.poll(() => pub.getByTestId('notice-items').textContent()).toContain(TITLE);

      // An anonymous objection is refused, naming the field.
      await fillObjection(pub, { name: '', unit: '广州某大学', phone: '020-12345678', grounds: '研究内容与已立项项目重复，请予核查。' });
      await pub.getByTestId('objection-submit').click();
      await pub.getByText('匿名异议不予受理').first().waitFor();
      await shot(pub, 'notice-4-anonymous-refused');

      // Two real objections with evidence.
      await pub.reload();
      await fillObjection(pub, {
        name: '李明',
        unit: '广州某大学',
        email: 'li.ming@example.com',
        grounds: '该项目完成时间早于社会资本投入时间，证明材料存疑，请予核查。',
      });
      await pub.getByTestId('objection-submit').click();
      await pub.getByTestId('objection-receipt').waitFor();
      await shot(pub, 'notice-5-objection-received');
      await pub.reload();
      await fillObjection(pub, {
        name: '王芳',
        unit: '广州某研究院',
        phone: '13800000000',
        grounds: '该项目的第三方评价机构与申报单位存在关联。',
      });
      await pub.getByTestId('objection-submit').click();
      await pub.getByTestId('objection-receipt').waitFor();

      // --- The officer decides: the first is dismissed, the second upheld.
      await officer.reload();
      const rows = officer.locator('[data-testid^="objection-row-"]');
      await expect.poll(() => rows.count()).toBe(2);
      const decide = async (index: number, outcome: 'upheld' | 'dismissed', reason: string, reply: string) => {
        const row = rows.nth(index);
        const id = (await row.getAttribute('data-testid'))!.replace('objection-row-', '');
        await officer.getByTestId(`objection-decide-${id}`).click();
        await officer.getByTestId(`objection-outcome-${outcome}`).click();
        await officer.getByTestId('objection-reason').fill(reason);
        await officer.getByTestId('objection-reply').fill(reply);
        await officer.getByTestId('objection-decide-confirm').click();
        await attrIs(officer.getByTestId(`objection-row-${id}`), 'data-status', outcome);
      };
      await decide(0, 'dismissed', '经核查，社会资本投入凭证早于项目完成时间，材料真实。', '经核查，您反映的问题不属实，异议不成立。');
      await decide(
        1,
        'upheld',
        '经核查，第三方评价机构与申报单位存在关联，评价意见不予采信，移出公示名单。',
        '经核查，您反映的问题属实，该项目已移出名单。',
      );
      await shot(officer, 'notice-6-objections-decided');

      // --- The public page: the project is off the list with the reason shown, and both outcomes listed.
      await pub.goto(`${baseUrl}/notices/${noticeId}`);
      await pub.getByTestId('notice-item-removed').waitFor();
      await expect.poll(() => pub.getByTestId('notice-outcomes').textContent()).toContain('异议成立');
      await expect.poll(() => pub.getByTestId('notice-outcomes').textContent()).toContain('异议不成立');
      await shot(pub, 'notice-7-public-outcomes');

      // --- The approval page holds the project: it left the list, so no decision can be taken on it.
      await officer.goto(`${baseUrl}/app/approvals`);
      await expect.poll(() => officer.getByTestId('approval-candidates').textContent(), { timeout: WAIT }).toContain('异议成立，已移出');
      await shot(officer, 'notice-8-approval-held');
      await unitCtx.close();
      await officerCtx.close();
    },
    JOURNEY_MS,
  );
});
