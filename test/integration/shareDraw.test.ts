import { fixedClock } from '../support/clock';
import { startTestHost, type TestHost } from '../support/host';
import { testEngine } from '../support/database';
import { initSdk, login, runAs, runAsMaster } from '../support/sdk';
import { seeded } from '../support/seeded';
import { firstOf, leading } from '../support/at';

// The share and its red-packet draw run as one database function (share_item) with the host's
// rules passed in. These cases pin the rules it applies that the other suites pass by: the daily
// cap on rewarded draws under concurrent shares, a campaign that changes while a host still holds
// the copy it read, and the feed event it writes.

let host: TestHost;
const tokens = new Map<string, string>();
let seq = 0;
const rid = () => `draw-${Date.now()}-${++seq}`;
const token = (name: string) => tokens.get(name)!;
let groupId: string;

/** Changes the running campaign as a marketer's edit would: a new version. */
async function editCampaign(set: string): Promise<void> {
  await host.store.query(`update campaigns set ${set}, version = version + 1 where status in ('published', 'paused')`);
}

async function addItems(user: string, n: number, offset: number): Promise<string[]> {
  const products = await host.store.query<{ id: string }>('select id from products order by id limit $1 offset $2', [n, offset]);
  const ids: string[] = [];
  for (const p of products)
    ids.push((await runAs(token(user), 'addWishlistItem', { groupId, productId: p.id, requestId: rid() })).item.itemId);
  return ids;
}

const share = (user: string, itemId: string) => runAs(token(user), 'shareItem', { groupId, itemId, requestId: rid() });

beforeAll(async () => {
  host = await startTestHost({ demo: true, clock: fixedClock(), random: seeded(7) });
  initSdk(host);
  await editCampaign(`config = jsonb_set(config, '{shareReward,probability}', '1')`);
  for (const name of ['alice', 'bella', 'cathy', 'david']) tokens.set(name, await login(name));
  const { group } = await runAs(token('alice'), 'createGroup', { name: '抽奖规则', requestId: rid() });
  const { inviteCode } = await runAs(token('alice'), 'createInvite', { groupId: group.groupId });
  for (const name of ['bella', 'cathy', 'david']) await runAs(token(name), 'joinGroup', { inviteCode });
  groupId = group.groupId;
});
afterAll(async () => {
  await host.stop();
});

describe(`the share draw (${testEngine()})`, () => {
  it('pays no more rewarded draws a day than the cap, also when one user shares many items at once', async () => {
    await editCampaign(`config = jsonb_set(config, '{shareReward,dailyCapPerUser}', '3')`);
    const items = await addItems('bella', 8, 0);
    const results = await Promise.all(items.map((itemId) => share('bella', itemId)));
    expect(results.filter((r) => r.redPacket !== null)).toHaveLength(3);
    expect(results.filter((r) => r.noRewardReason === 'daily_cap')).toHaveLength(5);
    // Every share stands, and only the paid draws reached the pool.
    expect(new Set(results.map((r) => r.share.itemId)).size).toBe(8);
    const paidFen = results.reduce((sum, r) => sum + (r.redPacket?.amountFen ?? 0), 0);
    expect(await runAs(token('cathy'), 'groupPool', { groupId })).toMatchObject({ poolFen: paidFen });
    await editCampaign(`config = jsonb_set(config, '{shareReward,dailyCapPerUser}', '50')`);
  });

  it('applies a campaign edited or paused a moment ago, although the host read it just before', async () => {
    const [first, second, third] = leading(await addItems('cathy', 3, 8), 3);
    expect((await share('cathy', first)).redPacket).not.toBeNull();

    await editCampaign(`config = jsonb_set(config, '{shareReward,probability}', '0')`);
    const unlucky = await share('cathy', second);
    expect(unlucky).toMatchObject({ redPacket: null, noRewardReason: 'no_luck' });

    await editCampaign(`status = 'paused'`);
    const paused = await share('cathy', third);
    expect(paused).toMatchObject({ redPacket: null, noRewardReason: 'paused' });
    expect(paused.share.itemId).toBe(third);

    await editCampaign(`status = 'published', config = jsonb_set(config, '{shareReward,probability}', '1')`);
    // The paused share drew nothing, so sharing that item again draws now.
    expect((await share('cathy', third)).redPacket).not.toBeNull();
    expect(await runAsMaster('ledgerCheck', {})).toMatchObject({ balanced: true, negativeAccounts: 0 });
  });

  it('answers a retried request with its first share and packet, and a re-share of the item with neither', async () => {
    const itemId = firstOf(await addItems('david', 1, 11));
    const requestId = rid();
    const first = await runAs(token('david'), 'shareItem', { groupId, itemId, requestId });
    expect(first.redPacket).not.toBeNull();
    expect(await runAs(token('david'), 'shareItem', { groupId, itemId, requestId })).toEqual(first);
    // Sharing the same item again is a new share whose draw was already used.
    const again = await runAs(token('david'), 'shareItem', { groupId, itemId, requestId: rid() });
    expect(again).toMatchObject({ redPacket: null, noRewardReason: 'already_drawn' });
    expect(again.share.shareId).not.toBe(first.share.shareId);
  });

  it('writes the feed event with the title the list shows, for items the catalog does not know', async () => {
    const byLink = await runAs(token('david'), 'addWishlistItem', {
      groupId,
      link: 'https://item.taobao.com/item.htm?id=699999999977',
      requestId: rid(),
    });
    const byCode = await runAs(token('david'), 'addWishlistItem', { groupId, link: '复制 €Qq1Ww2Ee3R€ 打开手淘', requestId: rid() });
    for (const { item } of [byLink, byCode]) await share('alice', item.itemId);
    const feed = await runAs(token('alice'), 'groupFeed', { groupId });
    const list = await runAs(token('alice'), 'listWishlist', { groupId, limit: 50 });
    for (const { item } of [byLink, byCode]) {
      const listed = list.items.find((i) => i.itemId === item.itemId)!;
      expect(listed.resolved).toBe(false);
      const shared = feed.events.find((e) => e.type === 'item_shared' && e.data.itemId === item.itemId)!;
      expect(shared.data).toMatchObject({ title: listed.title, productId: null, list: 'group' });
      expect(shared.subjectNickname).toBe(listed.addedBy.nickname);
    }
  });
});
