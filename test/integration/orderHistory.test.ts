import { hookSignature } from '../../cloud/host/hookRoutes';
import { newObjectId } from '../../cloud/ids';
import { insertTemplate } from '../../cloud/store/coupons';
import type { DealJson } from '../../contract/commerce';
import type { MyOrderJson } from '../../contract/orders';
import type { FeedEventJson } from '../../contract/types';
import { at, firstOf } from '../support/at';
import { fixedClock } from '../support/clock';
import { testEngine } from '../support/database';
import { startTestHost, type TestHost } from '../support/host';
import { alipayPayer, weappPayer, type Payer } from '../support/payers';
import { initSdk, runAs, runAsMaster, sdkError } from '../support/sdk';
import { newShoppers, type Shopper } from '../support/shoppers';

/*
 * 我的订单 (myOrders, getMyOrder) across checkouts, pooled orders and group buys, paid with the
 * demo provider and with WeChat Pay and Alipay (loopback fakes), and the group feed's commerce
 * lines: purchases through shares, pooled orders, group buys opened in a group, splits, removals,
 * and a repeated share written once.
 */

let host: TestHost;
let sdk: ReturnType<typeof initSdk>;
const clock = fixedClock();
let deals: DealJson[];
let campaignId: string;
let seq = 0;
const rid = () => `orders-${++seq}-${clock.now().getTime()}`;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const dealOfSize = (size: number) => deals.find((d) => d.size === size && !d.virtualCompletion)!;

let ann: Shopper;
let bea: Shopper;
let cat: Shopper;
let dee: Shopper;
let groupId: string;

async function feed(token: string, group = groupId): Promise<FeedEventJson[]> {
  return (await runAs(token, 'groupFeed', { groupId: group, limit: 100 })).events;
}

async function allOrders(token: string, limit: number): Promise<MyOrderJson[]> {
  const orders: MyOrderJson[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const answer = await runAs(token, 'myOrders', { limit, ...(cursor ? { cursor } : {}) });
    expect(answer.orders.length).toBeLessThanOrEqual(limit);
    orders.push(...answer.orders);
    if (!answer.nextCursor) return orders;
    cursor = answer.nextCursor;
  }
  throw new Error('myOrders did not end');
}

async function productOf(shopName: string): Promise<{ id: string; price_fen: number; title: string }> {
  return firstOf(
    await host.store.query<{ id: string; price_fen: number; title: string }>(
      'select id, price_fen, title from products where shop_name = $1 order by price_fen desc, id limit 1',
      [shopName],
    ),
  );
}

