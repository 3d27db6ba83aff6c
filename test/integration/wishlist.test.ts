import { WISHLIST_RULES } from '../../cloud/domain/wishlistRules';
import { DEMO_CATALOG } from '../../cloud/seed/catalog';
import type { WishlistItemJson } from '../../contract/types';
import { fixedClock } from '../support/clock';
import { testEngine } from '../support/database';
import { startTestHost, type TestHost } from '../support/host';
import { initSdk, login, rawRequest, runAs, runAsMaster, sdkError } from '../support/sdk';
import { at, firstOf } from '../support/at';

/**
 * The shared product list through the real SDK. The host runs on a fixed clock set one hour
 * before a Beijing midnight (23:00 on 5 November 2025), so the per-day share limit can be crossed
 * into the next day.
 */
const clock = fixedClock('2025-11-05T15:00:00.000Z');
let host: TestHost;
const tokens = new Map<string, string>();
const userIds = new Map<string, string>();
let seq = 0;

const rid = () => `wish-${Date.now()}-${++seq}`;
const tokenOf = (username: string) => {
  const token = tokens.get(username);
  if (!token) throw new Error(`no session for ${username}`);
  return token;
};
const idOf = (username: string) => userIds.get(username)!;
const extra = (n: number) => `w${String(n).padStart(3, '0')}`;
const lancome = at(DEMO_CATALOG, 0);
const esteeLauder = at(DEMO_CATALOG, 1);
const link = (id: string) => `https://item.taobao.com/item.htm?spm=a21n57.1.0.0&id=${id}&ns=1&ali_trackid=2:mm_1_0_0`;

