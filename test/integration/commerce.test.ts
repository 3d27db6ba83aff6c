import { DEFAULT_CAMPAIGN_CONFIG } from '../../cloud/domain/campaign';
import { purchaseRewardFen, type PurchaseRewardRule } from '../../cloud/domain/money/rewards';
import { newObjectId } from '../../cloud/ids';
import { insertPublishedCampaign } from '../../cloud/store/campaigns';
import { insertTemplate, type NewCouponTemplate } from '../../cloud/store/coupons';
import type { DealJson } from '../../contract/commerce';
import { testEngine } from '../support/database';
import { fixedClock } from '../support/clock';
import { startTestHost, type TestHost } from '../support/host';
import { signRequest } from '../../cloud/host/appAuth';
import type { FunctionName, ParamsOf, ResultOf } from '../../contract/functions';
import { initSdk, login, rawRequest, runAs, runAsMaster, sdkError } from '../support/sdk';
import { at, firstOf } from '../support/at';

let host: TestHost;
let campaignId: string;
const clock = fixedClock();
const tokens = new Map<string, string>();
const ids = new Map<string, string>();
let seq = 0;
const rid = () => `commerce-${Date.now()}-${++seq}`;
const token = (name: string) => tokens.get(name)!;
const id = (name: string) => ids.get(name)!;
const HOUR = 3_600_000;
const USERS = [
  'alice',
  'bella',
  'cathy',
  'david',
  'emma',
  'fiona',
  'grace',
  'hannah',
  'ivy',
  'jack',
  'kevin',
  'lily',
  'mia',
  'nina',
  'oscar',
  'paul',
];

async function balance(accountId: string): Promise<number> {
  const [row] = await host.store.query<{ balance_fen: number }>('select balance_fen from accounts where id = $1', [accountId]);
  return row?.balance_fen ?? 0;
}

/** A coupon template of the running campaign written straight into the store, with the stock a test needs. */
async function template(t: Partial<NewCouponTemplate> & Pick<NewCouponTemplate, 'stock' | 'perUserLimit'>): Promise<string> {
  const templateId = newObjectId();
  await insertTemplate(
    host.store,
    templateId,
    campaignId,
    { kind: 'cross_store', title: '测试券', shopName: null, thresholdFen: 40_000, discountFen: 5_000, capFen: null, ...t },
    clock.now(),
  );
  return templateId;
}

async function activeGroup(owner: string, members: string[]): Promise<string> {
  const { group } = await runAs(token(owner), 'createGroup', { name: '拼单测试群', requestId: rid() });
  const { inviteCode } = await runAs(token(owner), 'createInvite', { groupId: group.groupId });
  for (const m of members) await runAs(token(m), 'joinGroup', { inviteCode });
  return group.groupId;
}

async function productOf(shopName: string): Promise<{ id: string; price_fen: number }> {
  return firstOf(
    await host.store.query<{ id: string; price_fen: number }>(
      'select id, price_fen from products where shop_name = $1 order by price_fen desc, id limit 1',
      [shopName],
    ),
  );
}

async function addItem(user: string, groupId: string, productId: string): Promise<string> {
  const { item } = await runAs(token(user), 'addWishlistItem', { groupId, productId, requestId: rid() });
  return item.itemId;
}

/**
 * A call signed at the host's (fixed, advanced) clock: the host refuses signatures more than a day
 * off its clock, which is not the wall clock.
 */
