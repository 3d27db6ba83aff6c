import { at } from '../cloud/domain/at';
import { call, lcHeaders, runLoad, type LoadResult } from './lib/load';
import type { BenchTarget, Section } from './lib/report';

/**
 * Reading a full shared list and a busy group feed: one group of 15 with 500 items and 5,000 feed
 * events, seeded through the API (the only way in for the embedded engine), then `listWishlist`
 * and `groupFeed` under 50 connections. Everything runs against the target on loopback and stops
 * after a fixed time.
 */
export const WISHLIST_BENCH = Object.freeze({
  members: 15,
  items: 500,
  feedEvents: 5000,
  sharesPerMember: 10,
  boughtItems: 100,
  /** Setup calls in flight at once. */
  setupConcurrency: 16,
  connections: 50,
  seconds: Number(process.env.BENCH_WISHLIST_SECONDS ?? 5),
});

const PASSWORD = 'bench1234';

/** Runs `work` over `inputs` with at most `limit` in flight. */
async function inBatches<T>(inputs: T[], limit: number, work: (input: T, index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, inputs.length) }, async () => {
    while (next < inputs.length) {
      const index = next++;
      await work(at(inputs, index, 'input'), index);
    }
  });
  await Promise.all(lanes);
}

async function loginAs(target: BenchTarget, username: string): Promise<string> {
  const response = await fetch(`${target.url}/1.1/login`, {
    method: 'POST',
    headers: lcHeaders(target),
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const body = (await response.json()) as { sessionToken?: string };
  if (!response.ok || !body.sessionToken) throw new Error(`login ${username} failed: ${response.status}`);
  return body.sessionToken;
}

export interface Seeded {
  groupId: string;
  session: string;
  /** Another member, who changes the list while it is read in the busy case. */
  writerSession: string;
  /** An item of the list that member does not own (she may want it). */
  writerItemId: string;
  feedEvents: number;
  resolvedItems: number;
}

/** A group of 15 with 500 items (catalog picks first, then links to items outside the catalog) and 5,000 events. */
export async function seed(target: BenchTarget): Promise<Seeded> {
  const cfg = WISHLIST_BENCH;
  const run = Date.now().toString(36);
  const usernames = Array.from({ length: cfg.members }, (_, i) => `bw${run}_${i}`);
  await call(
    target.url,
    target,
    'importUsers',
    { users: usernames.map((username) => ({ username, password: PASSWORD, gender: 'female', taoqi: 700 })) },
    undefined,
    true,
  );
  const sessions = await Promise.all(usernames.map((u) => loginAs(target, u)));
  const rid = (label: string, i: number) => `bench-${run}-${label}-${i}`;

  const { group } = await call<{ group: { groupId: string } }>(
    target.url,
    target,
    'createGroup',
    { name: '压测姐妹团', requestId: rid('g', 0) },
    sessions[0],
  );
  const { inviteCode } = await call<{ inviteCode: string }>(target.url, target, 'createInvite', { groupId: group.groupId }, sessions[0]);
  for (const session of sessions.slice(1)) await call(target.url, target, 'joinGroup', { inviteCode }, session);
  let events = 1 + (cfg.members - 1);

  const productIds: string[] = [];
  for (let cursor: string | null | undefined; productIds.length < cfg.items && cursor !== null;) {
    const page = await call<{ products: Array<{ productId: string }>; nextCursor: string | null }>(
      target.url,
      target,
      'listProducts',
      { limit: 50, ...(cursor ? { cursor } : {}) },
      sessions[0],
    );
    productIds.push(...page.products.map((p) => p.productId));
    cursor = page.nextCursor;
  }
  const picks = productIds.slice(0, cfg.items);
  const itemIds: string[] = new Array(cfg.items);
  const adders: number[] = new Array(cfg.items);
  await inBatches(
    Array.from({ length: cfg.items }, (_, i) => i),
    cfg.setupConcurrency,
    async (i) => {
      const member = i % cfg.members;
      const what = i < picks.length ? { productId: picks[i] } : { link: `https://item.taobao.com/item.htm?id=${790_000_000_000 + i}` };
      const { item } = await call<{ item: { itemId: string } }>(
        target.url,
        target,
        'addWishlistItem',
        { groupId: group.groupId, ...what, requestId: rid('add', i) },
        sessions[member],
      );
      itemIds[i] = item.itemId;
      adders[i] = member;
    },
  );
  events += cfg.items;

  const shares = Array.from({ length: cfg.members * cfg.sharesPerMember }, (_, i) => ({
    member: i % cfg.members,
    item: (i * 7) % cfg.items,
  }));
  await inBatches(shares, cfg.setupConcurrency, ({ member, item }, i) =>
    call(target.url, target, 'shareItem', { groupId: group.groupId, itemId: itemIds[item], requestId: rid('share', i) }, sessions[member]),
  );
  events += shares.length;
  await inBatches(itemIds.slice(0, cfg.boughtItems), cfg.setupConcurrency, (itemId, i) =>
    call(target.url, target, 'markBought', { itemId }, sessions[at(adders, i, 'adder of item')]),
  );
  events += cfg.boughtItems;

  // Wants fill up the rest: each (member, item) pair once, never on the member's own item.
  const wants: Array<{ member: number; item: number }> = [];
  for (let offset = 1; wants.length < cfg.feedEvents - events && offset < cfg.members; offset++) {
    for (let item = 0; item < cfg.items && wants.length < cfg.feedEvents - events; item++) {
      wants.push({ member: (at(adders, item, 'adder of item') + offset) % cfg.members, item });
    }
  }
  await inBatches(wants, cfg.setupConcurrency, ({ member, item }) =>
    call(target.url, target, 'wantItem', { itemId: itemIds[item], on: true }, sessions[member]),
  );
  events += wants.length;

  return {
    groupId: group.groupId,
    session: at(sessions, 1, 'session of the second member'),
    writerSession: at(sessions, 2, 'session of the third member'),
    writerItemId: at(itemIds, 0, 'first item'),
    feedEvents: events,
    resolvedItems: picks.length,
  };
}

/** Counts the group's feed by paging it forward, to report what was really measured. */
export async function countFeed(target: BenchTarget, groupId: string, session: string): Promise<number> {
  let count = 0;
  for (let after = '0'; ;) {
    const page = await call<{ events: unknown[]; cursor: string | null }>(
      target.url,
      target,
      'groupFeed',
      { groupId, after, limit: 100 },
      session,
    );
    count += page.events.length;
    if (page.events.length < 100 || !page.cursor) return count;
    after = page.cursor;
  }
}

/**
 * Writes a second in the busy case: each moves the group's version, so the next read of every
 * page reads the database again (the other cases read an unchanging group: after the first call,
 * every answer comes from the host's read cache).
 */
export const BUSY_WRITES_PER_SECOND = 20;

/** The read cases, each one function called with fixed params under the bench's connections. */
export const READ_CASES = Object.freeze({
  listWishlist: { call: 'listWishlist (first page, 20 items)', name: 'listWishlist', params: (groupId: string) => ({ groupId }) },
  listWishlist50: { call: 'listWishlist (page of 50)', name: 'listWishlist', params: (groupId: string) => ({ groupId, limit: 50 }) },
  groupFeed: { call: 'groupFeed (latest 30 events)', name: 'groupFeed', params: (groupId: string) => ({ groupId }) },
  getGroup: { call: 'getGroup (15 members, pool balance)', name: 'getGroup', params: (groupId: string) => ({ groupId }) },
  listWishlistBusy: {
    call: `listWishlist (first page) while a member changes the list ${BUSY_WRITES_PER_SECOND} times a second`,
    name: 'listWishlist',
    params: (groupId: string) => ({ groupId }),
  },
});
export type ReadCase = keyof typeof READ_CASES;

/** One timed run of a read case against a seeded group. */
export async function measureRead(
  target: BenchTarget,
  seeded: Seeded,
  which: ReadCase,
  seconds = WISHLIST_BENCH.seconds,
): Promise<LoadResult> {
  const readCase = READ_CASES[which];
  let writing = which === 'listWishlistBusy';
  // The writer toggles her want on one item, one call at a time, at most BUSY_WRITES_PER_SECOND.
  const writer = (async () => {
    for (let on = true; writing; on = !on) {
      const started = Date.now();
      await call(target.url, target, 'wantItem', { itemId: seeded.writerItemId, on }, seeded.writerSession);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1000 / BUSY_WRITES_PER_SECOND - (Date.now() - started))));
    }
  })();
  try {
    return await runLoad({
      url: target.url,
      path: `/1.1/functions/${readCase.name}`,
      headers: lcHeaders(target, seeded.session),
      body: JSON.stringify(readCase.params(seeded.groupId)),
      connections: WISHLIST_BENCH.connections,
      seconds,
    });
  } finally {
    writing = false;
    await writer;
  }
}

