/**
 * The acceptance journey of the four tracks: one application of each track goes from draft to the
 * formal check as the real demo roles, through the pages (not the API), with screenshots; and the
 * application form refuses an ineligible backfill application with its rule code.
 *
 * `page.request` is used only to read ids; every change is a click or a keystroke in the browser.
 */
import { DEMO_EMAILS, DEMO_PASSWORDS } from '@rdplan/demo';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { WAIT, attrIs, confirmRule, formalCheck, inputOf, pdf, shot, signIn } from './support/journey.js';

const baseUrl = inject('baseUrl');
const JOURNEY_MS = 300_000;

const CHAIN_LEADER = { role: 'chain_leader', email: DEMO_EMAILS.chain_leader, password: DEMO_PASSWORDS.chain_leader };
const UNIT_ADMIN = { role: 'unit_admin', email: DEMO_EMAILS.unit_admin, password: DEMO_PASSWORDS.unit_admin };
const UNIT_MEMBER = { role: 'unit_member', email: DEMO_EMAILS.unit_member, password: DEMO_PASSWORDS.unit_member };
const OFFICER = { role: 'officer', email: DEMO_EMAILS.officer, password: DEMO_PASSWORDS.officer };

/** The in-plan project of chain C01 that the demo unit leads (demo-workplan.ts). */
const SIC_TITLE = '车规级碳化硅功率模块封装与可靠性关键技术';
/** The eligible national project for continuation: accepted two years ago, led outside Guangzhou. */
const CONTINUATION_SEARCH = '动力电池热安全';

const shanghaiToday = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
const year = Number(shanghaiToday().slice(0, 4));

