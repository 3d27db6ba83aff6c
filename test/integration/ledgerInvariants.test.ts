import { DEFAULT_CAMPAIGN_CONFIG } from '../../cloud/domain/campaign';
import { hookSignature } from '../../cloud/host/hookRoutes';
import { insertPublishedCampaign } from '../../cloud/store/campaigns';
import { budgetAccountIds } from '../../cloud/domain/money/budgetBuckets';
import { budgetLeftFen } from '../../cloud/store/ledger';
import { fixedClock } from '../support/clock';
import { startTestHost, type TestHost } from '../support/host';
import { testEngine } from '../support/database';
import { initSdk, login, runAs, runAsMaster } from '../support/sdk';
import { seeded } from '../support/seeded';
import { at, firstOf } from '../support/at';

const ROUNDS = 6;
const OPS_PER_ROUND = 24;

let host: TestHost;
const clock = fixedClock();
beforeAll(async () => {
  host = await startTestHost({ demo: true, clock, random: seeded(7) });
  initSdk(host);
});
afterAll(async () => {
  await host.stop();
});

describe(`ledger invariants under a random concurrent scenario (${testEngine()})`, () => {
  it('stays balanced, never overdraws the budget, and pays wallets exactly what was split', async () => {
    const pick = seeded(2026);
    const choose = <T>(items: T[]) => at(items, Math.floor(pick() * items.length));
    let seq = 0;
    const rid = () => `inv-req-${String(++seq).padStart(4, '0')}`;
    // A campaign with a budget small enough to run out during the scenario.
    await host.store.query(`update campaigns set status = 'ended'`);
    const campaign = await host.store.transaction((tx) =>
      insertPublishedCampaign(
        tx,
        {
          slug: 'invariants',
          name: 'invariants',
          startsAt: new Date(clock.now().getTime() - 3600_000),
          endsAt: new Date(clock.now().getTime() + 3600_000),
          timeZone: 'Asia/Shanghai',
          config: {
            ...DEFAULT_CAMPAIGN_CONFIG,
            budgetFen: 10_000,
            shareReward: { ...DEFAULT_CAMPAIGN_CONFIG.shareReward, probability: 0.7 },
          },
        },
        clock.now(),
      ),
    );

    const names = ['alice', 'bella', 'cathy', 'david', 'emma', 'fiona', 'ivy', 'lily', 'kevin', 'jack'];
    const tokens = new Map<string, string>();
    const userIds = new Map<string, string>();
    for (const n of names) {
      tokens.set(n, await login(n));
      userIds.set(n, (await runAs(tokens.get(n)!, 'me', {})).user.objectId);
    }
    const groups: Array<{ groupId: string; members: string[] }> = [];
    for (const [owner, members] of [
      ['alice', names.slice(1, 5)],
      ['bella', names.slice(5, 10)],
    ] as const) {
      const { group } = await runAs(tokens.get(owner)!, 'createGroup', { name: '不变量', requestId: rid() });
      const { inviteCode } = await runAs(tokens.get(owner)!, 'createInvite', { groupId: group.groupId });
      for (const m of members) if (m !== owner) await runAs(tokens.get(m)!, 'joinGroup', { inviteCode });
      groups.push({ groupId: group.groupId, members: [owner, ...members.filter((m) => m !== owner)] });
    }
    const products = await host.store.query<{ id: string }>('select id from products order by id limit 60');
    const shares: Array<{ shareId: string; productId: string; groupId: string }> = [];
    const paidOrders: Array<{ orderId: string; userId: string; lines: number }> = [];
    let orderSeq = 0;

    const hook = async (event: object) => {
      const raw = JSON.stringify(event);
      await fetch(`${host.url}/hooks/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hook-signature': hookSignature(host.config.hookSecret, raw) },
        body: raw,
      });
    };

    for (let round = 0; round < ROUNDS; round++) {
      // Each round happens a second after the last, so its splits can take slots the last one could not.
      clock.advance(1000);
      const ops: Array<Promise<unknown>> = [];
      for (let i = 0; i < OPS_PER_ROUND; i++) {
        const group = choose(groups);
        const member = choose(group.members);
        const roll = pick();
        if (roll < 0.45 || shares.length === 0) {
          const productId = choose(products).id;
          ops.push(
            (async () => {
              const { item } = await runAs(tokens.get(member)!, 'addWishlistItem', { groupId: group.groupId, productId, requestId: rid() });
              const { share } = await runAs(tokens.get(member)!, 'shareItem', {
                groupId: group.groupId,
                itemId: item.itemId,
                requestId: rid(),
              });
              shares.push({ shareId: share.shareId, productId, groupId: group.groupId });
            })(),
          );
        } else if (roll < 0.85) {
          const share = choose(shares);
          const buyer = choose(groups.find((g) => g.groupId === share.groupId)!.members);
          const orderId = `inv-order-${++orderSeq}`;
          paidOrders.push({ orderId, userId: userIds.get(buyer)!, lines: 1 });
          const priceFen = 10_000 + Math.floor(pick() * 90_000);
          const qty = 1 + Math.floor(pick() * 3);
          // Half the orders were discounted: the buyer paid 50-100% of the list price.
          const paidFen = pick() < 0.5 ? {} : { paidFen: Math.floor(priceFen * qty * (0.5 + pick() / 2)) };
          ops.push(
            hook({
              type: 'paid',
              orderId,
              userId: userIds.get(buyer),
              timestamp: clock.now().getTime(),
              lines: [{ productId: share.productId, priceFen, qty, shareId: share.shareId, ...paidFen }],
            }),
          );
        } else if (roll < 0.89 && paidOrders.length > 0) {
          // Purchase packets reach a split only once their order is completed (the window is days).
          const order = choose(paidOrders);
          ops.push(hook({ type: 'completed', orderId: order.orderId, userId: order.userId, timestamp: clock.now().getTime() }));
        } else if (roll < 0.95 && paidOrders.length > 0) {
          const order = choose(paidOrders);
          ops.push(
            hook({
              type: 'refunded',
              orderId: order.orderId,
              userId: order.userId,
              timestamp: clock.now().getTime(),
              refundId: `r-${rid()}`,
              lines: [{ lineNo: 1, qty: 1 }],
            }),
          );
        } else {
          ops.push(runAsMaster('runPoolSplit', { slot: new Date(clock.now().getTime() - Math.floor(pick() * 1000)).toISOString() }));
        }
      }
      await Promise.allSettled(ops);
      // The budget's account and its share buckets, each never below zero.
      const budgetRows = await host.store.query<{ balance_fen: number }>('select balance_fen from accounts where id = any($1::text[])', [
        budgetAccountIds(campaign.id),
      ]);
      expect(budgetRows.length).toBeGreaterThan(0);
      for (const row of budgetRows) expect(row.balance_fen).toBeGreaterThanOrEqual(0);
    }
    clock.advance(1000);
    await runAsMaster('runPoolSplit', { slot: clock.now().toISOString() });

    const check = await runAsMaster('ledgerCheck', {});
    expect(check).toMatchObject({
      balanced: true,
      sumFen: 0,
      unbalancedTransactions: 0,
      accountsOffByEntries: 0,
      negativeAccounts: 0,
      orphanEntries: 0,
    });
    // Every order's refunds add up to its paid amount's share of the units refunded, to the fen.
    const orders = firstOf(
      await host.store.query<{ refunded: number; off: number }>(
        `select count(*) filter (where o.refunded_fen > 0)::int as refunded,
              count(*) filter (where o.refunded_fen <> (l.paid_fen * l.refunded_qty) / l.qty or o.total_fen <> l.paid_fen)::int as off
       from orders o join order_lines l on l.order_id = o.id`,
      ),
    );
    expect(orders).toEqual({ refunded: expect.any(Number), off: 0 });
    expect(orders.refunded).toBeGreaterThan(0);
    const wallets = firstOf(
      await host.store.query<{ total: number }>(
        `select coalesce(sum(balance_fen), 0)::bigint as total from accounts where kind = 'wallet'`,
      ),
    );
    const splits = firstOf(await host.store.query<{ total: number }>('select coalesce(sum(total_fen), 0)::bigint as total from splits'));
    expect(wallets.total).toBe(splits.total);
    expect(splits.total).toBeGreaterThan(0);
    // Paid out of the budget = what is in pools, in reserve, and in wallets now.
    const paidOut = firstOf(
      await host.store.query<{ total: number }>(
        `select coalesce(sum(balance_fen), 0)::bigint as total from accounts where kind in ('pool', 'reserve', 'wallet')`,
      ),
    );
    const budgetLeft = await budgetLeftFen(host.store, campaign.id);
    expect(paidOut.total).toBe(10_000 - budgetLeft);
    // Demand was about twice the budget: the guard against overspending was really exercised.
    expect(budgetLeft).toBeLessThan(2_000);
  });
});
