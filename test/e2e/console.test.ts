/**
 * End-to-end: the marketer console (console/, built with esbuild for the test host's
 * credentials into dist/test-console) in headless Chromium, served by a demo-mode test host at
 * /console/. Mona, the demo marketer, sets up a campaign, previews and publishes it; shoppers
 * then act through the API and the dashboard's numbers and charts follow. Screenshots land in
 * test/artifacts/ (gitignored).
 *
 * Needs /usr/bin/chromium (Debian package `chromium`).
 * Run: NODE_OPTIONS=--experimental-vm-modules npx jest test/e2e/console.test.ts
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestHost, type TestHost } from '../support/host';
import { initSdk, login, runAs, runAsMaster } from '../support/sdk';
import { ROOT } from './buildBundle';
import { createActiveGroup } from './groupSetup';
import { ARTIFACTS, CHROMIUM, CHROMIUM_FLAGS, UI_TIMEOUT_MS, settled } from './h5App';
import { at, firstOf } from '../support/at';

dayjs.extend(utc);
dayjs.extend(timezone);

const CONSOLE_DIR = path.join(ROOT, 'dist/test-console');
const TZ = 'Asia/Shanghai';

jest.setTimeout(120_000);

let host: TestHost;
let browser: Browser;
let consoleUrl: string;

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  // The host serves the folder it is given only if it exists when the host starts; the build
  // needs the host's credentials: so folder, host, then build into the folder.
  fs.mkdirSync(CONSOLE_DIR, { recursive: true });
  host = await startTestHost({ demo: true, consoleDir: CONSOLE_DIR });
  execFileSync(process.execPath, [path.join(ROOT, 'console/build.mjs')], {
    cwd: ROOT,
    stdio: 'pipe',
    env: { ...process.env, OUT_DIR: path.relative(ROOT, CONSOLE_DIR), APP_ID: host.appId, APP_KEY: host.appKey },
  });
  consoleUrl = `${host.url}/console/`;
  initSdk(host);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

/** A fresh desktop browser profile (its own localStorage, so its own logged-in user). */
async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US', acceptDownloads: true });
  // The console speaks Chinese unless switched; this file checks the English wording (consoleMerch.test.ts the Chinese).
  await context.addInitScript(() => localStorage.setItem('console.lang', 'en'));
  const page = await context.newPage();
  page.setDefaultTimeout(UI_TIMEOUT_MS);
  page.on('pageerror', (error) => console.error(`[console page error] ${error.message}`));
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `console-${name}.png`), fullPage: true });
}

async function logIn(page: Page, username: string, password = 'demo1234'): Promise<void> {
  await page.goto(consoleUrl);
  await page.fill('#login-username', username);
  await page.fill('#login-password', password);
  await page.click('#login-submit');
}

async function cellText(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? '').trim();
}

/** Waits until the first element matching `selector` contains `expected`; on a timeout, keeps a screenshot of what was there. */
async function expectText(page: Page, selector: string, expected: string | RegExp): Promise<void> {
  try {
    await page.locator(selector, { hasText: expected }).first().waitFor({ state: 'visible' });
  } catch (error) {
    await shot(page, 'failure').catch(() => undefined);
    throw error;
  }
}

/** Wall-clock time in the campaign zone, as a datetime-local input takes it. */
function local(at: dayjs.Dayjs): string {
  return at.tz(TZ).format('YYYY-MM-DDTHH:mm');
}

