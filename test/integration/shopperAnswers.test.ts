import { fixedClock } from '../support/clock';
import { testEngine } from '../support/database';
import { startTestHost, type TestHost } from '../support/host';
import { initSdk, login, runAs } from '../support/sdk';
import { firstOf } from '../support/at';

/**
 * What the app needs from the server to tell a shopper plainly what happened: a pasted Taobao or
 * Tmall share message read whole (its 「」 title kept, the same item pasted again said to be on
 * the list already), why a share earned nothing while the campaign is paused or over, and where
 * the campaign stands on the group's pool card.
 */
const clock = fixedClock();
let host: TestHost;
const tokens = new Map<string, string>();
let seq = 0;
const rid = () => `answers-${Date.now()}-${++seq}`;
const token = (name: string) => tokens.get(name)!;
let groupId: string;

const SHARE_LINK_MESSAGE = '【淘宝】https://m.tb.cn/h.gTq8Zx1 「蕉下防晒衣女 冰丝透气 UPF50+」点击链接直接打开';
const TK_MESSAGE =
  '【天猫】https://m.tb.cn/h.5TzXK2q?tk=ZbZqWqqmIXL HU0854 「SK-II神仙水护肤精华露230ml」点击链接直接打开 或者 淘宝搜索直接打开';
const PARENTHESISED_MESSAGE = '复制本条信息，打开【手机淘宝】即可查看 (AbCd1234)';

async function campaignWindow(): Promise<{ id: string; starts_at: Date; ends_at: Date }> {
  return firstOf(
    await host.store.query<{ id: string; starts_at: Date; ends_at: Date }>(
      `select id, starts_at, ends_at from campaigns where status in ('published', 'paused') order by starts_at desc limit 1`,
    ),
  );
}

async function setCampaignStatus(status: 'published' | 'paused' | 'ended'): Promise<void> {
  await host.store.query(`update campaigns set status = $1, version = version + 1 where status in ('published', 'paused', 'ended')`, [
    status,
  ]);
}

beforeAll(async () => {
  host = await startTestHost({ demo: true, clock });
  initSdk(host);
  for (const name of ['alice', 'bella', 'cathy', 'david']) tokens.set(name, await login(name));
  const { group } = await runAs(token('alice'), 'createGroup', { name: '粘贴试试', requestId: rid() });
  const { inviteCode } = await runAs(token('alice'), 'createInvite', { groupId: group.groupId });
  for (const name of ['bella', 'cathy', 'david']) await runAs(token(name), 'joinGroup', { inviteCode });
  groupId = group.groupId;
});
afterAll(async () => {
  await host.stop();
});