/** The targets of the screens opened most (first page of the list, the feed, the group). */
function targetOf(which: ReadCase, engine: string): string {
  if (which === 'listWishlist50' || which === 'listWishlistBusy') return '';
  return engine === 'postgres' ? '≥ 4,000/s, p99 ≤ 50 ms' : '≥ 1,000/s, p99 ≤ 150 ms';
}

export function readRow(which: ReadCase, engine: string, r: LoadResult): Record<string, string | number> {
  return {
    call: READ_CASES[which].call,
    'calls/s': r.perSecond,
    'p50 ms': r.p50Ms,
    'p99 ms': r.p99Ms,
    'non-2xx': r.non2xx + r.errors,
    target: targetOf(which, engine),
  };
}

export async function benchWishlist(target: BenchTarget): Promise<Section> {
  const cfg = WISHLIST_BENCH;
  const started = Date.now();
  const seeded = await seed(target);
  const seedSeconds = (Date.now() - started) / 1000;
  const feedCount = await countFeed(target, seeded.groupId, seeded.session);

  const rows: Section['rows'] = [];
  for (const which of Object.keys(READ_CASES) as ReadCase[])
    rows.push(readRow(which, target.engine, await measureRead(target, seeded, which)));
  return {
    title: `Shared list and feed reads — ${target.engine}`,
    settings: `autocannon, ${cfg.connections} connections, ${cfg.seconds} s per call, one member's session; group of ${cfg.members} with ${cfg.items} items and ${feedCount} feed events`,
    rows,
    notes: [
      `Seeded through the API in ${seedSeconds.toFixed(1)} s: ${seeded.resolvedItems} catalog picks + ${cfg.items - seeded.resolvedItems} links to items outside the catalog, ` +
        `${cfg.members * cfg.sharesPerMember} shares, ${cfg.boughtItems} marked bought, wants for the remaining events (${seeded.feedEvents} expected, ${feedCount} counted).`,
    ],
  };
}
