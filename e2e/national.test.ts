import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { attrIs, shot, signIn, WAIT } from './support/journey.js';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const OFFICER = { email: 'officer@rdplan.demo', password: 'Zhujiang-River-2026', role: 'officer' };
const ANALYST = { email: 'analyst@rdplan.demo', password: 'Nansha-Tide-2026', role: 'analyst' };

/** A national-records CSV of applications with one good and two broken rows (Chinese headers). */
function brokenCsv(): Buffer {
  const header =
    '申报编号,年度,重点专项,指南方向,领域代码,项目名称,第一申报单位,第一申报单位统一社会信用代码,项目负责人,参与单位,最后环节,结果';
  const rows = [
    'E2E2025YFA0000001,2025,"""智能传感器""重点专项",柔性传感,F01.01,柔性电子皮肤传感器,广州测试传感科技有限公司,,李雷,,最后一轮答辩,未立项',
    'E2E2025YFA0000002,二〇二五,"""智能传感器""重点专项",柔性传感,F01.01,年度写错的记录,广州测试传感科技有限公司,,韩梅,,首轮评审,未立项',
    'E2E2025YFA0000003,2025,"""智能传感器""重点专项",柔性传感,F01.01,环节写错的记录,广州测试传感科技有限公司,,王五,,复赛,立项',
  ];
  return Buffer.from(`\ufeff${[header, ...rows].join('\n')}\n`, 'utf8');
}

describe('national programme records (4.2)', () => {
  it('the officer imports a file and sees its broken rows with row, column and reason', async () => {
    const page = await signIn(browser, baseUrl, OFFICER);
    await page.goto(`${baseUrl}/app/national`);
    await page.getByTestId('national-page').waitFor();
    await page.getByTestId('national-import-card').locator('input[type=file]').setInputFiles({
      name: 'applications-broken.csv',
      mimeType: 'text/csv',
      buffer: brokenCsv(),
    });
    await page.getByTestId('national-source').fill('e2e: 科技部推送样例');
    await page.getByTestId('national-import').click();
    const errors = page.getByTestId('national-errors');
    await errors.waitFor({ timeout: WAIT });
    await expect.poll(() => errors.locator('tbody tr').count(), { timeout: WAIT }).toBe(2);
    const text = await errors.innerText();
    expect(text).toContain('年度');
    expect(text).toContain('最后环节');
    await attrIs(page.getByTestId('national-count-inserted'), 'data-value', '1');
    await shot(page, 'national-1-import-row-errors');
    await page.context().close();
  }, 180_000);

  it('the analyst sees the map of units by field, region and year, the network, attraction and backfill candidates', async () => {
    const page = await signIn(browser, baseUrl, ANALYST);
    await page.goto(`${baseUrl}/app/map`);
    await page.getByTestId('map-page').waitFor();
    for (const id of ['map-chart-field', 'map-chart-network', 'map-table-attraction', 'map-table-backfill']) {
      await page.getByTestId(id).waitFor({ timeout: WAIT });
    }
    // The charts draw on a canvas once ECharts has loaded.
    await page.getByTestId('map-chart-field').locator('canvas').first().waitFor({ timeout: WAIT });
    await expect.poll(() => page.getByTestId('map-table-attraction').locator('tbody tr').count(), { timeout: WAIT }).toBeGreaterThan(3);
    await expect.poll(() => page.getByTestId('map-table-backfill').locator('tbody tr').count(), { timeout: WAIT }).toBeGreaterThan(0);
    await page.waitForTimeout(1000); // let the force layout settle for the screenshot
    await shot(page, 'national-2-map');

    await page.goto(`${baseUrl}/app/matching`);
    await page.getByTestId('matching-page').waitFor();
    const confirm = page.locator('[data-testid^="match-confirm-"]').first();
    await confirm.waitFor({ timeout: WAIT });
    await shot(page, 'national-3-matching-review');
    await page.context().close();
  }, 180_000);

  it('the officer follows a national project with a Guangzhou unit and adds a timeline entry', async () => {
    const page = await signIn(browser, baseUrl, OFFICER);
    await page.goto(`${baseUrl}/app/followup`);
    await page.getByTestId('followup-page').waitFor();
    // The demo seeds a timeline for the national projects of the tracks' demo data; open one that has entries.
    const res = await page.request.get(`${baseUrl}/api/national/followup?pageSize=200`);
    const list = (await res.json()) as { items: { nationalId: string; entries?: number; entryCount?: number }[] };
    const withEntries = list.items.find((i) => (i.entryCount ?? i.entries ?? 0) > 0) ?? list.items[0]!;
    await page.goto(`${baseUrl}/app/followup/${encodeURIComponent(withEntries.nationalId)}`);
    await page.getByTestId('followup-project-page').waitFor();
    const before = await page.locator('[data-testid="followup-timeline-item"][data-source="entry"]').count();
    await page.getByTestId('followup-add').click();
    await page.getByTestId('followup-title').waitFor();
    await page.getByTestId('followup-kind').click();
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: /服务|service/i })
      .first()
      .click();
    await page.getByTestId('followup-title').fill('组织成果转化对接会（e2e）');
    await page.getByTestId('followup-date').click();
    await page.keyboard.type('2026-11-20');
    await page.keyboard.press('Enter');
    await page.getByTestId('followup-save').click();
    await expect
      .poll(() => page.locator('[data-testid="followup-timeline-item"][data-source="entry"]').count(), { timeout: WAIT })
      .toBe(before + 1);
    await shot(page, 'national-4-followup-project');
    await page.context().close();
  }, 180_000);
});
