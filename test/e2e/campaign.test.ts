/**
 * End-to-end: the campaign page in the H5 build (headless Chromium, real demo test host with
 * its running campaign). Messages shows the campaign's card; its page shows the title, the
 * rules and live countdowns; the entry button opens the create page for a shopper who may
 * create a group (alice) and explains joining by invitation to one who may not (cathy).
 * Screenshots: test/artifacts/h5-campaign-*.png.
 *
 * Run: NODE_OPTIONS=--experimental-vm-modules npx jest test/e2e/campaign.test.ts
 */
import type { Page } from 'playwright-core';
import { initSdk } from '../support/sdk';
import { expectText, openAs, shot, startH5App, textChanges, type H5App } from './h5App';
import { firstOf } from '../support/at';

jest.setTimeout(120_000);

/** The demo campaign's page content (cloud/store/campaigns.ts DEFAULT_PAGE). */
const TITLE = '分享购买赢回血红包';
const CLOCK = /^(\d+天 )?\d\d:\d\d:\d\d$/;

let app: H5App;
let bannerPath: string;

beforeAll(async () => {
  app = await startH5App();
  initSdk(app.host);
  // The demo campaign has no banner; a host-relative picture shows it is loaded from the server.
  const product = firstOf(await app.host.store.query<{ id: string }>('select id from products order by id limit 1'));
  bannerPath = `/images/products/${product.id}.svg`;
  await app.host.store.query(`update campaigns set page = page || jsonb_build_object('bannerUrl', $1::text)`, [bannerPath]);
}, 240_000);

afterAll(async () => {
  await app?.close();
});

/** From Messages, through the campaign card, to the campaign page. */
async function openCampaignFromMessages(page: Page, username: string, screenshot?: string): Promise<void> {
  await openAs(page, app, username, '/pages/messages/index');
  await expectText(page, '#campaign-card', TITLE);
  if (screenshot) await shot(page, screenshot);
  await page.click('#campaign-card');
  await page.waitForURL(/packages\/campaign\/index\/index\?slug=double11-demo/);
  await expectText(page, '.campaign-title', TITLE);
}

test('cathy (taoqi 560) reads the campaign and is told how to join instead', async () => {
  const cathy = await app.newPage();
  await openCampaignFromMessages(cathy, 'cathy', 'campaign-0-messages-card');

  // The banner, with the server's address in front of the host path.
  await expect(cathy.locator('.campaign-banner img').first().getAttribute('src')).resolves.toBe(`${app.host.url}${bannerPath}`);
  // The marketer's rules text, the reward rules and the group rules in plain words.
  await expectText(cathy, '.campaign-rules-text', '每晚 20:00 瓜分');
  await expectText(cathy, '.campaign-reward', '分享红包');
  await expectText(cathy, '.campaign-reward', '购买红包');
  await expectText(cathy, '.campaign-reward', '免单大奖');
  await expectText(cathy, '.campaign-group-rule', '淘气值达到 600 的女生可以创建小黑群');
  await expectText(cathy, '.campaign-group-rule', '每个小黑群 4–15 人');

  // Two live countdowns: to the next split and to the end of the campaign.
  const split = cathy.locator('.campaign-split-countdown');
  await expect(split.textContent()).resolves.toMatch(CLOCK);
  await expect(cathy.locator('.campaign-end-countdown').textContent()).resolves.toMatch(/^\d+天 \d\d:\d\d:\d\d$/);
  const before = await split.textContent();
  await textChanges(cathy, '.campaign-split-countdown', before);
  expect(await split.textContent()).not.toBe(before);
  await shot(cathy, 'campaign-1-page');

  // She may not create a group: the server's reason, the way in by invitation, and her groups.
  await cathy.click('#campaign-entry');
  await expectText(cathy, '.campaign-join-hint', '你可以通过好友的邀请加入小黑群');
  await expectText(cathy, '.campaign-blocked-reason', '创建小黑群需要淘气值达到 600，你的淘气值是 560');
  expect(cathy.url()).toMatch(/packages\/campaign/);
  // Taro's H5 page scrolls inside its own container, so the screenshot shows what is in view.
  await cathy.locator('#campaign-open-groups').scrollIntoViewIfNeeded();
  await shot(cathy, 'campaign-2-cathy-blocked');
  await cathy.click('#campaign-open-groups');
  await cathy.waitForURL(/pages\/groups\/index/);
});

test('alice (female, taoqi 820) goes from the campaign page to creating a group', async () => {
  const alice = await app.newPage();
  await openCampaignFromMessages(alice, 'alice');
  await alice.click('#campaign-entry');
  await alice.waitForURL(/packages\/group\/create\/index/);
  await alice.locator('#group-name-input').waitFor();
  await shot(alice, 'campaign-3-alice-create');
});

test('the page is public; an unknown campaign link shows the empty state', async () => {
  // No login: the page is readable; only the entry button asks who you are.
  const visitor = await app.newPage();
  await visitor.goto(`${app.host.url}/#/packages/campaign/index/index`);
  await expectText(visitor, '.campaign-title', TITLE);
  await visitor.click('#campaign-entry');
  await visitor.waitForURL(/pages\/login\/index\?redirect=/);

  const lost = await app.newPage();
  await lost.goto(`${app.host.url}/#/packages/campaign/index/index?slug=no-such-campaign`);
  await expectText(lost, '.state--empty', '现在没有进行中的活动');
  await expectText(lost, '.state--empty', '这个活动页不存在或还没有发布');
});

test('without a running campaign Messages has no card and the page says so', async () => {
  await app.host.store.query(`update campaigns set status = 'paused' where status = 'published'`);
  try {
    const bella = await app.newPage();
    await openAs(bella, app, 'bella', '/pages/messages/index');
    // Wait for the card's own question to be answered (101, none running) before looking.
    const answered = bella.waitForResponse((r) => r.url().includes('/functions/getCampaignPage'));
    await bella.reload();
    expect((await answered).status()).toBeGreaterThanOrEqual(400);
    await expectText(bella, '.state--empty', '暂时没有新消息');
    expect(await bella.locator('#campaign-card').count()).toBe(0);

    await bella.goto(`${app.host.url}/#/packages/campaign/index/index`);
    await expectText(bella, '.state--empty', '现在没有进行中的活动');
    await shot(bella, 'campaign-4-none-running');
  } finally {
    await app.host.store.query(`update campaigns set status = 'published' where status = 'paused'`);
  }
});
