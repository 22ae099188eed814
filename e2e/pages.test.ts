import path from 'node:path';
import { DEMO_USERS } from '@rdplan/demo';
import type { Role } from '@rdplan/domain';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshotDir } from './support/browser.js';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signIn(role: Role): Promise<Page> {
  const user = DEMO_USERS.find((u) => u.role === role)!;
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 860 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-email').fill(user.email);
  await page.getByTestId('login-password').fill(user.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId(`role-home-${role}`).waitFor({ timeout: 20_000 });
  return page;
}

/** Opens a page of the signed-in area, waits for its data, and keeps a screenshot. */
async function visit(page: Page, url: string, testId: string, shot: string) {
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.url().includes('/api/') && r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(`${baseUrl}${url}`);
  await page.getByTestId(testId).waitFor({ timeout: 20_000 });
  await page.waitForLoadState('networkidle');
  expect(await page.getByTestId('load-error').count(), `${url} shows a load error`).toBe(0);
  expect(failed, `${url} API errors`).toEqual([]);
  await page.screenshot({ path: path.join(screenshotDir, `${shot}.png`), fullPage: true });
  // Visible text plus what editable fields hold (the calendar, for one, shows its days in inputs).
  const values = await page.locator('input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  return `${await page.locator('body').innerText()}\n${values.join('\n')}`;
}

describe('registry and administration pages show real data', () => {
  it('admin: users, chains, fields and the calendar', async () => {
    const page = await signIn('admin');
    // The newest accounts come first (the expert pool's ~800); the staff are found by searching.
    expect(await visit(page, '/app/users', 'users-page', 'admin-users')).toContain('@experts.rdplan.demo');
    const search = page.getByTestId('users-search').locator('input');
    await search.fill('officer@');
    await search.press('Enter');
    await expect.poll(() => page.locator('body').innerText(), { timeout: 20_000 }).toContain('officer@rdplan.demo');
    expect(await visit(page, '/app/chains', 'chains-admin-page', 'admin-chains')).toContain('智能网联与新能源汽车');
    expect(await visit(page, '/app/fields', 'fields-page', 'admin-fields')).toMatch(/人工智能|新一代信息技术/);
    expect(await visit(page, '/app/calendar', 'calendar-page', 'admin-calendar')).toMatch(/春节|国庆/);
    await page.context().close();
  });

  it('officer: organisations and people', async () => {
    const page = await signIn('officer');
    expect(await visit(page, '/app/organisations', 'organisations-page', 'officer-organisations')).toMatch(/有限公司/);
    expect(await visit(page, '/app/people', 'people-page', 'officer-people')).toMatch(/教授|研究员|工程师|医师/);
    await page.context().close();
  });

  it('unit admin: the organisation profile from the registry', async () => {
    const page = await signIn('unit_admin');
    const unit = DEMO_USERS.find((u) => u.role === 'unit_admin')!;
    const text = await visit(page, '/app/org', 'org-profile-page', 'unit-org-profile');
    expect(text).toContain(unit.orgUscc!);
    expect(text).toContain('统一社会信用代码');
    await visit(page, '/app/members', 'members-page', 'unit-members');
    await page.context().close();
  });
});
