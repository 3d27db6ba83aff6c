import type { GroupStatus } from '../../contract/types';
import type { GroupRules } from './groupRules';

/**
 * Pure group rules: names, status, who may join, who owns the group after the owner leaves.
 * Expected failures are values with names, checked in a documented order.
 */

export type NameCheck = { ok: true; name: string } | { ok: false; reason: string };

// Control characters and zero-width joiners make names that look blank or deceive.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufeff]/u;

export function checkGroupName(raw: string, rules: GroupRules): NameCheck {
  const name = raw.trim();
  if (name.length === 0) return { ok: false, reason: '群名称不能为空' };
  if (INVISIBLE.test(name)) return { ok: false, reason: '群名称不能包含不可见字符' };
  if ([...name].length > rules.groupNameMaxLength) {
    return { ok: false, reason: `群名称最多 ${rules.groupNameMaxLength} 个字` };
  }
  return { ok: true, name };
}

export function groupStatus(memberCount: number, dissolved: boolean, rules: Pick<GroupRules, 'minMembers'>): GroupStatus {
  if (dissolved) return 'dissolved';
  return memberCount >= rules.minMembers ? 'active' : 'forming';
}

export interface JoinFacts {
  now: Date;
  invite: { expiresAt: Date; revokedAt: Date | null; createdAt: Date } | undefined;
  group: { memberCount: number; maxMembers: number; dissolved: boolean } | undefined;
  alreadyMember: boolean;
  /** When this user was last removed from the group, if ever. */
  removedAt: Date | null;
  /** Groups the user belongs to now (dissolved ones excluded). */
  membershipCount: number;
}

export type JoinRefusal =
  | { kind: 'invite_invalid'; reason: string }
  | { kind: 'already_member' }
  | { kind: 'user_limit'; limit: number }
  | { kind: 'group_full'; max: number };

/**
 * Whether a user may join through an invitation. Order: the invitation (unknown, revoked,
 * expired, its group dissolved, or issued before this user was removed), then membership, then
 * the user's own limit, then the group's capacity.
 */
export function checkJoin(facts: JoinFacts, rules: GroupRules): JoinRefusal | null {
  const { invite, group } = facts;
  if (!invite || !group) return { kind: 'invite_invalid', reason: '邀请不存在，请向好友要一个新的邀请' };
  if (invite.revokedAt) return { kind: 'invite_invalid', reason: '邀请已被撤销，请向好友要一个新的邀请' };
  if (invite.expiresAt.getTime() <= facts.now.getTime()) {
    return { kind: 'invite_invalid', reason: '邀请已过期，请向好友要一个新的邀请' };
  }
  if (group.dissolved) return { kind: 'invite_invalid', reason: '这个小黑群已解散' };
  if (facts.removedAt && invite.createdAt.getTime() <= facts.removedAt.getTime()) {
    return { kind: 'invite_invalid', reason: '你已被移出这个小黑群，旧邀请不再有效，请向群主要一个新的邀请' };
  }
  if (facts.alreadyMember) return { kind: 'already_member' };
  if (facts.membershipCount >= rules.maxGroupsJoinedPerUser) return { kind: 'user_limit', limit: rules.maxGroupsJoinedPerUser };
  if (group.memberCount >= group.maxMembers) return { kind: 'group_full', max: group.maxMembers };
  return null;
}

/** The member who owns the group after the owner leaves: the longest-standing one (ties by id). */
export function nextOwner<M extends { userId: string; joinedAt: Date }>(remaining: readonly M[]): M | undefined {
  return [...remaining].sort(
    (a, b) => a.joinedAt.getTime() - b.joinedAt.getTime() || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0),
  )[0];
}
