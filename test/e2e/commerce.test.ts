/**
 * End-to-end: coupons, pooled orders and group buys in the H5 build (headless Chromium, real
 * test host in demo mode). Alice claims the cross-store coupon in the coupon centre; three
 * members pool an order none of them could bring over the threshold alone and each sees her
 * saving, pays her part, and the order is placed; a size-2 group buy fills and succeeds; a
 * size-3 one reaches its deadline short of members and refunds everyone who paid.
 * Screenshots: test/artifacts/h5-commerce-*.png.
 *
 * Run: npx jest test/e2e/commerce.test.ts
 */
import type { Locator, Page } from 'playwright-core';
import { initSdk, runAs, runAsMaster } from '../support/sdk';
import { createActiveGroup, type ActiveGroup } from './groupSetup';
import { confirmModal, confirmSheet, expectText, openAs, shot, startH5App, type H5App } from './h5App';
import { at, firstOf } from '../support/at';

jest.setTimeout(180_000);

const CROSS_STORE = '每满400减50';
const THRESHOLD_FEN = 40_000;
const DISCOUNT_FEN = 5_000;
const POOLERS = ['alice', 'bella', 'cathy'] as const;

let app: H5App;
let setup: ActiveGroup;

beforeAll(async () => {
  app = await startH5App();
  initSdk(app.host);
  setup = await createActiveGroup('拼单测试群', [...POOLERS, 'david']);
}, 240_000);

afterAll(async () => {
  await app?.close();
});

const fen = (text: string | null) => Math.round(Number((text ?? '').replace(/[^\d.]/g, '')) * 100);

async function amountIn(scope: Page | Locator, selector: string): Promise<number> {
  const locator = scope.locator(selector).first();
  await locator.waitFor();
  return fen(await locator.textContent());
}

async function balance(accountId: string): Promise<number> {
  const [row] = await app.host.store.query<{ balance_fen: number }>('select balance_fen from accounts where id = $1', [accountId]);
  return row?.balance_fen ?? 0;
}

async function userId(username: string): Promise<string> {
  const row = firstOf(await app.host.store.query<{ id: string }>('select id from users where username = $1', [username]));
  return row.id;
}

test('the coupon centre claims a coupon once per tap and lists it under my coupons', async () => {
  const alice = await app.newPage();
  await openAs(alice, app, 'alice', '/pages/me/index');
  await alice.click('#coupons-link');
  await alice.waitForURL(/packages\/shop\/coupons/);
  const coupon = alice.locator('.coupon', { hasText: CROSS_STORE });
  await expect(coupon.locator('.coupon-rule').textContent()).resolves.toBe('跨店每满¥400减¥50');
  await expectText(alice, '.coupon-stock', '已领 0 张');
  await coupon.locator('.claim-button').click();
  await coupon.locator('.coupon-stock', { hasText: '已领 1 张' }).waitFor();
  await shot(alice, 'commerce-c1-coupon-centre');

  await alice.click('#tab-mine');
  const mine = alice.locator('.my-coupon', { hasText: CROSS_STORE });
  await mine.waitFor();
  // Usable: until when, and 去使用 leads to where coupons are used, her group's pooled orders.
  await expect(mine.locator('.my-coupon-note').textContent()).resolves.toMatch(/有效 · 在小黑群「领券拼单」里使用$/);
  await expect(mine.locator('.my-coupon-use').textContent()).resolves.toBe('去使用');
  await expect(alice.locator('.my-coupon').count()).resolves.toBe(1);
  await shot(alice, 'commerce-c2-my-coupons');
  await mine.locator('.my-coupon-use').click();
  await alice.waitForURL(new RegExp(`packages/shop/pooledList/index\\?groupId=${setup.group.groupId}`));
  await alice.context().close();
});

