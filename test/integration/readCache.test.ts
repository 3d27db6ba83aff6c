import type { FunctionName, ParamsOf } from '../../contract';
import { at, firstOf } from '../support/at';
import { fixedClock } from '../support/clock';
import { testEngine } from '../support/database';
import { startTestHost, type TestHost } from '../support/host';
import { initSdk, login, rawRequest, runAs } from '../support/sdk';
import { newShoppers, type Shopper } from '../support/shoppers';

/*
 * The host keeps the answers of the most-read screens (listWishlist, groupFeed, getGroup, myOrders,
 * myNotifications, unreadCount) in memory and checks the data's version on every read. After every
 * kind of change those screens show, each screen must answer exactly what it answers with the
 * cache emptied, and the change must be visible: a version that failed to move would serve the
 * stored answer, which the comparison catches.
 */

let host: TestHost;
const clock = fixedClock();
let seq = 0;
const rid = () => `cache-request-${++seq}`;
const MINUTE = 60_000;
const METRICS_TOKEN = 'read-cache-metrics-token';

/** The host's count of read cache lookups with `outcome`, from /metrics. */
async function lookups(outcome: 'hit' | 'miss'): Promise<number> {
  const text = await (await fetch(`${host.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const match = new RegExp(`^besties_read_cache_lookups_total\\{outcome="${outcome}"\\} (\\d+)$`, 'm').exec(text);
  return match ? Number(match[1]) : 0;
}

let ann: Shopper;
let bea: Shopper;
let cat: Shopper;
let dee: Shopper;
let eve: Shopper;
let groupId: string;
let productId: string;

type Screen = { [N in FunctionName]: { name: N; params: ParamsOf<N> } }[FunctionName];

function groupScreens(): Screen[] {
  return [
    { name: 'listWishlist', params: { groupId } },
    { name: 'listWishlist', params: { groupId, limit: 2 } },
    { name: 'groupFeed', params: { groupId } },
    { name: 'getGroup', params: { groupId } },
  ];
}
const userScreens: Screen[] = [
  { name: 'myOrders', params: {} },
  { name: 'myNotifications', params: {} },
  { name: 'unreadCount', params: {} },
];

async function answer(who: Shopper, screen: Screen): Promise<unknown> {
  return runAs(who.token, screen.name, screen.params as never);
}

/** Every screen as `who` sees it, read twice so that the second read comes from the cache. */
async function warm(who: Shopper, screens: Screen[]): Promise<unknown[]> {
  const answers: unknown[] = [];
  for (const screen of screens) {
    await answer(who, screen);
    const hitsBefore = host.host.deps.reads.hits;
    answers.push(await answer(who, screen));
    expect(host.host.deps.reads.hits).toBe(hitsBefore + 1);
  }
  return answers;
}

/** Every screen as `who` sees it through the cache, then with the cache emptied: they must agree. */
async function expectCurrent(who: Shopper, screens: Screen[]): Promise<unknown[]> {
  const cached: unknown[] = [];
  for (const screen of screens) cached.push(await answer(who, screen));
  host.host.deps.reads.clear();
  const fresh: unknown[] = [];
  for (const screen of screens) fresh.push(await answer(who, screen));
  expect(cached).toEqual(fresh);
  return fresh;
}

/**
 * Warms the screens for `viewers`, runs `change`, and checks every viewer's screens against fresh
 * reads; `visible` names a screen (by index) whose answer the change must alter for the first viewer.
 */
async function afterChange(viewers: Shopper[], screens: Screen[], change: () => Promise<unknown>, visible: number): Promise<void> {
  const before = new Map<Shopper, unknown[]>();
  for (const viewer of viewers) before.set(viewer, await warm(viewer, screens));
  clock.advance(MINUTE);
  await change();
  for (const viewer of viewers) {
    const now = await expectCurrent(viewer, screens);
    if (viewer === viewers[0]) expect(at(now, visible)).not.toEqual(at(before.get(viewer)!, visible));
  }
}

beforeAll(async () => {
  host = await startTestHost({ demo: true, clock, metricsToken: METRICS_TOKEN });
  initSdk(host);
  const shoppers = await newShoppers('cache', 5);
  [ann, bea, cat, dee, eve] = [at(shoppers, 0), at(shoppers, 1), at(shoppers, 2), at(shoppers, 3), at(shoppers, 4)];
  groupId = (await runAs(ann.token, 'createGroup', { name: '缓存测试群', requestId: rid() })).group.groupId;
  const { inviteCode } = await runAs(ann.token, 'createInvite', { groupId });
  for (const member of [bea, cat, dee]) await runAs(member.token, 'joinGroup', { inviteCode });
  const products = await runAs(ann.token, 'listProducts', { limit: 5 });
  productId = at(products.products, 0).productId;
  await runAs(ann.token, 'addWishlistItem', { groupId, productId, requestId: rid() });
  await runAs(bea.token, 'addWishlistItem', { groupId, productId: at(products.products, 1).productId, requestId: rid() });
  await runAs(cat.token, 'addWishlistItem', { groupId, productId: at(products.products, 2).productId, requestId: rid() });
});
afterAll(async () => {
  await host.stop();
});

const itemOf = async (who: Shopper, product = productId) =>
  firstOf((await runAs(who.token, 'listWishlist', { groupId })).items.filter((item) => item.productId === product));

describe(`the read cache never serves a stale screen (${testEngine()})`, () => {
  it('serves repeated reads from memory, counted in the metrics, and non-members are refused as before', async () => {
    const [hits, misses] = [await lookups('hit'), await lookups('miss')];
    await warm(bea, groupScreens());
    // Each screen: a miss (read and stored), then a hit.
    expect([(await lookups('hit')) - hits, (await lookups('miss')) - misses]).toEqual([groupScreens().length, groupScreens().length]);
    const outsider = eve;
    for (const screen of groupScreens()) {
      const refused = await rawRequest(host, 'POST', `/1.1/functions/${screen.name}`, { body: screen.params, session: outsider.token });
      expect(refused.body.code).toBe(119);
    }
  });

  it('a new item, a want, a share, a purchase mark and a removal', async () => {
    const products = await runAs(ann.token, 'listProducts', { limit: 5 });
    await afterChange(
      [bea, cat],
      groupScreens(),
      () => runAs(dee.token, 'addWishlistItem', { groupId, productId: at(products.products, 3).productId, requestId: rid() }),
      0,
    );
    const item = await itemOf(bea);
    // wantedByMe differs per member: the wanting member's page and another's.
    await afterChange([bea, cat], groupScreens(), () => runAs(bea.token, 'wantItem', { itemId: item.itemId, on: true }), 0);
    await afterChange([bea, cat], groupScreens(), () => runAs(bea.token, 'wantItem', { itemId: item.itemId, on: false }), 0);
    // The latest share by someone else: cat sees ann's share, ann does not see her own.
    await afterChange(
      [cat, ann],
      groupScreens(),
      () => runAs(ann.token, 'shareItem', { groupId, itemId: item.itemId, requestId: rid() }),
      0,
    );
    await afterChange([cat, bea], groupScreens(), () => runAs(ann.token, 'markBought', { itemId: item.itemId }), 0);
    const deesItem = firstOf((await runAs(dee.token, 'listWishlist', { groupId })).items.filter((i) => i.addedBy.userId === dee.userId));
    await afterChange([cat, bea], groupScreens(), () => runAs(dee.token, 'removeWishlistItem', { itemId: deesItem.itemId }), 0);
  });

  it('members joining, leaving and removed; a removed member is refused at once', async () => {
    const { inviteCode } = await runAs(ann.token, 'createInvite', { groupId });
    await afterChange([bea], groupScreens(), () => runAs(eve.token, 'joinGroup', { inviteCode }), 3);
    await warm(eve, groupScreens());
    await afterChange([bea], groupScreens(), () => runAs(ann.token, 'removeMember', { groupId, userId: eve.userId }), 3);
    for (const screen of groupScreens()) {
      const refused = await rawRequest(host, 'POST', `/1.1/functions/${screen.name}`, { body: screen.params, session: eve.token });
      expect(refused.body.code).toBe(119);
    }
  });

  it('a nickname, an avatar and a catalog price shown in the group', async () => {
    const rename = (nickname: string) =>
      rawRequest(host, 'PUT', `/1.1/classes/_User/${ann.userId}`, { body: { nickname }, session: ann.token });
    await afterChange([bea, cat], groupScreens(), () => rename('安安改名了'), 3);
    // ann's nickname also shows on her item in the list and on her lines of the feed.
    expect((await itemOf(bea)).addedBy.nickname).toBe('安安改名了');
    const avatarUrl = 'https://img.example.com/ann.png';
    await afterChange(
      [bea],
      groupScreens(),
      () => rawRequest(host, 'PUT', `/1.1/classes/_User/${ann.userId}`, { body: { avatarUrl }, session: ann.token }),
      3,
    );
    const mona = await login('mona');
    const { title } = await itemOf(bea);
    const { products } = await runAs(mona, 'listCatalog', { query: title });
    const product = firstOf(products.filter((p) => p.productId === productId));
    await afterChange(
      [bea],
      groupScreens(),
      () =>
        runAs(mona, 'saveProduct', {
          product: {
            productId,
            title: product.title,
            shopName: product.shopName,
            priceFen: product.priceFen + 100,
            category: product.category,
            images: product.images,
            stock: product.stock,
          },
        }),
      0,
    );
    expect((await itemOf(bea)).priceFen).toBe(product.priceFen + 100);
  });

  it('the pool balance is read live while the group screen is served from memory', async () => {
    await warm(bea, groupScreens());
    // Only the balance moves (no posting, so no other row the group's version covers), and it is
    // put back: this shows the balance is not taken from the stored answer.
    const before = (await runAs(bea.token, 'getGroup', { groupId })).poolFen;
    // The pool's account exists once a share earned a packet (a random draw): made here if not.
    await host.store.query(`insert into accounts (id, kind) values ($1, 'pool') on conflict (id) do nothing`, [`pool:${groupId}`]);
    await host.store.query(`update accounts set balance_fen = balance_fen + 1 where id = $1`, [`pool:${groupId}`]);
    const after = await runAs(bea.token, 'getGroup', { groupId });
    expect(after.poolFen).toBe(before + 1);
    await host.store.query(`update accounts set balance_fen = balance_fen - 1 where id = $1`, [`pool:${groupId}`]);
  });

  it('orders and notices: a checkout, a group buy succeeding for everyone in it, notices read', async () => {
    await afterChange(
      [cat],
      userScreens,
      () => runAs(cat.token, 'simulateCheckout', { lines: [{ productId, qty: 1 }], requestId: rid() }),
      0,
    );
    const deal = firstOf((await runAs(bea.token, 'listDeals', {})).deals.filter((d) => d.size === 2 && !d.virtualCompletion));
    const opened = await runAs(bea.token, 'openGroupBuy', { dealId: deal.dealId, requestId: rid(), groupId, provider: 'demo' });
    // bea's seat turns from paid to placed when dee fills the buy: her history moves with it.
    await afterChange(
      [bea, dee],
      userScreens,
      () => runAs(dee.token, 'joinGroupBuy', { groupBuyId: opened.groupBuy.groupBuyId, requestId: rid(), provider: 'demo' }),
      0,
    );
    const seat = firstOf((await runAs(bea.token, 'myOrders', {})).orders.filter((o) => o.id === opened.groupBuy.groupBuyId));
    expect(seat.state).toBe('placed');
    expect((await runAs(bea.token, 'unreadCount', {})).unreadCount).toBeGreaterThan(0);
    await afterChange([bea], userScreens, () => runAs(bea.token, 'markNotificationsRead', { all: true }), 2);
    expect((await runAs(bea.token, 'unreadCount', {})).unreadCount).toBe(0);
  });

  it('many reads at once while the list changes: afterwards every cached screen is current', async () => {
    const item = await itemOf(bea);
    const readers = [bea, cat, dee];
    const reads: Array<Promise<unknown>> = [];
    for (let round = 0; round < 10; round++)
      for (const reader of readers) for (const screen of groupScreens()) reads.push(answer(reader, screen));
    // Her ten toggles in order (on, off, …) while the reads are in flight.
    const writes = (async () => {
      for (let round = 0; round < 10; round++) await runAs(cat.token, 'wantItem', { itemId: item.itemId, on: round % 2 === 0 });
    })();
    // A non-member asks at the same time: her checks share statements with the members' and must
    // still be refused, one by one.
    const refusals = Array.from({ length: 10 }, () =>
      rawRequest(host, 'POST', '/1.1/functions/listWishlist', { body: { groupId }, session: eve.token }),
    );
    await Promise.all([...reads, writes]);
    expect((await Promise.all(refusals)).map((answer) => answer.body.code)).toEqual(Array(10).fill(119));
    for (const reader of readers) await expectCurrent(reader, groupScreens());
    expect((await itemOf(cat)).wantedByMe).toBe(false);
  });

  it('a renamed group shows in the histories of those who bought with it', async () => {
    await afterChange([bea], userScreens, () => host.store.query(`update groups set name = '改名后的群' where id = $1`, [groupId]), 0);
    expect((await runAs(bea.token, 'myOrders', {})).orders.some((o) => o.groupName === '改名后的群')).toBe(true);
  });
});
