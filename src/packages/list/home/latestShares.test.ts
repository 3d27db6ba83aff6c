import type { FeedEventJson } from '../../../../contract/types';
import { latestSharesByOthers } from './latestShares';

const shared = (eventId: string, actorId: string, itemId: string, shareId: string): FeedEventJson => ({
  eventId,
  type: 'item_shared',
  actorId,
  actorNickname: actorId.toUpperCase(),
  subjectId: 'owner',
  subjectNickname: 'Owner',
  data: { itemId, shareId, list: 'group', title: 't', productId: '1' },
  createdAt: '2026-11-01T00:00:00Z',
});

describe('latestSharesByOthers', () => {
  it('keeps the newest share of each item by someone else', () => {
    const events = [shared('3', 'b', 'i1', 's3'), shared('1', 'a', 'i1', 's1'), shared('2', 'me', 'i2', 's2')];
    const result = latestSharesByOthers(events, 'me');
    expect(result.get('i1')).toEqual({ shareId: 's3', sharedBy: 'b', sharerNickname: 'B' });
    expect(result.has('i2')).toBe(false);
  });

  it('ignores other events and events without a share id', () => {
    const added = { ...shared('4', 'a', 'i3', 's4'), type: 'item_added' };
    const broken = { ...shared('5', 'a', 'i4', 's5'), data: { itemId: 'i4' } };
    expect(latestSharesByOthers([added, broken], 'me').size).toBe(0);
  });
});
