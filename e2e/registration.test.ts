import path from 'node:path';
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

describe('unit self-registration', () => {
  it('checks the credit code and the password as they are typed, then registers pending confirmation', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 1000 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/register`);
    await page.getByTestId('register-uscc').fill('91310110666007217K');
    await expect.poll(() => page.getByTestId('uscc-valid').count()).toBe(0);
    await page.getByTestId('register-uscc').fill('91310110666007217T');
    await page.getByTestId('uscc-valid').waitFor();
    await page.getByTestId('register-name').fill('上海浦江测试科技有限公司');
    await page.getByTestId('register-type').click();
    await page.keyboard.type('企业');
    await page.keyboard.press('Enter');
    await page.getByTestId('register-region').click();
    await page.keyboard.type('天河');
    await page.keyboard.press('Enter');
    await page.getByTestId('register-admin-name').fill('陈测试');
    await page.getByTestId('register-admin-email').fill('chen.test@pujiang.example');
    await page.getByTestId('register-password').fill('short');
    await expect.poll(() => page.getByTestId('password-rule-too_short').getAttribute('data-ok')).toBe('false');
    await page.getByTestId('register-password').fill('Green-Orchid-58');
    await expect.poll(() => page.getByTestId('password-rule-too_short').getAttribute('data-ok')).toBe('true');
    await page.getByTestId('register-confirm').fill('Green-Orchid-58');
    await page.screenshot({ path: path.join(screenshotDir, 'register-form.png'), fullPage: true });
    await page.getByTestId('register-submit').click();
    await page.getByTestId('register-done').waitFor({ timeout: 20_000 });
    await context.close();
  });
});
