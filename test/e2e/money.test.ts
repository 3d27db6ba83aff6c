/**
 * End-to-end: the money side in the H5 build (headless Chromium, real test host). A share wins
 * a red packet (the draw made certain), a groupmate buys the shared item and gets the
 * guaranteed packet, the operator runs the pool split, and every member sees their share on
 * the split page and in their wallet. Screenshots: test/artifacts/h5-money-*.png.
 *
 * Run: npx jest test/e2e/money.test.ts
 */
import type { Page } from 'playwright-core';
import { hookSignature } from '../../cloud/host/hookRoutes';
import { initSdk, runAs, runAsMaster } from '../support/sdk';
import { createActiveGroup, type ActiveGroup } from './groupSetup';
import { confirmSheet, expectText, openAs, shot, startH5App, textChanges, type H5App } from './h5App';
import { firstOf } from '../support/at';

jest.setTimeout(120_000);

const MEMBERS = ['alice', 'bella', 'cathy', 'david'] as const;

let app: H5App;
let setup: ActiveGroup;

beforeAll(async () => {
  app = await startH5App();
  initSdk(app.host);
  // Every share wins a packet, so the pop-up is certain.
  await app.host.store.query(`update campaigns set config = jsonb_set(config, '{shareReward,probability}', '1')`);
  setup = await createActiveGroup('红包测试群', [...MEMBERS]);
}, 240_000);

afterAll(async () => {
  await app?.close();
});

const fen = (text: string | null) => Math.round(Number((text ?? '').replace(/[^\d.]/g, '')) * 100);

async function amountIn(page: Page, selector: string): Promise<number> {
  return fen(await page.locator(selector).first().textContent());
}

test('an empty wallet says so', async () => {
  const emma = await app.newPage();
  await openAs(emma, app, 'emma', '/pages/me/index');
  await emma.click('#wallet-link');
  await emma.waitForURL(/packages\/wallet\/home/);
  await expectText(emma, '.wallet-balance-amount', '¥0.00');
  await expectText(emma, '.wallet-empty', '还没有收支记录');
  await shot(emma, 'money-b0-empty-wallet');
});

test('share → red packet; a groupmate buys it → guaranteed packet; the split reaches every member', async () => {
  const groupId = setup.group.groupId;
  const product = firstOf(
    await app.host.store.query<{ id: string; title: string; price_fen: number }>(
      'select id, title, price_fen from products order by id desc limit 1',
    ),
  );
  await runAs(setup.tokens.alice, 'addWishlistItem', { groupId, productId: product.id, requestId: `money-add-${Date.now()}` });
  const listRoute = `/packages/list/home/index?groupId=${groupId}`;
  const card = (page: Page) => page.locator('.wish-item', { hasText: product.title });

  // Alice shares her item: a red packet pop-up with its amount, put into the group pool.
  const alice = await app.newPage();
  await openAs(alice, app, 'alice', listRoute);
  await card(alice).locator('.share-button').click();
  await expectText(alice, '.red-packet__caption', '已放入群红包池');
  const sharePacketFen = await amountIn(alice, '.red-packet__value');
  expect(sharePacketFen).toBeGreaterThan(0);
  await shot(alice, 'money-b1-share-packet');
  await alice.click('#red-packet-close');

  // Bella buys it through Alice's share: the guaranteed packet pop-up.
  const bella = await app.newPage();
  await openAs(bella, app, 'bella', listRoute);
  await expectText(bella, '.wish-item__shared-by', 'Alice 爱丽丝 分享了它');
  await card(bella).locator('.buy-button').click();
  await expectText(bella, '.sheet__line', '通过 Alice 爱丽丝 的分享购买');
  await confirmSheet(bella);
  await expectText(bella, '.red-packet__caption', '好友分享购买红包 ¥');
  await expectText(bella, '.red-packet__caption', '退货期过后放入群红包池');
  const purchasePacketFen = await amountIn(bella, '.red-packet__value');
  expect(purchasePacketFen).toBeGreaterThan(0);
  await shot(bella, 'money-b2-purchase-packet');
  await bella.click('#red-packet-close');

  // The pool card: the share packet is in the pool, the purchase packet pending, and a live countdown.
  await alice.goto(`${app.host.url}/#/packages/group/home/index?groupId=${groupId}`);
  await alice.locator('.pool-amount').waitFor();
  expect(await amountIn(alice, '.pool-amount')).toBe(sharePacketFen);
  expect(await amountIn(alice, '.pool-pending')).toBe(purchasePacketFen);
  const countdown = alice.locator('.pool-countdown');
  await expect(countdown.textContent()).resolves.toMatch(/距下次瓜分 (\d+天 )?\d\d:\d\d:\d\d/);
  const before = await countdown.textContent();
  await textChanges(alice, '.pool-countdown', before);
  expect(await countdown.textContent()).not.toBe(before);
  await shot(alice, 'money-b3-pool-card');

  // Bella's purchase packet waits until her order can no longer be refunded: the order system
  // reports the order completed, and the next split takes the packet.
  const order = firstOf(
    await app.host.store.query<{ id: string; user_id: string }>(
      `select o.id, o.user_id from orders o join users u on u.id = o.user_id where u.username = 'bella' order by o.paid_at desc limit 1`,
    ),
  );
  const completed = JSON.stringify({ type: 'completed', orderId: order.id, userId: order.user_id, timestamp: Date.now() });
  const hooked = await fetch(`${app.host.url}/hooks/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hook-signature': hookSignature(app.host.config.hookSecret, completed) },
    body: completed,
  });
  expect(hooked.status).toBe(200);

  // The operator runs a split now.
  const split = await runAsMaster('runPoolSplit', { slot: new Date().toISOString() });
  expect(split.groupsSplit).toBe(1);
  expect(split.totalFen).toBe(sharePacketFen + purchasePacketFen);

  // Every member sees their own share on the split page and the same amount in their wallet.
  const shown: number[] = [];
  for (const username of MEMBERS) {
    const page = await app.newPage();
    await openAs(page, app, username, `/packages/group/home/index?groupId=${groupId}`);
    await page.click('#open-splits');
    await page.waitForURL(/packages\/wallet\/splits/);
    await page.locator('.split-share--mine').waitFor();
    await expectText(page, '.split__total', `共 ¥`);
    expect(await amountIn(page, '.split__total')).toBe(split.totalFen);
    expect(await page.locator('.split-share').count()).toBe(MEMBERS.length);
    const myShareFen = await amountIn(page, '.split-share--mine .split-share__amount');
    shown.push(myShareFen);
    if (username === 'alice') {
      // A random split names the luckiest member.
      const best = page.locator('.split-best');
      if ((await best.count()) > 0) await expect(best.first().textContent()).resolves.toBe('手气最佳');
      await shot(page, 'money-b4-splits');
    }

    await page.goto(`${app.host.url}/#/pages/me/index`);
    await page.click('#wallet-link');
    await page.waitForURL(/packages\/wallet\/home/);
    await page.locator('.wallet-balance-amount').waitFor();
    expect(await amountIn(page, '.wallet-balance-amount')).toBe(myShareFen);
    if (myShareFen > 0) {
      await expectText(page, '.wallet-entry__label', '瓜分红包');
      expect(await amountIn(page, '.wallet-entry__amount')).toBe(myShareFen);
    }
    if (username === 'bella') await shot(page, 'money-b5-wallet');
    await page.context().close();
  }
  // The shares add up to the split, to the cent.
  expect(shown.reduce((sum, amount) => sum + amount, 0)).toBe(split.totalFen);
});
