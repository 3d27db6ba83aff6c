import type { FeedEventJson } from '../../../../contract/types';
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