async function later<N extends FunctionName>(who: string, name: N, params: ParamsOf<N>): Promise<ResultOf<N>> {
  const response = await fetch(`${host.url}/1.1/functions/${name}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-lc-id': host.appId,
      'x-lc-sign':
        who === 'master' ? signRequest(host.masterKey, clock.now().getTime(), true) : signRequest(host.appKey, clock.now().getTime()),
      ...(who === 'master' ? {} : { 'x-lc-session': token(who) }),
    },
    body: JSON.stringify(params),
  });
  const body = (await response.json()) as { result?: ResultOf<N>; code?: number; error?: string };
  if (!response.ok) throw Object.assign(new Error(body.error), { code: body.code, rawMessage: body.error });
  return body.result!;
}

const codes = (results: PromiseSettledResult<unknown>[]) =>
  results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => (r.reason as { code: number }).code);

beforeAll(async () => {
  host = await startTestHost({ demo: true, clock });
  initSdk(host);
  for (const name of USERS) {
    tokens.set(name, await login(name));
    ids.set(name, (await runAs(token(name), 'me', {})).user.objectId);
  }
  campaignId = (await runAs(token('alice'), 'listCoupons', {})).campaignId!;
});
afterAll(async () => {
  await host.stop();
});

describe(`coupons through the real SDK (${testEngine()})`, () => {
  it('lists the running campaign coupons with stock and holdings', async () => {
    const { campaignId: running, coupons } = await runAs(token('alice'), 'listCoupons', {});
    expect(running).toBe(campaignId);
    expect(coupons.length).toBeGreaterThanOrEqual(5);
    expect(coupons.some((c) => c.kind === 'cross_store' && c.shopName === null)).toBe(true);
    expect(coupons.some((c) => c.kind === 'shop' && c.shopName === '优衣库官方旗舰店')).toBe(true);
    for (const c of coupons) expect(c).toMatchObject({ heldCount: 0, stockLeft: c.stockTotal });
    expect(await rawRequest(host, 'POST', '/1.1/functions/listCoupons', { body: {} })).toMatchObject({ status: 401, body: { code: 206 } });
  });

  it('claims once per requestId and shows the coupon in myCoupons', async () => {
    const templateId = await template({ stock: 10, perUserLimit: 2 });
    const requestId = rid();
    const first = await runAs(token('alice'), 'claimCoupon', { templateId, requestId });
    expect(first.coupon).toMatchObject({ templateId, status: 'available', thresholdFen: 40_000, discountFen: 5_000, pooledOrderId: null });
    const again = await runAs(token('alice'), 'claimCoupon', { templateId, requestId });
    expect(again.coupon.couponId).toBe(first.coupon.couponId);
    const listed = (await runAs(token('alice'), 'listCoupons', {})).coupons.find((c) => c.templateId === templateId)!;
    expect(listed).toMatchObject({ stockLeft: 9, heldCount: 1 });
    const mine = await runAs(token('alice'), 'myCoupons', {});
    expect(mine.coupons.map((c) => c.couponId)).toContain(first.coupon.couponId);
    expect((await runAs(token('alice'), 'myCoupons', { status: 'used' })).coupons).toEqual([]);
  });

  it('refuses bad claims with their codes: 142, 101, 4021, 4020, 4006', async () => {
    expect((await sdkError(runAs(token('bella'), 'claimCoupon', { templateId: 'nope', requestId: rid() }))).code).toBe(142);
    expect((await sdkError(runAs(token('bella'), 'claimCoupon', { templateId: newObjectId(), requestId: rid() }))).code).toBe(101);
    const limited = await template({ stock: 10, perUserLimit: 1 });
    const reused = rid();
    await runAs(token('bella'), 'claimCoupon', { templateId: limited, requestId: reused });
    const limit = await sdkError(runAs(token('bella'), 'claimCoupon', { templateId: limited, requestId: rid() }));
    expect(limit.code).toBe(4021);
    expect(limit.message).toMatch(/每人最多领 1 张/);
    const other = await template({ stock: 10, perUserLimit: 1 });
    expect((await sdkError(runAs(token('bella'), 'claimCoupon', { templateId: other, requestId: reused }))).code).toBe(142);
    const empty = await template({ stock: 0, perUserLimit: 1 });
    const out = await sdkError(runAs(token('bella'), 'claimCoupon', { templateId: empty, requestId: rid() }));
    expect(out.code).toBe(4020);
    expect(out.message).toMatch(/抢光/);
    const past = await host.store.transaction((tx) =>
      insertPublishedCampaign(
        tx,
        {
          slug: `past-${Date.now()}`,
          name: '已结束的活动',
          startsAt: new Date(clock.now().getTime() - 30 * 24 * HOUR),
          endsAt: new Date(clock.now().getTime() - 20 * 24 * HOUR),
          timeZone: 'Asia/Shanghai',
          config: { ...DEFAULT_CAMPAIGN_CONFIG, budgetFen: 0, grandPrize: { ...DEFAULT_CAMPAIGN_CONFIG.grandPrize, budgetFen: 0 } },
        },
        clock.now(),
      ),
    );
    const pastTemplate = newObjectId();
    await insertTemplate(
      host.store,
      pastTemplate,
      past.id,
      {
        kind: 'shop',
        title: '过期券',
        shopName: '优衣库官方旗舰店',
        thresholdFen: 100,
        discountFen: 10,
        capFen: null,
        stock: 5,
        perUserLimit: 1,
      },
      clock.now(),
    );
    expect((await sdkError(runAs(token('bella'), 'claimCoupon', { templateId: pastTemplate, requestId: rid() }))).code).toBe(4006);
  });

  it('gives the last coupon to exactly one of many concurrent claimants', async () => {
    const templateId = await template({ stock: 1, perUserLimit: 1 });
    const claimants = USERS.slice(2, 12);
    const results = await Promise.allSettled(claimants.map((u) => runAs(token(u), 'claimCoupon', { templateId, requestId: rid() })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(codes(results)).toEqual(Array(claimants.length - 1).fill(4020));
    const [row] = await host.store.query<{ stock: number; n: number }>(
      'select t.stock, (select count(*)::int from user_coupons u where u.template_id = t.id) as n from coupon_templates t where t.id = $1',
      [templateId],
    );
    expect(row).toEqual({ stock: 0, n: 1 });
  });

  it('holds the per-user limit under one user’s concurrent claims', async () => {
    const templateId = await template({ stock: 100, perUserLimit: 2 });
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => runAs(token('cathy'), 'claimCoupon', { templateId, requestId: rid() })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    expect(codes(results)).toEqual([4021, 4021, 4021, 4021]);
    const row = firstOf(await host.store.query<{ stock: number }>('select stock from coupon_templates where id = $1', [templateId]));
    expect(row.stock).toBe(98);
  });
});

describe(`pooled orders through the real SDK (${testEngine()})`, () => {
  let groupId: string;
  let orderId: string;
  let crossTemplate: string;
  let uniqloItem: string;
  let liningItem: string;
  let snackItem: string;

  beforeAll(async () => {
    groupId = await activeGroup('alice', ['bella', 'cathy', 'david']);
    uniqloItem = await addItem('alice', groupId, (await productOf('优衣库官方旗舰店')).id);
    liningItem = await addItem('bella', groupId, (await productOf('李宁官方旗舰店')).id);
    snackItem = await addItem('cathy', groupId, (await productOf('良品铺子旗舰店')).id);
    crossTemplate = (await runAs(token('alice'), 'listCoupons', {})).coupons.find((c) => c.title.includes('每满400减50'))!.templateId;
  });

  it('starts a pooled order for members only, once per requestId, with a sensible deadline', async () => {
    const requestId = rid();
    const deadline = new Date(clock.now().getTime() + 2 * HOUR).toISOString();
    const started = await runAs(token('alice'), 'startPooledOrder', { groupId, deadline, requestId });
    expect(started.pooledOrder).toMatchObject({ groupId, status: 'open', createdBy: id('alice'), deadline });
    expect(started.plan).toBeNull();
    expect(started.members.map((m) => m.userId).sort()).toEqual([id('alice'), id('bella'), id('cathy'), id('david')].sort());
    orderId = started.pooledOrder.pooledOrderId;
    expect((await runAs(token('alice'), 'startPooledOrder', { groupId, deadline, requestId })).pooledOrder.pooledOrderId).toBe(orderId);
    expect((await sdkError(runAs(token('emma'), 'startPooledOrder', { groupId, deadline, requestId: rid() }))).code).toBe(119);
    const soon = new Date(clock.now().getTime() + 60_000).toISOString();
    const tooSoon = await sdkError(runAs(token('alice'), 'startPooledOrder', { groupId, deadline: soon, requestId: rid() }));
    expect(tooSoon.code).toBe(142);
    expect(tooSoon.message).toMatch(/deadline/);
    expect((await sdkError(runAs(token('alice'), 'startPooledOrder', { groupId, deadline: 'tomorrow', requestId: rid() }))).code).toBe(142);
    expect((await sdkError(runAs(token('emma'), 'getPooledOrder', { pooledOrderId: orderId }))).code).toBe(119);
    expect((await sdkError(runAs(token('alice'), 'getPooledOrder', { pooledOrderId: newObjectId() }))).code).toBe(101);
  });

  it('adds and removes lines, and plans them with the coupons members hold', async () => {
    await runAs(token('alice'), 'claimCoupon', { templateId: crossTemplate, requestId: rid() });
    await runAs(token('alice'), 'addPooledLine', { pooledOrderId: orderId, itemId: uniqloItem, qty: 1 });
    const view = await runAs(token('bella'), 'addPooledLine', { pooledOrderId: orderId, itemId: liningItem, qty: 1 });
    const uniqlo = await productOf('优衣库官方旗舰店');
    const lining = await productOf('李宁官方旗舰店');
    expect(view.members.find((m) => m.userId === id('bella'))!.lines).toMatchObject([
      { itemId: liningItem, qty: 1, unitPriceFen: lining.price_fen },
    ]);
    expect(view.plan).not.toBeNull();
    expect(view.plan!.totalAmountFen).toBe(uniqlo.price_fen + lining.price_fen);
    expect(view.plan!.totalDiscountFen).toBeGreaterThanOrEqual(5_000);
    expect(view.plan!.members.reduce((s, m) => s + m.payFen, 0)).toBe(view.plan!.totalAmountFen - view.plan!.totalDiscountFen);
    // Setting a line's quantity again replaces it; someone else's line is not yours to remove.
    const twice = await runAs(token('alice'), 'addPooledLine', { pooledOrderId: orderId, itemId: uniqloItem, qty: 2 });
    const aliceLine = at(twice.members.find((m) => m.userId === id('alice'))!.lines, 0);
    expect(aliceLine.qty).toBe(2);
    expect((await sdkError(runAs(token('bella'), 'removePooledLine', { pooledOrderId: orderId, lineId: aliceLine.lineId }))).code).toBe(
      119,
    );
    const removed = await runAs(token('alice'), 'removePooledLine', { pooledOrderId: orderId, lineId: aliceLine.lineId });
    expect(removed.members.find((m) => m.userId === id('alice'))!.lines).toEqual([]);
    await runAs(token('alice'), 'addPooledLine', { pooledOrderId: orderId, itemId: uniqloItem, qty: 1 });
    expect((await sdkError(runAs(token('alice'), 'addPooledLine', { pooledOrderId: orderId, itemId: newObjectId(), qty: 1 }))).code).toBe(
      101,
    );
    expect((await sdkError(runAs(token('alice'), 'addPooledLine', { pooledOrderId: orderId, itemId: uniqloItem, qty: 0 }))).code).toBe(142);
    expect((await sdkError(runAs(token('emma'), 'addPooledLine', { pooledOrderId: orderId, itemId: uniqloItem, qty: 1 }))).code).toBe(119);
  });

  it('refuses to confirm lines that reach no coupon threshold (4022)', async () => {
    const deadline = new Date(clock.now().getTime() + 2 * HOUR).toISOString();
    const small = await runAs(token('cathy'), 'startPooledOrder', { groupId, deadline, requestId: rid() });
    await runAs(token('cathy'), 'addPooledLine', { pooledOrderId: small.pooledOrder.pooledOrderId, itemId: snackItem, qty: 1 });
    const error = await sdkError(
      runAs(token('cathy'), 'confirmPooledOrder', { pooledOrderId: small.pooledOrder.pooledOrderId, requestId: rid() }),
    );
    expect(error.code).toBe(4022);
    expect(error.message).toMatch(/门槛/);
  });

  it('freezes the plan at the first confirmation, charges each part once, and places the orders when all have paid', async () => {
    const merchantBefore = await balance(`merchant:${campaignId}`);
    const requestId = rid();
    const first = await runAs(token('alice'), 'confirmPooledOrder', { pooledOrderId: orderId, requestId });
    expect(first.pooledOrder.status).toBe('confirming');
    const alice = first.members.find((m) => m.userId === id('alice'))!;
    const bella = first.members.find((m) => m.userId === id('bella'))!;
    expect(alice).toMatchObject({ payment: 'paid', dueFen: first.paidFen });
    expect(bella.payment).toBe('due');
    expect(alice.dueFen! + bella.dueFen!).toBe(first.plan!.totalAmountFen - first.plan!.totalDiscountFen);
    expect(await balance(`payment:${id('alice')}`)).toBe(-first.paidFen);
    const retried = await runAs(token('alice'), 'confirmPooledOrder', { pooledOrderId: orderId, requestId });
    expect(retried.paidFen).toBe(first.paidFen);
    expect(await balance(`payment:${id('alice')}`)).toBe(-first.paidFen);
    // The frozen plan's coupons (whoever in the group holds them) are now used by this order.
    const planned = first.plan!.orders.flatMap((o) => [...(o.crossStoreCouponId ? [o.crossStoreCouponId] : []), ...o.shopCouponIds]);
    expect(planned.length).toBeGreaterThanOrEqual(1);
    const used = await host.store.query<{ id: string }>(
      `select id from user_coupons where status = 'used' and pooled_order_id = $1 order by id`,
      [orderId],
    );
    expect(used.map((u) => u.id)).toEqual([...planned].sort());
    // The view names each planned coupon and its holder.
    expect(first.planCoupons.map((c) => c.couponId).sort()).toEqual([...planned].sort());
    const groupIds = ['alice', 'bella', 'cathy', 'david'].map(id);
    for (const coupon of first.planCoupons) {
      expect(groupIds).toContain(coupon.holderId);
      expect(coupon.holderNickname.length).toBeGreaterThan(0);
      expect(coupon.title.length).toBeGreaterThan(0);
    }
    expect((await sdkError(runAs(token('alice'), 'addPooledLine', { pooledOrderId: orderId, itemId: uniqloItem, qty: 3 }))).code).toBe(
      4030,
    );
    // Cathy and David have no lines: nothing for them to pay.
    expect((await sdkError(runAs(token('david'), 'confirmPooledOrder', { pooledOrderId: orderId, requestId: rid() }))).code).toBe(142);

    // Cathy shares Bella's item into the group, Alice her own: buying a groupmate's share earns a
    // purchase packet when the orders are placed, buying your own does not.
    await runAs(token('cathy'), 'shareItem', { groupId, itemId: liningItem, requestId: rid() });
    await runAs(token('alice'), 'shareItem', { groupId, itemId: uniqloItem, requestId: rid() });
    const bellaRequest = rid();
    const placed = await runAs(token('bella'), 'confirmPooledOrder', { pooledOrderId: orderId, requestId: bellaRequest });
    expect(placed.pooledOrder.status).toBe('placed');
    expect(placed.paidFen).toBe(bella.dueFen);
    const campaign = firstOf(
      await host.store.query<{ config: { purchaseReward: PurchaseRewardRule } }>('select config from campaigns where id = $1', [
        campaignId,
      ]),
    );
    const bellaLine = first.plan!.lines.find((l) => l.memberId === id('bella'))!;
    expect(placed.redPackets).toEqual([
      {
        redPacketId: expect.stringMatching(/^[0-9a-f]{24}$/),
        amountFen: purchaseRewardFen(campaign.config.purchaseReward, bellaLine.payFen),
        groupId,
        lineNo: 1,
      },
    ]);
    expect(at(placed.redPackets, 0).amountFen).toBeGreaterThan(0);
    expect((await runAs(token('bella'), 'confirmPooledOrder', { pooledOrderId: orderId, requestId: bellaRequest })).redPackets).toEqual(
      placed.redPackets,
    );
    expect((await runAs(token('alice'), 'confirmPooledOrder', { pooledOrderId: orderId, requestId })).redPackets).toEqual([]);
    // The placed order shows every member what her lines earned; before placing, nobody had any.
    expect(first.members.map((m) => m.redPacketFen)).toEqual(first.members.map(() => null));
    const seen = await runAs(token('cathy'), 'getPooledOrder', { pooledOrderId: orderId });
    const packetOf = (name: string) => seen.members.find((m) => m.userId === id(name))!.redPacketFen;
    expect([packetOf('alice'), packetOf('bella'), packetOf('cathy'), packetOf('david')]).toEqual([
      0,
      at(placed.redPackets, 0).amountFen,
      null,
      null,
    ]);
    // Each payer has a paid order of what she paid, line by line at the plan's amounts.
    const orders = await host.store.query<{ user_id: string; total_fen: number; source: string; paid: number[] }>(
      `select o.user_id, o.total_fen, o.source, array_agg(l.paid_fen order by l.line_no)::int[] as paid from orders o join order_lines l on l.order_id = o.id
       where o.id like $1 group by o.id order by o.user_id`,
      [`pooled-${orderId}-%`],
    );
    expect(orders).toEqual(
      [
        {
          user_id: id('alice'),
          total_fen: first.paidFen,
          source: 'demo',
          paid: first.plan!.lines.filter((l) => l.memberId === id('alice')).map((l) => l.payFen),
        },
        { user_id: id('bella'), total_fen: placed.paidFen, source: 'demo', paid: [bellaLine.payFen] },
      ].sort((a, b) => (a.user_id < b.user_id ? -1 : 1)),
    );
    expect(await balance(`escrow:${orderId}`)).toBe(0);
    expect((await balance(`merchant:${campaignId}`)) - merchantBefore).toBe(first.paidFen + placed.paidFen);
    expect(
      (await sdkError(runAs(token('alice'), 'removePooledLine', { pooledOrderId: orderId, lineId: at(alice.lines, 0).lineId }))).code,
    ).toBe(4030);
  });

  it('lists the group’s pooled orders for members, open ones first, with their totals', async () => {
    const deadline = new Date(clock.now().getTime() + 3 * HOUR).toISOString();
    const fresh = await runAs(token('david'), 'startPooledOrder', { groupId, deadline, requestId: rid() });
    const { pooledOrders } = await runAs(token('bella'), 'listPooledOrders', { groupId });
    const open = pooledOrders.filter((o) => o.status === 'open' || o.status === 'confirming');
    const closed = pooledOrders.filter((o) => o.status !== 'open' && o.status !== 'confirming');
    expect(pooledOrders.slice(0, open.length)).toEqual(open);
    // The test clock stands still, so orders started in this file share a creation time: find by id.
    expect(open.find((o) => o.pooledOrderId === fresh.pooledOrder.pooledOrderId)).toMatchObject({
      creatorNickname: expect.any(String),
      lineCount: 0,
      memberCount: 0,
      totalAmountFen: 0,
    });
    const placed = closed.find((o) => o.pooledOrderId === orderId)!;
    const uniqlo = await productOf('优衣库官方旗舰店');
    const lining = await productOf('李宁官方旗舰店');
    expect(placed).toMatchObject({
      status: 'placed',
      lineCount: 2,
      memberCount: 2,
      totalAmountFen: uniqlo.price_fen + lining.price_fen,
      createdBy: id('alice'),
    });
    expect((await sdkError(runAs(token('emma'), 'listPooledOrders', { groupId }))).code).toBe(119);
    expect((await sdkError(runAs(token('alice'), 'listPooledOrders', { groupId: newObjectId() }))).code).toBe(101);
    expect((await sdkError(runAs(token('alice'), 'listPooledOrders', {} as { groupId: string }))).code).toBe(142);
  });
});

describe(`group buys through the real SDK (${testEngine()})`, () => {
  let deals: DealJson[];
  const dealOfSize = (size: number) => deals.find((d) => d.size === size && !d.virtualCompletion)!;

  beforeAll(async () => {
    deals = (await runAs(token('alice'), 'listDeals', {})).deals;
  });

  it('lists the running campaign deals of several sizes', async () => {
    expect(deals.length).toBeGreaterThanOrEqual(3);
    expect(new Set(deals.map((d) => d.size)).size).toBeGreaterThanOrEqual(3);
    for (const d of deals) expect(d.groupPriceFen).toBeLessThan(d.product.priceFen);
  });

  it('opens with the leader paid first, once per requestId', async () => {
    const deal = dealOfSize(3);
    const requestId = rid();
    const { groupBuy } = await runAs(token('alice'), 'openGroupBuy', { dealId: deal.dealId, requestId });
    expect(groupBuy).toMatchObject({ leaderId: id('alice'), status: 'open', size: 3, seatsTaken: 1, paidCount: 1 });
    expect(groupBuy.members).toMatchObject([{ userId: id('alice'), role: 'leader', paidFen: deal.groupPriceFen, status: 'paid' }]);
    expect(new Date(groupBuy.expiresAt).getTime() - clock.now().getTime()).toBe(deal.timeLimitHours * HOUR);
    const again = await runAs(token('alice'), 'openGroupBuy', { dealId: deal.dealId, requestId });
    expect(again.groupBuy.groupBuyId).toBe(groupBuy.groupBuyId);
    expect(await balance(`escrow:${groupBuy.groupBuyId}`)).toBe(deal.groupPriceFen);
    expect((await sdkError(runAs(token('alice'), 'openGroupBuy', { dealId: newObjectId(), requestId: rid() }))).code).toBe(101);
    expect((await sdkError(runAs(token('alice'), 'getGroupBuy', { groupBuyId: newObjectId() }))).code).toBe(101);
    expect((await sdkError(runAs(token('alice'), 'joinGroupBuy', { groupBuyId: 'bad', requestId: rid() }))).code).toBe(142);
  });

  it('fills the last seat for exactly one of many concurrent joiners, and succeeds at N', async () => {
    const deal = dealOfSize(3);
    const merchantBefore = await balance(`merchant:${campaignId}`);
    const { groupBuy } = await runAs(token('bella'), 'openGroupBuy', { dealId: deal.dealId, requestId: rid() });
    const groupBuyId = groupBuy.groupBuyId;
    // Anyone logged in with the id may look and join: Jack is in no group with Bella.
    expect((await runAs(token('jack'), 'getGroupBuy', { groupBuyId })).groupBuy.seatsTaken).toBe(1);
    const requestId = rid();
    await runAs(token('jack'), 'joinGroupBuy', { groupBuyId, requestId });
    expect((await runAs(token('jack'), 'joinGroupBuy', { groupBuyId, requestId })).groupBuy.seatsTaken).toBe(2);
    const joiners = ['kevin', 'lily', 'mia', 'nina', 'oscar', 'hannah'];
    const results = await Promise.allSettled(joiners.map((u) => runAs(token(u), 'joinGroupBuy', { groupBuyId, requestId: rid() })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(codes(results)).toEqual(Array(joiners.length - 1).fill(4030));
    const done = (await runAs(token('bella'), 'getGroupBuy', { groupBuyId })).groupBuy;
    expect(done).toMatchObject({ status: 'succeeded', outcome: 'full', seatsTaken: 3, paidCount: 3 });
    expect(await balance(`escrow:${groupBuyId}`)).toBe(0);
    expect((await balance(`merchant:${campaignId}`)) - merchantBefore).toBe(3 * deal.groupPriceFen);
    // Each member has a paid order of the deal's product at the group price.
    const orders = await host.store.query<{ user_id: string; total_fen: number; product_id: string }>(
      `select o.user_id, o.total_fen, l.product_id from orders o join order_lines l on l.order_id = o.id where o.id like $1 order by o.user_id`,
      [`groupbuy-${groupBuyId}-%`],
    );
    expect(orders.map((o) => o.user_id).sort()).toEqual(done.members.map((m) => m.userId).sort());
    for (const o of orders) expect(o).toMatchObject({ total_fen: deal.groupPriceFen, product_id: deal.product.productId });
    const late = await sdkError(runAs(token('grace'), 'joinGroupBuy', { groupBuyId, requestId: rid() }));
    expect(late.code).toBe(4030);
    expect((await sdkError(runAs(token('bella'), 'leaveGroupBuy', { groupBuyId }))).code).toBe(4030);
  });

  it('refunds a leaving leader in full and hands the lead to the next member', async () => {
    const deal = dealOfSize(5);
    const { groupBuy } = await runAs(token('cathy'), 'openGroupBuy', { dealId: deal.dealId, requestId: rid() });
    const groupBuyId = groupBuy.groupBuyId;
    await runAs(token('david'), 'joinGroupBuy', { groupBuyId, requestId: rid() });
    clock.advance(1000);
    await runAs(token('emma'), 'joinGroupBuy', { groupBuyId, requestId: rid() });
    const cathyBefore = await balance(`payment:${id('cathy')}`);
    const left = await runAs(token('cathy'), 'leaveGroupBuy', { groupBuyId });
    expect(left.refundedFen).toBe(deal.groupPriceFen);
    expect(left.groupBuy).toMatchObject({ leaderId: id('david'), seatsTaken: 2, paidCount: 2, status: 'open' });
    expect(left.groupBuy.members.find((m) => m.userId === id('cathy'))!.status).toBe('left');
    expect((await balance(`payment:${id('cathy')}`)) - cathyBefore).toBe(deal.groupPriceFen);
    expect((await sdkError(runAs(token('cathy'), 'joinGroupBuy', { groupBuyId, requestId: rid() }))).code).toBe(4030);
    expect((await sdkError(runAs(token('cathy'), 'leaveGroupBuy', { groupBuyId }))).code).toBe(119);
    expect((await sdkError(runAs(token('fiona'), 'leaveGroupBuy', { groupBuyId }))).code).toBe(119);
  });

  it('lists a shopper’s own group buys, open ones first, including the ones she left', async () => {
    const deal = dealOfSize(5);
    const { groupBuy: opened } = await runAs(token('fiona'), 'openGroupBuy', { dealId: deal.dealId, requestId: rid() });
    const { groupBuys } = await runAs(token('david'), 'myGroupBuys', {});
    expect(groupBuys.every((b) => b.members.some((m) => m.userId === id('david')))).toBe(true);
    const cathys = (await runAs(token('cathy'), 'myGroupBuys', {})).groupBuys;
    // Cathy opened one buy and left it: she still sees it, marked as left.
    expect(cathys.some((b) => b.members.some((m) => m.userId === id('cathy') && m.status === 'left'))).toBe(true);
    const bellas = (await runAs(token('bella'), 'myGroupBuys', {})).groupBuys;
    expect(bellas.map((b) => b.status)).toContain('succeeded');
    const fionas = (await runAs(token('fiona'), 'myGroupBuys', {})).groupBuys;
    expect(fionas[0]).toMatchObject({ groupBuyId: opened.groupBuyId, status: 'open', leaderId: id('fiona') });
    for (const list of [groupBuys, cathys, bellas, fionas]) {
      const openFlags = list.map((b) => b.status === 'open');
      expect(openFlags).toEqual([...openFlags].sort((a, b) => Number(b) - Number(a)));
    }
    expect((await runAs(token('paul'), 'myGroupBuys', {})).groupBuys).toEqual([]);
    // Fiona gives her seat back, so her buy does not linger into the deadline tests below.
    expect((await runAs(token('fiona'), 'leaveGroupBuy', { groupBuyId: opened.groupBuyId })).groupBuy.outcome).toBe('abandoned');
    expect((await sdkError(runAs(token('paul'), 'myGroupBuys', { extra: 1 } as unknown as Record<string, never>))).code).toBe(142);
  });
});

describe(`deadlines: expiry refunds everyone exactly once (${testEngine()})`, () => {
  it('fails an unfilled buy and expires an unpaid pooled order at their deadlines, refunding each payer once', async () => {
    const deals = (await runAs(token('alice'), 'listDeals', {})).deals;
    const deal = deals.find((d) => d.size === 2 && !d.virtualCompletion)!;
    const virtualDeal = deals.find((d) => d.virtualCompletion)!;
    const { groupBuy } = await runAs(token('fiona'), 'openGroupBuy', { dealId: deal.dealId, requestId: rid() });
    const virtual = (await runAs(token('grace'), 'openGroupBuy', { dealId: virtualDeal.dealId, requestId: rid() })).groupBuy;

    // A pooled order that one member paid and the other never did.
    const groupId = await activeGroup('ivy', ['lily', 'mia', 'nina']);
    const ivyItem = await addItem('ivy', groupId, (await productOf('Apple Store官方旗舰店')).id);
    const lilyItem = await addItem('lily', groupId, (await productOf('优衣库官方旗舰店')).id);
    const crossTemplate = (await runAs(token('ivy'), 'listCoupons', {})).coupons.find((c) => c.title.includes('每满400减50'))!.templateId;
    const { coupon } = await runAs(token('ivy'), 'claimCoupon', { templateId: crossTemplate, requestId: rid() });
    const deadline = new Date(clock.now().getTime() + HOUR).toISOString();
    const started = await runAs(token('ivy'), 'startPooledOrder', { groupId, deadline, requestId: rid() });
    const pooledOrderId = started.pooledOrder.pooledOrderId;
    await runAs(token('ivy'), 'addPooledLine', { pooledOrderId, itemId: ivyItem, qty: 1 });
    await runAs(token('lily'), 'addPooledLine', { pooledOrderId, itemId: lilyItem, qty: 1 });
    const paid = await runAs(token('ivy'), 'confirmPooledOrder', { pooledOrderId, requestId: rid() });
    expect((await runAs(token('ivy'), 'myCoupons', {})).coupons.find((c) => c.couponId === coupon.couponId)!.status).toBe('used');

    const payments = ['fiona', 'grace', 'ivy'].map((u) => `payment:${id(u)}`);
    const before = await Promise.all(payments.map(balance));

    expect(await runAsMaster('runCommerceExpiry', {})).toEqual({
      groupBuysFailed: 0,
      groupBuysSucceeded: 0,
      pooledOrdersExpired: 0,
      refunds: 0,
      refundedFen: 0,
    });
    clock.advance(deal.timeLimitHours * HOUR);
    const late = await sdkError(later('oscar', 'joinGroupBuy', { groupBuyId: groupBuy.groupBuyId, requestId: rid() }));
    expect(late.code).toBe(4031);
    expect(late.message).toMatch(/截止/);
    expect((await sdkError(later('lily', 'confirmPooledOrder', { pooledOrderId, requestId: rid() }))).code).toBe(4031);
    expect((await sdkError(later('ivy', 'runCommerceExpiry', {}))).code).toBe(119);

    // Also due by now: Alice's size-3 buy from above (her alone, refunded), Cathy's unpaid small
    // pooled order and David's empty one.
    const size3 = deals.find((d) => d.size === 3 && !d.virtualCompletion)!;
    const first = await later('master', 'runCommerceExpiry', {});
    expect(first).toEqual({
      groupBuysFailed: 2,
      groupBuysSucceeded: 0,
      pooledOrdersExpired: 3,
      refunds: 3,
      refundedFen: deal.groupPriceFen + size3.groupPriceFen + paid.paidFen,
    });
    const second = await later('master', 'runCommerceExpiry', {});
    expect(second).toEqual({ groupBuysFailed: 0, groupBuysSucceeded: 0, pooledOrdersExpired: 0, refunds: 0, refundedFen: 0 });

    const after = await Promise.all(payments.map(balance));
    expect(at(after, 0) - at(before, 0)).toBe(deal.groupPriceFen);
    expect(at(after, 1) - at(before, 1)).toBe(0); // the virtual buy has not reached its deadline yet
    expect(at(after, 2) - at(before, 2)).toBe(paid.paidFen);
    const failed = (await later('fiona', 'getGroupBuy', { groupBuyId: groupBuy.groupBuyId })).groupBuy;
    expect(failed).toMatchObject({ status: 'failed', outcome: 'expired', paidCount: 0 });
    expect(failed.members.map((m) => m.status)).toEqual(['refunded']);
    expect(await balance(`escrow:${groupBuy.groupBuyId}`)).toBe(0);
    expect(await balance(`escrow:${pooledOrderId}`)).toBe(0);
    expect((await sdkError(later('oscar', 'joinGroupBuy', { groupBuyId: groupBuy.groupBuyId, requestId: rid() }))).code).toBe(4031);
    const expired = await later('lily', 'getPooledOrder', { pooledOrderId });
    expect(expired.pooledOrder.status).toBe('expired');
    expect(expired.members.find((m) => m.userId === id('ivy'))!.payment).toBe('refunded');
    expect(expired.members.find((m) => m.userId === id('lily'))!.payment).toBe('void');
    // The coupon goes back to its holder.
    expect((await later('ivy', 'myCoupons', {})).coupons.find((c) => c.couponId === coupon.couponId)).toMatchObject({
      status: 'available',
      pooledOrderId: null,
    });
    const refunds = await host.store.query<{ effect_key: string }>(
      `select effect_key from ledger_transactions where effect_key like 'gb-refund:${groupBuy.groupBuyId}:%'`,
    );
    expect(refunds.map((r) => r.effect_key)).toEqual([`gb-refund:${groupBuy.groupBuyId}:${id('fiona')}`]);

    // A deal with virtual completion succeeds at its deadline with whoever paid.
    clock.advance(virtualDeal.timeLimitHours * HOUR);
    // Also due by now: the size-5 buy David and Emma were left holding after Cathy left.
    const size5 = deals.find((d) => d.size === 5 && !d.virtualCompletion)!;
    expect(await later('master', 'runCommerceExpiry', {})).toEqual({
      groupBuysSucceeded: 1,
      groupBuysFailed: 1,
      pooledOrdersExpired: 0,
      refunds: 2,
      refundedFen: 2 * size5.groupPriceFen,
    });
    expect(await later('master', 'runCommerceExpiry', {})).toMatchObject({ groupBuysSucceeded: 0, groupBuysFailed: 0, refunds: 0 });
    expect((await later('grace', 'getGroupBuy', { groupBuyId: virtual.groupBuyId })).groupBuy).toMatchObject({
      status: 'succeeded',
      outcome: 'virtual',
    });
    expect(await balance(`escrow:${virtual.groupBuyId}`)).toBe(0);
    // Succeeding at the deadline places the order of whoever paid, as filling up does; failing places none.
    const placed = await host.store.query<{ id: string; total_fen: number }>(
      'select id, total_fen from orders where id like $1 or id like $2 or id like $3 order by id',
      [`groupbuy-${virtual.groupBuyId}-%`, `groupbuy-${groupBuy.groupBuyId}-%`, `pooled-${pooledOrderId}-%`],
    );
    expect(placed).toEqual([{ id: `groupbuy-${virtual.groupBuyId}-${id('grace')}`, total_fen: virtualDeal.groupPriceFen }]);
  });

  it('keeps the ledger balanced after all of it', async () => {
    expect(await later('master', 'ledgerCheck', {})).toMatchObject({
      balanced: true,
      sumFen: 0,
      unbalancedTransactions: 0,
      accountsOffByEntries: 0,
      negativeAccounts: 0,
      orphanEntries: 0,
    });
  });
});