test('three members pool an order none could make alone; each sees her saving, pays her part, and it is placed', async () => {
  const groupId = setup.group.groupId;
  // Three products from three shops, each under the ¥400 threshold, together over it.
  const products = await app.host.store.query<{ id: string; title: string; price_fen: number }>(
    `select * from (select distinct on (shop_name) id, title, price_fen from products
       where price_fen between 15000 and 39000 order by shop_name, price_fen desc, id) p order by id limit 3`,
  );
  expect(products).toHaveLength(3);
  const itemIds: string[] = [];
  for (const [index, username] of POOLERS.entries()) {
    const { item } = await runAs(setup.tokens[username], 'addWishlistItem', {
      groupId,
      productId: at(products, index).id,
      requestId: `pool-add-${username}-${Date.now()}`,
    });
    itemIds.push(item.itemId);
  }
  // Alice shared Cathy's item into the group: buying it in the pooled order earns Cathy a purchase packet.
  await runAs(setup.tokens.alice, 'shareItem', { groupId, itemId: at(itemIds, 2), requestId: `pool-share-${Date.now()}` });
  // Bella holds a cross-store coupon too (claimed through the API; the coupon centre has its own test).
  const { coupons } = await runAs(setup.tokens.bella, 'listCoupons', {});
  const cross = coupons.find((c) => c.title.includes(CROSS_STORE))!;
  await runAs(setup.tokens.bella, 'claimCoupon', { templateId: cross.templateId, requestId: `pool-claim-${Date.now()}` });
  const totalFen = products.reduce((sum, p) => sum + p.price_fen, 0);
  // Every line is under the threshold, so two orders can never both reach it: however many
  // coupons the members hold, the best plan is one order with one repeating coupon.

  const expectedSavingFen = Math.floor(totalFen / THRESHOLD_FEN) * DISCOUNT_FEN;
  expect(expectedSavingFen).toBeGreaterThan(0);

  // Alice starts a pooled order from the group page and adds her item.
  const alice = await app.newPage();
  await openAs(alice, app, 'alice', `/packages/group/home/index?groupId=${groupId}`);
  await alice.click('#open-pooled-orders');
  await alice.waitForURL(/packages\/shop\/pooledList/);
  await alice.locator('.deadline-chip', { hasText: '3小时' }).click();
  await alice.click('#start-pooled-order');
  await alice.waitForURL(/packages\/shop\/pooled\/index\?id=/);
  const pooledOrderId = new URL(alice.url().replace('#', '')).searchParams.get('id')!;
  await expectText(alice, '.pooled-status', '拼单进行中');
  await expectText(alice, '.pooled-countdown', '距截止 02:');
  const addOwn = async (page: Page, title: string) => {
    await page.locator('.pool-item', { hasText: title }).locator('.pool-item-add').click();
    await page.locator('.pool-item', { hasText: title }).locator('.pool-item-qty', { hasText: '1' }).waitFor();
  };
  await addOwn(alice, at(products, 0).title);
  // Alone, her item reaches no threshold: nothing to save yet, and she cannot confirm.
  await expectText(alice, '.plan-no-saving', '还没凑够');
  await expect(alice.locator('#confirm-pooled-order').count()).resolves.toBe(0);

  const pages: Record<string, Page> = { alice };
  for (const [index, username] of POOLERS.entries()) {
    if (username === 'alice') continue;
    const page = await app.newPage();
    await openAs(page, app, username, `/packages/shop/pooled/index?id=${pooledOrderId}`);
    await addOwn(page, at(products, index).title);
    pages[username] = page;
  }

  // Everyone's page (polling) shows the same plan: the group saves what one order with Alice's coupon saves.
  const savings: number[] = [];
  const dues: number[] = [];
  for (const username of POOLERS) {
    const page = at(pages, username);
    // Wait for all three members' lines (pages poll), then read the plan.
    await page.locator('.member-money').nth(2).waitFor();
    await expect(page.locator('.member-money').count()).resolves.toBe(3);
    await page.locator('.plan-saving', { hasText: `¥${(expectedSavingFen / 100).toFixed(2)}` }).waitFor();
    expect(await amountIn(page, '.plan-total')).toBe(totalFen);
    await expectText(page, '.my-saving-compare', '自己单独下单凑不到任何券的门槛');
    const saving = await amountIn(page, '.my-saving');
    expect(saving).toBeGreaterThan(0);
    savings.push(saving);
    const button = page.locator('#confirm-pooled-order');
    await button.waitFor();
    dues.push(fen(await button.textContent()));
  }
  await shot(at(pages, 'alice'), 'commerce-p1-plan');
  // Each part is her lines less her share of the discount, to the fen.
  expect(savings.reduce((a, b) => a + b, 0)).toBe(expectedSavingFen);
  for (const [index] of POOLERS.entries()) expect(at(dues, index) + at(savings, index)).toBe(at(products, index).price_fen);

  // Each pays her part; the last payment places the order.
  const paymentIds = await Promise.all(POOLERS.map(async (username) => `payment:${await userId(username)}`));
  const before = await Promise.all(paymentIds.map(balance));
  for (const username of POOLERS) {
    const page = at(pages, username);
    await page.click('#confirm-pooled-order');
    // The checkout is the app's own sheet: her part, in the app's orange.
    await expectText(page, '.sheet-amount', `¥${(at(dues, POOLERS.indexOf(username)) / 100).toFixed(2)}`);
    if (username === 'alice') await shot(page, 'commerce-p1-checkout-sheet');
    await confirmSheet(page);
    if (username === 'cathy') {
      // The last payment places the orders; Cathy bought what Alice shared.
      await expectText(page, '.taro-modal__content', '好友分享购买红包');
      await shot(page, 'commerce-p2-packet');
      await confirmModal(page);
    }
    await expectText(page, '.pooled-paid', '你已付款');
  }
  for (const username of POOLERS) await expectText(at(pages, username), '.pooled-status', '已下单');
  // Everyone sees, under Cathy's row, the packet her shared item earned.
  for (const username of POOLERS)
    await expectText(at(pages, username), `#member-money-${await userId('cathy')} .member-money__fair`, '好友分享购买红包');
  await shot(at(pages, 'cathy'), 'commerce-p3-placed');
  for (const [index, accountId] of paymentIds.entries()) expect((await balance(accountId)) - at(before, index)).toBe(-at(dues, index));
  expect(await balance(`escrow:${pooledOrderId}`)).toBe(0);
  for (const page of Object.values(pages)) await page.context().close();
});

