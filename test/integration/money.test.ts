import { hookSignature } from '../../cloud/host/hookRoutes';
import { budgetLeftFen } from '../../cloud/store/ledger';
import { startTestHost, type TestHost } from '../support/host';
import { testEngine } from '../support/database';
import { initSdk, login, runAs, runAsMaster, sdkError } from '../support/sdk';
import { seeded } from '../support/seeded';

let host: TestHost;
const tokens = new Map<string, string>();
const ids = new Map<string, string>();
let seq = 0;
const rid = () => `money-${Date.now()}-${++seq}`;
const token = (name: string) => tokens.get(name)!;


async function activeGroup(owner: string, members: string[]) {
  const { group } = await runAs(token(owner), 'createGroup', { name: '红包测试群', requestId: rid() });
  const { inviteCode } = await runAs(token(owner), 'createInvite', { groupId: group.groupId });
  for (const m of members) await runAs(token(m), 'joinGroup', { inviteCode });
  return group.groupId;
}

async function products(n: number, offset = 0) {
  return host.store.query<{ id: string; price_fen: number }>('select id, price_fen from products order by id limit $1 offset $2', [n, offset]);
}

async function addAndShare(user: string, groupId: string, productId: string) {
  const { item } = await runAs(token(user), 'addWishlistItem', { groupId, productId, requestId: rid() });
  const shared = await runAs(token(user), 'shareItem', { groupId, itemId: item.itemId, requestId: rid() });
  return { item, ...shared };
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
  host = await startTestHost({ demo: true, random: seeded(42) });
  initSdk(host);
  // Certain draws make the flows below deterministic; the odds themselves are unit-tested.
  await host.store.query(`update campaigns set config = jsonb_set(config, '{shareReward,probability}', '1')`);
  for (const name of ['alice', 'bella', 'cathy', 'david', 'emma', 'fiona', 'ivy', 'lily']) {
    tokens.set(name, await login(name));
    ids.set(name, (await runAs(token(name), 'me', {})).user.objectId);
  }
});
afterAll(async () => {
  await host.stop();
});

