import { signRequest } from '../../cloud/host/appAuth';
import { hookSignature } from '../../cloud/host/hookRoutes';
import type { FunctionName, ParamsOf, ResultOf } from '../../contract/functions';
import { testEngine } from '../support/database';
import { fixedClock } from '../support/clock';
import { startTestHost, type TestHost } from '../support/host';
import { initSdk, login, runAs } from '../support/sdk';
import { at, firstOf } from '../support/at';

/*
 * Ways money could leak out of the campaign: a purchase packet for a product nobody shared, a
 * packet split into wallets before its order could still be refunded, a split run ahead of time,
 * a retried checkout that fails instead of answering, a refund that names one line twice.
 */

let host: TestHost;
const clock = fixedClock();
const tokens = new Map<string, string>();
const ids = new Map<string, string>();
let seq = 0;
const rid = () => `leak-${Date.now()}-${++seq}`;
const DAY = 86_400_000;
const MEMBERS = ['alice', 'bella', 'cathy', 'david'];
let groupId: string;
let cheap: { id: string; price_fen: number };
let dear: { id: string; price_fen: number };
let shareId: string;

/** A call signed at the host's clock, which these tests move days ahead. */
async function call<N extends FunctionName>(who: string, name: N, params: ParamsOf<N>): Promise<ResultOf<N>> {
  const response = await fetch(`${host.url}/1.1/functions/${name}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-lc-id': host.appId,
      'x-lc-sign':
        who === 'master' ? signRequest(host.masterKey, clock.now().getTime(), true) : signRequest(host.appKey, clock.now().getTime()),
      ...(who === 'master' ? {} : { 'x-lc-session': tokens.get(who)! }),
    },
    body: JSON.stringify(params),
  });
  const body = (await response.json()) as { result?: ResultOf<N>; code?: number; error?: string };
  if (!response.ok) throw Object.assign(new Error(body.error), { code: body.code, status: response.status });
  return body.result!;
}

async function refused(promise: Promise<unknown>): Promise<{ code: number; message: string; status: number }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: number; message: string; status: number };
  }
  throw new Error('expected the call to be refused');
}

async function hook(event: Record<string, unknown>) {
  const raw = JSON.stringify({ timestamp: clock.now().getTime(), ...event });
  const response = await fetch(`${host.url}/hooks/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hook-signature': hookSignature(host.config.hookSecret, raw) },
    body: raw,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function ledger() {
  return call('master', 'ledgerCheck', {});
}

async function walletsFen(): Promise<number> {
  const row = firstOf(
    await host.store.query<{ total: number }>(`select coalesce(sum(balance_fen), 0)::bigint as total from accounts where kind = 'wallet'`),
  );
  return row.total;
}

async function share(user: string, productId: string): Promise<string> {
  const { item } = await call(user, 'addWishlistItem', { groupId, productId, requestId: rid() });
  const shared = await call(user, 'shareItem', { groupId, itemId: item.itemId, requestId: rid() });
  return shared.share.shareId;
}

beforeAll(async () => {
  host = await startTestHost({ demo: true, clock });
  initSdk(host);
  await host.store.query(`update campaigns set config = jsonb_set(config, '{shareReward,probability}', '1')`);
  for (const name of MEMBERS) {
    tokens.set(name, await login(name));
    ids.set(name, (await runAs(tokens.get(name)!, 'me', {})).user.objectId);
  }
  const { group } = await call('alice', 'createGroup', { name: '漏洞测试群', requestId: rid() });
  groupId = group.groupId;
  const { inviteCode } = await call('alice', 'createInvite', { groupId });
  for (const m of MEMBERS.slice(1)) await call(m, 'joinGroup', { inviteCode });
  // A cheap product to share, and a dearer one to buy instead: the dear one alone would reach the cap.
  const rows = await host.store.query<{ id: string; price_fen: number }>(
    'select id, price_fen from products where price_fen between 2000 and 20000 order by price_fen, id',
  );
  cheap = at(rows, 0);
  dear = firstOf(
    await host.store.query<{ id: string; price_fen: number }>(
      'select id, price_fen from products where price_fen >= 100000 order by price_fen, id limit 1',
    ),
  );
  shareId = await share('alice', cheap.id);
});
afterAll(async () => {
  await host.stop();
});

describe(`money leaks (${testEngine()})`, () => {
  it('pays the purchase packet only for the shared product, on what was paid for that line', async () => {
    expect(Math.floor((dear.price_fen * 50) / 1000)).toBeGreaterThan(Math.floor((cheap.price_fen * 50) / 1000));
    const demo = await call('bella', 'simulateCheckout', { lines: [{ productId: dear.id, qty: 1, shareId }], requestId: rid() });
    expect(demo.redPackets).toEqual([]);
    const other = await hook({
      type: 'paid',
      orderId: 'leak-other',
      userId: ids.get('cathy'),
      lines: [{ productId: dear.id, priceFen: dear.price_fen, qty: 1, shareId }],
    });
    expect(other).toMatchObject({ status: 200, body: { redPackets: 0 } });
    // Both lines of one order: only the shared product's line earns, on its own paid amount.
    const mixed = await hook({
      type: 'paid',
      orderId: 'leak-mixed',
      userId: ids.get('david'),
      lines: [
        { productId: dear.id, priceFen: dear.price_fen, qty: 1, shareId },
        { productId: cheap.id, priceFen: cheap.price_fen, qty: 2, shareId, paidFen: cheap.price_fen + 1 },
      ],
    });
    expect(mixed).toMatchObject({ status: 200, body: { redPackets: 1 } });
    const [packet] = await host.store.query<{ amount_fen: number; line_no: number }>(
      `select amount_fen, line_no from red_packets where order_id = 'leak-mixed'`,
    );
    expect(packet).toEqual({ amount_fen: Math.floor(((cheap.price_fen + 1) * 50) / 1000), line_no: 2 });
    expect((await ledger()).balanced).toBe(true);
  });

  it('keeps purchase packets pending and out of splits until the order completes, and a refund before then voids them', async () => {
    const paid = await hook({
      type: 'paid',
      orderId: 'leak-refund',
      userId: ids.get('cathy'),
      lines: [{ productId: cheap.id, priceFen: cheap.price_fen, qty: 1, shareId }],
    });
    expect(paid).toMatchObject({ status: 200, body: { redPackets: 1 } });
    const packetFen = Math.floor((cheap.price_fen * 50) / 1000);
    const paidAt = clock.now();
    const pool = await call('bella', 'groupPool', { groupId });
    const davidFen = Math.floor(((cheap.price_fen + 1) * 50) / 1000);
    expect(pool.pendingFen).toBe(packetFen + davidFen);
    expect(pool.pending.map((p) => p.unlocksAt)).toEqual([
      new Date(paidAt.getTime() + 7 * DAY).toISOString(),
      new Date(paidAt.getTime() + 7 * DAY).toISOString(),
    ]);
    const cathyWallet = await call('cathy', 'myWallet', {});
    expect(cathyWallet).toMatchObject({
      pendingFen: packetFen,
      pending: [{ amountFen: packetFen, groupId, unlocksAt: new Date(paidAt.getTime() + 7 * DAY).toISOString() }],
    });

    // A split now takes the pool (the share packet) and leaves both purchase packets pending.
    clock.advance(60_000);
    const poolFen = pool.poolFen;
    const split = await call('master', 'runPoolSplit', { slot: clock.now().toISOString() });
    expect(split.totalFen).toBe(poolFen);
    expect(await call('bella', 'groupPool', { groupId })).toMatchObject({ poolFen: 0, pendingFen: packetFen + davidFen });

    const wallets = await walletsFen();
    const refund = await hook({
      type: 'refunded',
      orderId: 'leak-refund',
      userId: ids.get('cathy'),
      refundId: 'r-full',
      lines: [{ lineNo: 1, qty: 1 }],
    });
    expect(refund).toMatchObject({ status: 200, body: { refundedFen: cheap.price_fen, voidedFen: packetFen } });
    expect(await walletsFen()).toBe(wallets);
    expect(await call('bella', 'groupPool', { groupId })).toMatchObject({ pendingFen: davidFen });
    expect(await ledger()).toMatchObject({ balanced: true, sumFen: 0 });
  });

  it('unlocks a completed order for the next split, once; the webhook refuses a repeat and an unknown order', async () => {
    expect(await hook({ type: 'completed', orderId: 'never-paid', userId: ids.get('david') })).toMatchObject({
      status: 404,
      body: { code: 101 },
    });
    expect(await hook({ type: 'completed', orderId: 'leak-mixed', userId: ids.get('cathy') })).toMatchObject({
      status: 400,
      body: { code: 142 },
    });
    const davidFen = Math.floor(((cheap.price_fen + 1) * 50) / 1000);
    const completed = await hook({ type: 'completed', orderId: 'leak-mixed', userId: ids.get('david') });
    expect(completed).toMatchObject({ status: 200, body: { ok: true, orderId: 'leak-mixed', unlockedFen: davidFen } });
    expect(await hook({ type: 'completed', orderId: 'leak-mixed', userId: ids.get('david') })).toMatchObject({
      status: 409,
      body: { code: 137 },
    });
    expect((await call('bella', 'groupPool', { groupId })).pending).toEqual([
      expect.objectContaining({ amountFen: davidFen, unlocksAt: clock.now().toISOString() }),
    ]);
    clock.advance(60_000);
    const wallets = await walletsFen();
    const split = await call('master', 'runPoolSplit', { slot: clock.now().toISOString() });
    expect(split).toMatchObject({ groupsSplit: 1, totalFen: davidFen });
    expect(await walletsFen()).toBe(wallets + davidFen);
    expect(await call('bella', 'groupPool', { groupId })).toMatchObject({ poolFen: 0, pendingFen: 0, pending: [] });
    // Split into wallets: a late refund returns the buyer's money but cannot take the packet back.
    const late = await hook({
      type: 'refunded',
      orderId: 'leak-mixed',
      userId: ids.get('david'),
      refundId: 'r-late',
      lines: [{ lineNo: 2, qty: 2 }],
    });
    expect(late).toMatchObject({ status: 200, body: { voidedFen: 0 } });
    expect(await ledger()).toMatchObject({ balanced: true });
  });

  it('unlocks a demo checkout when the refund window has passed, by the campaign setting', async () => {
    await host.store.query(`update campaigns set config = config || '{"refundWindowDays": 2}'`);
    clock.advance(2_000); // past the host's one-second campaign cache
    const otherShare = await share('bella', dear.id);
    const bought = await call('cathy', 'simulateCheckout', {
      lines: [{ productId: dear.id, qty: 1, shareId: otherShare }],
      requestId: rid(),
    });
    expect(bought.redPackets).toHaveLength(1);
    const packetFen = at(bought.redPackets, 0).amountFen;
    const unlocksAt = new Date(clock.now().getTime() + 2 * DAY);
    expect((await call('cathy', 'myWallet', {})).pending).toEqual([
      expect.objectContaining({ amountFen: packetFen, unlocksAt: unlocksAt.toISOString() }),
    ]);
    const poolFen = (await call('cathy', 'groupPool', { groupId })).poolFen;
    clock.set(new Date(unlocksAt.getTime() - 1));
    expect((await call('master', 'runPoolSplit', { slot: clock.now().toISOString() })).totalFen).toBe(poolFen);
    clock.set(unlocksAt);
    expect(await call('master', 'runPoolSplit', { slot: clock.now().toISOString() })).toMatchObject({
      groupsSplit: 1,
      totalFen: packetFen,
    });
    expect(await call('cathy', 'myWallet', {})).toMatchObject({ pendingFen: 0, pending: [] });
    expect(await ledger()).toMatchObject({ balanced: true });
  });

  it('validates the refund window setting', async () => {
    const { id } = firstOf(await host.store.query<{ id: string }>(`select id from campaigns limit 1`));
    const { campaign } = await call('master', 'getCampaign', { campaignId: id });
    const input = {
      campaignId: id,
      slug: campaign.slug,
      name: campaign.name,
      startsAt: campaign.startsAt,
      endsAt: campaign.endsAt,
      timeZone: campaign.timeZone,
      rules: campaign.rules,
      money: campaign.money,
      page: campaign.page,
    };
    const error = await refused(
      call('master', 'saveCampaign', { campaign: { ...input, money: { ...input.money, refundWindowDays: 31 } } }),
    );
    expect(error.code).toBe(142);
    expect(error.message).toContain('refundWindowDays');
    const saved = await call('master', 'saveCampaign', { campaign: { ...input, money: { ...input.money, refundWindowDays: 10 } } });
    expect(saved.campaign.money.refundWindowDays).toBe(10);
  });

  it('refuses an operator split of a future slot or one outside the campaign window', async () => {
    const future = await refused(call('master', 'runPoolSplit', { slot: new Date(clock.now().getTime() + 60_000).toISOString() }));
    expect(future).toMatchObject({ code: 142, status: 400 });
    expect(future.message).toMatch(/^slot: .*in the future/);
    const campaign = firstOf(await host.store.query<{ starts_at: Date }>(`select starts_at from campaigns where status = 'published'`));
    const before = await refused(call('master', 'runPoolSplit', { slot: new Date(campaign.starts_at.getTime() - 1000).toISOString() }));
    expect(before.code).toBe(142);
    expect(before.message).toMatch(/^slot: .*(outside the campaign window|before any campaign started)/);
    expect(await host.store.query(`select 1 from splits where slot > $1 or slot < $2`, [clock.now(), campaign.starts_at])).toEqual([]);
  });

  it('answers 50 concurrent retries of one checkout with the first answer, acting once', async () => {
    const fresh = await share('david', cheap.id);
    const requestId = rid();
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () =>
        call('bella', 'simulateCheckout', { lines: [{ productId: cheap.id, qty: 1, shareId: fresh }], requestId }),
      ),
    );
    const failures = results
      .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      .map((r) => (r.reason as { code: number }).code);
    expect(failures).toEqual([]);
    const answers = results.map((r) => (r as PromiseFulfilledResult<ResultOf<'simulateCheckout'>>).value);
    expect(at(answers, 0).redPackets).toHaveLength(1);
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    const orderId = at(answers, 0).order.orderId;
    expect(await host.store.query(`select id from orders where id = $1`, [orderId])).toHaveLength(1);
    const effects = firstOf(
      await host.store.query<{ n: number }>(`select count(*)::int as n from ledger_transactions where effect_key = $1`, [
        `reserve:${at(at(answers, 0).redPackets, 0).redPacketId}`,
      ]),
    );
    expect(effects.n).toBe(1);
    expect(await host.store.query(`select id from red_packets where order_id = $1`, [orderId])).toHaveLength(1);
    expect(await ledger()).toMatchObject({ balanced: true });
  });

  it('refuses a refund that names one line twice with 142 and changes nothing', async () => {
    expect(
      await hook({
        type: 'paid',
        orderId: 'leak-twice',
        userId: ids.get('cathy'),
        lines: [{ productId: cheap.id, priceFen: cheap.price_fen, qty: 1 }],
      }),
    ).toMatchObject({ status: 200 });
    const entries = (await ledger()).entries;
    const twice = await hook({
      type: 'refunded',
      orderId: 'leak-twice',
      userId: ids.get('cathy'),
      refundId: 'r-twice',
      lines: [
        { lineNo: 1, qty: 1 },
        { lineNo: 1, qty: 1 },
      ],
    });
    expect(twice).toMatchObject({ status: 400, body: { code: 142 } });
    expect(String(twice.body.error)).toContain('lines');
    expect(await host.store.query(`select status, refunded_fen from orders where id = 'leak-twice'`)).toEqual([
      { status: 'paid', refunded_fen: 0 },
    ]);
    expect(await host.store.query(`select 1 from order_refunds where order_id = 'leak-twice'`)).toEqual([]);
    expect((await ledger()).entries).toBe(entries);
    // The same refund sent properly still goes through afterwards.
    expect(
      await hook({
        type: 'refunded',
        orderId: 'leak-twice',
        userId: ids.get('cathy'),
        refundId: 'r-twice',
        lines: [{ lineNo: 1, qty: 1 }],
      }),
    ).toMatchObject({ status: 200 });
  });
});
