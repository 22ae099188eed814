import { demoPdf } from '@rdplan/demo';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshotDir } from './browser.js';

/** Generous waits: the journeys run against the real server on a shared machine. */
export const WAIT = 30_000;

/** Signs in through the login page in a fresh browser context and waits for the role's home page. */
export async function signIn(browser: Browser, baseUrl: string, user: { email: string; password: string; role: string }): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT);
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-email').fill(user.email);
  await page.getByTestId('login-password').fill(user.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId(`role-home-${user.role}`).waitFor({ timeout: WAIT });
  return page;
}

/** A full-page screenshot into the shared screenshot folder. */
export async function shot(page: Page, name: string): Promise<void> {
  // From the top, so the fixed header and the sticky panels sit where a reader expects them.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/** Waits until an attribute of the element has the value. */
export async function attrIs(locator: Locator, name: string, value: string, timeout = WAIT): Promise<void> {
  await expect.poll(() => locator.getAttribute(name), { timeout }).toBe(value);
}

/** The <input> of a control whose test id sits either on the input or on a wrapper. */
export function inputOf(locator: Locator): Locator {
  return locator.locator('xpath=self::input | self::textarea | .//input | .//textarea').first();
}

/** A small but well-formed PDF. */
export function pdf(label: string): Buffer {
  return Buffer.from(demoPdf(label));
}

/** The formal check: tick every checklist item (to pass), write the comment, decide and confirm. */
export async function formalCheck(page: Page, decision: 'pass' | 'return', comment: string, status: string) {
  const panel = page.getByTestId('formal-check');
  await panel.waitFor();
  if (decision === 'pass') {
    const items = panel.locator('[data-testid^="check-"]:not([data-testid$="-note"])');
    expect(await items.count()).toBeGreaterThan(0);
    for (const item of await items.all()) await inputOf(item).check();
  }
  await page.getByTestId('formal-comment').fill(comment);
  const button = page.getByTestId(`formal-${decision}`);
  await expect.poll(() => button.isEnabled()).toBe(true);
  await button.click();
  await page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
  await attrIs(page.getByTestId('application-page'), 'data-status', status);
}

/** Confirms a needs-review rule with a written reason. */
export async function confirmRule(page: Page, code: string, reason: string) {
  await page.getByTestId(`rule-decision-${code}-reason`).fill(reason);
  await page.getByTestId(`rule-decision-${code}-confirm`).click();
  await page.getByTestId(`rule-decision-note-${code}`).waitFor();
  await attrIs(page.getByTestId(`rule-${code}`), 'data-outcome', 'pass');
}
