/**
 * End-to-end: the console in Chinese (its default) beside the H5 app, on one demo-mode test host.
 * The live preview is the app's own campaign page component: its text equals the page's; the
 * language switch; the end dialog's warning; the message after a resume; a coupon and a group deal
 * made in the console and seen in the app's coupon centre and deal list, the claim on the dashboard,
 * the audit log's before/after; a viewer's read-only console.
 * Screenshots: test/artifacts/console-merch-*.png.
 *
 * Needs /usr/bin/chromium (Debian package `chromium`).
 * Run: NODE_OPTIONS=--experimental-vm-modules npx jest test/e2e/consoleMerch.test.ts
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestHost, type TestHost } from '../support/host';
import { initSdk, login, runAs, runAsMaster } from '../support/sdk';
import { ROOT } from './buildBundle';
import { ARTIFACTS, CHROMIUM, CHROMIUM_FLAGS, H5_DIR, UI_TIMEOUT_MS, ensureH5Build, settled } from './h5App';

const CONSOLE_DIR = path.join(ROOT, 'dist/test-console-merch');

jest.setTimeout(180_000);

let host: TestHost;
let browser: Browser;
let consoleUrl: string;

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  fs.mkdirSync(CONSOLE_DIR, { recursive: true });
  fs.mkdirSync(H5_DIR, { recursive: true });
  host = await startTestHost({ demo: true, consoleDir: CONSOLE_DIR, h5Dir: H5_DIR });
  ensureH5Build(host);
  execFileSync(process.execPath, [path.join(ROOT, 'console/build.mjs')], {
    cwd: ROOT,
    stdio: 'pipe',
    env: { ...process.env, OUT_DIR: path.relative(ROOT, CONSOLE_DIR), APP_ID: host.appId, APP_KEY: host.appKey },
  });
  consoleUrl = `${host.url}/console/`;
  initSdk(host);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

async function newPage(viewport = { width: 1440, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(UI_TIMEOUT_MS);
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  await settled(page);
  await page.screenshot({ path: path.join(ARTIFACTS, `console-merch-${name}.png`), fullPage: true });
}

async function expectText(page: Page, selector: string, expected: string | RegExp): Promise<void> {
  try {
    await page.locator(selector, { hasText: expected }).first().waitFor({ state: 'visible' });
  } catch (error) {
    await shot(page, 'failure').catch(() => undefined);
    throw error;
  }
}

async function logIn(page: Page, username: string): Promise<void> {
  await page.goto(consoleUrl);
  await page.fill('#login-username', username);
  await page.fill('#login-password', 'demo1234');
  await page.click('#login-submit');
}

/** The page's words, the ticking countdowns masked (the two pages tick a moment apart). */
async function pageText(page: Page, selector: string): Promise<string> {
  const text = await page.locator(selector).first().innerText();
  return text
    .replace(/(\d+天 )?\d\d:\d\d:\d\d/g, '<clock>')
    .replace(/\s+/g, ' ')
    .trim();
}

test('the console speaks Chinese by default and English after the switch, which it remembers', async () => {
  const page = await newPage();
  await page.goto(consoleUrl);
  await expectText(page, '.login__card', '营销后台');
  await expectText(page, '#login-submit', '登录');
  await logIn(page, 'mona');
  await page.waitForSelector('#campaign-table');
  await expectText(page, '.topbar__nav', '优惠券');
  await expectText(page, '.topbar__nav', '拼团活动');
  await expectText(page, '.topbar__nav', '商品');
  await expectText(page, '#campaign-table tr[data-slug="double11-demo"]', '已发布');
  // Money one way: thousands separators.
  await expectText(page, '#campaign-table tr[data-slug="double11-demo"]', /¥\d{1,3}(,\d{3})+\.\d\d/);
  await shot(page, 'list-zh');

  await page.click('#lang-en');
  await expectText(page, '.topbar__nav', 'Coupons');
  await expectText(page, '#campaign-table tr[data-slug="double11-demo"]', 'Published');
  await page.reload();
  await expectText(page, '.topbar__nav', 'Group deals');
  // Errors from functions in the chosen language: a campaign that does not exist.
  await page.goto(`${consoleUrl}#/campaigns/000000000000000000000000`);
  await expectText(page, '.state--error', 'Not found:');
  await page.click('#lang-zh-CN');
  await expectText(page, '.state--error', '找不到：');
  await page.context().close();
});