test('a size-2 group buy fills through a shared link and succeeds', async () => {
  const alice = await app.newPage();
  await openAs(alice, app, 'alice', '/pages/me/index');
  await alice.click('#deals-link');
  await alice.waitForURL(/packages\/shop\/deals/);
  const deal = alice.locator('.deal', { hasText: '2 人团' });
  const groupPriceFen = await amountIn(deal, '.deal-price');
  await deal.locator('.open-group-buy').click();
  await confirmSheet(alice);
  await alice.waitForURL(/packages\/shop\/groupbuy\/index\?id=/);
  await expectText(alice, '.group-buy-status', '还差 1 人成团');
  await expectText(alice, '.group-buy-countdown', '距截止 23:');
  const link = (await alice.locator('.group-buy-link').textContent())!;
  expect(link).toMatch(/#\/packages\/shop\/groupbuy\/index\?id=/);
  await shot(alice, 'commerce-g1-opened');

  // Bella opens the shared link, logs in, and joins.
  const bellaPayment = `payment:${await userId('bella')}`;
  const bellaBefore = await balance(bellaPayment);
  const bella = await app.newPage();
  await openAs(bella, app, 'bella', link.slice(link.indexOf('#') + 1));
  await expectText(bella, '.group-buy-detail', '全额退款');
  // Joining charges her, so it asks first, like opening one; cancelling changes nothing.
  await bella.click('#join-group-buy');
  await expectText(bella, '.sheet__title', '参加 2 人团');
  await expectText(bella, '.sheet__line', '你是最后一位，参团即成团。');
  await shot(bella, 'commerce-g1-join-sheet');
  await bella.click('#sheet-cancel');
  await bella.locator('#confirm-sheet').waitFor({ state: 'detached' });
  await expectText(bella, '.group-buy-status', '还差 1 人成团');
  expect(await balance(bellaPayment)).toBe(bellaBefore);
  await bella.click('#join-group-buy');
  await confirmSheet(bella);
  await expectText(bella, '.group-buy-status', '拼团成功');
  await expectText(bella, '.group-buy-seats', '已拼 2/2 人');
  // Alice's page notices on its own.
  await expectText(alice, '.group-buy-status', '拼团成功');
  await shot(alice, 'commerce-g2-succeeded');
  const groupBuyId = new URL(link.replace('#', '')).searchParams.get('id')!;
  expect(await balance(`escrow:${groupBuyId}`)).toBe(0);
  expect((await balance(bellaPayment)) - bellaBefore).toBe(-groupPriceFen);
  await alice.context().close();
  await bella.context().close();
});

test('a group buy short of members at its deadline fails and refunds everyone who paid, once', async () => {
  const payments = [`payment:${await userId('cathy')}`, `payment:${await userId('david')}`];
  const before = await Promise.all(payments.map(balance));
  const cathy = await app.newPage();
  await openAs(cathy, app, 'cathy', '/packages/shop/deals/index');
  const deal = cathy.locator('.deal', { hasText: '3 人团' });
  const groupPriceFen = await amountIn(deal, '.deal-price');
  await deal.locator('.open-group-buy').click();
  await confirmSheet(cathy);
  await cathy.waitForURL(/packages\/shop\/groupbuy\/index\?id=/);
  const groupBuyId = new URL(cathy.url().replace('#', '')).searchParams.get('id')!;
  await expectText(cathy, '.group-buy-status', '还差 2 人成团');

  const david = await app.newPage();
  await openAs(david, app, 'david', `/packages/shop/groupbuy/index?id=${groupBuyId}`);
  await david.click('#join-group-buy');
  await confirmSheet(david);
  await expectText(david, '.group-buy-status', '还差 1 人成团');
  for (const [index, accountId] of payments.entries()) expect((await balance(accountId)) - at(before, index)).toBe(-groupPriceFen);

  // The deadline passes (moved into the past: waiting 24 hours is not an option) and the expiry job runs.
  await app.host.store.query(`update group_buys set expires_at = now() - interval '1 second' where id = $1`, [groupBuyId]);
  const first = await runAsMaster('runCommerceExpiry', {});
  expect(first).toMatchObject({ groupBuysFailed: 1, refunds: 2, refundedFen: 2 * groupPriceFen });
  expect(await runAsMaster('runCommerceExpiry', {})).toMatchObject({ groupBuysFailed: 0, refunds: 0, refundedFen: 0 });

  // Both pages see the failure and the refund.
  for (const page of [cathy, david]) {
    await expectText(page, '.group-buy-status', '拼团失败', 30_000);
    await expectText(page, '.group-buy-detail', '你支付的钱已全额退回');
  }
  await shot(cathy, 'commerce-g3-failed');
  for (const [index, accountId] of payments.entries()) expect(await balance(accountId)).toBe(before[index]);
  expect(await balance(`escrow:${groupBuyId}`)).toBe(0);
  expect((await runAsMaster('ledgerCheck', {})).balanced).toBe(true);
  await cathy.context().close();
  await david.context().close();
});
