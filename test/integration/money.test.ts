import { DEFAULT_CAMPAIGN_CONFIG, type CampaignConfig } from '../../cloud/domain/campaign';
import { drawWinners, seedCommitment } from '../../cloud/domain/money/grandPrize';
import { hookSignature } from '../../cloud/host/hookRoutes';
import { insertPublishedCampaign } from '../../cloud/store/campaigns';
import { budgetLeftFen } from '../../cloud/store/ledger';
import { fixedClock } from '../support/clock';
import { startTestHost, type TestHost } from '../support/host';
import { testEngine } from '../support/database';
import { initSdk, login, runAs, runAsMaster, sdkError } from '../support/sdk';
import { newShoppers, type Shopper } from '../support/shoppers';
import { seeded } from '../support/seeded';
import { at, firstOf, leading } from '../support/at';

let host: TestHost;
const clock = fixedClock();
const tokens = new Map<string, string>();
const ids = new Map<string, string>();
let seq = 0;
const rid = () => `money-req-${String(++seq).padStart(4, '0')}`;
const token = (name: string) => tokens.get(name)!;
const HOUR = 3_600_000;

async function products(n: number, offset = 0) {
  return host.store.query<{ id: string; price_fen: number }>('select id, price_fen from products order by id limit $1 offset $2', [
    n,
    offset,
  ]);
}

async function addAndShare(sharer: string, groupId: string, productId: string) {
  const { item } = await runAs(sharer, 'addWishlistItem', { groupId, productId, requestId: rid() });
  const shared = await runAs(sharer, 'shareItem', { groupId, itemId: item.itemId, requestId: rid() });
  return { item, ...shared };
}

/** An active group of four new shoppers: the owner first. */
async function activeGroup(): Promise<{ groupId: string; members: Shopper[] }> {
  const members = await newShoppers('money', 4);
  const owner = firstOf(members);
  const others = members.slice(1);
  const { group } = await runAs(owner.token, 'createGroup', { name: '红包测试群', requestId: rid() });
  const { inviteCode } = await runAs(owner.token, 'createInvite', { groupId: group.groupId });
  for (const m of others) await runAs(m.token, 'joinGroup', { inviteCode });
  return { groupId: group.groupId, members };
}

/**
 * An active group whose owner shared the catalog's first product and drew a packet into the pool:
 * `sharer` is the owner, `buyer`, `member` and `other` the groupmates.
 */
async function groupWithShare() {
  const { groupId, members } = await activeGroup();
  const [sharer, buyer, member, other] = leading(members, 4);
  const product = firstOf(await products(1));
  const first = await addAndShare(sharer.token, groupId, product.id);
  expect(first.redPacket).not.toBeNull();
  return {
    groupId,
    sharer,
    buyer,
    member,
    other,
    members,
    product,
    item: first.item,
    shareId: first.share.shareId,
    shareFen: first.redPacket!.amountFen,
  };
}

/** As groupWithShare, and the buyer bought two of the shared product: a guaranteed packet waits. */
async function groupWithPurchase() {
  const shared = await groupWithShare();
  const bought = await runAs(shared.buyer.token, 'simulateCheckout', {
    lines: [{ productId: shared.product.id, qty: 2, shareId: shared.shareId }],
    requestId: rid(),
  });
  expect(bought.redPackets).toHaveLength(1);
  return { ...shared, purchaseFen: at(bought.redPackets, 0).amountFen, purchaseOrderId: bought.order.orderId };
}

/**
 * Runs `body` while a campaign of its own is the only running one, then ends it and publishes the
 * demo campaign again, so that the tests around it find the demo campaign as every test starts.
 */