describe(`pasting whole share messages (${testEngine()})`, () => {
  it('keeps a share link without a code by its token, with the 「」 title, and says when it is on the list already', async () => {
    const first = await runAs(token('alice'), 'addWishlistItem', { groupId, shareCode: SHARE_LINK_MESSAGE, requestId: rid() });
    expect(first.merged).toBe(false);
    expect(first.item).toMatchObject({
      refKind: 'short_link',
      itemRef: 'h.gTq8Zx1',
      resolved: false,
      link: 'https://m.tb.cn/h.gTq8Zx1',
      title: '蕉下防晒衣女 冰丝透气 UPF50+',
      productId: null,
    });

    // A groupmate pasting the same message (as a link this time) joins the entry and wants it.
    const again = await runAs(token('bella'), 'addWishlistItem', { groupId, link: ` ${SHARE_LINK_MESSAGE}\n`, requestId: rid() });
    expect(again).toMatchObject({ merged: true, item: { itemId: first.item.itemId, wantedByMe: true, wantCount: 1 } });
    // Its adder pasting it again: already on the list, and no want of her own item.
    const own = await runAs(token('alice'), 'addWishlistItem', { groupId, shareCode: SHARE_LINK_MESSAGE, requestId: rid() });
    expect(own).toMatchObject({ merged: true, item: { itemId: first.item.itemId, wantedByMe: false, wantCount: 1 } });

    const { items } = await runAs(token('cathy'), 'listWishlist', { groupId });
    expect(items.filter((i) => i.itemRef === 'h.gTq8Zx1')).toHaveLength(1);
  });

  it('reads the code of a Tmall message with tk and of a 复制本条信息 (code) message', async () => {
    const tk = await runAs(token('cathy'), 'addWishlistItem', { groupId, shareCode: TK_MESSAGE, requestId: rid() });
    expect(tk.item).toMatchObject({ refKind: 'share_code', itemRef: 'ZbZqWqqmIXL', title: 'SK-II神仙水护肤精华露230ml', link: null });
    const bracketed = await runAs(token('cathy'), 'addWishlistItem', { groupId, shareCode: PARENTHESISED_MESSAGE, requestId: rid() });
    expect(bracketed.item).toMatchObject({ refKind: 'share_code', itemRef: 'AbCd1234', title: '淘口令宝贝（AbCd1234）' });
    // The same code in another message of the same share is the same entry.
    const same = await runAs(token('david'), 'addWishlistItem', { groupId, shareCode: '淘口令：￥ZbZqWqqmIXL￥', requestId: rid() });
    expect(same).toMatchObject({ merged: true, item: { itemId: tk.item.itemId, title: 'SK-II神仙水护肤精华露230ml' } });
  });

  it('writes the pasted title into the feed when the item is added and shared', async () => {
    const { item } = await runAs(token('david'), 'addWishlistItem', {
      groupId,
      shareCode: '【淘宝】https://m.tb.cn/h.Wq2Er4T 「<b>小米</b> 充电宝 20000毫安」点击链接直接打开',
      requestId: rid(),
    });
    expect(item.title).toBe('<b>小米</b> 充电宝 20000毫安');
    await runAs(token('alice'), 'shareItem', { groupId, itemId: item.itemId, requestId: rid() });
    const { events } = await runAs(token('bella'), 'groupFeed', { groupId });
    const added = events.find((e) => e.type === 'item_added' && e.data.itemId === item.itemId)!;
    const shared = events.find((e) => e.type === 'item_shared' && e.data.itemId === item.itemId)!;
    expect(added.data.title).toBe(item.title);
    expect(shared.data.title).toBe(item.title);
  });
});

describe(`why a share earned nothing, and the campaign on the pool card (${testEngine()})`, () => {
  let itemId: string;
  const share = async () => runAs(token('bella'), 'shareItem', { groupId, itemId, requestId: rid() });
  const phase = async () => (await runAs(token('cathy'), 'groupPool', { groupId })).campaignPhase;

  beforeAll(async () => {
    const products = await host.store.query<{ id: string }>('select id from products order by id limit 1');
    itemId = (await runAs(token('alice'), 'addWishlistItem', { groupId, productId: firstOf(products).id, requestId: rid() })).item.itemId;
  });

  it('says the campaign is running on the pool card while it runs', async () => {
    expect(await phase()).toBe('running');
  });

  it('says paused while the marketer has paused the campaign', async () => {
    await setCampaignStatus('paused');
    const answer = await share();
    expect(answer).toMatchObject({ redPacket: null, noRewardReason: 'paused' });
    expect(await runAs(token('cathy'), 'groupPool', { groupId })).toMatchObject({ campaign: null, campaignPhase: 'paused' });
  });

  it('says ended once the campaign was ended, and also once a paused one has passed its close', async () => {
    await setCampaignStatus('ended');
    expect(await share()).toMatchObject({ redPacket: null, noRewardReason: 'ended' });
    expect(await phase()).toBe('ended');

    await setCampaignStatus('paused');
    const { ends_at } = await campaignWindow();
    clock.set(new Date(ends_at.getTime() + 60_000));
    try {
      expect(await share()).toMatchObject({ redPacket: null, noRewardReason: 'ended' });
      expect(await phase()).toBe('ended');
    } finally {
      clock.set(new Date('2025-11-05T02:00:00.000Z'));
    }
  });

  it('says no_campaign before any campaign started', async () => {
    const { starts_at } = await campaignWindow();
    clock.set(new Date(starts_at.getTime() - 60_000));
    try {
      expect(await share()).toMatchObject({ redPacket: null, noRewardReason: 'no_campaign' });
      expect(await phase()).toBe('none');
    } finally {
      clock.set(new Date('2025-11-05T02:00:00.000Z'));
    }
  });

  it('draws again once the campaign runs again', async () => {
    await setCampaignStatus('published');
    expect(await phase()).toBe('running');
    const answer = await share();
    // Whatever the draw, the reason is never about the campaign any more.
    expect(['paused', 'ended', 'no_campaign', 'campaign_changed']).not.toContain(answer.noRewardReason);
  });
});
