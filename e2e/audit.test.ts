import { DEMO_USERS } from '@rdplan/demo';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { shot, signIn, WAIT } from './support/journey.js';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const user = (role: string) => DEMO_USERS.find((u) => u.role === role)!;

describe('the audit trail (administrators)', () => {
  it('shows the verified chain, filters the audit events, opens a history, and lists security events', async () => {
    // A refused request first, so that there is a security event to read.
    const officer = await signIn(browser, baseUrl, user('officer'));
    expect((await officer.request.get(`${baseUrl}/api/admin/audit/events`)).status()).toBe(403);
    await officer.context().close();

    const page = await signIn(browser, baseUrl, user('admin'));
    await page.goto(`${baseUrl}/app/audit`);
    await page.getByTestId('audit-page').waitFor();
    await page.getByTestId('audit-chain-ok').waitFor({ timeout: WAIT });
    expect(await page.getByTestId('audit-chain-ok').innerText()).toMatch(/审计链完整：共 \d+ 条事件/);

    // Filter by an action chosen from a labelled list: sign-ins (登录会话 · 创建).
    await page.getByTestId('audit-filter-action').click();
    await page.keyboard.type('登录会话');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '登录会话 · 创建' }).first().click();
    await page.getByTestId('audit-search').click();
    const rows = page.getByTestId('audit-events').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), { timeout: WAIT }).toBeGreaterThan(0);
    const text = await page.getByTestId('audit-events').innerText();
    expect(text).toContain('登录会话 · 创建');
    expect(text).not.toContain('session.create');

    // A record's history, oldest first.
    await rows.first().getByRole('button').last().click();
    await page.getByTestId('audit-history').waitFor();
    // The drawer has slid fully into the window before the picture.
    const drawer = page.locator('.ant-drawer-section, .ant-drawer-content').first();
    await expect
      .poll(async () => {
        const box = await drawer.boundingBox();
        return box ? Math.round(box.x + box.width) <= 1440 : false;
      })
      .toBe(true);
    expect(await page.getByTestId('audit-history').innerText()).toContain('登录会话');
    await shot(page, 'audit-history');
    await page.keyboard.press('Escape');

    // Security events: the officer's refused request, labelled.
    await page.getByRole('tab', { name: '安全事件' }).click();
    const security = page.getByTestId('security-events');
    await expect.poll(async () => security.innerText(), { timeout: WAIT }).toContain('角色无权访问');
    expect(await security.innerText()).toContain(user('officer').email);
    await shot(page, 'audit-security');
    await page.context().close();
  });
});