async function sendHook(body: object) {
  const raw = JSON.stringify(body);
  const response = await fetch(`${host.url}/hooks/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hook-signature': hookSignature(host.config.hookSecret, raw) },
    body: raw,
  });
  expect(response.status).toBe(200);
}

beforeAll(async () => {
  host = await startTestHost({ demo: true, clock, payments: 'wechatpay,alipay,demo' });
  sdk = initSdk(host);
  // Every share draws a packet, so the group's pool has money to split whatever the random source says.
  await host.store.query(`update campaigns set config = jsonb_set(config, '{shareReward,probability}', '1')`);
  [ann, bea, cat, dee] = (await newShoppers('orders', 4)) as [Shopper, Shopper, Shopper, Shopper];
  const listed = await runAs(ann.token, 'listDeals', {});
  deals = listed.deals;
  campaignId = listed.campaignId!;
  const { group } = await runAs(ann.token, 'createGroup', { name: '订单群', requestId: rid() });
  groupId = group.groupId;
  const { inviteCode } = await runAs(ann.token, 'createInvite', { groupId });
  for (const s of [bea, cat, dee]) await runAs(s.token, 'joinGroup', { inviteCode });
});
afterAll(async () => {
  await host.stop();
});

describe(`the group feed tells every group activity (${testEngine()})`, () => {
  let itemId: string;
  let product: { id: string; price_fen: number; title: string };

  it('writes a repeated share of one item by one member once, and a purchase through it as bought by whom', async () => {
    product = await productOf('优衣库官方旗舰店');
    itemId = (await runAs(ann.token, 'addWishlistItem', { groupId, productId: product.id, requestId: rid() })).item.itemId;
    const first = await runAs(ann.token, 'shareItem', { groupId, itemId, requestId: rid() });
    clock.advance(MINUTE);
    await runAs(ann.token, 'shareItem', { groupId, itemId, requestId: rid() });
    await runAs(bea.token, 'shareItem', { groupId, itemId, requestId: rid() });
    const shares = (await feed(ann.token)).filter((e) => e.type === 'item_shared');
    expect(shares.map((e) => e.actorId)).toEqual([ann.userId, bea.userId]);
    expect(at(shares, 0).data).toMatchObject({ itemId, shareId: first.share.shareId });
    const listed = firstOf((await runAs(ann.token, 'listWishlist', { groupId })).items.filter((i) => i.itemId === itemId));
    expect(listed.shareCount).toBe(3);

    clock.advance(MINUTE);
    const bought = await runAs(cat.token, 'simulateCheckout', {
      lines: [{ productId: product.id, qty: 2, shareId: first.share.shareId }],
      requestId: rid(),
    });
    const purchase = firstOf((await feed(dee.token)).filter((e) => e.type === 'item_purchased'));
    expect(purchase).toMatchObject({
      actorId: cat.userId,
      subjectId: ann.userId,
      subjectNickname: expect.any(String),
      data: { itemId, title: product.title, productId: product.id, shareId: first.share.shareId, orderId: bought.order.orderId },
    });
    const item = firstOf((await runAs(dee.token, 'listWishlist', { groupId })).items.filter((i) => i.itemId === itemId));
    expect(item).toMatchObject({ bought: true, boughtBy: { userId: cat.userId } });
    // The Messages tab's latest line: the purchase, for everyone in the group.
    const mine = firstOf((await runAs(ann.token, 'listMyGroups', {})).groups.filter((g) => g.groupId === groupId));
    expect(mine.latestEvent).toMatchObject({ type: 'item_purchased', eventId: purchase.eventId });
  });

  it('says nothing of a purchase through an own share or of another product, and marks nothing bought', async () => {
    const other = await productOf('李宁官方旗舰店');
    const otherItem = (await runAs(bea.token, 'addWishlistItem', { groupId, productId: other.id, requestId: rid() })).item.itemId;
    const share = await runAs(bea.token, 'shareItem', { groupId, itemId: otherItem, requestId: rid() });
    const before = (await feed(ann.token)).length;
    await runAs(bea.token, 'simulateCheckout', {
      lines: [{ productId: other.id, qty: 1, shareId: share.share.shareId }],
      requestId: rid(),
    });
    await runAs(cat.token, 'simulateCheckout', {
      lines: [{ productId: product.id, qty: 1, shareId: share.share.shareId }],
      requestId: rid(),
    });
    expect((await feed(ann.token)).length).toBe(before);
    const item = firstOf((await runAs(ann.token, 'listWishlist', { groupId })).items.filter((i) => i.itemId === otherItem));
    expect(item.bought).toBe(false);
  });

  it('tells of an item taken off the list, once', async () => {
    const other = await productOf('李宁官方旗舰店');
    const removed = (await runAs(dee.token, 'addWishlistItem', { groupId, productId: other.id, list: 'double11', requestId: rid() })).item;
    await runAs(dee.token, 'removeWishlistItem', { itemId: removed.itemId });
    await runAs(dee.token, 'removeWishlistItem', { itemId: removed.itemId });
    const lines = (await feed(ann.token)).filter((e) => e.type === 'item_removed');
    expect(lines).toHaveLength(1);
    expect(firstOf(lines)).toMatchObject({
      actorId: dee.userId,
      subjectId: dee.userId,
      data: { itemId: removed.itemId, list: 'double11' },
    });
  });

  it('tells of a pooled order started and placed, in the same transactions', async () => {
    const templateId = newObjectId();
    await insertTemplate(
      host.store,
      templateId,
      campaignId,
      {
        kind: 'cross_store',
        title: '订单测试券',
        shopName: null,
        thresholdFen: 1_000,
        discountFen: 100,
        capFen: null,
        stock: 10,
        perUserLimit: 5,
      },
      clock.now(),
    );
    await runAs(ann.token, 'claimCoupon', { templateId, requestId: rid() });
    const deadline = new Date(clock.now().getTime() + 2 * HOUR).toISOString();
    const started = await runAs(ann.token, 'startPooledOrder', { groupId, deadline, requestId: rid() });
    const pooledOrderId = started.pooledOrder.pooledOrderId;
    expect(firstOf((await feed(bea.token)).filter((e) => e.type === 'pooled_started'))).toMatchObject({
      actorId: ann.userId,
      data: { pooledOrderId, deadline },
    });
    const lining = await productOf('李宁官方旗舰店');
    const liningItem = (await runAs(bea.token, 'addWishlistItem', { groupId, productId: lining.id, requestId: rid() })).item.itemId;
    await runAs(ann.token, 'addPooledLine', { pooledOrderId, itemId, qty: 1 });
    await runAs(bea.token, 'addPooledLine', { pooledOrderId, itemId: liningItem, qty: 1 });
    await runAs(ann.token, 'confirmPooledOrder', { pooledOrderId, requestId: rid(), provider: 'demo' });
    // Bea has confirmed nothing yet: her part waits for her money.
    const waiting = firstOf((await runAs(bea.token, 'myOrders', {})).orders.filter((o) => o.id === pooledOrderId));
    expect(waiting).toMatchObject({ kind: 'pooled', state: 'pending_payment', groupId, groupName: '订单群' });
    expect(firstOf((await runAs(ann.token, 'myOrders', {})).orders.filter((o) => o.id === pooledOrderId)).state).toBe('paid');
    const placed = await runAs(bea.token, 'confirmPooledOrder', { pooledOrderId, requestId: rid(), provider: 'demo' });
    expect(placed.pooledOrder.status).toBe('placed');
    const line = firstOf((await feed(cat.token)).filter((e) => e.type === 'pooled_placed'));
    expect(line).toMatchObject({ actorId: ann.userId, data: { pooledOrderId, memberCount: 2 } });
    expect(line.data.discountFen).toBeGreaterThan(0);

    // Ann bought the item she shared herself (no packet); her part is placed with its coupon.
    const annOrder = (await runAs(ann.token, 'getMyOrder', { kind: 'pooled', id: pooledOrderId })).order;
    expect(annOrder).toMatchObject({ kind: 'pooled', state: 'placed', placedOrderId: `pooled-${pooledOrderId}-${ann.userId}`, groupId });
    expect(annOrder.pooledOrder).toMatchObject({ status: 'placed', deadline });
    expect(annOrder.coupons).toEqual([{ couponId: expect.any(String), title: '订单测试券', holderNickname: expect.any(String) }]);
    expect(annOrder.payment).toMatchObject({ provider: 'demo', status: 'paid' });
    expect(annOrder.lines.map((l) => l.productId)).toEqual([product.id]);
    expect(annOrder.amountFen + annOrder.discountFen).toBe(annOrder.listFen);
    expect(annOrder.lines.reduce((sum, l) => sum + l.paidFen, 0)).toBe(annOrder.amountFen);
    // The orders the pooled order placed are not listed a second time as checkouts.
    expect((await runAs(ann.token, 'myOrders', {})).orders.filter((o) => o.id.startsWith('pooled-'))).toEqual([]);
    expect((await sdkError(runAs(ann.token, 'getMyOrder', { kind: 'checkout', id: `pooled-${pooledOrderId}-${ann.userId}` }))).code).toBe(
      101,
    );
    expect((await sdkError(runAs(cat.token, 'getMyOrder', { kind: 'pooled', id: pooledOrderId }))).code).toBe(101);
  });

  it('tells of a group buy opened in the group, its success and a failure; only members may open one there', async () => {
    const deal = dealOfSize(2);
    const opened = await runAs(ann.token, 'openGroupBuy', { dealId: deal.dealId, requestId: rid(), groupId, provider: 'demo' });
    const groupBuyId = opened.groupBuy.groupBuyId;
    expect(firstOf((await feed(bea.token)).filter((e) => e.type === 'group_buy_opened'))).toMatchObject({
      actorId: ann.userId,
      data: { groupBuyId, title: deal.product.title, size: 2, groupPriceFen: deal.groupPriceFen },
    });
    await runAs(bea.token, 'joinGroupBuy', { groupBuyId, requestId: rid(), provider: 'demo' });
    expect(firstOf((await feed(bea.token)).filter((e) => e.type === 'group_buy_succeeded'))).toMatchObject({
      actorId: ann.userId,
      data: { groupBuyId, outcome: 'full', paidCount: 2 },
    });
    const seat = firstOf((await runAs(bea.token, 'myOrders', {})).orders.filter((o) => o.id === groupBuyId));
    expect(seat).toMatchObject({ kind: 'group_buy', state: 'placed', amountFen: deal.groupPriceFen, groupId, title: deal.product.title });
    expect(seat.discountFen).toBe(deal.product.priceFen - deal.groupPriceFen);

    const bigger = dealOfSize(3);
    const failing = await runAs(cat.token, 'openGroupBuy', { dealId: bigger.dealId, requestId: rid(), groupId, provider: 'demo' });
    clock.advance(bigger.timeLimitHours * HOUR);
    await runAsMaster('runCommerceExpiry', {});
    expect(firstOf((await feed(dee.token)).filter((e) => e.type === 'group_buy_failed'))).toMatchObject({
      actorId: cat.userId,
      data: { groupBuyId: failing.groupBuy.groupBuyId, outcome: 'expired' },
    });
    const refunded = (await runAs(cat.token, 'getMyOrder', { kind: 'group_buy', id: failing.groupBuy.groupBuyId })).order;
    expect(refunded).toMatchObject({
      state: 'refunded',
      refundedFen: bigger.groupPriceFen,
      groupBuy: { status: 'failed', outcome: 'expired', seat: 'refunded' },
    });

    // A group the opener is not in, or none that exists: refused, nothing opened.
    const [outsider] = await newShoppers('orders_out', 1);
    expect(
      (await sdkError(runAs(outsider!.token, 'openGroupBuy', { dealId: deal.dealId, requestId: rid(), groupId, provider: 'demo' }))).code,
    ).toBe(119);
    expect(
      (
        await sdkError(
          runAs(ann.token, 'openGroupBuy', { dealId: deal.dealId, requestId: rid(), groupId: newObjectId(), provider: 'demo' }),
        )
      ).code,
    ).toBe(101);
    expect((await runAs(outsider!.token, 'myOrders', {})).orders).toEqual([]);
    // A buy opened without a group says nothing in any feed.
    const before = (await feed(ann.token)).length;
    await runAs(ann.token, 'openGroupBuy', { dealId: deal.dealId, requestId: rid(), provider: 'demo' });
    expect((await feed(ann.token)).length).toBe(before);
  });

  it('tells of a split with its luckiest member', async () => {
    await host.store.query(`update campaigns set config = jsonb_set(config, '{split,policy}', '"random"') where id = $1`, [campaignId]);
    const pool = await runAs(ann.token, 'groupPool', { groupId });
    expect(pool.poolFen).toBeGreaterThan(0);
    clock.advance(MINUTE);
    const split = await runAsMaster('runPoolSplit', { slot: clock.now().toISOString() });
    expect(split.groupsSplit).toBeGreaterThanOrEqual(1);
    const line = firstOf((await feed(ann.token)).filter((e) => e.type === 'pool_split'));
    const [best] = (await runAs(ann.token, 'listSplits', { groupId })).splits;
    expect(line).toMatchObject({
      actorId: null,
      subjectId: best!.bestUserId,
      data: { totalFen: pool.poolFen, memberCount: 4, policy: 'random', bestFen: best!.shares[0]!.amountFen },
    });
    expect(firstOf((await runAs(bea.token, 'listMyGroups', {})).groups.filter((g) => g.groupId === groupId)).latestEvent?.type).toBe(
      'pool_split',
    );
  });
});

describe(`我的订单 across kinds, payment states and pages (${testEngine()})`, () => {
  it('lists a checkout placed, then partly and fully refunded, with the red packets it earned', async () => {
    const product = await productOf('优衣库官方旗舰店');
    const itemId = (await runAs(bea.token, 'addWishlistItem', { groupId, productId: product.id, list: 'double11', requestId: rid() })).item
      .itemId;
    const share = await runAs(bea.token, 'shareItem', { groupId, itemId, requestId: rid() });
    clock.advance(MINUTE);
    const bought = await runAs(dee.token, 'simulateCheckout', {
      lines: [
        { productId: product.id, qty: 2, shareId: share.share.shareId },
        { productId: (await productOf('李宁官方旗舰店')).id, qty: 1 },
      ],
      requestId: rid(),
    });
    const orderId = bought.order.orderId;
    const packetFen = bought.redPackets.reduce((sum, p) => sum + p.amountFen, 0);
    expect(packetFen).toBeGreaterThan(0);
    const row = firstOf((await runAs(dee.token, 'myOrders', {})).orders);
    expect(row).toMatchObject({
      kind: 'checkout',
      id: orderId,
      state: 'placed',
      itemCount: 3,
      amountFen: bought.order.totalFen,
      redPacketFen: packetFen,
    });
    expect(row.title).toBe(product.title);
    const detail = (await runAs(dee.token, 'getMyOrder', { kind: 'checkout', id: orderId })).order;
    expect(detail.lines).toHaveLength(2);
    expect(at(detail.lines, 0)).toMatchObject({ productId: product.id, qty: 2, sharedBy: { userId: bea.userId } });
    expect(at(detail.lines, 1).sharedBy).toBeNull();
    expect(detail.redPackets).toEqual([expect.objectContaining({ amountFen: packetFen, status: 'pending', groupId })]);
    expect(detail.placedOrderId).toBe(orderId);

    const ts = () => clock.now().getTime();
    await sendHook({ type: 'refunded', orderId, userId: dee.userId, timestamp: ts(), refundId: 'r1', lines: [{ lineNo: 2, qty: 1 }] });
    const partly = (await runAs(dee.token, 'getMyOrder', { kind: 'checkout', id: orderId })).order;
    expect(partly.state).toBe('placed');
    expect(partly.refundedFen).toBeGreaterThan(0);
    expect(partly.refunds).toEqual([{ amountFen: partly.refundedFen, createdAt: clock.now().toISOString() }]);
    await sendHook({ type: 'refunded', orderId, userId: dee.userId, timestamp: ts(), refundId: 'r2', lines: [{ lineNo: 1, qty: 2 }] });
    const whole = (await runAs(dee.token, 'getMyOrder', { kind: 'checkout', id: orderId })).order;
    expect(whole).toMatchObject({ state: 'refunded', refundedFen: bought.order.totalFen, redPacketFen: 0 });
    expect(whole.redPackets).toEqual([expect.objectContaining({ status: 'voided' })]);
    expect((await sdkError(runAs(cat.token, 'getMyOrder', { kind: 'checkout', id: orderId }))).code).toBe(101);
  });

  it('follows a WeChat Pay seat from pending payment to paid, refunding and refunded; an Alipay seat refunded at once; an unpaid one failed', async () => {
    const wei: Payer = await weappPayer(host, sdk, 'orders-wei');
    const zhi: Payer = await alipayPayer(host, sdk, 'orders-zhi');
    const deal = dealOfSize(3);
    const opened = await runAs(wei.token, 'openGroupBuy', { dealId: deal.dealId, requestId: rid() });
    const groupBuyId = opened.groupBuy.groupBuyId;
    const stateOf = async (payer: Payer) => (await runAs(payer.token, 'getMyOrder', { kind: 'group_buy', id: groupBuyId })).order;
    expect(await stateOf(wei)).toMatchObject({
      state: 'pending_payment',
      payment: { provider: 'wechatpay', status: 'pending' },
      groupId: null,
    });
    await host.fakeWechatPay!.pay(opened.payment.paymentId);
    expect(await stateOf(wei)).toMatchObject({ state: 'paid', payment: { status: 'paid' } });
    const joined = await runAs(zhi.token, 'joinGroupBuy', { groupBuyId, requestId: rid() });
    await host.fakeAlipay.pay(joined.payment.paymentId);
    expect((await stateOf(zhi)).state).toBe('paid');

    const unpaidDeal = dealOfSize(2);
    const unpaid = await runAs(wei.token, 'openGroupBuy', { dealId: unpaidDeal.dealId, requestId: rid() });
    clock.advance(Math.max(deal.timeLimitHours, unpaidDeal.timeLimitHours) * HOUR);
    await runAsMaster('runCommerceExpiry', {});
    await host.fakeAlipay.settle();
    expect(await stateOf(wei)).toMatchObject({ state: 'refunding', payment: { status: 'refunding' }, groupBuy: { status: 'failed' } });
    expect(await stateOf(zhi)).toMatchObject({ state: 'refunded', refundedFen: deal.groupPriceFen, payment: { status: 'refunded' } });
    await host.fakeWechatPay!.finishRefunds();
    expect(await stateOf(wei)).toMatchObject({ state: 'refunded', refundedFen: deal.groupPriceFen });
    const never = (await runAs(wei.token, 'getMyOrder', { kind: 'group_buy', id: unpaid.groupBuy.groupBuyId })).order;
    expect(never).toMatchObject({ state: 'failed', refundedFen: 0, groupBuy: { seat: 'released' } });
    expect((await runAs(wei.token, 'myOrders', {})).orders.map((o) => o.state).sort()).toEqual(['failed', 'refunded']);
  });

  it('pages through every kind newest first, ties included, each order once', async () => {
    for (let i = 0; i < 5; i++) {
      // Several at one instant: the order within it is by kind, then id.
      if (i % 2 === 0) clock.advance(1000);
      await runAs(dee.token, 'simulateCheckout', {
        lines: [{ productId: (await productOf('李宁官方旗舰店')).id, qty: 1 }],
        requestId: rid(),
      });
    }
    await runAs(dee.token, 'openGroupBuy', { dealId: dealOfSize(2).dealId, requestId: rid(), provider: 'demo' });
    const whole = (await runAs(dee.token, 'myOrders', { limit: 50 })).orders;
    expect(whole.length).toBeGreaterThanOrEqual(7);
    expect(new Set(whole.map((o) => o.kind))).toEqual(new Set(['checkout', 'group_buy']));
    const times = whole.map((o) => o.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    for (const limit of [1, 2, 3]) {
      const paged = await allOrders(dee.token, limit);
      expect(paged.map((o) => `${o.kind}:${o.id}`)).toEqual(whole.map((o) => `${o.kind}:${o.id}`));
    }
    expect((await sdkError(runAs(dee.token, 'myOrders', { cursor: 'nonsense' }))).code).toBe(142);
    expect((await sdkError(runAs(dee.token, 'myOrders', { limit: 51 }))).code).toBe(142);
    expect((await sdkError(runAs(dee.token, 'getMyOrder', { kind: 'parcel' as never, id: 'x' }))).code).toBe(142);
  });
});