async function withOwnCampaign<T>(
  input: { slug: string; name: string; startsAt: Date; endsAt: Date; config: CampaignConfig },
  body: (campaignId: string) => Promise<T>,
): Promise<T> {
  const published = await host.store.query<{ id: string }>(`select id from campaigns where status = 'published'`);
  await host.store.query(`update campaigns set status = 'ended' where status = 'published'`);
  const campaign = await host.store.transaction((tx) => insertPublishedCampaign(tx, { ...input, timeZone: 'Asia/Shanghai' }, clock.now()));
  try {
    return await body(campaign.id);
  } finally {
    await host.store.query(`update campaigns set status = 'ended' where id = $1`, [campaign.id]);
    await host.store.query(`update campaigns set status = 'published' where id = any($1::text[])`, [published.map((c) => c.id)]);
  }
}

async function sendHook(body: object | string, options: { secret?: string } = {}) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const response = await fetch(`${host.url}/hooks/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hook-signature': hookSignature(options.secret ?? host.config.hookSecret, raw) },
    body: raw,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  host = await startTestHost({ demo: true, clock, random: seeded(42) });
  initSdk(host);
  // Certain draws make the flows below deterministic; the odds themselves are unit-tested.
  await host.store.query(`update campaigns set config = jsonb_set(config, '{shareReward,probability}', '1')`);
  for (const name of ['emma', 'david', 'ivy']) {
    tokens.set(name, await login(name));
    ids.set(name, (await runAs(token(name), 'me', {})).user.objectId);
  }
});
afterAll(async () => {
  await host.stop();
});

describe(`money through the real SDK (${testEngine()})`, () => {
  it('pays a share red packet into an active group pool, once per user and item', async () => {
    const { groupId, members } = await activeGroup();
    const [alice, bella] = leading(members, 2);
    const product = firstOf(await products(1));
    const first = await addAndShare(alice.token, groupId, product.id);
    expect(first.redPacket).not.toBeNull();
    const shareFen = first.redPacket!.amountFen;
    expect(shareFen).toBeGreaterThanOrEqual(100);
    expect(shareFen).toBeLessThanOrEqual(888);
    const again = await runAs(alice.token, 'shareItem', { groupId, itemId: first.item.itemId, requestId: rid() });
    expect(again.redPacket).toBeNull();
    expect(again.noRewardReason).toBe('already_drawn');
    const pool = await runAs(bella.token, 'groupPool', { groupId });
    expect(pool).toMatchObject({ poolFen: shareFen, pendingFen: 0 });
    expect(pool.nextSplitAt).not.toBeNull();
  });

  it('pays nothing in a forming group', async () => {
    const { group } = await runAs(token('emma'), 'createGroup', { name: '未激活', requestId: rid() });
    const [, product] = leading(await products(2), 2);
    const shared = await addAndShare(token('emma'), group.groupId, product.id);
    expect(shared.redPacket).toBeNull();
    expect(shared.noRewardReason).toBe('group_not_active');
  });

  it('reserves a guaranteed packet for a groupmate who buys the shared item, never for self-dealing', async () => {
    const { groupId, sharer: alice, buyer: bella, member: cathy, product, item, shareId, shareFen } = await groupWithShare();
    // alice shares the item again a second later (it draws nothing): the newest share is offered.
    clock.advance(1000);
    expect((await runAs(alice.token, 'shareItem', { groupId, itemId: item.itemId, requestId: rid() })).redPacket).toBeNull();
    const { items } = await runAs(bella.token, 'listWishlist', { groupId });
    const lastShare = items.find((i) => i.productId === product.id)?.lastShare;
    expect(lastShare?.sharedBy.userId).toBe(alice.userId);
    expect(lastShare?.shareId).toMatch(/^[0-9a-f]{24}$/);
    const { items: ownView } = await runAs(alice.token, 'listWishlist', { groupId });
    expect(ownView.find((i) => i.productId === product.id)?.lastShare).toBeNull();
    const own = await runAs(alice.token, 'simulateCheckout', { lines: [{ productId: product.id, qty: 1, shareId }], requestId: rid() });
    expect(own.redPackets).toEqual([]);
    const requestId = rid();
    const bought = await runAs(bella.token, 'simulateCheckout', { lines: [{ productId: product.id, qty: 2, shareId }], requestId });
    expect(bought.order.totalFen).toBe(product.price_fen * 2);
    expect(bought.redPackets).toHaveLength(1);
    const purchaseFen = at(bought.redPackets, 0).amountFen;
    expect(purchaseFen).toBe(Math.min(Math.floor((product.price_fen * 2 * 50) / 1000), 2000));
    const retried = await runAs(bella.token, 'simulateCheckout', { lines: [{ productId: product.id, qty: 2, shareId }], requestId });
    expect(retried.order.orderId).toBe(bought.order.orderId);
    const second = await runAs(bella.token, 'simulateCheckout', { lines: [{ productId: product.id, qty: 1, shareId }], requestId: rid() });
    expect(second.redPackets).toEqual([]);
    const pool = await runAs(cathy.token, 'groupPool', { groupId });
    expect(pool).toMatchObject({ poolFen: shareFen, pendingFen: purchaseFen });
  });

  it('splits the pool among the members at a slot, exactly once', async () => {
    const { groupId, members, buyer: bella, shareFen, purchaseFen, purchaseOrderId } = await groupWithPurchase();
    const [alice, , , david] = leading(members, 4);
    // The purchase packet waits until its order can no longer be refunded: the order system says so.
    const completed = await sendHook({
      type: 'completed',
      orderId: purchaseOrderId,
      userId: bella.userId,
      timestamp: clock.now().getTime(),
    });
    expect(completed).toMatchObject({ status: 200, body: { unlockedFen: purchaseFen } });
    // A slot a second ahead, reached by moving the host's clock past it.
    const slot = new Date(clock.now().getTime() + 1000).toISOString();
    clock.advance(1100);
    const before = await Promise.all(members.map((m) => runAs(m.token, 'myWallet', {})));
    const result = await runAsMaster('runPoolSplit', { slot });
    expect(result.groupsSplit).toBeGreaterThanOrEqual(1);
    const { splits } = await runAs(david.token, 'listSplits', { groupId });
    expect(splits).toHaveLength(1);
    expect(at(splits, 0).totalFen).toBe(shareFen + purchaseFen);
    expect(at(splits, 0).shares).toHaveLength(4);
    expect(at(splits, 0).shares.reduce((sum, s) => sum + s.amountFen, 0)).toBe(shareFen + purchaseFen);
    for (const share of at(splits, 0).shares) expect(share.amountFen).toBeGreaterThanOrEqual(1);
    expect(at(splits, 0).bestUserId).toBe(at(splits, 0).shares.reduce((a, b) => (b.amountFen > a.amountFen ? b : a)).userId);
    const after = await Promise.all(members.map((m) => runAs(m.token, 'myWallet', {})));
    const gained = after.map((w, i) => w.balanceFen - at(before, i).balanceFen);
    expect(gained.reduce((a, b) => a + b, 0)).toBe(shareFen + purchaseFen);
    expect(at(after, 0).entries[0]).toMatchObject({ kind: 'split', groupId });
    expect(await runAs(alice.token, 'groupPool', { groupId })).toMatchObject({ poolFen: 0, pendingFen: 0 });

    const again = await runAsMaster('runPoolSplit', { slot });
    expect(again).toEqual({ slot: new Date(slot).toISOString(), groupsSplit: 0, totalFen: 0 });
    expect((await runAs(david.token, 'listSplits', { groupId })).splits).toHaveLength(1);
    expect(await runAsMaster('ledgerCheck', {})).toMatchObject({
      balanced: true,
      sumFen: 0,
      unbalancedTransactions: 0,
      accountsOffByEntries: 0,
    });
  });

  it('keeps money functions to members and operators', async () => {
    const { groupId } = await activeGroup();
    expect((await sdkError(runAs(token('ivy'), 'groupPool', { groupId }))).code).toBe(119);
    expect((await sdkError(runAs(token('ivy'), 'listSplits', { groupId }))).code).toBe(119);
    expect((await sdkError(runAs(token('ivy'), 'runPoolSplit', { slot: clock.now().toISOString() }))).code).toBe(119);
    expect((await sdkError(runAs(token('ivy'), 'ledgerCheck', {}))).code).toBe(119);
    expect((await sdkError(runAsMaster('runPoolSplit', { slot: 'tomorrow' }))).code).toBe(142);
  });

  describe('the order webhook', () => {
    /** A paid event for one of the shared product, bought by `buyer` through the group's share. */
    const paidEvent = (shared: { product: { id: string }; shareId: string }, buyer: Shopper, orderId: string, extra: object = {}) => ({
      type: 'paid',
      orderId,
      userId: buyer.userId,
      timestamp: clock.now().getTime(),
      // The order system reports its own price for the shared product.
      lines: [{ productId: shared.product.id, priceFen: 19_900, qty: 1, shareId: shared.shareId }],
      ...extra,
    });

    async function ledgerSize() {
      return (await runAsMaster('ledgerCheck', {})).entries;
    }

    it('rejects bad signatures, stale timestamps, malformed JSON and replays without touching the ledger', async () => {
      const shared = await groupWithShare();
      const cathy = shared.member;
      const entries = await ledgerSize();
      const badSig = await sendHook(paidEvent(shared, cathy, 'hook-1'), { secret: 'wrong-secret' });
      expect(badSig).toMatchObject({ status: 401, body: { code: 401 } });
      const stale = await sendHook(paidEvent(shared, cathy, 'hook-2', { timestamp: clock.now().getTime() - 10 * 60 * 1000 }));
      expect(stale.status).toBe(400);
      expect(stale.body).toMatchObject({ code: 142 });
      expect(String(stale.body.error)).toContain('replay window');
      const malformed = await sendHook('{"type": "paid", ');
      expect(malformed).toMatchObject({ status: 400, body: { code: 142 } });
      const wrongShape = await sendHook({ type: 'paid', orderId: 'x' });
      expect(wrongShape).toMatchObject({ status: 400, body: { code: 142 } });
      const unknownRefund = await sendHook({
        type: 'refunded',
        orderId: 'never-paid',
        userId: cathy.userId,
        timestamp: clock.now().getTime(),
        lines: [{ lineNo: 1, qty: 1 }],
      });
      expect(unknownRefund).toMatchObject({ status: 404, body: { code: 101 } });
      expect(await ledgerSize()).toBe(entries);

      const paid = paidEvent(shared, cathy, 'hook-3');
      const ok = await sendHook(paid);
      expect(ok).toMatchObject({ status: 200, body: { ok: true, redPackets: 1 } });
      const afterPaid = await ledgerSize();
      const replay = await sendHook(paid);
      expect(replay).toMatchObject({ status: 409, body: { code: 137 } });
      expect(await ledgerSize()).toBe(afterPaid);
    });

    it('voids the pending packet when the line is refunded before the split, and refunds once', async () => {
      const shared = await groupWithShare();
      const { groupId, sharer: alice, member: cathy } = shared;
      expect(await sendHook(paidEvent(shared, cathy, 'hook-4'))).toMatchObject({ status: 200, body: { ok: true, redPackets: 1 } });
      const pool = await runAs(alice.token, 'groupPool', { groupId });
      expect(pool.pendingFen).toBe(995);
      const refund = {
        type: 'refunded',
        orderId: 'hook-4',
        userId: cathy.userId,
        timestamp: clock.now().getTime(),
        refundId: 'r1',
        lines: [{ lineNo: 1, qty: 1 }],
      };
      expect(await sendHook(refund)).toMatchObject({ status: 200, body: { ok: true, refundedFen: 19_900, voidedFen: 995 } });
      expect(await sendHook(refund)).toMatchObject({ status: 409, body: { code: 137 } });
      const tooMuch = await sendHook({ ...refund, refundId: 'r2' });
      expect(tooMuch).toMatchObject({ status: 400, body: { code: 142 } });
      expect(await runAs(alice.token, 'groupPool', { groupId })).toMatchObject({ pendingFen: 0 });
      expect(await runAsMaster('ledgerCheck', {})).toMatchObject({ balanced: true });
    });

    it('takes what the buyer paid after discounts for the order total, the packet and partial refunds', async () => {
      const shared = await groupWithShare();
      const { groupId, sharer: alice, other: david } = shared;
      const entries = await ledgerSize();
      const line = { productId: shared.product.id, priceFen: 19_900, qty: 3, shareId: shared.shareId };
      const tooMuch = await sendHook({ ...paidEvent(shared, david, 'hook-5'), lines: [{ ...line, paidFen: 59_701 }] });
      expect(tooMuch).toMatchObject({ status: 400, body: { code: 142 } });
      expect(String(tooMuch.body.error)).toContain('paidFen must be at most priceFen × qty');
      expect(await ledgerSize()).toBe(entries);

      // 300.01 yuan paid for 597 yuan of goods: the packet is 5% of what was paid (15 yuan), where the
      // list price would have reached the 20-yuan cap.
      expect(await sendHook({ ...paidEvent(shared, david, 'hook-5'), lines: [{ ...line, paidFen: 30_001 }] })).toMatchObject({
        status: 200,
        body: { redPackets: 1 },
      });
      const order = async () =>
        (
          await host.store.query<{ total_fen: number; refunded_fen: number; status: string }>(
            'select total_fen, refunded_fen, status from orders where id = $1',
            ['hook-5'],
          )
        )[0];
      expect(await order()).toEqual({ total_fen: 30_001, refunded_fen: 0, status: 'paid' });
      expect(await runAs(alice.token, 'groupPool', { groupId })).toMatchObject({ pendingFen: 1_500 });

      // Unit by unit, refunds return floor(paid × units / qty) in all: 100.00, then 200.01.
      const refund = (refundId: string, qty: number) => ({
        type: 'refunded',
        orderId: 'hook-5',
        userId: david.userId,
        timestamp: clock.now().getTime(),
        refundId,
        lines: [{ lineNo: 1, qty }],
      });
      expect(await sendHook(refund('r5-1', 1))).toMatchObject({ status: 200, body: { refundedFen: 10_000, voidedFen: 500 } });
      expect(await order()).toEqual({ total_fen: 30_001, refunded_fen: 10_000, status: 'partially_refunded' });
      expect(await sendHook(refund('r5-2', 2))).toMatchObject({ status: 200, body: { refundedFen: 20_001, voidedFen: 1_000 } });
      expect(await order()).toEqual({ total_fen: 30_001, refunded_fen: 30_001, status: 'refunded' });
      expect(await runAs(alice.token, 'groupPool', { groupId })).toMatchObject({ pendingFen: 0 });
      expect(await runAsMaster('ledgerCheck', {})).toMatchObject({ balanced: true });
    });

    it('refunds a line recorded without a paid amount (by an earlier version) at its list price', async () => {
      await host.store.query(
        `insert into orders (id, user_id, status, total_fen, paid_at, source) values ('hook-old', $1, 'paid', 39800, $2, 'webhook')`,
        [ids.get('david'), clock.now()],
      );
      await host.store.query(
        `insert into order_lines (order_id, line_no, product_id, price_fen, qty) values ('hook-old', 1, '100000000001', 19900, 2)`,
      );
      const refund = {
        type: 'refunded',
        orderId: 'hook-old',
        userId: ids.get('david'),
        timestamp: clock.now().getTime(),
        refundId: 'r-old',
        lines: [{ lineNo: 1, qty: 1 }],
      };
      expect(await sendHook(refund)).toMatchObject({ status: 200, body: { refundedFen: 19_900, voidedFen: 0 } });
    });
  });

  it('never overspends the budget under concurrent shares, and shares still succeed', async () => {
    const { groupId, members } = await activeGroup();
    // A fresh campaign with a budget for exactly three 300-fen packets replaces the demo one.
    const tiny = {
      slug: `tiny-${++seq}`,
      name: 'tiny budget',
      startsAt: new Date(clock.now().getTime() - HOUR),
      endsAt: new Date(clock.now().getTime() + HOUR),
      config: {
        ...DEFAULT_CAMPAIGN_CONFIG,
        budgetFen: 1000,
        shareReward: { probability: 1, minFen: 300, maxFen: 300, dailyCapPerUser: 50 },
      },
    };
    await withOwnCampaign(tiny, async (campaignId) => {
      const catalog = await products(20, 10);
      const items = await Promise.all(
        catalog.map(async (p, i) => ({
          sharer: at(members, i % 4),
          item: (await runAs(at(members, i % 4).token, 'addWishlistItem', { groupId, productId: p.id, requestId: rid() })).item,
        })),
      );
      const results = await Promise.all(
        items.map(({ sharer, item }) => runAs(sharer.token, 'shareItem', { groupId, itemId: item.itemId, requestId: rid() })),
      );
      expect(results).toHaveLength(20);
      expect(results.filter((r) => r.redPacket !== null)).toHaveLength(3);
      expect(results.filter((r) => r.noRewardReason === 'budget_exhausted')).toHaveLength(17);
      // What is left of the budget: its account and its share buckets together.
      expect(await budgetLeftFen(host.store, campaignId)).toBe(100);
      // Only the paid draws count as rewarded (the daily cap counts these): the others have no amount.
      const [drawn] = await host.store.query<{ paid: number; unpaid: number }>(
        `select count(*) filter (where amount_fen is not null)::int as paid, count(*) filter (where amount_fen is null)::int as unpaid
         from share_draws where campaign_id = $1`,
        [campaignId],
      );
      expect(drawn).toEqual({ paid: 3, unpaid: 17 });
      expect(await runAsMaster('ledgerCheck', {})).toMatchObject({ balanced: true, negativeAccounts: 0 });
    });
  });

  it('draws the grand prize verifiably after the window and pays from its own budget', async () => {
    // A campaign whose window opens now and closes in an hour; the clock is moved past its end.
    const window = { startsAt: clock.now(), endsAt: new Date(clock.now().getTime() + HOUR) };
    const grand = {
      slug: `grand-${++seq}`,
      name: 'grand prize',
      ...window,
      config: {
        ...DEFAULT_CAMPAIGN_CONFIG,
        budgetFen: 1000,
        shareReward: { ...DEFAULT_CAMPAIGN_CONFIG.shareReward, probability: 1 },
      },
    };
    await withOwnCampaign(grand, async (campaignId) => {
      // bella buys what alice shared inside the window; a Double 11 list entry makes her eligible.
      const { groupId, buyer: bella, product, shareId } = await groupWithShare();
      await runAs(bella.token, 'simulateCheckout', { lines: [{ productId: product.id, qty: 1, shareId }], requestId: rid() });
      const listed = firstOf(await products(1, 40));
      await runAs(bella.token, 'addWishlistItem', { groupId, productId: listed.id, list: 'double11', requestId: rid() });
      const committed = await runAsMaster('commitGrandPrize', { campaignId });
      expect(committed.seed).toBeNull();
      expect(committed.seedHash).toMatch(/^[0-9a-f]{64}$/);
      expect((await sdkError(runAsMaster('drawGrandPrize', { campaignId }))).code).toBe(4006);
      clock.set(new Date(window.endsAt.getTime() + 1000));
      const drawn = await runAsMaster('drawGrandPrize', { campaignId });
      expect(seedCommitment(drawn.seed!)).toBe(committed.seedHash);
      expect(drawn.eligible!.map((e) => e.userId)).toEqual([bella.userId]);
      expect(drawn.winners).toEqual(drawWinners(drawn.seed!, drawn.eligible!, 3, 5_000_000).map((w) => ({ ...w, paidFen: w.prizeFen })));
      const again = await runAsMaster('drawGrandPrize', { campaignId });
      expect(again.winners).toEqual(drawn.winners);
      const wallet = await runAs(bella.token, 'myWallet', {});
      expect(wallet.entries.filter((e) => e.kind === 'grand_prize')).toHaveLength(1);
      const published = await runAs(undefined, 'grandPrize', { campaignId });
      expect(published.seed).toBe(drawn.seed);
      expect(await runAsMaster('ledgerCheck', {})).toMatchObject({ balanced: true });
    });
  });
});
