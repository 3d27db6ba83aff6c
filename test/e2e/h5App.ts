/**
 * Shared pieces of the H5 end-to-end tests: a test host serving a test build of the app,
 * headless Chromium, fresh browser profiles per user, demo logins, screenshots and waits.
 *
 * Needs /usr/bin/chromium (Debian package `chromium`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestHost, type TestHost } from '../support/host';
import { ROOT, buildForTest } from './buildBundle';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Without the background-networking flags Chromium keeps dialling out on this closed network. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const ARTIFACTS = path.join(ROOT, 'test/artifacts');
export const H5_DIR = path.join(ROOT, 'dist/test-h5');
export const UI_TIMEOUT_MS = 15_000;

/** Everything that goes into the H5 build: when none of it is newer than the build, the build is reused. */
const BUILD_INPUTS = ['src', 'config', 'babel.config.js', 'package.json', 'tsconfig.json'];

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(target).reduce((newest, name) => Math.max(newest, newestMtime(path.join(target, name))), stat.mtimeMs);
}

/**
 * Builds the H5 app for the test host unless the last test build is newer than every source
 * file and was made with the same credentials: several test files share one build, which keeps
 * each file well under its time budget.
 */
export function ensureH5Build(host: TestHost): void {
  const stampFile = path.join(H5_DIR, 'test-build-stamp.json');
  const credentials = `${host.appId}:${host.appKey}`;
  const sourcesChanged = BUILD_INPUTS.reduce((newest, input) => Math.max(newest, newestMtime(path.join(ROOT, input))), 0);
  try {
    const stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8')) as { credentials: string; builtAt: number };
    if (stamp.credentials === credentials && stamp.builtAt > sourcesChanged && fs.existsSync(path.join(H5_DIR, 'index.html'))) return;
  } catch {
    // no stamp yet: build
  }
  const startedAt = Date.now();
  // Empty SERVER_URL: the page talks to the origin that served it (the test host).
  buildForTest('h5', { appId: host.appId, appKey: host.appKey, serverUrl: '' });
  fs.writeFileSync(stampFile, JSON.stringify({ credentials, builtAt: startedAt }));
}

export interface H5App {
  host: TestHost;
  /** A fresh browser profile (its own localStorage, so its own logged-in user); 390×844 unless told. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/** A demo-mode test host serving the H5 test build, and a browser to drive it. */
export async function startH5App(): Promise<H5App> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  // The host serves the folder it is given; it must exist before the host starts.
  fs.mkdirSync(H5_DIR, { recursive: true });
  const host = await startTestHost({ demo: true, h5Dir: H5_DIR });
  ensureH5Build(host);
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  const contexts: BrowserContext[] = [];
  return {
    host,
    async newPage(viewport = { width: 390, height: 844 }) {
      const context = await browser.newContext({ viewport, locale: 'zh-CN' });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(UI_TIMEOUT_MS);
      page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
      return page;
    },
    async close() {
      await browser.close();
      await host.stop();
    },
  };
}

/**
 * Waits until the page has drawn what the last action changed and nothing on it moves: two frames
 * (so that a slide or transition the action started has begun), then every finite animation and
 * transition (a sheet sliding up, a toast fading) has ended. Endless ones (a spinner) are not waited for.
 */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
  );
}

/** Waits until the first element matching `selector` no longer reads `before`: a live countdown ticked. */
export async function textChanges(page: Page, selector: string, before: string | null, timeout = UI_TIMEOUT_MS): Promise<void> {
  await page.waitForFunction(([sel, old]) => document.querySelector(sel)?.textContent !== old, [selector, before] as const, { timeout });
}

export async function shot(page: Page, name: string): Promise<void> {
  await settled(page);
  await page.screenshot({ path: path.join(ARTIFACTS, `h5-${name}.png`), fullPage: true });
}

/** Opens `url` (an in-app route, e.g. /packages/list/home/index?groupId=…), logs in with the demo account, and lands there. */
export async function openAs(page: Page, app: H5App, username: string, route: string): Promise<void> {
  await page.goto(`${app.host.url}/#${route}`);
  await page.waitForURL(/pages\/login\/index/);
  await page.click(`#demo-${username}`);
  await page.waitForURL((u) => !u.hash.includes('pages/login'));
}

/** Waits until the first element matching `selector` contains `text`. */
export async function expectText(page: Page, selector: string, text: string, timeout = UI_TIMEOUT_MS): Promise<void> {
  await page.locator(selector, { hasText: text }).first().waitFor({ state: 'visible', timeout });
}

/** Taps the confirm button of the open Taro modal (showModal). */
export async function confirmModal(page: Page): Promise<void> {
  await page.locator('.taro__modal .taro-model__confirm').click();
}

/**
 * Taps the confirm button of the app's own checkout sheet (components/ConfirmSheet): an in-app
 * bottom sheet, not the platform's modal, which must not be open beside it.
 */
export async function confirmSheet(page: Page): Promise<void> {
  await page.locator('#confirm-sheet').waitFor({ state: 'visible' });
  await expect(page.locator('.taro__modal').isVisible()).resolves.toBe(false);
  await page.locator('#sheet-confirm').click();
  await page.locator('#confirm-sheet').waitFor({ state: 'detached' });
}
