import type { FeedEventJson, GroupJson } from '../../../contract/types';
import { groupActivityRows } from './groupActivity';

const group = (groupId: string, name: string, createdAt: string): GroupJson => ({
  groupId,
  name,
  ownerId: 'u1',
  memberCount: 4,
  status: 'active',
  createdAt,
  minMembers: 4,
  maxMembers: 15,
});

const shared = (createdAt: string): FeedEventJson => ({
  eventId: `e-${createdAt}`,
  type: 'item_shared',
  actorId: 'u2',
  actorNickname: 'Bella',
  subjectId: 'u2',
  subjectNickname: 'Bella',
  data: { title: '每日坚果' },
  createdAt,
});

describe('groupActivityRows', () => {
  it('puts the group with the newest event first and says what happened in it', () => {
    const rows = groupActivityRows(
      [group('g1', '周末闺蜜团', '2026-11-01T00:00:00Z'), group('g2', '大学室友', '2026-11-02T00:00:00Z')],
      new Map([['g1', shared('2026-11-20T12:00:00Z')]]),
    );
    expect(rows.map((r) => r.group.groupId)).toEqual(['g1', 'g2']);
    expect(rows[0]).toMatchObject({ latest: 'Bella 把「每日坚果」分享到了群里', at: '2026-11-20T12:00:00Z' });
    // A group without events is dated by its creation and has no sentence.
    expect(rows[1]).toMatchObject({ latest: null, at: '2026-11-02T00:00:00Z' });
  });

  it('orders groups active at the same moment by name', () => {
    const at = '2026-11-03T00:00:00Z';
    const rows = groupActivityRows([group('g1', 'Roommates', at), group('g2', 'Besties', at)], new Map());
    expect(rows.map((r) => r.group.name)).toEqual(['Besties', 'Roommates']);
  });

  it('answers no rows for no groups', () => {
    expect(groupActivityRows([], new Map())).toEqual([]);
  });
});