const rid = () => `console-e2e-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

test('the console is served at /console/ and refuses an account that is not a marketer', async () => {
  const response = await fetch(consoleUrl);
  expect(response.status).toBe(200);
  expect(await response.text()).toContain('Marketer console');

  const page = await newPage();
  await logIn(page, 'alice');
  await expectText(page, '#login-error', 'This account is not a marketer');
  await logIn(page, 'mona', 'wrong-password');
  await expectText(page, '#login-error', 'Username and password do not match');
  await page.context().close();
});

test('mona creates, previews and publishes a campaign; activity shows on the dashboard', async () => {
  const mona = await newPage();
  await logIn(mona, 'mona');
  await mona.waitForSelector('#campaign-table');
  // The demo campaign (seeded, running) is listed.
  await expectText(mona, '#campaign-table tr[data-slug="double11-demo"]', 'Published');

  // --- A new campaign whose window contains now.
  await mona.click('#new-campaign');
  await mona.waitForSelector('#section-basics');
  const now = dayjs();
  await mona.fill('#f-name', '双十一闺蜜小黑群 E2E');
  await mona.fill('#f-slug', 'e2e-console');
  await mona.fill('#f-startsLocal', local(now.subtract(1, 'hour')));
  // Ends after the demo campaign would have (today + 30 days): the host attributes a split to the
  // campaign whose window (not status) reaches furthest past the slot, so an ended demo campaign
  // with a later end would otherwise take the split.
  await mona.fill('#f-endsLocal', local(now.add(40, 'day')));
  await mona.fill('#f-sharePercent', '100');
  await mona.fill('#f-shareMinYuan', '1');
  await mona.fill('#f-shareMaxYuan', '2.5');
  await mona.fill('#f-budgetYuan', '5000');
  await mona.fill('#f-title', '闺蜜一起买，红包一起分');
  await mona.fill('#f-rulesText', '分享商品得红包；购买群友分享的商品必得红包；每晚 20:00 瓜分。');
  // Not a colour: the server's 142 message lands beside the field.
  await mona.fill('#f-primaryColor', 'red');
  await mona.click('#save-draft');
  await expectText(mona, '.field__errors[data-path="page.primaryColor"]', '必须是颜色值');
  await mona.fill('#f-primaryColor', '#e8393f');
  // The demo campaign still runs: the server names the overlap at the start field.
  await mona.click('#save-draft');
  await expectText(mona, '.field__errors[data-path="startsAt"]', '重叠');

  // The live preview (the app's own page component) follows the form: title, rules, countdowns, call to action.
  await expectText(mona, '#preview .campaign-title', '闺蜜一起买，红包一起分');
  await expectText(mona, '#preview .campaign-rules-text', '每晚 20:00 瓜分');
  await mona.waitForSelector('#preview .campaign-split-countdown');
  await expectText(mona, '#preview .campaign-end-countdown', /39天|40天/);
  await expectText(mona, '#preview', '¥1.00–¥2.50');
  await expectText(mona, '#preview', '创建或加入小黑群');

  // End the demo campaign in a second tab (same session), through its confirmation dialog.
  const other = await mona.context().newPage();
  other.setDefaultTimeout(UI_TIMEOUT_MS);
  await other.goto(consoleUrl);
  await other.click('#campaign-table tr[data-slug="double11-demo"] a:text("Stats")');
  await other.waitForSelector('#totals');
  await other.click('#action-end');
  await expectText(other, '.dialog', 'cannot be resumed');
  await expectText(other, '.dialog', 'runs the final split and the grand-prize draw at this moment');
  await other.click('#dialog-confirm');
  await other.waitForSelector('.page__header .badge--ended');
  await other.close();

  // Now the draft saves; the URL names the new campaign.
  await mona.click('#save-draft');
  await expectText(mona, '#editor-notice', 'Draft saved');
  expect(await mona.locator('.field__errors').count()).toBe(0);
  const campaignId = /#\/campaigns\/([0-9a-f]{24})$/.exec(mona.url())?.[1];
  expect(campaignId).toBeDefined();
  await expectText(mona, '#editor-version', 'Never published');
  await shot(mona, 'editor');

  // Publish, after a dialog that says what will happen.
  await mona.click('#action-publish');
  await expectText(mona, '.dialog', 'published version 1');
  await expectText(mona, '.dialog', 'right away');
  await mona.click('#dialog-confirm');
  await expectText(mona, '#editor-version', 'Published version v1');
  await expectText(mona, '.editor__meta .badge', 'Published');
  const pageView = await runAs(undefined, 'getCampaignPage', {});
  expect(pageView).toMatchObject({
    slug: 'e2e-console',
    running: true,
    page: { title: '闺蜜一起买，红包一起分', primaryColor: '#e8393f' },
  });
  expect(pageView.rewards).toMatchObject({ shareMinFen: 100, shareMaxFen: 250 });

  // --- The dashboard before any activity.
  await mona.goto(`${consoleUrl}#/campaigns/${campaignId}/stats`);
  await mona.waitForSelector('#totals');
  await expectText(mona, '#total-shares .tile__value', '0');
  await expectText(mona, '#total-budget .tile__value', '¥0.00');
  const sharesChartBefore = await mona.locator('#chart-shares .chart__plot').getAttribute('data-series');
  await mona.waitForSelector('#chart-shares canvas');

  // --- Shoppers act through the API: a group of four, a share, a want, a purchase through the share, a split.
  const setup = await createActiveGroup('E2E 小黑群', ['alice', 'bella', 'cathy', 'david']);
  const groupId = setup.group.groupId;
  expect(setup.group.status).toBe('active');
  const product = firstOf(await host.store.query<{ id: string }>('select id from products order by id limit 1'));
  const { item } = await runAs(setup.tokens.alice, 'addWishlistItem', { groupId, productId: product.id, requestId: rid() });
  const shared = await runAs(setup.tokens.alice, 'shareItem', { groupId, itemId: item.itemId, requestId: rid() });
  expect(shared.redPacket).not.toBeNull();
  await runAs(setup.tokens.bella, 'wantItem', { itemId: item.itemId, on: true });
  const bought = await runAs(setup.tokens.cathy, 'simulateCheckout', {
    lines: [{ productId: product.id, qty: 1, shareId: shared.share.shareId }],
    requestId: rid(),
  });
  expect(bought.redPackets.length).toBeGreaterThanOrEqual(1);
  const split = await runAsMaster('runPoolSplit', { slot: new Date().toISOString() });
  expect(split.groupsSplit).toBeGreaterThanOrEqual(1);
  const stats = await runAs(await login('mona'), 'campaignStats', { campaignId: campaignId! });

  // --- The dashboard follows.
  await mona.click('#stats-refresh');
  await expectText(mona, '#total-groups-created .tile__value', '1');
  await expectText(mona, '#total-groups-created .tile__sub', '1 active');
  await expectText(mona, '#total-members .tile__value', '4');
  await expectText(mona, '#total-shares .tile__value', '1');
  await expectText(mona, '#total-shares .tile__sub', '1 with a response');
  await expectText(mona, '#total-purchases .tile__value', '1');
  await expectText(mona, '#total-red-packets .tile__value', String(stats.totals.redPacketsIssued));
  expect(stats.totals.redPacketsIssued).toBeGreaterThanOrEqual(2);
  expect(stats.totals.splits).toBeGreaterThanOrEqual(1);
  await expectText(mona, '#total-splits .tile__value', String(stats.totals.splits));
  await expectText(mona, '#total-splits .tile__sub', yuanText(stats.totals.splitFen));
  expect(stats.totals.budgetSpentFen).toBeGreaterThan(0);
  await expectText(mona, '#total-budget .tile__value', yuanText(stats.totals.budgetSpentFen));
  // Funnel: 1 of 4 members shared; the one share got a response.
  await expectText(mona, '#funnel-share .funnel__value', '25.0%');
  await expectText(mona, '#funnel-share .funnel__benchmark', '41%');
  await expectText(mona, '#funnel-response .funnel__value', '100.0%');
  await expectText(mona, '#funnel-response .funnel__benchmark', '68%');
  // Today's row, in the campaign's zone.
  const today = dayjs().tz(TZ).format('YYYY-MM-DD');
  const row = `#daily-table tr[data-date="${today}"]`;
  expect(await cellText(mona, `${row} td:nth-child(4)`)).toBe('1'); // shares
  expect(await cellText(mona, `${row} td:nth-child(5)`)).toBe('1'); // purchases through shares
  // The charts were redrawn with the new numbers.
  const sharesChartAfter = await mona.locator('#chart-shares .chart__plot').getAttribute('data-series');
  expect(sharesChartAfter).not.toBe(sharesChartBefore);
  expect(JSON.parse(sharesChartAfter!).Shares).toContain(1);
  const budgetSeries = JSON.parse((await mona.locator('#chart-budget .chart__plot').getAttribute('data-series'))!);
  expect(Math.max(...budgetSeries['Spent (cumulative)'])).toBe(stats.totals.budgetSpentFen);
  expect(budgetSeries.Plan[budgetSeries.Plan.length - 1]).toBe(500_000);
  await settled(mona);
  await shot(mona, 'dashboard');

  // CSV export of the daily numbers, made in the browser.
  const [download] = await Promise.all([mona.waitForEvent('download'), mona.click('#export-csv')]);
  expect(download.suggestedFilename()).toBe('e2e-console-daily.csv');
  const csv = fs.readFileSync((await download.path())!, 'utf8').replace(/^\ufeff/, '');
  const lines = csv.trim().split(/\r\n/);
  expect(lines[0]).toBe(
    'date,groups_created,groups_active,shares,purchases_through_shares,red_packets_issued,split_yuan,budget_spent_yuan,budget_spent_cumulative_yuan,budget_plan_cumulative_yuan',
  );
  expect(lines).toHaveLength(stats.daily.length + 1);
  const todayCsv = lines.find((l) => l.startsWith(today))!.split(',');
  expect(todayCsv.slice(1, 6)).toEqual(['1', '1', '1', '1', String(stats.daily.find((d) => d.date === today)!.redPacketsIssued)]);

  // Pause and resume, each confirmed.
  await mona.click('#action-pause');
  await expectText(mona, '.dialog', 'stops paying rewards');
  await mona.click('#dialog-confirm');
  await mona.waitForSelector('.page__header .badge--paused');
  await mona.click('#action-resume');
  await mona.click('#dialog-confirm');
  await mona.waitForSelector('.page__header .badge--published');

  // The audit log has it all, newest first.
  await mona.goto(`${consoleUrl}#/audit?campaignId=${campaignId}`);
  await mona.waitForSelector('#audit-table');
  const actions = await mona.locator('#audit-table tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
  // The operator's split (runPoolSplit with the master key) is recorded too.
  expect(actions).toEqual(['campaign.resume', 'campaign.pause', 'split.run', 'campaign.publish', 'campaign.create']);
  await expectText(mona, '#audit-table', 'mona');
  await shot(mona, 'audit');
});

