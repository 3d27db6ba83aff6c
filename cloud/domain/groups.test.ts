import { DEFAULT_GROUP_RULES as rules } from './groupRules';
import { checkGroupName, checkJoin, groupStatus, nextOwner, type JoinFacts } from './groups';

const now = new Date('2026-11-01T12:00:00Z');
const day = 86_400_000;
const okFacts: JoinFacts = {
  now,
  invite: { createdAt: new Date(now.getTime() - day), expiresAt: new Date(now.getTime() + day), revokedAt: null },
  group: { memberCount: 5, maxMembers: 15, dissolved: false },
  alreadyMember: false,
  removedAt: null,
  membershipCount: 2,
};

describe('group names', () => {
  it.each([
    ['  闺蜜团  ', { ok: true, name: '闺蜜团' }],
    ['', { ok: false }],
    ['    ', { ok: false }],
    ['\u200b\u200b', { ok: false }],
    ['a\u0007b', { ok: false }],
    ['一二三四五六七八九十一二三四五六七八九十', { ok: true }],
    ['一二三四五六七八九十一二三四五六七八九十一', { ok: false }],
    ['👭👭👭👭👭👭👭👭👭👭👭👭👭👭👭👭👭👭👭👭', { ok: true }],
  ])('%j → %j', (raw, expected) => {
    expect(checkGroupName(raw, rules)).toMatchObject(expected);
  });
});

describe('group status', () => {
  it.each([
    [1, false, 'forming'],
    [3, false, 'forming'],
    [4, false, 'active'],
    [15, false, 'active'],
    [15, true, 'dissolved'],
  ] as const)('%i members, dissolved %s → %s', (count, dissolved, status) => {
    expect(groupStatus(count, dissolved, rules)).toBe(status);
  });
});

describe('joining, failures in their documented order', () => {
  const cases: Array<[string, Partial<JoinFacts>, string | null]> = [
    ['a valid invitation', {}, null],
    ['an unknown invitation', { invite: undefined }, 'invite_invalid'],
    [
      'a revoked invitation (even when full and a member)',
      { invite: { ...okFacts.invite!, revokedAt: now }, alreadyMember: true, group: { ...okFacts.group!, memberCount: 15 } },
      'invite_invalid',
    ],
    ['an invitation expiring right now', { invite: { ...okFacts.invite!, expiresAt: now } }, 'invite_invalid'],
    ['a dissolved group', { group: { ...okFacts.group!, dissolved: true } }, 'invite_invalid'],
    ['an old invitation after removal', { removedAt: new Date(now.getTime() - 1000) }, 'invite_invalid'],
    ['a new invitation after removal', { removedAt: new Date(now.getTime() - 2 * day) }, null],
    [
      'a member (before limits and capacity)',
      { alreadyMember: true, membershipCount: 10, group: { ...okFacts.group!, memberCount: 15 } },
      'already_member',
    ],
    ['a user in 10 groups (before capacity)', { membershipCount: 10, group: { ...okFacts.group!, memberCount: 15 } }, 'user_limit'],
    ['a user in 9 groups', { membershipCount: 9 }, null],
    ['a full group', { group: { ...okFacts.group!, memberCount: 15 } }, 'group_full'],
    ['the 15th member', { group: { ...okFacts.group!, memberCount: 14 } }, null],
  ];
  it.each(cases)('%s', (_name, override, kind) => {
    const refusal = checkJoin({ ...okFacts, ...override }, rules);
    expect(refusal?.kind ?? null).toBe(kind);
  });
});

describe('next owner', () => {
  it('is the longest-standing remaining member, ties broken by id', () => {
    const t = (ms: number) => new Date(ms);
    expect(
      nextOwner([
        { userId: 'c', joinedAt: t(3) },
        { userId: 'b', joinedAt: t(2) },
        { userId: 'a', joinedAt: t(2) },
      ])?.userId,
    ).toBe('a');
    expect(nextOwner([])).toBeUndefined();
  });
});
