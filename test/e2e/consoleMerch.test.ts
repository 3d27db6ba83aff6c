/**
 * End-to-end: the console in Chinese (its default) beside the H5 app, on one demo-mode test host.
 * The live preview is the app's own campaign page component: its text equals the page's; the
 * language switch; the end dialog's warning; the message after a resume.
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
import { initSdk } from '../support/sdk';
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
  await expectText(page, '.topbar__nav', '操作日志');
  await expectText(page, '#campaign-table tr[data-slug="double11-demo"]', '已发布');
  // Money one way: thousands separators.
  await expectText(page, '#campaign-table tr[data-slug="double11-demo"]', /¥\d{1,3}(,\d{3})+\.\d\d/);
  await shot(page, 'list-zh');

  await page.click('#lang-en');
  await expectText(page, '.topbar__nav', 'Audit log');
  await expectText(page, '#campaign-table tr[data-slug="double11-demo"]', 'Published');
  await page.reload();
  await expectText(page, '.topbar__nav', 'Import users');
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