test("users import: a marketer's import creates accounts, and rejects rows with reasons, an existing account's included", async () => {
  const page = await newPage();
  await logIn(page, 'mona');
  await page.waitForSelector('#campaign-table');
  await page.click('.topbar__nav a:text("Import users")');
  await page.fill(
    '#import-csv',
    'username,gender,taoqi,nickname\nzoe_e2e,female,720,Zoe\nbella,female,650,Bella\nx,female,1,\nyan_e2e,robot,600,',
  );
  await page.click('#import-submit');
  await expectText(page, '#import-created .tile__value', '1');
  await expectText(page, '#import-updated .tile__value', '0');
  await expectText(page, '#import-rejected .tile__value', '3');
  const rejected = await page
    .locator('#rejected-table tbody tr')
    .evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('td')).map((td) => td.textContent)));
  expect(rejected.map((r) => r[0])).toEqual(['2', '3', '4']);
  // Only the master key changes an existing account (its password, gender, taoqi).
  expect(at(rejected, 0)[1]).toBe('bella');
  expect(at(rejected, 0)[2]).toContain('已存在');
  expect(at(rejected, 1)[2]).toContain('username');
  expect(at(rejected, 2)[1]).toBe('yan_e2e');
  expect(at(rejected, 2)[2]).toContain('gender');
  await shot(page, 'import');
  await page.context().close();
});

/** "¥1,234.56" from fen (the dashboard's format). */
function yuanText(fen: number): string {
  const yuan = Math.floor(fen / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `¥${yuan}.${String(fen % 100).padStart(2, '0')}`;
}
