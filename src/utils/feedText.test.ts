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