let browser: Browser;
const pages: Page[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function as(user: typeof UNIT_ADMIN): Promise<Page> {
  const page = await signIn(browser, baseUrl, user);
  pages.push(page);
  return page;
}

async function closeAll() {
  for (const p of pages.splice(0)) await p.context().close();
}

interface CallRow {
  id: string;
  track: string;
}

/** Reads the published call of a track (an id only). */
async function callId(page: Page, track: string): Promise<string> {
  const res = await page.request.get(`${baseUrl}/api/calls`);
  expect(res.ok()).toBe(true);
  const body = (await res.json()) as CallRow[] | { items: CallRow[] };
  const calls = Array.isArray(body) ? body : body.items;
  const call = calls.find((c) => c.track === track);
  expect(call, `a published ${track} call`).toBeTruthy();
  return call!.id;
}

/** The id in the page's address: /app/applications/:id. */
function applicationIdOf(page: Page): string {
  const m = /\/app\/applications\/([0-9a-f-]{36})/.exec(page.url());
  expect(m, `an application address, got ${page.url()}`).toBeTruthy();
  return m![1]!;
}

// ---------------------------------------------------------------------------------------------
// The application form, as an applicant fills it.

async function waitSaved(page: Page) {
  await attrIs(page.getByTestId('autosave-status'), 'data-state', 'saved');
}

async function openEditor(page: Page, status = 'draft') {
  const app = page.getByTestId('application-page');
  await app.waitFor();
  await attrIs(app, 'data-mode', 'edit');
  await attrIs(app, 'data-status', status);
  await page.getByTestId('rules-panel').waitFor();
}

async function text(page: Page, testId: string, value: string) {
  await inputOf(page.getByTestId(testId)).fill(value);
}

/** Picks an antd date (or month) in its input: type it, then Enter. */
async function pickDate(page: Page, testId: string, value: string) {
  const input = inputOf(page.getByTestId(testId));
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await expect.poll(() => input.inputValue()).toBe(value);
  await page.keyboard.press('Escape');
}

/** Picks a field direction in the field tree by its code. */
async function pickField(page: Page, code: string) {
  const select = page.getByTestId('field-fieldCode');
  await select.click();
  await page.keyboard.type(code);
  const option = page
    .locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper')
    .filter({ hasText: new RegExp(`^${code.replace('.', '\\.')}\\s`) })
    .first();
  await option.click();
  await expect.poll(() => select.innerText()).toContain(code);
}

async function fillKpi(page: Page) {
  if ((await page.getByTestId('kpi-0-indicator').count()) === 0) await page.getByTestId('kpi-add').click();
  await text(page, 'kpi-0-indicator', '关键技术指标');
  await text(page, 'kpi-0-target', '达到国内领先水平');
  await text(page, 'kpi-0-measure', '第三方检测报告');
}

async function fillSchedule(page: Page) {
  if ((await page.getByTestId('schedule-0-task').count()) === 0) await page.getByTestId('schedule-add').click();
  await pickDate(page, 'schedule-0-from', `${year}-01`);
  await pickDate(page, 'schedule-0-to', `${year + 1}-12`);
  await text(page, 'schedule-0-task', '完成关键技术攻关、样机研制与应用验证');
}

/** The first team row is the project leader (the table's default role for it). */
async function fillTeamLeader(page: Page, orgName: string) {
  if ((await page.getByTestId('team-0-name').count()) === 0) await page.getByTestId('team-add').click();
  await expect.poll(() => page.getByTestId('team-0-role').innerText()).toContain('项目负责人');
  if ((await inputOf(page.getByTestId('team-0-name')).inputValue()) === '') await text(page, 'team-0-name', '陈志远');
  await text(page, 'team-0-title', '高级工程师');
  await text(page, 'team-0-orgName', orgName);
  await text(page, 'team-0-duty', '项目总体负责');
}

/** Types an amount in 万元 into a budget cell. */
async function budget(page: Page, category: string, source: 'city' | 'self' | 'other', wan: string) {
  await text(page, `budget-${category}-${source}`, wan);
}

async function fillCommon(page: Page, orgName: string) {
  await text(page, 'field-objectives', '突破制约产业发展的关键核心技术，形成自主可控的技术方案并实现示范应用。');
  await text(page, 'field-content', '围绕关键材料、核心工艺与可靠性验证开展系统研究，建设中试验证平台，完成样机研制与用户验证。');
  await fillKpi(page);
  await fillSchedule(page);
  await fillTeamLeader(page, orgName);
}

/** Uploads a PDF for each material and waits until each shows on the page. */
async function uploadAll(page: Page, keys: string[]) {
  for (const key of keys) {
    await page
      .getByTestId(`upload-${key}`)
      .locator('input[type=file]')
      .setInputFiles({ name: `${key}.pdf`, mimeType: 'application/pdf', buffer: pdf(key) });
    await page.getByTestId(`attachments-${key}`).locator('[data-testid^="attachment-"]').first().waitFor();
  }
}

async function orgName(page: Page): Promise<string> {
  return (await page.getByTestId('prefilled-org-name').innerText()).trim();
}

/** Submits and waits for the status the page then shows. */
async function submit(page: Page, status = 'submitted') {
  const button = page.getByTestId('submit-application');
  await expect.poll(() => button.isEnabled(), { timeout: WAIT }).toBe(true);
  await button.click();
  await attrIs(page.getByTestId('application-page'), 'data-status', status);
}

// ---------------------------------------------------------------------------------------------
// The officer's side.

/** Opens an application from the officer's list of every application. */
async function openAsOfficer(page: Page, id: string) {
  await page.goto(`${baseUrl}/app/applications`);
  await page.getByTestId('applications-page').waitFor();
  const link = page.getByTestId(`application-link-${id}`);
  try {
    await link.waitFor({ timeout: 10_000 });
    await link.click();
  } catch {
    await page.goto(`${baseUrl}/app/applications/${id}`);
  }
  const app = page.getByTestId('application-page');
  await app.waitFor();
  await attrIs(app, 'data-mode', 'officer');
}

// ---------------------------------------------------------------------------------------------

describe('one application of each track, draft to formal check, as the demo roles', () => {
  it(
    'track 3.1: the chain leader completes and finalises the work plan; the lead unit applies; the officer passes it',
    async () => {
      // The chain leader compares and includes the fifth candidate, sees the caps and finalises.
      const leader = await as(CHAIN_LEADER);
      await leader.goto(`${baseUrl}/app/workplans`);
      const row = leader.getByTestId('workplan-row-C01');
      await row.waitFor();
      const workplanId = (await row.getAttribute('data-id'))!;
      await leader.getByTestId(`workplan-open-${workplanId}`).click();
      const workplan = leader.getByTestId('workplan-page');
      await attrIs(workplan, 'data-status', 'draft');
      const outside = leader.locator('[data-testid^="candidate-"][data-in-plan="false"]');
      await expect.poll(() => outside.count()).toBe(1);
      const fifth = (await outside.getAttribute('data-testid'))!.slice('candidate-'.length);
      await attrIs(leader.getByTestId('caps-count'), 'data-count', '4');
      await shot(leader, 'tracks-1-workplan-draft');

      await leader.getByTestId('comparison-add').click();
      const form = leader.getByTestId('comparison-form');
      await form.waitFor();
      await leader.getByTestId('comparison-topic').fill('驾乘人员生理状态监测项目补充论证比选');
      await pickDate(leader, 'comparison-date', shanghaiToday());
      const method = inputOf(leader.getByTestId('comparison-method'));
      await method.fill('专家论证会');
      await method.press('Escape');
      await expect.poll(() => method.inputValue()).toBe('专家论证会');
      await leader.getByTestId('comparison-participants').fill('链主企业技术委员会、联合体成员单位代表、临床合作医院专家');
      await leader
        .getByTestId('comparison-conclusion')
        .fill('已补充临床合作方案，技术路线清晰、配套资金落实，同意纳入年度科技攻关工作方案。');
      await leader.getByTestId(`comparison-verdict-${fifth}-selected`).check();
      await shot(leader, 'tracks-1-comparison-form');
      await leader.getByTestId('comparison-submit').click();
      await form.waitFor({ state: 'detached' });
      await leader.getByTestId(`candidate-verdict-${fifth}`).waitFor();

      await leader.getByTestId(`include-${fifth}`).click();
      await attrIs(leader.getByTestId(`candidate-${fifth}`), 'data-in-plan', 'true');
      const caps = leader.getByTestId('caps-panel');
      await attrIs(leader.getByTestId('caps-count'), 'data-count', '5');
      await attrIs(caps.getByTestId('rule-3.1.c'), 'data-outcome', 'pass');
      await attrIs(caps, 'data-blocking', '0');
      await attrIs(leader.getByTestId('workplan-finalise'), 'data-ready', 'true');
      await shot(leader, 'tracks-1-caps-five-projects');

      await leader.getByTestId('workplan-finalise').click();
      await attrIs(workplan, 'data-status', 'finalised');
      await leader.getByTestId('workplan-readonly').waitFor();
      const sicLink = leader.locator('[data-testid^="inplan-link-"]').filter({ hasText: SIC_TITLE });
      await sicLink.waitFor();
      const appId = (await sicLink.getAttribute('data-testid'))!.slice('inplan-link-'.length);
      await expect.poll(() => leader.locator('[data-testid^="inplan-link-"]').count()).toBe(5);
      await shot(leader, 'tracks-1-workplan-finalised');

      // The lead unit opens its chain project: the facts fixed in the chain's plan are prefilled and locked.
      const unit = await as(UNIT_ADMIN);
      await unit.goto(`${baseUrl}/app/applications`);
      await unit.getByTestId(`application-link-${appId}`).click();
      await openEditor(unit);
      const city = (await unit.getByTestId('locked-cityFunds').innerText()).trim();
      const self = (await unit.getByTestId('locked-selfFunds').innerText()).trim();
      expect(city).toMatch(/^[\d.]+ 万元$/);
      expect(self).toMatch(/^[\d.]+ 万元$/);
      expect(await unit.getByTestId('locked-title').innerText()).toContain(SIC_TITLE);
      expect(await unit.getByTestId('prefilled-panel').innerText()).toContain('产业链工作方案');
      await shot(unit, 'tracks-1-application-prefilled');

      await pickField(unit, 'F07.01');
      await text(unit, 'field-direction', '车规级功率半导体封装与可靠性');
      await fillCommon(unit, await orgName(unit));
      const cityWan = city.replace(/\s*万元$/, '');
      const selfWan = self.replace(/\s*万元$/, '');
      await budget(unit, 'equipment', 'city', cityWan);
      await budget(unit, 'equipment', 'self', selfWan);
      await expect.poll(() => unit.getByTestId('budget-total-city').innerText()).toBe(city);
      await expect.poll(() => unit.getByTestId('budget-total-self').innerText()).toBe(self);
      await uploadAll(unit, ['application', 'commitment', 'consortium_agreement']);
      await waitSaved(unit);
      // All that is left is the participating chain leader's confirmation.
      await attrIs(unit.getByTestId('form-problems'), 'data-count', '1');
      await shot(unit, 'tracks-1-application-filled');

      // The chain leader, a participating unit, confirms taking part.
      await leader.goto(`${baseUrl}/app/applications`);
      await leader.getByTestId('tab-participating').click();
      const confirm = leader.getByTestId(`unit-confirm-${appId}`);
      await confirm.click();
      await confirm.waitFor({ state: 'detached' });
      await shot(leader, 'tracks-1-participation-confirmed');

      // The unit submits.
      await unit.reload();
      await openEditor(unit);
      await attrIs(unit.getByTestId('form-problems'), 'data-count', '0');
      await attrIs(unit.getByTestId('submit-application'), 'data-ready', 'true');
      await submit(unit);
      await shot(unit, 'tracks-1-submitted');

      // The officer ticks the checklist and passes the formal check.
      const officer = await as(OFFICER);
      await openAsOfficer(officer, appId);
      await attrIs(officer.getByTestId('application-page'), 'data-status', 'submitted');
      await formalCheck(officer, 'pass', '材料齐全，预算与链主工作方案一致，形式审查通过。', 'formal_passed');
      await officer.getByTestId('check-history-1-pass').waitFor();
      await shot(officer, 'tracks-1-formal-passed');
      await closeAll();
    },
    JOURNEY_MS,
  );

  it(
    'track 3.2: the unit applies for backfill, the officer returns it once, then confirms 3.2.e and passes it',
    async () => {
      const unit = await as(UNIT_ADMIN);
      const backfill = await callId(unit, 'backfill');
      const national = (await (await unit.request.get(`${baseUrl}/api/national/applications`)).json()) as {
        items: { id: string; outcome: string; fieldCode: string | null }[];
      };
      const notApproved = national.items.find((n) => n.outcome === 'not_approved')!;
      expect(notApproved).toBeTruthy();

      await unit.goto(`${baseUrl}/calls`);
      await unit.getByTestId(`call-link-${backfill}`).click();
      await unit.getByTestId('call-apply').click();
      await unit.getByTestId('pick-national-application').waitFor();
      await inputOf(unit.getByTestId(`national-application-${notApproved.id}`)).check();
      await shot(unit, 'tracks-2-pick-national-application');
      await unit.getByTestId('pick-confirm').click();
      await unit.waitForURL(/\/app\/applications\/[0-9a-f-]{36}/);
      const appId = applicationIdOf(unit);
      await openEditor(unit);
      // Title, field, direction and the leader come from the national record.
      expect(await inputOf(unit.getByTestId('field-title')).inputValue()).not.toBe('');
      expect(await unit.getByTestId('field-fieldCode').innerText()).toContain(notApproved.fieldCode ?? '');
      await attrIs(unit.getByTestId('rule-3.2.d'), 'data-outcome', 'pass');

      await fillCommon(unit, await orgName(unit));
      // Budget inputs take 万元: the fixed 3.2.h amount is 100 万元.
      await budget(unit, 'equipment', 'city', '60');
      await budget(unit, 'labour', 'city', '40');
      await budget(unit, 'equipment', 'self', '50');
      await expect.poll(() => unit.getByTestId('budget-total-city').innerText()).toBe('100 万元');
      await uploadAll(unit, ['application', 'commitment', 'defence_notice']);
      await waitSaved(unit);
      await attrIs(unit.getByTestId('rule-3.2.h'), 'data-outcome', 'pass');
      await attrIs(unit.getByTestId('rule-3.2.e'), 'data-outcome', 'needs_review');
      await attrIs(unit.getByTestId('form-problems'), 'data-count', '0');
      await shot(unit, 'tracks-2-application-filled');
      await submit(unit);
      await shot(unit, 'tracks-2-submitted');

      // The officer confirms the direction (3.2.e) and returns the application with a comment.
      const officer = await as(OFFICER);
      await openAsOfficer(officer, appId);
      await attrIs(officer.getByTestId('application-page'), 'data-status', 'submitted');
      await confirmRule(officer, '3.2.e', '拟开展研究与原国家申报同属高端功能与智能材料方向，领域一致。');
      const comment = '请在研究内容中补充与原国家申报项目的衔接关系。';
      await formalCheck(officer, 'return', comment, 'returned');
      await shot(officer, 'tracks-2-returned');

      // The unit reads the comment, revises and resubmits.
      await unit.reload();
      await openEditor(unit, 'returned');
      const notice = unit.getByTestId('returned-comment');
      await notice.waitFor();
      expect(await notice.innerText()).toContain(comment);
      await text(
        unit,
        'field-content',
        '围绕关键材料、核心工艺与可靠性验证开展系统研究；本项目承接原国家申报项目的复合材料构件智能成形技术路线，在其基础上开展工程化验证。',
      );
      await waitSaved(unit);
      await shot(unit, 'tracks-2-revised');
      await submit(unit);
      await expect.poll(() => unit.getByTestId('application-round').innerText()).toContain('2');

      // The officer confirms 3.2.e again on the revised text and passes.
      await openAsOfficer(officer, appId);
      await attrIs(officer.getByTestId('application-page'), 'data-status', 'submitted');
      await confirmRule(officer, '3.2.e', '修改后研究内容仍在原国家申报的领域和方向范围内。');
      await formalCheck(officer, 'pass', '已按意见修改，形式审查通过。', 'formal_passed');
      await officer.getByTestId('check-history-1-return').waitFor();
      await officer.getByTestId('check-history-2-pass').waitFor();
      await shot(officer, 'tracks-2-formal-passed');
      await closeAll();
    },
    JOURNEY_MS,
  );

  it(
    'refuses an ineligible backfill application in the page with its rule code (3.2.d)',
    async () => {
      const member = await as(UNIT_MEMBER);
      const backfill = await callId(member, 'backfill');
      const national = (await (await member.request.get(`${baseUrl}/api/national/applications`)).json()) as {
        items: { id: string; outcome: string }[];
      };
      const approved = national.items.find((n) => n.outcome === 'approved')!;
      expect(approved).toBeTruthy();

      await member.goto(`${baseUrl}/calls`);
      await member.getByTestId(`call-link-${backfill}`).click();
      await member.getByTestId('call-apply').click();
      await member.getByTestId('pick-national-application').waitFor();
      await inputOf(member.getByTestId(`national-application-${approved.id}`)).check();
      await member.getByTestId('pick-confirm').click();
      await member.waitForURL(/\/app\/applications\/[0-9a-f-]{36}/);
      await openEditor(member);

      await fillCommon(member, await orgName(member));
      await budget(member, 'equipment', 'city', '100');
      await budget(member, 'equipment', 'self', '20');
      await uploadAll(member, ['application', 'commitment', 'defence_notice']);
      await waitSaved(member);
      const rule = member.getByTestId('rule-3.2.d');
      await attrIs(rule, 'data-outcome', 'fail');
      await attrIs(rule, 'data-blocking', 'true');
      await attrIs(member.getByTestId('submit-application'), 'data-ready', 'false');

      await member.getByTestId('submit-application').click();
      const refusal = member.getByTestId('submit-error');
      await refusal.waitFor();
      await attrIs(refusal, 'data-kind', 'rules');
      await member.getByTestId('submit-failed-3.2.d').waitFor();
      // The unit already has a live backfill application this year (journey 2), so 3.2.i fails too.
      expect(await member.getByTestId('submit-failed-3.2.i').count()).toBe(1);
      await attrIs(member.getByTestId('application-page'), 'data-status', 'draft');
      await shot(member, 'tracks-3-ineligible-refused');
      await closeAll();
    },
    JOURNEY_MS,
  );

  it(
    'track 3.3: the unit applies for continuation, the officer passes it and verifies the implementation',
    async () => {
      const unit = await as(UNIT_ADMIN);
      const continuation = await callId(unit, 'continuation');
      const projects = (await (
        await unit.request.get(`${baseUrl}/api/national/projects?q=${encodeURIComponent(CONTINUATION_SEARCH)}`)
      ).json()) as {
        items: { id: string; title: string }[];
      };
      const project = projects.items.find((p) => p.title.includes(CONTINUATION_SEARCH))!;
      expect(project).toBeTruthy();

      await unit.goto(`${baseUrl}/calls`);
      await unit.getByTestId(`call-link-${continuation}`).click();
      await unit.getByTestId('call-apply').click();
      await unit.getByTestId('pick-national-project').waitFor();
      const search = inputOf(unit.getByTestId('pick-national-project-search'));
      await search.fill(CONTINUATION_SEARCH);
      await search.press('Enter');
      const choice = unit.getByTestId(`national-project-${project.id}`);
      await choice.waitFor();
      await inputOf(choice).check();
      await shot(unit, 'tracks-4-pick-national-project');
      await unit.getByTestId('pick-confirm').click();
      await unit.waitForURL(/\/app\/applications\/[0-9a-f-]{36}/);
      const appId = applicationIdOf(unit);
      await openEditor(unit);
      for (const code of ['3.3.a', '3.3.b', '3.3.c', '3.3.d']) await attrIs(unit.getByTestId(`rule-${code}`), 'data-outcome', 'pass');

      await fillCommon(unit, await orgName(unit));
      await text(
        unit,
        'field-implementationPlan',
        '依托国家项目成果建设动力电池热安全预警产品产线，两年内实现规模化量产并在整车企业示范应用。',
      );
      await text(unit, 'field-plannedInvestment', '1200');
      await budget(unit, 'equipment', 'self', '800');
      await budget(unit, 'testing', 'self', '400');
      await uploadAll(unit, ['application', 'commitment', 'transfer_agreement', 'acceptance_certificate']);
      await waitSaved(unit);
      await attrIs(unit.getByTestId('form-problems'), 'data-count', '0');
      await shot(unit, 'tracks-4-application-filled');
      await submit(unit);
      await shot(unit, 'tracks-4-submitted');

      const officer = await as(OFFICER);
      await openAsOfficer(officer, appId);
      await attrIs(officer.getByTestId('application-page'), 'data-status', 'submitted');
      await formalCheck(officer, 'pass', '材料齐全，技术转移协议在有效期内，形式审查通过。', 'formal_passed');
      await shot(officer, 'tracks-4-formal-passed');

      // 3.3.e: the verified implementation sets the amount (20% of the investment, at most 200 万元).
      const verify = officer.getByTestId('verify-implementation');
      await verify.waitFor();
      await text(officer, 'verify-investment', '800');
      await text(officer, 'verify-output', '3000');
      await text(officer, 'verify-sales', '2500');
      await inputOf(officer.getByTestId('verify-jobs')).fill('45');
      await text(officer, 'verify-comment', '经现场核查，产线已建成投产。');
      await expect.poll(() => officer.getByTestId('verify-amount').innerText()).toContain('160 万元');
      await shot(officer, 'tracks-4-verify');
      await officer.getByTestId('verify-submit').click();
      await attrIs(officer.getByTestId('application-page'), 'data-status', 'verified');
      await expect.poll(() => officer.getByTestId('application-amount').innerText()).toBe('160 万元');
      await attrIs(officer.getByTestId('rule-3.3.e'), 'data-outcome', 'pass');
      await shot(officer, 'tracks-4-verified');
      await closeAll();
    },
    JOURNEY_MS,
  );

  it(
    'track 3.4: a unit member applies for recognition, the officer passes it and re-checks it',
    async () => {
      const member = await as(UNIT_MEMBER);
      const recognition = await callId(member, 'recognition');
      await member.goto(`${baseUrl}/calls`);
      await member.getByTestId(`call-link-${recognition}`).click();
      await member.getByTestId('call-apply').click();
      await member.waitForURL(/\/app\/applications\/[0-9a-f-]{36}/);
      const appId = applicationIdOf(member);
      await openEditor(member);

      await text(member, 'field-title', '工业互联网平台边缘智能网关研发及产业化');
      await text(member, 'field-summary', '以社会资本投入完成的边缘智能网关研发项目，已实现批量应用。');
      await pickField(member, 'F02.01');
      await text(member, 'field-direction', '边缘计算与工业智能');
      await fillCommon(member, await orgName(member));
      await budget(member, 'equipment', 'self', '300');
      await budget(member, 'labour', 'other', '200');
      await text(member, 'field-socialCapital', '500');
      const completed = new Date(Date.now() - 90 * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
      await pickDate(member, 'field-completedOn', completed);
      const conditions = member.locator('[data-testid^="condition-"]');
      expect(await conditions.count()).toBeGreaterThan(0);
      for (const c of await conditions.all()) await inputOf(c).check();
      await uploadAll(member, ['application', 'commitment', 'social_capital_proof', 'completion_proof']);
      await waitSaved(member);
      await attrIs(member.getByTestId('rule-3.4.a'), 'data-outcome', 'pass');
      await attrIs(member.getByTestId('form-problems'), 'data-count', '0');
      await shot(member, 'tracks-5-application-filled');
      await submit(member);
      await shot(member, 'tracks-5-submitted');

      const officer = await as(OFFICER);
      await openAsOfficer(officer, appId);
      await attrIs(officer.getByTestId('application-page'), 'data-status', 'submitted');
      await formalCheck(officer, 'pass', '社会资本投入与完成证明齐全，形式审查通过。', 'formal_passed');
      await shot(officer, 'tracks-5-formal-passed');

      const recheck = officer.getByTestId('recheck');
      await recheck.waitFor();
      for (const item of await recheck.locator('[data-testid^="check-"]:not([data-testid$="-note"])').all()) await inputOf(item).check();
      await officer.getByTestId('recheck-comment').fill('复核社会资本投入凭证与第三方验收意见，真实有效。');
      await officer.getByTestId('recheck-pass').click();
      await attrIs(officer.getByTestId('application-page'), 'data-status', 'rechecked');
      await attrIs(officer.getByTestId('rule-3.4.b'), 'data-outcome', 'pass');
      await shot(officer, 'tracks-5-rechecked');
      await closeAll();
    },
    JOURNEY_MS,
  );
});
