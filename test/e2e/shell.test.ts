/**
 * End-to-end, the app's shell on H5: the title bar on every inner page (its back button, and a
 * home button on a page opened straight from a link), dead ends that lead back to the group
 * list, the tab bar's icons, profile editing and logout, and the invitation poster. The
 * screenshots of each page at 375×812 are the ones in docs/screenshots/ (README shows a few).
 *
 * Needs /usr/bin/chromium (Debian package `chromium`). Run: npx jest test/e2e/shell.test.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from './buildBundle';
import { createActiveGroup, type ActiveGroup } from './groupSetup';
import { expectText, openAs, settled, startH5App, type H5App } from './h5App';
import { initSdk, login, runAs } from '../support/sdk';

jest.setTimeout(240_000);

const PHONE = { width: 375, height: 812 };
const SCREENSHOTS = path.join(ROOT, 'docs/screenshots');
const UNKNOWN_ID = 'ffffffffffffffffffffffff';

let app: H5App;
let setup: ActiveGroup;

beforeAll(async () => {
  app = await startH5App();
  initSdk(app.host);
  setup = await createActiveGroup('周末闺蜜团', ['alice', 'bella', 'emma', 'ivy']);
}, 600_000);

afterAll(async () => {
  await app?.close();
});

/** A screenshot of the whole page for the docs (docs/screenshots/<name>.png). */
async function docShot(page: Page, name: string): Promise<void> {
  await settled(page);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

const titleBar = (page: Page) => page.locator('#taro-navigation-bar');
const backButton = (page: Page) => page.locator('#taro-navigation-bar .taro-navigation-bar-back');
const homeButton = (page: Page) => page.locator('#taro-navigation-bar .taro-navigation-bar-home');

async function expectTitle(page: Page, title: string): Promise<void> {
  await page.waitForFunction(
    (expected) => document.querySelector('#taro-navigation-bar .taro-navigation-bar-title')?.textContent === expected,
    title,
  );
  await titleBar(page).waitFor({ state: 'visible' });
}

/** Opens an inner page by tapping `selector`, checks its title bar, and comes back with its back button. */
async function visitAndGoBack(page: Page, selector: string, title: string, shotName?: string): Promise<void> {
  const before = new URL(page.url()).hash.split('?')[0];
  await page.click(selector);
  await expectTitle(page, title);
  await backButton(page).waitFor({ state: 'visible' });
  expect(await homeButton(page).isVisible()).toBe(false);
  if (shotName) await docShot(page, shotName);
  await backButton(page).click();
  await page.waitForURL((u) => u.hash.split('?')[0] === before);
  await settled(page);
}

/** Opens a route as a fresh visit from a link (a new page load, so no history inside the app). */
async function openFromLink(page: Page, route: string): Promise<void> {
  await page.goto(`${app.host.url}/#${route}`);
  await page.reload();
}

async function openTab(page: Page, label: '消息' | '小黑群' | '我的'): Promise<void> {
  await page.locator('.weui-tabbar__label', { hasText: new RegExp(`^${label}$`) }).click();
  await expectTitle(page, label);
}

test('every inner page has a title bar whose back button returns to where the user came from', async () => {
  const page = await app.newPage(PHONE);
  const groupId = setup.group.groupId;
  await page.goto(`${app.host.url}/`);
  await page.waitForURL(/pages\/login\/index/);
  // Every demo account is offered, the marketer included; the login page has no title bar.
  for (const username of ['alice', 'grace', 'paul', 'mona']) await page.locator(`#demo-${username}`).waitFor();
  expect(await titleBar(page).isVisible()).toBe(false);
  await docShot(page, '00-login');
  await page.click('#demo-alice');
  await page.waitForURL((u) => !u.hash.includes('pages/login'));

  // Tab pages: a title, no back or home button; the tab bar draws an icon for each tab.
  await expectTitle(page, '消息');
  expect(await backButton(page).isVisible()).toBe(false);
  expect(await homeButton(page).isVisible()).toBe(false);
  const icons = page.locator('.weui-tabbar__icon');
  expect(await icons.count()).toBe(3);
  for (let i = 0; i < 3; i++) {
    const size = await icons
      .nth(i)
      .evaluate((img) => ({ w: (img as HTMLImageElement).naturalWidth, h: (img as HTMLImageElement).naturalHeight }));
    expect(size).toEqual({ w: 81, h: 81 });
  }
  await page.locator('#campaign-card').waitFor();
  await docShot(page, '01-messages');

  await visitAndGoBack(page, '#campaign-card', '活动', '07-campaign');
  await page.click('#plus-button');
  await visitAndGoBack(page, '#menu-create-group', '创建小黑群');

  await openTab(page, '小黑群');
  await page.locator(`#group-${groupId}`).waitFor();
  await docShot(page, '02-groups');
  await page.click(`#group-${groupId}`);
  await expectTitle(page, '小黑群');
  await page.locator('#open-wishlist').waitFor();
  await docShot(page, '04-group-home');
  await visitAndGoBack(page, '#open-wishlist', '商品共享清单', '06-shared-list');
  await page.click('#open-wishlist');
  await expectTitle(page, '商品共享清单');
  await visitAndGoBack(page, '#add-item-button', '添加宝贝');
  await backButton(page).click();
  await expectTitle(page, '小黑群');
  await visitAndGoBack(page, '#open-splits', '瓜分结果');
  await visitAndGoBack(page, '#open-pooled-orders', '领券拼单');
  await backButton(page).click();
  await expectTitle(page, '小黑群');
  await page.waitForURL(/pages\/groups\/index/);

  await openTab(page, '我的');
  await page.locator('.me-taoqi').waitFor();
  await settled(page);
  await visitAndGoBack(page, '#wallet-link', '我的钱包', '09-wallet');
  await visitAndGoBack(page, '#coupons-link', '领券中心');
  await visitAndGoBack(page, '#deals-link', '拼团', '08-deals');
  await visitAndGoBack(page, '#edit-profile', '编辑资料');
});

test('going back at once from a page opened on 我的 leaves 我的 on screen', async () => {
  const page = await app.newPage(PHONE);
  await page.clock.install();
  await openAs(page, app, 'bella', '/pages/me/index');
  await expectTitle(page, '我的');
  await page.locator('.me-taoqi').waitFor();

  // The page's clock stands still while the user taps: whatever the router means to finish later
  // (a slide, hiding the page underneath) is still pending at the back tap, however fast the
  // machine; only what a browser runs at once (zero-delay timers) is let run before it. runFor
  // then fires the rest, without waiting it out.
  await page.clock.pauseAt(Date.now() + 1_000);
  await page.click('#coupons-link');
  await expectTitle(page, '领券中心');
  await page.clock.runFor(1);
  await backButton(page).click();
  await expectTitle(page, '我的');
  await page.clock.runFor(2_000);
  expect(await page.locator('.me-page').isVisible()).toBe(true);
  await page.clock.resume();
  await page.click('#wallet-link');
  await expectTitle(page, '我的钱包');
});

test('a page opened from a link offers home instead of back, and a stale link leads back to the group list', async () => {
  const page = await app.newPage(PHONE);
  // A pooled order that does not exist: no endless 重试, a way back instead.
  await openAs(page, app, 'bella', `/packages/shop/pooled/index?id=${UNKNOWN_ID}`);
  await expectTitle(page, '拼单');
  await homeButton(page).waitFor({ state: 'visible' });
  expect(await backButton(page).isVisible()).toBe(false);
  await page.locator('.state--dead-end #state-exit').waitFor();
  expect(await page.locator('.state-retry').count()).toBe(0);
  await docShot(page, '11-stale-link');
  await page.click('#state-exit');
  await page.waitForURL(/pages\/groups\/index/);
  await expectTitle(page, '小黑群');

  // A group buy that is gone: the home button goes to the first tab.
  await openFromLink(page, `/packages/shop/groupbuy/index?id=${UNKNOWN_ID}`);
  await expectTitle(page, '拼团详情');
  await page.locator('#state-exit').waitFor();
  await homeButton(page).click();
  await page.waitForURL(/pages\/messages\/index/);
  await expectTitle(page, '消息');

  // An invitation that does not exist: the join page explains and offers the group list.
  await openFromLink(page, '/packages/group/join/index?code=ZZZZZZZZZZ');
  await expectTitle(page, '加入小黑群');
  await expectText(page, '.join-problem', '去看看我的小黑群');
  await homeButton(page).waitFor({ state: 'visible' });

  // Someone who is not (or no longer) a member opens the group's page: told so, with a way out.
  const cathy = await app.newPage(PHONE);
  await openAs(cathy, app, 'cathy', `/packages/group/home/index?groupId=${setup.group.groupId}`);
  await expectText(cathy, '.state--dead-end .state__title', '你没有权限查看这里');
  expect(await cathy.locator('.state-retry').count()).toBe(0);
  await cathy.click('#state-exit');
  await cathy.waitForURL(/pages\/groups\/index/);
});

test('a member makes an invitation poster with a QR code of the join link', async () => {
  const page = await app.newPage(PHONE);
  await openAs(page, app, 'emma', `/packages/group/home/index?groupId=${setup.group.groupId}`);
  await page.click('#invite-button');
  await page.click('#invite-poster-button');
  await expectText(page, '#invite-poster .invite-poster__name', '周末闺蜜团');
  const qr = page.locator('#invite-poster-qr img');
  await qr.waitFor();
  expect(await qr.getAttribute('src')).toMatch(/^data:image\/gif;base64,/);
  expect(await qr.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(100);
  await page.locator('#invite-poster').scrollIntoViewIfNeeded();
  await docShot(page, '05-invite-poster');
});

test('a user changes her nickname and avatar on 我的, and logs out', async () => {
  const page = await app.newPage(PHONE);
  await openAs(page, app, 'lily', '/pages/me/index');
  await expectText(page, '.me-nickname', 'Lily 莉莉');
  await docShot(page, '03-me');
  await page.click('#edit-profile');
  await expectTitle(page, '编辑资料');
  const nickname = page.locator('#nickname-input input');
  await nickname.fill('   ');
  await page.click('#save-profile');
  await expectText(page, '.profile-error', '昵称不能为空');
  await nickname.fill('  莉莉酱  ');
  const chooser = page.waitForEvent('filechooser');
  await page.click('#choose-avatar');
  await (await chooser).setFiles(path.join(ROOT, 'src/assets/tabbar/me-active.png'));
  await page.locator('.profile-editor img.avatar, .profile-editor .avatar img').first().waitFor();
  await docShot(page, '10-profile-edit');
  await page.click('#save-profile');
  // Saved: back on 我的, which shows the new nickname and picture.
  await page.waitForURL(/pages\/me\/index/);
  await expectText(page, '.me-nickname', '莉莉酱');
  const avatar = page.locator('.me-profile img.avatar, .me-profile .avatar img').first();
  await avatar.waitFor();
  expect(await avatar.getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/);
  // Saved on the server, not only on this page.
  const me = await runAs(await login('lily'), 'me', {});
  expect(me.user.nickname).toBe('莉莉酱');
  expect(me.user.avatarUrl).toMatch(/^data:image\/jpeg;base64,/);

  await page.click('#logout-button');
  await page.waitForURL(/pages\/login\/index/);
  await page.goto(`${app.host.url}/#/pages/me/index`);
  await page.waitForURL(/pages\/login\/index/);
});

test('on a wide screen the app sits in a phone-width frame', async () => {
  const page = await app.newPage({ width: 1280, height: 800 });
  await openAs(page, app, 'ivy', '/pages/messages/index');
  await expectTitle(page, '消息');
  const frame = await page.locator('.taro-tabbar__container').boundingBox();
  expect(frame?.width).toBeLessThanOrEqual(430);
  expect(Math.round((frame?.x ?? 0) + (frame?.width ?? 0) / 2)).toBe(640);
  await docShot(page, '12-desktop-frame');
});
