/**
 * End-to-end: 我的订单 in the H5 build (headless Chromium, real test host). A shopper buys an item
 * a groupmate shared from the shared list, then finds the order under 我的 → 我的订单 with its
 * state, amount and the red packet it earned, and opens its detail; a shopper without orders
 * sees the empty state. Screenshots: test/artifacts/h5-orders-*.png.
 *
 * Run: npx jest test/e2e/orders.test.ts
 */
import type { Page } from 'playwright-core';
import { initSdk, runAs } from '../support/sdk';
import { firstOf } from '../support/at';
import { createActiveGroup, type ActiveGroup } from './groupSetup';
import { confirmSheet, expectText, openAs, shot, startH5App, type H5App } from './h5App';

jest.setTimeout(120_000);

let app: H5App;
let setup: ActiveGroup;

beforeAll(async () => {
  app = await startH5App();
  initSdk(app.host);
  await app.host.store.query(`update campaigns set config = jsonb_set(config, '{shareReward,probability}', '1')`);
  setup = await createActiveGroup('订单测试群', ['alice', 'bella', 'cathy', 'david']);
}, 240_000);

afterAll(async () => {
  await app?.close();
});

async function openOrders(page: Page): Promise<void> {
  await page.click('#orders-link');
  await page.waitForURL(/packages\/orders\/list/);
}

test('a shopper without orders is told where they come from', async () => {
  const emma = await app.newPage();
  await openAs(emma, app, 'emma', '/pages/me/index');
  await openOrders(emma);
  await expectText(emma, '.state__title', '还没有订单');
  await shot(emma, 'orders-empty');
});

test('after a checkout through a share, 我的订单 lists it with its packet, and its detail shows the lines', async () => {
  const groupId = setup.group.groupId;
  const product = firstOf(
    await app.host.store.query<{ id: string; title: string; price_fen: number }>(
      'select id, title, price_fen from products order by id asc limit 1',
    ),
  );
  const { item } = await runAs(setup.tokens.alice, 'addWishlistItem', {
    groupId,
    productId: product.id,
    requestId: `orders-add-${Date.now()}`,
  });
  await runAs(setup.tokens.alice, 'shareItem', { groupId, itemId: item.itemId, requestId: `orders-share-${Date.now()}` });

  const bella = await app.newPage();
  await openAs(bella, app, 'bella', `/packages/list/home/index?groupId=${groupId}`);
  await bella.locator('.wish-item', { hasText: product.title }).locator('.buy-button').click();
  await confirmSheet(bella);
  await expectText(bella, '.red-packet__caption', '好友分享购买红包');
  await bella.click('#red-packet-close');
  // The list, loaded again, shows who bought it.
  await bella.reload();
  await expectText(bella, '.wish-item', '我 已买');

  await bella.goto(`${app.host.url}/#/pages/me/index`);
  await openOrders(bella);
  const row = bella.locator('.order-row').first();
  await row.waitFor();
  await expectText(bella, '.order-row .order-title', product.title);
  await expectText(bella, '.order-row .order-state', '已下单');
  await expectText(bella, '.order-row .order-money', '实付 ¥');
  await expectText(bella, '.order-row .order-packet', '赢得购买红包 ¥');
  await shot(bella, 'orders-list');

  await row.click();
  await bella.waitForURL(/packages\/orders\/detail/);
  await expectText(bella, '#order-state', '已下单');
  await expectText(bella, '.order-line', product.title);
  await expectText(bella, '.order-line', '来自 Alice');
  await expectText(bella, '#order-packets', '待解锁');
  await shot(bella, 'orders-detail');

  // The group's feed says who bought it through whose share.
  const feed = await runAs(setup.tokens.cathy, 'groupFeed', { groupId });
  expect(feed.events.at(-1)).toMatchObject({ type: 'item_purchased', actorNickname: expect.stringContaining('Bella') });
});
