import { DEMO_USERS } from '@rdplan/demo';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserForFile } from './support/browser.js';

/**
 * The Content-Security-Policy the server sends does not break the web app: the login page, a signed-in
 * page with Ant Design's run-time styles and the ECharts map, and the API docs load with no violation
 * reported by the browser (securitypolicyviolation events and "Refused to …" console messages).
 */
const baseUrl = inject('baseUrl');
const browser = browserForFile();

async function watchedPage(): Promise<{ page: Page; violations: string[] }> {
  const context = await browser().newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 860 } });
  const page = await context.newPage();
  const violations: string[] = [];
  await page.exposeFunction('reportCspViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { reportCspViolation(v: string): void }).reportCspViolation(
        `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
  });
  return { page, violations };
}

describe('the security headers do not break the web app', () => {
  it('sends a CSP with scripts from this origin only', async () => {
    const res = await fetch(`${baseUrl}/login`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('loads the login page, signs in and draws the map with no CSP violation', async () => {
    const { page, violations } = await watchedPage();
    await page.goto(`${baseUrl}/login`);
    await page.getByTestId('login-email').waitFor();
    const user = DEMO_USERS.find((u) => u.role === 'analyst')!;
    await page.getByTestId('login-email').fill(user.email);
    await page.getByTestId('login-password').fill(user.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('role-home-analyst').waitFor({ timeout: 20_000 });
    await page.goto(`${baseUrl}/app/map`);
    await page.getByTestId('map-page').waitFor({ timeout: 20_000 });
    await page.waitForLoadState('networkidle');
    await page.waitForSelector('canvas', { timeout: 20_000 });
    // Ant Design's CSS-in-JS has written its <style> tags, and they apply.
    expect(await page.locator('style').count()).toBeGreaterThan(0);
    expect(violations).toEqual([]);
  });

  it('loads the API docs page with no CSP violation', async () => {
    const { page, violations } = await watchedPage();
    await page.goto(`${baseUrl}/docs`);
    await page.waitForSelector('.swagger-ui', { timeout: 20_000 });
    await page.waitForLoadState('networkidle');
    expect(violations).toEqual([]);
  });
});