async function outcomes(calls: Array<Promise<unknown>>): Promise<Record<string, number>> {
  const settled = await Promise.allSettled(calls);
  const counts: Record<string, number> = {};
  for (const s of settled) {
    const key = s.status === 'fulfilled' ? 'ok' : String((s.reason as { code: number }).code);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** A group owned by `owner` with the given members. */
async function groupWith(owner: string, members: string[], name = '种草姐妹团'): Promise<string> {
  const { group } = await runAs(tokenOf(owner), 'createGroup', { name, requestId: rid() });
  const { inviteCode } = await runAs(tokenOf(owner), 'createInvite', { groupId: group.groupId });
  for (const member of members) await runAs(tokenOf(member), 'joinGroup', { inviteCode });
  return group.groupId;
}

async function add(username: string, params: Omit<Parameters<typeof runAs<'addWishlistItem'>>[2], 'requestId'> & { requestId?: string }) {
  return runAs(tokenOf(username), 'addWishlistItem', { requestId: rid(), ...params });
}

let groupId: string;

beforeAll(async () => {
  host = await startTestHost({ demo: true, clock });
  initSdk(host);
  const users = Array.from({ length: 30 }, (_, i) => ({
    username: extra(i + 1),
    password: 'pass1234',
    gender: 'female' as const,
    taoqi: 700,
  }));
  await runAsMaster('importUsers', { users });
  for (const name of ['alice', 'bella', 'cathy', 'emma', 'fiona', 'ivy']) tokens.set(name, await login(name));
  await Promise.all(users.map(async (u) => tokens.set(u.username, await login(u.username, 'pass1234'))));
  for (const [name, token] of tokens) userIds.set(name, (await runAs(token, 'me', {})).user.objectId);
  groupId = await groupWith('alice', ['bella', 'emma', 'fiona']);
});
afterAll(async () => {
  await host.stop();
});

describe(`shared product list through the real SDK (${testEngine()})`, () => {
  describe('listProducts', () => {
    it('pages through the 200-product demo catalog without gaps or repeats', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 10; page++) {
        const result = await runAs(tokenOf('cathy'), 'listProducts', { limit: 50, ...(cursor ? { cursor } : {}) });
        seen.push(...result.products.map((p) => p.productId));
        if (!result.nextCursor) break;
        cursor = result.nextCursor;
      }
      expect(seen).toHaveLength(DEMO_CATALOG.length);
      expect(new Set(seen).size).toBe(DEMO_CATALOG.length);
      const first = await runAs(tokenOf('cathy'), 'listProducts', {});
      expect(first.products).toHaveLength(WISHLIST_RULES.pageSizeDefault);
      expect(Object.keys(at(first.products, 0)).sort()).toEqual(['category', 'imageUrl', 'priceFen', 'productId', 'shopName', 'title']);
      expect(at(first.products, 0).imageUrl).toBe(`/images/products/${at(first.products, 0).productId}.svg`);
    });

    it('searches titles and shops, filters by category, and treats % literally', async () => {
      const byTitle = await runAs(tokenOf('cathy'), 'listProducts', { query: '小黑瓶' });
      expect(byTitle.products.map((p) => p.productId)).toEqual([lancome.productId]);
      const byShop = await runAs(tokenOf('cathy'), 'listProducts', { query: '戴森官方' });
      expect(byShop.products.length).toBe(2);
      const byCategory = await runAs(tokenOf('cathy'), 'listProducts', { category: '母婴玩具', limit: 50 });
      expect(byCategory.products).toHaveLength(25);
      expect(byCategory.products.every((p) => p.category === '母婴玩具')).toBe(true);
      const percent = await runAs(tokenOf('cathy'), 'listProducts', { query: '%' });
      expect(percent.products.length).toBeGreaterThan(0);
      expect(percent.products.every((p) => p.title.includes('%'))).toBe(true);
      expect((await runAs(tokenOf('cathy'), 'listProducts', { query: '_' })).products).toEqual([]);
    });

    it('refuses bad params (142) and anonymous callers (206)', async () => {
      expect((await sdkError(runAs(tokenOf('cathy'), 'listProducts', { limit: 51 }))).code).toBe(142);
      expect((await sdkError(runAs(tokenOf('cathy'), 'listProducts', { cursor: 'abc' }))).code).toBe(142);
      expect((await sdkError(runAs(tokenOf('cathy'), 'listProducts', { query: 'x'.repeat(51) }))).code).toBe(142);
      expect(await rawRequest(host, 'POST', '/1.1/functions/listProducts', { body: {} })).toMatchObject({
        status: 401,
        body: { code: 206 },
      });
    });
  });

  describe('addWishlistItem', () => {
    it('resolves a pasted Tmall/Taobao link with tracking parameters against the catalog', async () => {
      const { item, merged } = await add('bella', { groupId, link: `看看这个 ${link(lancome.productId)} 超好用`, note: '  双十一必囤 ' });
      expect(merged).toBe(false);
      expect(item).toMatchObject({
        groupId,
        list: 'group',
        productId: lancome.productId,
        refKind: 'item_id',
        itemRef: lancome.productId,
        resolved: true,
        link: `https://item.taobao.com/item.htm?id=${lancome.productId}`,
        title: lancome.title,
        shopName: lancome.shopName,
        priceFen: lancome.priceFen,
        imageUrl: `/images/products/${lancome.productId}.svg`,
        note: '双十一必囤',
        addedBy: { userId: idOf('bella'), nickname: 'Bella 贝拉' },
        wantCount: 0,
        wantedByMe: false,
        bought: false,
        boughtBy: null,
        shareCount: 0,
      });
      expect(item.itemId).toMatch(/^[0-9a-f]{24}$/);
    });

    it("merges a groupmate's share message for the same product into that entry, as a want", async () => {
      const message = `【淘宝】${lancome.title} 复制这条信息￥${lancome.shareCode}￥后打开👉手淘👈`;
      const { item, merged } = await add('emma', { groupId, shareCode: message });
      expect(merged).toBe(true);
      expect(item).toMatchObject({ productId: lancome.productId, wantCount: 1, wantedByMe: true, addedBy: { userId: idOf('bella') } });
      const again = await add('bella', { groupId, productId: lancome.productId });
      expect(again).toMatchObject({ merged: true, item: { itemId: item.itemId, wantCount: 1, wantedByMe: false } });
    });

    it('keeps recognised items that are not in the catalog, marked unresolved', async () => {
      const byId = await add('fiona', { groupId, link: 'https://detail.tmall.com/item.htm?id=699999999901&skuId=1' });
      expect(byId.item).toMatchObject({
        productId: null,
        refKind: 'item_id',
        itemRef: '699999999901',
        resolved: false,
        link: 'https://item.taobao.com/item.htm?id=699999999901',
        priceFen: null,
        imageUrl: null,
        shopName: '',
      });
      expect(byId.item.title).toContain('699999999901');
      const byCode = await add('fiona', { groupId, shareCode: '$Zz9Yy8Xx7W$' });
      expect(byCode.item).toMatchObject({ productId: null, refKind: 'share_code', itemRef: 'Zz9Yy8Xx7W', resolved: false, link: null });
      const sameCode = await add('emma', { groupId, link: '复制 €Zz9Yy8Xx7W€ 打开手淘' });
      expect(sameCode).toMatchObject({ merged: true, item: { itemId: byCode.item.itemId } });
    });

    it('refuses what it does not recognise with 4010 and an accepted example', async () => {
      for (const junk of [
        'https://item.jd.com/100012043978.html',
        'https://item.taobao.com.evil.cn/item.htm?id=652873401234',
        'javascript:alert(document.cookie)',
        '<script>alert(1)</script>',
        // Short links that are not the app's share links (those are kept by their token: see shopperAnswers).
        'https://s.click.taobao.com/t?e=m%3D2%26s%3Dabc',
        'https://m.tb.cn/xYz',
      ]) {
        const error = await sdkError(add('bella', { groupId, link: junk }));
        expect(error.code).toBe(4010);
        expect(error.message).toContain('https://item.taobao.com/item.htm?id=');
      }
    });

    it('checks params (142), the product (101), the group (101) and membership (119)', async () => {
      const code = async (params: Record<string, unknown>, user = 'bella') =>
        (await sdkError(runAs(tokenOf(user), 'addWishlistItem', { groupId, requestId: rid(), ...params } as never))).code;
      expect(await code({ link: 'x'.repeat(10 * 1024) })).toBe(142);
      expect(await code({})).toBe(142);
      expect(await code({ link: link(lancome.productId), productId: lancome.productId })).toBe(142);
      expect(await code({ productId: lancome.productId, note: '很'.repeat(WISHLIST_RULES.noteMaxLength + 1) })).toBe(142);
      expect(await code({ productId: lancome.productId, list: 'wishlist' })).toBe(142);
      expect(await code({ productId: lancome.productId, requestId: 'short' })).toBe(142);
      expect(await code({ productId: '699999999902' })).toBe(101);
      expect(await code({ productId: lancome.productId, groupId: 'f'.repeat(24) })).toBe(101);
      expect(await code({ productId: lancome.productId }, 'cathy')).toBe(119);
    });

    it('is idempotent by requestId', async () => {
      const requestId = rid();
      const first = await add('fiona', { groupId, productId: at(DEMO_CATALOG, 5).productId, requestId });
      const replies = await Promise.all(
        Array.from({ length: 5 }, () => add('fiona', { groupId, productId: at(DEMO_CATALOG, 5).productId, requestId })),
      );
      for (const reply of replies) expect(reply).toEqual(first);
      const list = await runAs(tokenOf('fiona'), 'listWishlist', { groupId, limit: 50 });
      expect(list.items.filter((i) => i.productId === at(DEMO_CATALOG, 5).productId)).toHaveLength(1);
    });

    it("keeps each member's Double 11 list apart from the group list and from each other", async () => {
      const product = at(DEMO_CATALOG, 10).productId;
      const onGroup = await add('bella', { groupId, productId: product });
      const bellas = await add('bella', { groupId, productId: product, list: 'double11' });
      const emmas = await add('emma', { groupId, productId: product, list: 'double11' });
      expect(new Set([onGroup.item.itemId, bellas.item.itemId, emmas.item.itemId]).size).toBe(3);
      expect([bellas.merged, emmas.merged]).toEqual([false, false]);
      expect(bellas.item.list).toBe('double11');
      expect((await add('bella', { groupId, productId: product, list: 'double11' })).item.itemId).toBe(bellas.item.itemId);
      const emmaList = await runAs(tokenOf('alice'), 'listWishlist', { groupId, list: 'double11', ownerId: idOf('emma') });
      expect(emmaList.items.map((i) => i.itemId)).toEqual([emmas.item.itemId]);
    });

    it('makes one entry when eight members add the same product at the same moment', async () => {
      const crowd = Array.from({ length: 8 }, (_, i) => extra(i + 1));
      const crowdGroup = await groupWith(extra(9), crowd, '抢同款');
      const replies = await Promise.all(crowd.map((u) => add(u, { groupId: crowdGroup, link: link(esteeLauder.productId) })));
      expect(new Set(replies.map((r) => r.item.itemId)).size).toBe(1);
      expect(replies.filter((r) => !r.merged)).toHaveLength(1);
      const list = await runAs(tokenOf(extra(9)), 'listWishlist', { groupId: crowdGroup });
      expect(list.items).toHaveLength(1);
      expect(at(list.items, 0).wantCount).toBe(7);
      const { n } = firstOf(
        await host.store.query<{ n: number }>('select count(*) as n from wishlist_items where group_id = $1', [crowdGroup]),
      );
      expect(n).toBe(1);
    });

    it(`holds ${WISHLIST_RULES.maxItemsPerGroup} items per group (4008); merging still works at the limit`, async () => {
      const fullGroup = await groupWith(extra(10), [extra(11)], '满清单');
      const ids = Array.from({ length: WISHLIST_RULES.maxItemsPerGroup }, (_, i) => String(710_000_000_000 + i));
      for (let i = 0; i < ids.length; i += 25) {
        await Promise.all(
          ids.slice(i, i + 25).map((id, j) => add((i + j) % 2 ? extra(10) : extra(11), { groupId: fullGroup, link: link(id) })),
        );
      }
      const over = await outcomes(
        Array.from({ length: 5 }, (_, i) => add(extra(11), { groupId: fullGroup, link: link(String(720_000_000_000 + i)) })),
      );
      expect(over).toEqual({ '4008': 5 });
      const error = await sdkError(add(extra(11), { groupId: fullGroup, productId: lancome.productId }));
      expect(error.message).toContain(String(WISHLIST_RULES.maxItemsPerGroup));
      expect((await add(extra(11), { groupId: fullGroup, link: link(at(ids, 0)) })).merged).toBe(true);
      // Paging the full list: newest first, no gaps or repeats.
      const seen: WishlistItemJson[] = [];
      let cursor: string | undefined;
      for (;;) {
        const page = await runAs(tokenOf(extra(10)), 'listWishlist', { groupId: fullGroup, limit: 50, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items);
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(seen).toHaveLength(WISHLIST_RULES.maxItemsPerGroup);
      expect(new Set(seen.map((i) => i.itemId)).size).toBe(WISHLIST_RULES.maxItemsPerGroup);
      expect(new Set(seen.map((i) => i.itemRef))).toEqual(new Set(ids));
      // Adds of one batch raced each other; the oldest entry is one of the first batch.
      expect(ids.slice(0, 25)).toContain(at(seen, seen.length - 1).itemRef);
      // Removing one makes room for one.
      await runAs(tokenOf(extra(10)), 'removeWishlistItem', { itemId: at(seen, 0).itemId });
      expect((await add(extra(11), { groupId: fullGroup, link: link('720000000000') })).merged).toBe(false);
    });
  });

  describe('listWishlist', () => {
    it('lists newest first, filters by list, and pages with a cursor', async () => {
      const all = await runAs(tokenOf('emma'), 'listWishlist', { groupId, limit: 50 });
      const created = all.items.map((i) => i.createdAt);
      expect(all.items.length).toBeGreaterThanOrEqual(5);
      expect([...created].sort().reverse()).toEqual(created);
      const groupOnly = await runAs(tokenOf('emma'), 'listWishlist', { groupId, list: 'group', limit: 50 });
      expect(groupOnly.items.every((i) => i.list === 'group')).toBe(true);
      const double11 = await runAs(tokenOf('emma'), 'listWishlist', { groupId, list: 'double11', limit: 50 });
      expect(groupOnly.items.length + double11.items.length).toBe(all.items.length);
      const first = await runAs(tokenOf('emma'), 'listWishlist', { groupId, limit: 2 });
      const second = await runAs(tokenOf('emma'), 'listWishlist', { groupId, limit: 2, cursor: first.nextCursor! });
      expect([...first.items, ...second.items].map((i) => i.itemId)).toEqual(all.items.slice(0, 4).map((i) => i.itemId));
    });

    it('is for members only (119), of groups that exist (101), with bounded pages (142)', async () => {
      expect((await sdkError(runAs(tokenOf('cathy'), 'listWishlist', { groupId }))).code).toBe(119);
      expect((await sdkError(runAs(tokenOf('emma'), 'listWishlist', { groupId: 'a'.repeat(24) }))).code).toBe(101);
      expect((await sdkError(runAs(tokenOf('emma'), 'listWishlist', { groupId, limit: 51 }))).code).toBe(142);
      expect((await sdkError(runAs(tokenOf('emma'), 'listWishlist', { groupId, cursor: 'x1' }))).code).toBe(142);
    });
  });

  describe('wantItem, markBought, removeWishlistItem', () => {
    it('turns a want on and off, counting each member once', async () => {
      const { item } = await add('alice', { groupId, productId: at(DEMO_CATALOG, 20).productId });
      const on = await runAs(tokenOf('fiona'), 'wantItem', { itemId: item.itemId, on: true });
      expect(on.item).toMatchObject({ wantCount: 1, wantedByMe: true });
      expect((await runAs(tokenOf('fiona'), 'wantItem', { itemId: item.itemId, on: true })).item.wantCount).toBe(1);
      expect((await runAs(tokenOf('emma'), 'wantItem', { itemId: item.itemId, on: true })).item.wantCount).toBe(2);
      const off = await runAs(tokenOf('fiona'), 'wantItem', { itemId: item.itemId, on: false });
      expect(off.item).toMatchObject({ wantCount: 1, wantedByMe: false });
      expect((await runAs(tokenOf('fiona'), 'wantItem', { itemId: item.itemId, on: false })).item.wantCount).toBe(1);
      expect((await sdkError(runAs(tokenOf('cathy'), 'wantItem', { itemId: item.itemId, on: true }))).code).toBe(119);
      expect((await sdkError(runAs(tokenOf('fiona'), 'wantItem', { itemId: 'b'.repeat(24), on: true }))).code).toBe(101);
      expect((await sdkError(runAs(tokenOf('fiona'), 'wantItem', { itemId: item.itemId } as never))).code).toBe(142);
    });

    it('marks bought once (first buyer kept); a Double 11 list is marked by its owner only', async () => {
      const { item } = await add('alice', { groupId, productId: at(DEMO_CATALOG, 21).productId });
      const bought = await runAs(tokenOf('emma'), 'markBought', { itemId: item.itemId });
      expect(bought.item).toMatchObject({ bought: true, boughtBy: { userId: idOf('emma'), nickname: 'Emma 艾玛' } });
      expect(bought.item.boughtAt).not.toBeNull();
      const again = await runAs(tokenOf('fiona'), 'markBought', { itemId: item.itemId });
      expect(again.item.boughtBy?.userId).toBe(idOf('emma'));
      const personal = await add('bella', { groupId, productId: at(DEMO_CATALOG, 22).productId, list: 'double11' });
      expect((await sdkError(runAs(tokenOf('emma'), 'markBought', { itemId: personal.item.itemId }))).code).toBe(119);
      expect((await runAs(tokenOf('bella'), 'markBought', { itemId: personal.item.itemId })).item.bought).toBe(true);
      expect((await sdkError(runAs(tokenOf('cathy'), 'markBought', { itemId: item.itemId }))).code).toBe(119);
      expect((await sdkError(runAs(tokenOf('emma'), 'markBought', { itemId: 'c'.repeat(24) }))).code).toBe(101);
    });

    it('lets the adder or the group owner remove an item, and nobody else', async () => {
      const first = await add('bella', { groupId, productId: at(DEMO_CATALOG, 30).productId });
      const second = await add('bella', { groupId, productId: at(DEMO_CATALOG, 31).productId });
      expect((await sdkError(runAs(tokenOf('emma'), 'removeWishlistItem', { itemId: first.item.itemId }))).code).toBe(119);
      expect((await sdkError(runAs(tokenOf('cathy'), 'removeWishlistItem', { itemId: first.item.itemId }))).code).toBe(119);
      expect(await runAs(tokenOf('bella'), 'removeWishlistItem', { itemId: first.item.itemId })).toEqual({
        removed: true,
        itemId: first.item.itemId,
      });
      expect(await runAs(tokenOf('bella'), 'removeWishlistItem', { itemId: first.item.itemId })).toEqual({
        removed: true,
        itemId: first.item.itemId,
      });
      expect(await runAs(tokenOf('alice'), 'removeWishlistItem', { itemId: second.item.itemId })).toMatchObject({ removed: true });
      const list = await runAs(tokenOf('bella'), 'listWishlist', { groupId, limit: 50 });
      expect(list.items.map((i) => i.itemId)).not.toContain(first.item.itemId);
      expect((await sdkError(runAs(tokenOf('emma'), 'wantItem', { itemId: first.item.itemId, on: true }))).code).toBe(101);
      expect((await sdkError(runAs(tokenOf('emma'), 'removeWishlistItem', { itemId: 'd'.repeat(24) }))).code).toBe(101);
      const readded = await add('bella', { groupId, productId: at(DEMO_CATALOG, 30).productId });
      expect(readded.merged).toBe(false);
      expect(readded.item.itemId).not.toBe(first.item.itemId);
    });
  });

  describe('shareItem', () => {
    it('records a share with its red-packet draw, idempotently by requestId', async () => {
      const { item } = await add('bella', { groupId, productId: at(DEMO_CATALOG, 40).productId });
      const requestId = rid();
      const first = await runAs(tokenOf('emma'), 'shareItem', { groupId, itemId: item.itemId, requestId });
      expect(first.share).toMatchObject({ groupId, itemId: item.itemId, sharedBy: { userId: idOf('emma'), nickname: 'Emma 艾玛' } });
      // The red-packet draw runs with the share (share_item): none, or one packet in fen.
      expect(first.redPacket === null || Number.isInteger(first.redPacket.amountFen)).toBe(true);
      const replay = await runAs(tokenOf('emma'), 'shareItem', { groupId, itemId: item.itemId, requestId });
      expect(replay.share).toEqual(first.share);
      expect(replay.redPacket).toEqual(first.redPacket);
      await runAs(tokenOf('fiona'), 'shareItem', { groupId, itemId: item.itemId, requestId: rid() });
      const list = await runAs(tokenOf('bella'), 'listWishlist', { groupId, limit: 1 });
      expect(list.items[0]).toMatchObject({ itemId: item.itemId, shareCount: 2 });
    });

    it('refuses items of another group (101), non-members (119) and unknown items (101)', async () => {
      const otherGroup = await groupWith('ivy', [], '别的群');
      const { item } = await add('ivy', { groupId: otherGroup, productId: at(DEMO_CATALOG, 41).productId });
      expect((await sdkError(runAs(tokenOf('ivy'), 'shareItem', { groupId, itemId: item.itemId, requestId: rid() }))).code).toBe(119);
      const { inviteCode } = await runAs(tokenOf('ivy'), 'createInvite', { groupId: otherGroup });
      await runAs(tokenOf('emma'), 'joinGroup', { inviteCode });
      expect((await sdkError(runAs(tokenOf('emma'), 'shareItem', { groupId, itemId: item.itemId, requestId: rid() }))).code).toBe(101);
      expect((await sdkError(runAs(tokenOf('emma'), 'shareItem', { groupId, itemId: 'e'.repeat(24), requestId: rid() }))).code).toBe(101);
      expect((await sdkError(runAs(tokenOf('emma'), 'shareItem', { groupId, itemId: item.itemId } as never))).code).toBe(142);
    });

    it(`allows ${WISHLIST_RULES.maxSharesPerUserPerDay} shares per user per Beijing day (4008), then again the next day`, async () => {
      const sharer = extra(20);
      const dayGroup = await groupWith(sharer, [], '分享上限');
      const { item } = await add(sharer, { groupId: dayGroup, productId: at(DEMO_CATALOG, 50).productId });
      const share = () => runAs(tokenOf(sharer), 'shareItem', { groupId: dayGroup, itemId: item.itemId, requestId: rid() });
      for (let i = 0; i < WISHLIST_RULES.maxSharesPerUserPerDay - 10; i++) await share();
      const burst = await outcomes(Array.from({ length: 15 }, () => share()));
      expect(burst).toEqual({ ok: 10, '4008': 5 });
      const error = await sdkError(share());
      expect(error.code).toBe(4008);
      expect(error.message).toContain('明天');
      clock.advance(2 * 60 * 60 * 1000); // past Beijing midnight
      try {
        expect((await share()).share.itemId).toBe(item.itemId);
      } finally {
        clock.advance(-2 * 60 * 60 * 1000);
      }
    });
  });

  describe('groupFeed', () => {
    it('shows adds, wants, shares and purchases with the item and who added it', async () => {
      const feedGroup = await groupWith('alice', ['bella', 'fiona'], '动态');
      const { item } = await add('bella', { groupId: feedGroup, productId: lancome.productId });
      await runAs(tokenOf('fiona'), 'wantItem', { itemId: item.itemId, on: true });
      await runAs(tokenOf('fiona'), 'wantItem', { itemId: item.itemId, on: false });
      await runAs(tokenOf('fiona'), 'wantItem', { itemId: item.itemId, on: true });
      const { share } = await runAs(tokenOf('alice'), 'shareItem', { groupId: feedGroup, itemId: item.itemId, requestId: rid() });
      await runAs(tokenOf('fiona'), 'markBought', { itemId: item.itemId });
      const feed = await runAs(tokenOf('alice'), 'groupFeed', { groupId: feedGroup });
      const itemEvents = feed.events.filter((e) => e.type.startsWith('item_'));
      expect(itemEvents.map((e) => [e.type, e.actorNickname, e.subjectNickname])).toEqual([
        ['item_added', 'Bella 贝拉', 'Bella 贝拉'],
        ['item_wanted', 'Fiona 菲奥娜', 'Bella 贝拉'],
        ['item_shared', 'Alice 爱丽丝', 'Bella 贝拉'],
        ['item_bought', 'Fiona 菲奥娜', 'Bella 贝拉'],
      ]);
      for (const event of itemEvents)
        expect(event.data).toMatchObject({ itemId: item.itemId, title: lancome.title, list: 'group', productId: lancome.productId });
      expect(at(itemEvents, 2).data.shareId).toBe(share.shareId);
    });

    it('keeps a dissolved group read-only (101 on changes)', async () => {
      const gone = await groupWith('fiona', ['emma'], '要解散');
      const { item } = await add('emma', { groupId: gone, productId: lancome.productId });
      await runAs(tokenOf('fiona'), 'dissolveGroup', { groupId: gone });
      expect((await sdkError(add('emma', { groupId: gone, productId: esteeLauder.productId }))).code).toBe(101);
      expect((await sdkError(runAs(tokenOf('emma'), 'wantItem', { itemId: item.itemId, on: true }))).code).toBe(101);
      expect((await runAs(tokenOf('emma'), 'listWishlist', { groupId: gone })).items).toHaveLength(1);
    });
  });

  describe('importProducts and product images', () => {
    it('imports JSON rows, reports the bad ones, and makes links and share codes resolve', async () => {
      const report = await runAsMaster('importProducts', {
        format: 'json',
        data: [
          {
            productId: '733000000001',
            title: '<script>alert(1)</script> 测试口红',
            shopName: '测试旗舰店',
            priceFen: 9900,
            category: '美妆护肤',
            shareCode: 'Imp0rtCode1',
          },
          { productId: '733000000002', title: '测试面霜', shopName: '测试旗舰店', priceFen: '12900', category: '美妆护肤' },
          { productId: 'abc', title: '坏行', shopName: '店', priceFen: 1, category: '美妆护肤' },
          { productId: '733000000003', title: '价格是元', shopName: '店', priceFen: 99.5, category: '美妆护肤' },
          { productId: '733000000002', title: '重复', shopName: '店', priceFen: 1, category: '美妆护肤' },
          { productId: '733000000004', title: '抢口令', shopName: '店', priceFen: 1, category: '美妆护肤', shareCode: lancome.shareCode! },
          'not an object' as never,
        ],
      });
      expect(report).toMatchObject({ received: 7, created: 2, updated: 0, rejectedCount: 5 });
      expect(report.rejected.map((r) => [r.row, r.productId])).toEqual([
        [3, 'abc'],
        [4, '733000000003'],
        [5, '733000000002'],
        [6, '733000000004'],
        [7, null],
      ]);
      expect(at(report.rejected, 3).reason).toContain(lancome.productId);
      const viaCode = await add('alice', { groupId, shareCode: '￥Imp0rtCode1￥' });
      expect(viaCode.item).toMatchObject({ productId: '733000000001', resolved: true, priceFen: 9900 });
      const image = await rawRequest(host, 'GET', '/images/products/733000000001.svg');
      expect(image.status).toBe(200);
      expect(image.headers.get('content-type')).toContain('image/svg+xml');
      expect(image.body).toContain('&lt;script&gt;');
      expect(image.body).not.toContain('<script>');
      expect(image.body).toContain('¥99.00');
    });

    it('imports CSV with quoted fields and updates existing products', async () => {
      const csv = [
        'productId,title,shopName,priceFen,category,imageUrl,shareCode',
        '733000000002,"测试面霜, 升级版 ""新""",测试旗舰店,13900,美妆护肤,https://img.example.com/a.jpg,',
        '733000000005,测试眼霜,测试旗舰店,5900,美妆护肤,,',
        '733000000006,多一列,店,1,美妆护肤,,,extra',
      ].join('\r\n');
      const report = await runAsMaster('importProducts', { format: 'csv', data: csv });
      expect(report).toMatchObject({ received: 3, created: 1, updated: 1, rejectedCount: 1, rejected: [{ row: 3 }] });
      const found = await runAs(tokenOf('cathy'), 'listProducts', { query: '升级版' });
      expect(found.products).toEqual([
        {
          productId: '733000000002',
          title: '测试面霜, 升级版 "新"',
          shopName: '测试旗舰店',
          priceFen: 13900,
          category: '美妆护肤',
          imageUrl: 'https://img.example.com/a.jpg',
        },
      ]);
    });

    it('refuses whole-call problems (142) and non-operators (119)', async () => {
      const tooMany = Array.from({ length: 5001 }, (_, i) => ({
        productId: String(740_000_000_000 + i),
        title: 't',
        shopName: 's',
        priceFen: 1,
        category: 'c',
      }));
      expect((await sdkError(runAsMaster('importProducts', { format: 'json', data: tooMany }))).code).toBe(142);
      expect((await sdkError(runAsMaster('importProducts', { format: 'csv', data: 'productId,title\n1,2' }))).code).toBe(142);
      expect((await sdkError(runAsMaster('importProducts', { format: 'json', data: '{not json' }))).code).toBe(142);
      expect((await sdkError(runAsMaster('importProducts', { format: 'xml' as never, data: '' }))).code).toBe(142);
      expect((await sdkError(runAs(tokenOf('alice'), 'importProducts', { format: 'json', data: [] }))).code).toBe(119);
    });

    it('serves a picture for every catalog product and 404 for others', async () => {
      const image = await rawRequest(host, 'GET', `/images/products/${lancome.productId}.svg`);
      expect(image.status).toBe(200);
      expect(image.body).toContain('兰蔻官方旗舰店');
      expect(image.headers.get('cache-control')).toContain('max-age');
      expect((await rawRequest(host, 'GET', '/images/products/699999999999.svg')).status).toBe(404);
      expect((await rawRequest(host, 'GET', '/images/products/..%2Fetc%2Fpasswd')).status).toBe(404);
    });
  });

  describe('getWishlistItem (the product page)', () => {
    let pageGroup: string;
    const nicknames = new Map<string, string>();
    beforeAll(async () => {
      pageGroup = await groupWith(extra(19), [extra(20), extra(21), extra(22)], '商品页姐妹团');
      const { members } = await runAs(tokenOf(extra(19)), 'getGroup', { groupId: pageGroup });
      for (const member of members) nicknames.set(member.userId, member.nickname);
    });
    const ref = (username: string) => ({ userId: idOf(username), nickname: nicknames.get(idOf(username)) });

    it('answers the list entry with the drawn gallery, who wants it (earliest first) and who bought it', async () => {
      const { item } = await add(extra(19), { groupId: pageGroup, productId: lancome.productId, note: '想要同款' });
      const empty = await runAs(tokenOf(extra(20)), 'getWishlistItem', { itemId: item.itemId });
      expect(empty).toEqual({
        item: { ...item, wantedByMe: false },
        images: [1, 2, 3].map((view) => `/images/products/${lancome.productId}${view === 1 ? '' : `-${view}`}.svg`),
        wanters: [],
        buyers: [],
      });
      // A second between wants: "earliest first" is about when, and the fixed clock would otherwise tie them.
      await runAs(tokenOf(extra(22)), 'wantItem', { itemId: item.itemId, on: true });
      clock.advance(1000);
      await runAs(tokenOf(extra(21)), 'wantItem', { itemId: item.itemId, on: true });
      clock.advance(1000);
      await runAs(tokenOf(extra(19)), 'wantItem', { itemId: item.itemId, on: true });
      await runAs(tokenOf(extra(19)), 'wantItem', { itemId: item.itemId, on: false });
      await runAs(tokenOf(extra(20)), 'markBought', { itemId: item.itemId });
      const detail = await runAs(tokenOf(extra(21)), 'getWishlistItem', { itemId: item.itemId });
      expect(detail.wanters).toEqual([ref(extra(22)), ref(extra(21))]);
      expect(detail.buyers).toEqual([ref(extra(20))]);
      expect(detail.item).toMatchObject({ wantCount: 2, wantedByMe: true, bought: true, boughtBy: ref(extra(20)), note: '想要同款' });
      // The same entry as the list shows it to the same member.
      const { items } = await runAs(tokenOf(extra(21)), 'listWishlist', { groupId: pageGroup });
      expect(items.find((entry) => entry.itemId === item.itemId)).toEqual(detail.item);
    });

    it('keeps an imported product’s own picture, and shows none for an item outside the catalog', async () => {
      const imported = await add(extra(19), { groupId: pageGroup, productId: '733000000002' });
      const withPicture = await runAs(tokenOf(extra(20)), 'getWishlistItem', { itemId: imported.item.itemId });
      expect(withPicture.images).toEqual(['https://img.example.com/a.jpg']);
      expect(withPicture.item.imageUrl).toBe('https://img.example.com/a.jpg');
      const outside = await add(extra(19), { groupId: pageGroup, link: link('791234567890') });
      expect(await runAs(tokenOf(extra(20)), 'getWishlistItem', { itemId: outside.item.itemId })).toMatchObject({
        images: [],
        item: { resolved: false, imageUrl: null },
      });
    });

    it('refuses non-members (119), unknown and removed items (101), bad ids (142) and anonymous callers (206)', async () => {
      const { item } = await add(extra(21), { groupId: pageGroup, productId: esteeLauder.productId });
      expect((await sdkError(runAs(tokenOf(extra(23)), 'getWishlistItem', { itemId: item.itemId }))).code).toBe(119);
      expect((await sdkError(runAs(tokenOf(extra(20)), 'getWishlistItem', { itemId: 'ffffffffffffffffffffffff' }))).code).toBe(101);
      expect((await sdkError(runAs(tokenOf(extra(20)), 'getWishlistItem', { itemId: 'nope' }))).code).toBe(142);
      expect((await sdkError(runAs(tokenOf(extra(20)), 'getWishlistItem', { itemId: item.itemId, more: 1 } as never))).code).toBe(142);
      expect(await rawRequest(host, 'POST', '/1.1/functions/getWishlistItem', { body: { itemId: item.itemId } })).toMatchObject({
        status: 401,
        body: { code: 206 },
      });
      await runAs(tokenOf(extra(21)), 'removeWishlistItem', { itemId: item.itemId });
      expect((await sdkError(runAs(tokenOf(extra(20)), 'getWishlistItem', { itemId: item.itemId }))).code).toBe(101);
      expect((await sdkError(runAs(tokenOf(extra(23)), 'getWishlistItem', { itemId: item.itemId }))).code).toBe(119);
    });

    it('answers many members at once while wants change, each reply consistent with itself', async () => {
      const { item } = await add(extra(19), { groupId: pageGroup, productId: at(DEMO_CATALOG, 60).productId });
      const wanters = [extra(20), extra(21), extra(22)];
      const replies = await Promise.all([
        ...wanters.map((name) => runAs(tokenOf(name), 'wantItem', { itemId: item.itemId, on: true })),
        ...Array.from({ length: 30 }, (_, i) => runAs(tokenOf(at(wanters, i % 3)), 'getWishlistItem', { itemId: item.itemId })),
      ]);
      for (const reply of replies.slice(wanters.length) as Array<{ item: WishlistItemJson; wanters: unknown[] }>) {
        expect(reply.item.wantCount).toBe(reply.wanters.length);
      }
      const final = await runAs(tokenOf(extra(19)), 'getWishlistItem', { itemId: item.itemId });
      expect(final.wanters.map((w) => w.userId).sort()).toEqual(wanters.map(idOf).sort());
    });

    it('draws each view of a catalog product as an illustration, not as text on a square', async () => {
      const first = await rawRequest(host, 'GET', `/images/products/${lancome.productId}.svg`);
      const second = await rawRequest(host, 'GET', `/images/products/${lancome.productId}-2.svg`);
      expect(first.status).toBe(200);
      expect(second.status).toBe(200);
      expect(second.body).not.toBe(first.body);
      for (const body of [first.body, second.body] as string[]) {
        expect(body).toContain('<linearGradient');
        expect(body).toContain('<path');
        expect(body).toContain(`<title>${lancome.title}</title>`);
      }
      expect((await rawRequest(host, 'GET', `/images/products/${lancome.productId}-4.svg`)).status).toBe(404);
    });
  });
});
