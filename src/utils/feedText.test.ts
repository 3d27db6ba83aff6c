import type { FeedEventJson } from '../../contract/types';
import { describeFeedEvent, mergeFeed } from './feedText';

const event = (over: Partial<FeedEventJson>): FeedEventJson => ({
  eventId: 'e1',
  type: 'member_joined',
  actorId: 'u1',
  actorNickname: 'Bella',
  subjectId: null,
  subjectNickname: null,
  data: {},
  createdAt: '2026-11-01T12:00:00.000Z',
  ...over,
});

describe('describeFeedEvent', () => {
  it('tells of purchases through shares, removals, pooled orders, group buys and splits', () => {
    const item = { itemId: 'i1', list: 'group', title: '兰蔻小黑瓶', productId: '123456' };
    const cathy = { subjectId: 'u3', subjectNickname: 'Cathy' };
    expect(describeFeedEvent(event({ type: 'item_purchased', ...cathy, data: { ...item, shareId: 's1', orderId: 'o1' } }))).toBe(
      'Bella 通过 Cathy 的分享买了「兰蔻小黑瓶」',
    );
    expect(describeFeedEvent(event({ type: 'item_removed', subjectId: 'u1', data: item }))).toBe('Bella 把「兰蔻小黑瓶」移出了共享清单');
    expect(describeFeedEvent(event({ type: 'item_removed', ...cathy, data: { ...item, list: 'double11' } }))).toBe(
      'Bella 把 Cathy 的「兰蔻小黑瓶」移出了双11清单',
    );
    expect(describeFeedEvent(event({ type: 'pooled_started', data: { pooledOrderId: 'p1' } }))).toBe('Bella 发起了拼单，快来一起凑满减');
    expect(describeFeedEvent(event({ type: 'pooled_placed', data: { memberCount: 3, discountFen: 5000 } }))).toBe(
      '拼单已下单，3 人一起省了 ¥50.00',
    );
    expect(describeFeedEvent(event({ type: 'pooled_placed', data: {} }))).toBe('拼单已下单');
    expect(describeFeedEvent(event({ type: 'pooled_expired', actorId: null, actorNickname: null, ...cathy }))).toBe(
      'Cathy 发起的拼单到期未成，已付的钱原路退回',
    );
    const buy = { groupBuyId: 'g1', title: '每日坚果', size: 3, groupPriceFen: 3990 };
    expect(describeFeedEvent(event({ type: 'group_buy_opened', data: buy }))).toBe('Bella 开了「每日坚果」的3 人团，团购价 ¥39.90');
    expect(describeFeedEvent(event({ type: 'group_buy_succeeded', data: { ...buy, outcome: 'full' } }))).toBe(
      'Bella 开的「每日坚果」拼团成功了',
    );
    expect(describeFeedEvent(event({ type: 'group_buy_failed', data: { ...buy, outcome: 'expired' } }))).toBe(
      'Bella 开的「每日坚果」拼团没有成团，已付的钱原路退回',
    );
    const split = { actorId: null, actorNickname: null, data: { totalFen: 1000, bestFen: 400, memberCount: 4, policy: 'random' } };
    expect(describeFeedEvent(event({ type: 'pool_split', ...split, ...cathy }))).toBe('群红包池瓜分了 ¥10.00，Cathy 手气最佳（¥4.00）');
    expect(describeFeedEvent(event({ type: 'pool_split', ...split, data: { totalFen: 1000, bestFen: 250, policy: 'equal' } }))).toBe(
      '群红包池瓜分了 ¥10.00，每人约 ¥2.50',
    );
  });

  it('names the actor and what happened', () => {
    expect(describeFeedEvent(event({ type: 'member_joined' }))).toBe('Bella 加入了小黑群');
    expect(describeFeedEvent(event({ type: 'group_created' }))).toBe('Bella 创建了小黑群');
    expect(describeFeedEvent(event({ type: 'member_removed', subjectNickname: 'Cathy' }))).toBe('Bella 将 Cathy 移出了群');
    expect(describeFeedEvent(event({ type: 'group_activated' }))).toBe('小黑群人齐了，已激活');
  });

  it('says what happened to an item, and whose item it is', () => {
    const item = { itemId: 'i1', list: 'group', title: '兰蔻小黑瓶', productId: '123456' };
    const byCathy = { subjectId: 'u3', subjectNickname: 'Cathy' };
    expect(describeFeedEvent(event({ type: 'item_added', subjectId: 'u1', data: item }))).toBe('Bella 把「兰蔻小黑瓶」加入了共享清单');
    expect(describeFeedEvent(event({ type: 'item_added', data: { ...item, list: 'double11' } }))).toBe(
      'Bella 把「兰蔻小黑瓶」加入了双11清单',
    );
    expect(describeFeedEvent(event({ type: 'item_wanted', ...byCathy, data: item }))).toBe('Bella 也想要 Cathy 的「兰蔻小黑瓶」');
    expect(describeFeedEvent(event({ type: 'item_shared', ...byCathy, data: { ...item, shareId: 's1' } }))).toBe(
      'Bella 把 Cathy 的「兰蔻小黑瓶」分享到了群里',
    );
    expect(describeFeedEvent(event({ type: 'item_shared', subjectId: 'u1', data: item }))).toBe('Bella 把「兰蔻小黑瓶」分享到了群里');
    expect(describeFeedEvent(event({ type: 'item_bought', ...byCathy, data: item }))).toBe('Bella 买了 Cathy 的「兰蔻小黑瓶」');
    expect(describeFeedEvent(event({ type: 'item_bought', ...byCathy, data: {} }))).toBe('Bella 买了 Cathy 的一件宝贝');
  });

  it('still shows unknown types', () => {
    expect(describeFeedEvent(event({ type: 'something_new' }))).toBe('Bella：something_new');
  });
});

describe('mergeFeed', () => {
  it('deduplicates by id and orders newest first', () => {
    const a = event({ eventId: 'a', createdAt: '2026-11-01T10:00:00.000Z' });
    const b = event({ eventId: 'b', createdAt: '2026-11-01T11:00:00.000Z' });
    const c = event({ eventId: 'c', createdAt: '2026-11-01T12:00:00.000Z' });
    expect(mergeFeed([b, a], [c, b]).map((e) => e.eventId)).toEqual(['c', 'b', 'a']);
  });
});
