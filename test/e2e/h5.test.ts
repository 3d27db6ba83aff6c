/**
 * End-to-end: the production H5 build in headless Chromium against a real test host (demo
 * users seeded). Screenshots land in test/artifacts/ (gitignored).
 *
 * Needs /usr/bin/chromium (Debian package `chromium`). Run: npx jest test/e2e/h5.test.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestHost, type TestHost } from '../support/host';
import { ARTIFACTS, CHROMIUM, CHROMIUM_FLAGS, H5_DIR, UI_TIMEOUT_MS, ensureH5Build, settled } from './h5App';

jest.setTimeout(120_000);

let host: TestHost;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  // The host serves the folder it is given; it must exist before the host starts, and the
  // build needs the host's credentials, so: folder, host, then build into the folder.
  fs.mkdirSync(H5_DIR, { recursive: true });
  host = await startTestHost({ demo: true, h5Dir: H5_DIR });
  // Shared with the other H5 test files: rebuilt only when the sources changed.
  ensureH5Build(host);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

/** A fresh browser profile (its own localStorage, so its own logged-in user). */
async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.url });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(UI_TIMEOUT_MS);
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `h5-${name}.png`), fullPage: true });
}

/** Opens `url` (default: the app), lands on the login page, and taps the demo account. */
async function logInAs(page: Page, username: string, url = `${host.url}/`): Promise<void> {
  await page.goto(url);
  await page.waitForURL(/pages\/login\/index/);
  await page.click(`#demo-${username}`);
  await page.waitForURL((u) => !u.hash.includes('pages/login'));
}

async function openTab(page: Page, label: '消息' | '小黑群' | '我的'): Promise<void> {
  await page.locator('.weui-tabbar__label', { hasText: new RegExp(`^${label}$`) }).click();
}

test('a demo user logs in, sees the Me page filled from the backend, and logs out', async () => {
  const page = await newPage();
  await logInAs(page, 'bella');
  await openTab(page, '我的');
  await expectText(page, '.me-taoqi', '640');
  await expectText(page, '.me-nickname', 'Bella');
  await expectText(page, '.me-gender', '女');
  await page.waitForSelector('.me-can-create');
  await shot(page, 'a-me-bella');

  await page.click('#logout-button');
  await page.waitForURL(/pages\/login\/index/);
  // Logged out for real: opening the app again asks for a login.
  await page.goto(`${host.url}/#/pages/me/index`);
  await page.waitForURL(/pages\/login\/index/);
  await shot(page, 'a-logged-out');
});