describe(`money through the real SDK (${testEngine()})`, () => {
  let groupId: string;
  let shareId: string;
  /** The product alice shared: a line earns the purchase packet only when it buys this product. */
  let sharedProductId: string;
  let shareFen: number;
  let purchaseFen: number;
  let purchaseOrderId: string;

  it('pays a share red packet into an active group pool, once per user and item', async () => {
    groupId = await activeGroup('alice', ['bella', 'cathy', 'david']);
    const [product] = await products(1);
    const first = await addAndShare('alice', groupId, product.id);
    expect(first.redPacket).not.toBeNull();
    shareFen = first.redPacket!.amountFen;
    expect(shareFen).toBeGreaterThanOrEqual(100);
    expect(shareFen).toBeLessThanOrEqual(888);
    shareId = first.share.shareId;
    sharedProductId = product.id;
    const again = await runAs(token('alice'), 'shareItem', { groupId, itemId: first.item.itemId, requestId: rid() });
    expect(again.redPacket).toBeNull();
    expect(again.noRewardReason).toBe('already_drawn');
    const pool = await runAs(token('bella'), 'groupPool', { groupId });
    expect(pool).toMatchObject({ poolFen: shareFen, pendingFen: 0 });
    expect(pool.nextSplitAt).not.toBeNull();
  });

  it('pays nothing in a forming group', async () => {
    const { group } = await runAs(token('emma'), 'createGroup', { name: '未激活', requestId: rid() });
    const [, product] = await products(2);
    const shared = await addAndShare('emma', group.groupId, product.id);
    expect(shared.redPacket).toBeNull();
    expect(shared.noRewardReason).toBe('group_not_active');
  });

  it('reserves a guaranteed packet for a groupmate who buys the shared item, never for self-dealing', async () => {
    const [product] = await products(1);
    const { items } = await runAs(token('bella'), 'listWishlist', { groupId });
    // alice shared this item twice (the second share drew nothing): the newest is offered.
    const lastShare = items.find((i) => i.productId === product.id)?.lastShare;
    expect(lastShare?.sharedBy.userId).toBe(ids.get('alice'));
    expect(lastShare?.shareId).toMatch(/^[0-9a-f]{24}$/);
    const { items: ownView } = await runAs(token('alice'), 'listWishlist', { groupId });
    expect(ownView.find((i) => i.productId === product.id)?.lastShare).toBeNull();
    const own = await runAs(token('alice'), 'simulateCheckout', { lines: [{ productId: product.id, qty: 1, shareId }], requestId: rid() });
    expect(own.redPackets).toEqual([]);
    const requestId = rid();
    const bought = await runAs(token('bella'), 'simulateCheckout', { lines: [{ productId: product.id, qty: 2, shareId }], requestId });
    expect(bought.order.totalFen).toBe(product.price_fen * 2);
    expect(bought.redPackets).toHaveLength(1);
    purchaseFen = bought.redPackets[0].amountFen;
    purchaseOrderId = bought.order.orderId;
    expect(purchaseFen).toBe(Math.min(Math.floor((product.price_fen * 2 * 50) / 1000), 2000));
    const retried = await runAs(token('bella'), 'simulateCheckout', { lines: [{ productId: product.id, qty: 2, shareId }], requestId });
    expect(retried.order.orderId).toBe(bought.order.orderId);
    const second = await runAs(token('bella'), 'simulateCheckout', { lines: [{ productId: product.id, qty: 1, shareId }], requestId: rid() });
    expect(second.redPackets).toEqual([]);
    const pool = await runAs(token('cathy'), 'groupPool', { groupId });
    expect(pool).toMatchObject({ poolFen: shareFen, pendingFen: purchaseFen });
  });

  it('splits the pool among the members at a slot, exactly once', async () => {
    // The purchase packet waits until its order can no longer be refunded: the order system says so.
    const completed = await sendHook({ type: 'completed', orderId: purchaseOrderId, userId: ids.get('bella'), timestamp: Date.now() });
    expect(completed).toMatchObject({ status: 200, body: { unlockedFen: purchaseFen } });
    const slot = new Date(Date.now() + 1000).toISOString();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const before = await Promise.all(['alice', 'bella', 'cathy', 'david'].map((n) => runAs(token(n), 'myWallet', {})));
    const result = await runAsMaster('runPoolSplit', { slot });
    expect(result.groupsSplit).toBeGreaterThanOrEqual(1);
    const { splits } = await runAs(token('david'), 'listSplits', { groupId });
    expect(splits).toHaveLength(1);
    expect(splits[0].totalFen).toBe(shareFen + purchaseFen);
    expect(splits[0].shares).toHaveLength(4);
    expect(splits[0].shares.reduce((sum, s) => sum + s.amountFen, 0)).toBe(shareFen + purchaseFen);
    for (const share of splits[0].shares) expect(share.amountFen).toBeGreaterThanOrEqual(1);
    expect(splits[0].bestUserId).toBe(splits[0].shares.reduce((a, b) => (b.amountFen > a.amountFen ? b : a)).userId);
    const after = await Promise.all(['alice', 'bella', 'cathy', 'david'].map((n) => runAs(token(n), 'myWallet', {})));
    const gained = after.map((w, i) => w.balanceFen - before[i].balanceFen);
    expect(gained.reduce((a, b) => a + b, 0)).toBe(shareFen + purchaseFen);
    expect(after[0].entries[0]).toMatchObject({ kind: 'split', groupId });
    expect(await runAs(token('alice'), 'groupPool', { groupId })).toMatchObject({ poolFen: 0, pendingFen: 0 });

    const again = await runAsMaster('runPoolSplit', { slot });
    expect(again).toEqual({ slot: new Date(slot).toISOString(), groupsSplit: 0, totalFen: 0 });
    expect((await runAs(token('david'), 'listSplits', { groupId })).splits).toHaveLength(1);
    expect(await runAsMaster('ledgerCheck', {})).toMatchObject({ balanced: true, sumFen: 0, unbalancedTransactions: 0, accountsOffByEntries: 0 });
  });

  it('keeps money functions to members and operators', async () => {
    expect((await sdkError(runAs(token('ivy'), 'groupPool', { groupId }))).code).toBe(119);
    expect((await sdkError(runAs(token('ivy'), 'listSplits', { groupId }))).code).toBe(119);
    expect((await sdkError(runAs(token('ivy'), 'runPoolSplit', { slot: new Date().toISOString() }))).code).toBe(119);
    expect((await sdkError(runAs(token('ivy'), 'ledgerCheck', {}))).code).toBe(119);
    expect((await sdkError(runAsMaster('runPoolSplit', { slot: 'tomorrow' }))).code).toBe(142);
  });

  describe('the order webhook', () => {
    const paidEvent = (orderId: string, extra: object = {}) => ({
      type: 'paid',
      orderId,
      userId: ids.get('cathy'),
      timestamp: Date.now(),
      // The order system reports its own price for the shared product.
      lines: [{ productId: sharedProductId, priceFen: 19_900, qty: 1, shareId }],
      ...extra,
    });

    async function ledgerSize() {
      return (await runAsMaster('ledgerCheck', {})).entries;
    }

    it('rejects bad signatures, stale timestamps, malformed JSON and replays without touching the ledger', async () => {
      const entries = await ledgerSize();
      const badSig = await sendHook(paidEvent('hook-1'), { secret: 'wrong-secret' });
      expect(badSig).toMatchObject({ status: 401, body: { code: 401 } });
      const stale = await sendHook(paidEvent('hook-2', { timestamp: Date.now() - 10 * 60 * 1000 }));
      expect(stale.status).toBe(400);
      expect(stale.body).toMatchObject({ code: 142 });
      expect(String(stale.body.error)).toContain('replay window');
      const malformed = await sendHook('{"type": "paid", ');
      expect(malformed).toMatchObject({ status: 400, body: { code: 142 } });
      const wrongShape = await sendHook({ type: 'paid', orderId: 'x' });
      expect(wrongShape).toMatchObject({ status: 400, body: { code: 142 } });
      const unknownRefund = await sendHook({ type: 'refunded', orderId: 'never-paid', userId: ids.get('cathy'), timestamp: Date.now(), lines: [{ lineNo: 1, qty: 1 }] });
      expect(unknownRefund).toMatchObject({ status: 404, body: { code: 101 } });
      expect(await ledgerSize()).toBe(entries);

      const paid = paidEvent('hook-3');
      const ok = await sendHook(paid);
      expect(ok).toMatchObject({ status: 200, body: { ok: true, redPackets: 1 } });
      const afterPaid = await ledgerSize();
      const replay = await sendHook(paid);
      expect(replay).toMatchObject({ status: 409, body: { code: 137 } });
      expect(await ledgerSize()).toBe(afterPaid);
    });

    it('voids the pending packet when the line is refunded before the split, and refunds once', async () => {
      const pool = await runAs(token('alice'), 'groupPool', { groupId });
      expect(pool.pendingFen).toBe(995);
      const refund = { type: 'refunded', orderId: 'hook-3', userId: ids.get('cathy'), timestamp: Date.now(), refundId: 'r1', lines: [{ lineNo: 1, qty: 1 }] };
      expect(await sendHook(refund)).toMatchObject({ status: 200, body: { ok: true, refundedFen: 19_900, voidedFen: 995 } });
      expect(await sendHook(refund)).toMatchObject({ status: 409, body: { code: 137 } });
      const tooMuch = await sendHook({ ...refund, refundId: 'r2' });
      expect(tooMuch).toMatchObject({ status: 400, body: { code: 142 } });
      expect(await runAs(token('alice'), 'groupPool', { groupId })).toMatchObject({ pendingFen: 0 });
      expect(await runAsMaster('ledgerCheck', {})).toMatchObject({ balanced: true });
    });

    it('takes what the buyer paid after discounts for the order total, the packet and partial refunds', async () => {
      const entries = await ledgerSize();
      const line = { productId: sharedProductId, priceFen: 19_900, qty: 3, shareId };
      const tooMuch = await sendHook({ ...paidEvent('hook-5'), userId: ids.get('david'), lines: [{ ...line, paidFen: 59_701 }] });
      expect(tooMuch).toMatchObject({ status: 400, body: { code: 142 } });
      expect(String(tooMuch.body.error)).toContain('paidFen must be at most priceFen × qty');
      expect(await ledgerSize()).toBe(entries);

      // 300.01 yuan paid for 597 yuan of goods: the packet is 5% of what was paid (15 yuan), where the
      // list price would have reached the 20-yuan cap.
      expect(await sendHook({ ...paidEvent('hook-5'), userId: ids.get('david'), lines: [{ ...line, paidFen: 30_001 }] })).toMatchObject({ status: 200, body: { redPackets: 1 } });
      const order = async () => (await host.store.query<{ total_fen: number; refunded_fen: number; status: string }>('select total_fen, refunded_fen, status from orders where id = $1', ['hook-5']))[0];
      expect(await order()).toEqual({ total_fen: 30_001, refunded_fen: 0, status: 'paid' });
      expect(await runAs(token('alice'), 'groupPool', { groupId })).toMatchObject({ pendingFen: 1_500 });

      // Unit by unit, refunds return floor(paid × units / qty) in all: 100.00, then 200.01.
      const refund = (refundId: string, qty: number) => ({ type: 'refunded', orderId: 'hook-5', userId: ids.get('david'), timestamp: Date.now(), refundId, lines: [{ lineNo: 1, qty }] });
      expect(await sendHook(refund('r5-1', 1))).toMatchObject({ status: 200, body: { refundedFen: 10_000, voidedFen: 500 } });
      expect(await order()).toEqual({ total_fen: 30_001, refunded_fen: 10_000, status: 'partially_refunded' });
      expect(await sendHook(refund('r5-2', 2))).toMatchObject({ status: 200, body: { refundedFen: 20_001, voidedFen: 1_000 } });
      expect(await order()).toEqual({ total_fen: 30_001, refunded_fen: 30_001, status: 'refunded' });
      expect(await runAs(token('alice'), 'groupPool', { groupId })).toMatchObject({ pendingFen: 0 });
      expect(await runAsMaster('ledgerCheck', {})).toMatchObject({ balanced: true });
    });

    it('refunds a line recorded without a paid amount (by an earlier version) at its list price', async () => {
      await host.store.query(`insert into orders (id, user_id, status, total_fen, paid_at, source) values ('hook-old', $1, 'paid', 39800, now(), 'webhook')`, [ids.get('david')]);
      await host.store.query(`insert into order_lines (order_id, line_no, product_id, price_fen, qty) values ('hook-old', 1, '100000000001', 19900, 2)`);
      const refund = { type: 'refunded', orderId: 'hook-old', userId: ids.get('david'), timestamp: Date.now(), refundId: 'r-old', lines: [{ lineNo: 1, qty: 1 }] };
      expect(await sendHook(refund)).toMatchObject({ status: 200, body: { refundedFen: 19_900, voidedFen: 0 } });
    });
  });

  it('never overspends the budget under concurrent shares, and shares still succeed', async () => {
    // A fresh campaign with a budget for exactly three 300-fen packets replaces the demo one.
    await host.store.query(`update campaigns set status = 'ended'`);
    const { insertPublishedCampaign } = await import('../../cloud/store/campaigns');
    const { DEFAULT_CAMPAIGN_CONFIG } = await import('../../cloud/domain/campaign');
    await host.store.transaction((tx) =>
      insertPublishedCampaign(
        tx,
        {
          slug: `tiny-${Date.now()}`,
          name: 'tiny budget',
          startsAt: new Date(Date.now() - 3600_000),
          endsAt: new Date(Date.now() + 3600_000),
          timeZone: 'Asia/Shanghai',
          config: { ...DEFAULT_CAMPAIGN_CONFIG, budgetFen: 1000, shareReward: { probability: 1, minFen: 300, maxFen: 300, dailyCapPerUser: 50 } },
        },
        new Date(),
      ),
    );
    const sharers = ['alice', 'bella', 'cathy', 'david'];
    const catalog = await products(20, 10);
    const items = await Promise.all(
      catalog.map(async (p, i) => ({ user: sharers[i % 4], item: (await runAs(token(sharers[i % 4]), 'addWishlistItem', { groupId, productId: p.id, requestId: rid() })).item })),
    );
    const results = await Promise.all(items.map(({ user, item }) => runAs(token(user), 'shareItem', { groupId, itemId: item.itemId, requestId: rid() })));
    expect(results).toHaveLength(20);
    expect(results.filter((r) => r.redPacket !== null)).toHaveLength(3);
    expect(results.filter((r) => r.noRewardReason === 'budget_exhausted')).toHaveLength(17);
    // What is left of the budget: its account and its share buckets together.
    const [tiny] = await host.store.query<{ id: string }>(`select id from campaigns where slug like 'tiny-%'`);
    expect(await budgetLeftFen(host.store, tiny.id)).toBe(100);
    // Only the paid draws count as rewarded (the daily cap counts these): the others have no amount.
    const [drawn] = await host.store.query<{ paid: number; unpaid: number }>(
      `select count(*) filter (where amount_fen is not null)::int as paid, count(*) filter (where amount_fen is null)::int as unpaid
       from share_draws where campaign_id = $1`,
      [tiny.id],
    );
    expect(drawn).toEqual({ paid: 3, unpaid: 17 });
    expect(await runAsMaster('ledgerCheck', {})).toMatchObject({ balanced: true, negativeAccounts: 0 });
  });

  it('draws the grand prize verifiably after the window and pays from its own budget', async () => {
    const { drawWinners, seedCommitment } = await import('../../cloud/domain/money/grandPrize');
    const [campaign] = await host.store.query<{ id: string }>(`select id from campaigns where slug like 'tiny-%'`);
    // bella bought what alice shared; give her a Double 11 list entry so she is eligible.
    const [product] = await products(1, 40);
    await runAs(token('bella'), 'addWishlistItem', { groupId, productId: product.id, list: 'double11', requestId: rid() });
    const committed = await runAsMaster('commitGrandPrize', { campaignId: campaign.id });
    expect(committed.seed).toBeNull();
    expect(committed.seedHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await sdkError(runAsMaster('drawGrandPrize', { campaignId: campaign.id }))).code).toBe(4006);
    await host.store.query(`update campaigns set ends_at = now() - interval '1 second', starts_at = now() - interval '2 hours' where id = $1`, [campaign.id]);
    // Orders above were paid before this campaign's window opened; move them inside it.
    await host.store.query(`update orders set paid_at = now() - interval '1 hour'`);
    const drawn = await runAsMaster('drawGrandPrize', { campaignId: campaign.id });
    expect(seedCommitment(drawn.seed!)).toBe(committed.seedHash);
    expect(drawn.eligible!.map((e) => e.userId)).toEqual([ids.get('bella')]);
    expect(drawn.winners).toEqual(drawWinners(drawn.seed!, drawn.eligible!, 3, 5_000_000).map((w) => ({ ...w, paidFen: w.prizeFen })));
    const again = await runAsMaster('drawGrandPrize', { campaignId: campaign.id });
    expect(again.winners).toEqual(drawn.winners);
    const wallet = await runAs(token('bella'), 'myWallet', {});
    expect(wallet.entries.filter((e) => e.kind === 'grand_prize')).toHaveLength(1);
    const published = await runAs(undefined, 'grandPrize', { campaignId: campaign.id });
    expect(published.seed).toBe(drawn.seed);
    expect(await runAsMaster('ledgerCheck', {})).toMatchObject({ balanced: true });
  });
});
