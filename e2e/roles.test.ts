import path from 'node:path';
import { DEMO_USERS } from '@rdplan/demo';
import type { Browser } from 'playwright-core';
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

describe('each role signs in and sees its home page', () => {
  for (const user of DEMO_USERS) {
    it(`${user.role}`, async () => {
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 860 } });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/login`);
      await page.getByTestId('login-email').fill(user.email);
      await page.getByTestId('login-password').fill(user.password);
      await page.getByTestId('login-submit').click();
      const home = page.getByTestId(`role-home-${user.role}`);
      await home.waitFor({ timeout: 20_000 });
      await page.waitForLoadState('networkidle');
      const text = await page.locator('body').innerText();
      expect(text).toMatch(/[\u4e00-\u9fff]{4,}/); // real Chinese text on the page
      expect(text).toContain(user.name);
      // The CJK font is present, so the text renders as glyphs rather than empty boxes.
      expect(await page.evaluate(() => document.fonts.check('16px "Noto Sans CJK SC"', '广州市重点领域'))).toBe(true);
      await page.screenshot({ path: path.join(screenshotDir, `home-${user.role}.png`), fullPage: true });
      await context.close();
    });
  }

  it('the public home page shows the plan without signing in', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 860 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    await page.getByTestId('public-home').waitFor({ timeout: 20_000 });
    await page.waitForLoadState('networkidle');
    const text = await page.locator('body').innerText();
    expect(text).toContain('递补支持');
    expect(text).toContain('智能网联与新能源汽车');
    await page.screenshot({ path: path.join(screenshotDir, 'public-home.png'), fullPage: true });
    await context.close();
  });

  it('switches to English and back', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.getByTestId('lang-switch').click();
    await expect.poll(async () => page.locator('body').innerText(), { timeout: 10_000 }).toMatch(/Sign in|Log in/i);
    await page.screenshot({ path: path.join(screenshotDir, 'login-en.png') });
    await context.close();
  });
});