test('alice creates a group, invites three friends by link, and the group turns active', async () => {
  const alice = await newPage();
  await logInAs(alice, 'alice');
  await alice.click('#plus-button');
  await alice.click('#menu-create-group');
  await alice.waitForURL(/packages\/group\/create/);
  await alice.locator('#group-name-input input').fill('  双十一剁手小分队  ');
  await alice.click('#create-group-submit');
  await alice.waitForURL(/packages\/group\/home/);
  await expectText(alice, '.group-summary__name', '双十一剁手小分队');
  await expectText(alice, '.group-missing', '还差 3 人激活');
  await shot(alice, 'b1-created');

  await alice.click('#invite-button');
  await alice.click('#copy-invite-link');
  await alice.waitForSelector('.invite-copied');
  const shownLink = (await alice.locator('.invite-link').textContent())?.trim() ?? '';
  const copiedLink = await alice.evaluate(() => navigator.clipboard.readText());
  expect(copiedLink).toBe(shownLink);
  expect(copiedLink).toMatch(new RegExp(`^${escapeRegExp(host.url)}/#/packages/group/join/index\\?code=[A-Z0-9]+$`));
  await shot(alice, 'b2-invite');

  for (const [index, friend] of ['bella', 'cathy', 'david'].entries()) {
    const page = await newPage();
    // The link works before login: the login page comes back to the join page.
    await logInAs(page, friend, copiedLink);
    await page.waitForURL(/packages\/group\/join/);
    await expectText(page, '.join-group-name', '双十一剁手小分队');
    await expectText(page, '.join-card__meta', 'Alice');
    await page.click('#join-button');
    await page.waitForURL(/packages\/group\/home/);
    await expectText(page, '.group-summary__name', '双十一剁手小分队');
    await shot(page, `b3-joined-${index + 1}-${friend}`);
    if (friend === 'david') {
      await expectText(page, '.badge', '已激活');
      await page.waitForSelector('.group-active');
    }
  }

  // Alice's open page picks the change up by polling the feed (no reload).
  await expectText(alice, '.badge', '已激活', 20_000);
  await expectText(alice, '.card__title', '成员（4）');
  await shot(alice, 'b4-active');

  // Opening the invitation again as a member explains it and links to the group.
  const bellaAgain = await newPage();
  await logInAs(bellaAgain, 'bella', copiedLink);
  await bellaAgain.waitForSelector('.join-already');
  await bellaAgain.click('#open-group-button');
  await bellaAgain.waitForURL(/packages\/group\/home/);

  // The group appears in the Groups tab (the tab bar is hidden on the group page, so go back).
  await alice.goBack();
  await alice.waitForURL(/pages\/messages\/index/);
  // Messages lists the group like a conversation, with what happened in it last.
  await expectText(alice, '.activity-row__name', '双十一剁手小分队');
  await expectText(alice, '.activity-row__latest', 'David 大卫 加入了小黑群');
  await shot(alice, 'b5-messages-activity');
  // The group's conversation, not the 通知 entry above the groups.
  await alice.click('.activity-row:not(.notices-entry)');
  await alice.waitForURL(/packages\/group\/home/);
  await expectText(alice, '.group-summary__name', '双十一剁手小分队');
  await alice.goBack();
  await alice.waitForURL(/pages\/messages\/index/);
  await openTab(alice, '小黑群');
  await expectText(alice, '.group-row__name', '双十一剁手小分队');
  await shot(alice, 'b6-groups-tab');
});

test('an ineligible user (cathy, taoqi 560) sees why she cannot create a group', async () => {
  const page = await newPage();
  await logInAs(page, 'cathy');
  await page.click('#plus-button');
  const reason = page.locator('.create-blocked-reason');
  await expect(reason.textContent()).resolves.toBeTruthy();
  await expectText(page, '.create-blocked-reason', '560');
  await expectText(page, '.create-blocked-reason', '600');
  // The entry is disabled: tapping it does not leave the Messages page. An enabled entry closes the
  // menu as it navigates, so the menu still open once the tap is drawn shows the tap was refused.
  await page.click('#menu-create-group');
  await settled(page);
  await expect(page.locator('#menu-create-group').isVisible()).resolves.toBe(true);
  expect(page.url()).toMatch(/pages\/messages\/index/);
  await shot(page, 'c1-blocked-menu');

  await openTab(page, '我的');
  await expectText(page, '.me-cannot-create', '560');
  await shot(page, 'c2-me-cathy');

  // Opened directly, the create page gives the same reason, her value and the rule, and offers no create button.
  await page.goto(`${page.url().split('#')[0]}#/packages/group/create/index`);
  await expectText(page, '#create-blocked .create-blocked-reason', '560');
  await expectText(page, '#create-blocked .create-blocked-reason', '600');
  await expect(page.locator('#create-group-submit').count()).resolves.toBe(0);
  await expect(page.locator('#group-name-input').count()).resolves.toBe(0);
  await shot(page, 'c3-create-page-cathy');
});

/** Waits until the first element matching `selector` contains `text`. */
async function expectText(page: Page, selector: string, text: string, timeout = UI_TIMEOUT_MS): Promise<void> {
  await page.locator(selector, { hasText: text }).first().waitFor({ state: 'visible', timeout });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