test('the live preview renders the same page as the app, for the demo campaign', async () => {
  const shopperView = await newPage({ width: 390, height: 844 });
  await shopperView.goto(`${host.url}/#/packages/campaign/index/index?slug=double11-demo`);
  await shopperView.locator('.campaign-view .campaign-title').waitFor();
  // No banner: the page's background starts at the top (no band of bare window above it).
  const [pageTop, viewTop] = await shopperView.evaluate(() => [
    document.querySelector('.campaign-page')!.getBoundingClientRect().top,
    document.querySelector('.campaign-view')!.getBoundingClientRect().top,
  ]);
  expect(viewTop).toBe(pageTop);
  expect(await shopperView.locator('.campaign-view').innerText()).toContain('¥50,000.00');
  const appText = await pageText(shopperView, '.campaign-view');
  await shot(shopperView, 'app-page');

  const mona = await newPage();
  await logIn(mona, 'mona');
  await mona.waitForSelector('#campaign-table');
  await mona.click('#campaign-table tr[data-slug="double11-demo"] a.campaign-name');
  await mona.locator('#preview .campaign-view .campaign-title').waitFor();
  const previewText = await pageText(mona, '#preview .campaign-view');
  expect(previewText).toBe(appText);
  expect(previewText).toContain('¥50,000.00');
  expect(previewText).toContain('<clock>');
  await shot(mona, 'preview');

  // Typing changes the preview at once, through the same component.
  await mona.fill('#f-title', '预览里的新标题');
  await expectText(mona, '#preview .campaign-title', '预览里的新标题');
});

test('ending early is explained before it happens; after a resume the message says resumed', async () => {
  const mona = await newPage();
  await logIn(mona, 'mona');
  await mona.waitForSelector('#campaign-table');
  await mona.click('#campaign-table tr[data-slug="double11-demo"] a.campaign-name');
  await mona.waitForSelector('#action-pause');

  await mona.click('#action-end');
  await expectText(mona, '.dialog', '提前结束');
  await expectText(mona, '#end-now-settlement', '现在结束会在此刻');
  await expectText(mona, '#end-now-settlement', '最后一次瓜分和免单大奖抽奖');
  await shot(mona, 'end-dialog');
  await mona.click('.dialog .button:not(#dialog-confirm)');

  await mona.click('#action-pause');
  await mona.click('#dialog-confirm');
  await expectText(mona, '#editor-notice', '活动已暂停');
  await mona.click('#action-resume');
  await mona.click('#dialog-confirm');
  await expectText(mona, '#editor-notice', '活动已恢复');
  expect(await mona.locator('#editor-notice').innerText()).not.toContain('已发布');
});

test('mona creates a coupon and a group deal; shoppers see them in the app; the dashboard shows the claim', async () => {
  const mona = await newPage();
  await logIn(mona, 'mona');
  await mona.waitForSelector('#campaign-table');
  const demo = (await runAs(await login('mona'), 'listCampaigns', {})).campaigns.find((c) => c.slug === 'double11-demo')!;

  // --- A coupon: the server's field messages land on the fields, in Chinese.
  await mona.click('.topbar__nav a:text("优惠券")');
  await mona.click('#new-coupon');
  await mona.waitForSelector('#f-title');
  await mona.fill('#f-stockTotal', '十张');
  await mona.click('#save-coupon');
  await expectText(mona, '.field[data-field="stockTotal"] .field__errors', '请填整数');
  await mona.fill('#f-stockTotal', '500');
  await mona.click('#save-coupon');
  await expectText(mona, '.field[data-field="title"] .field__errors', '券名称不能为空');
  await mona.fill('#f-title', '控制台满减券');
  await mona.fill('#f-thresholdYuan', '200');
  await mona.fill('#f-discountYuan', '20');
  await mona.selectOption('#f-status', 'live');
  await shot(mona, 'coupon-form');
  await mona.click('#save-coupon');
  await expectText(mona, '#coupon-table', '控制台满减券');
  await expectText(mona, '#coupon-table', '每满 ¥200.00 减 ¥20.00');
  const coupon = (await runAs(await login('mona'), 'listCouponTemplates', { campaignId: demo.campaignId })).coupons.find(
    (c) => c.title === '控制台满减券',
  )!;
  expect(coupon).toMatchObject({ kind: 'cross_store', thresholdFen: 20_000, discountFen: 2_000, stockTotal: 500, status: 'live' });
  await shot(mona, 'coupons');

  // --- A group deal on a catalog product.
  await mona.click('.topbar__nav a:text("拼团活动")');
  await mona.click('#new-deal');
  await mona.waitForSelector('#f-productId');
  const productId = await mona.locator('#f-productId option').nth(1).getAttribute('value');
  await mona.selectOption('#f-productId', productId!);
  await mona.fill('#f-groupPriceYuan', '9.9');
  await mona.fill('#f-size', '2');
  await mona.click('#save-deal');
  await mona.waitForSelector(`#deal-table`);
  const deal = (await runAs(await login('mona'), 'listGroupBuyDeals', { campaignId: demo.campaignId })).deals.find(
    (d) => d.productId === productId && d.groupPriceFen === 990,
  )!;
  expect(deal).toMatchObject({ size: 2, status: 'live' });
  await expectText(mona, `#deal-table tr[data-deal-id="${deal.dealId}"]`, '¥9.90');
  // Editing the terms says a new version comes of it.
  await mona.click(`#deal-table tr[data-deal-id="${deal.dealId}"] a`);
  await mona.waitForSelector('#deal-version-note');
  await mona.fill('#f-groupPriceYuan', '8.8');
  await expectText(mona, '#deal-version-note', '将生成第 2 版');
  await shot(mona, 'deal-form');
  await mona.click('a.back');

  // --- The shopper's app: the coupon centre and the deal list show them.
  const alicePage = await newPage({ width: 390, height: 844 });
  await alicePage.goto(`${host.url}/#/packages/shop/coupons/index`);
  await alicePage.waitForURL(/pages\/login\/index/);
  await alicePage.click('#demo-alice');
  await alicePage.waitForURL((u) => !u.hash.includes('pages/login'));
  await expectText(alicePage, `#coupon-${coupon.couponId}`, '控制台满减券');
  await shot(alicePage, 'app-coupons');
  await alicePage.goto(`${host.url}/#/packages/shop/deals/index`);
  await expectText(alicePage, `#deal-${deal.versionId}`, deal.product.title);
  await shot(alicePage, 'app-deals');

  // --- Alice claims it; the dashboard counts the claim.
  await runAs(await login('alice'), 'claimCoupon', { templateId: coupon.couponId, requestId: `console-merch-${Date.now()}` });
  await mona.goto(`${consoleUrl}#/campaigns/${demo.campaignId}/stats`);
  await mona.waitForSelector('#stats-coupons');
  await expectText(mona, `#stats-coupons tr[data-id="${coupon.couponId}"] td[data-col="claimed"]`, '1');
  await mona.waitForSelector(`#stats-deals tr[data-id="${deal.dealId}"]`);
  // The charts stop at today; the rest of the window is plan only.
  const stats = await runAs(await login('mona'), 'campaignStats', { campaignId: demo.campaignId });
  const budget = JSON.parse((await mona.locator('#chart-budget .chart__plot').getAttribute('data-series'))!) as Record<
    string,
    Array<number | null>
  >;
  const spent = budget['已花（累计）']!;
  expect(spent).toHaveLength(stats.daily.length + stats.planned.length);
  expect(spent.slice(stats.daily.length).every((v) => v === null)).toBe(true);
  expect(budget['计划']!.slice(stats.daily.length).every((v) => typeof v === 'number')).toBe(true);
  const [download] = await Promise.all([mona.waitForEvent('download'), mona.click('#export-coupons')]);
  expect(download.suggestedFilename()).toBe('double11-demo-coupons.csv');
  const csv = fs.readFileSync((await download.path())!, 'utf8');
  expect(csv).toContain(`${coupon.couponId},控制台满减券,cross_store,500,499,1,0`);
  await shot(mona, 'dashboard');

  // --- The audit log: the coupon's creation with its values, filtered by kind.
  await mona.goto(`${consoleUrl}#/audit`);
  await mona.waitForSelector('#audit-table');
  await mona.selectOption('#audit-kind', 'coupon');
  await expectText(mona, '#audit-table tr[data-action="coupon.create"] .diff', '控制台满减券');
  const kinds = await mona.locator('#audit-table tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
  expect(kinds.every((k) => k?.startsWith('coupon.'))).toBe(true);
  await shot(mona, 'audit');
});

test('a viewer sees the dashboard and the audit log, and nothing that edits', async () => {
  await runAsMaster('importUsers', { users: [{ username: 'vera', password: 'demo1234', gender: 'female', taoqi: 0, roles: ['viewer'] }] });
  const vera = await newPage();
  await logIn(vera, 'vera');
  await vera.waitForSelector('#campaign-table');
  await expectText(vera, '#viewer-badge', '只读');
  expect(await vera.locator('#new-campaign').count()).toBe(0);
  expect(await vera.locator('.topbar__nav a').allInnerTexts()).toEqual(['活动', '操作日志']);
  const row = vera.locator('#campaign-table tr[data-slug="double11-demo"]');
  expect(await row.locator('a', { hasText: '编辑' }).count()).toBe(0);
  await row.locator('a', { hasText: '数据' }).click();
  await vera.waitForSelector('#totals');
  expect(await vera.locator('.lifecycle').count()).toBe(0);
  await vera.goto(`${consoleUrl}#/audit`);
  await vera.waitForSelector('#audit-table');
  await vera.goto(`${consoleUrl}#/coupons`);
  await expectText(vera, '.state--empty', '只能查看数据看板和操作日志');
  await shot(vera, 'viewer');
});
