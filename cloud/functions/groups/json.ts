import type { FeedEventJson, GroupJson, MemberJson } from '../../../contract/types';
import type { EventRow } from '../../store/feed';
import type { GroupRow, MemberRecord } from '../../store/groups';

export function groupJson(row: GroupRow): GroupJson {
  return {
    groupId: row.id,
    name: row.name,
    ownerId: row.owner_id,
    memberCount: row.member_count,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    minMembers: row.min_members,
    maxMembers: row.max_members,
  };
}

export function memberJson(member: MemberRecord): MemberJson {
  return {
    userId: member.userId,
    nickname: member.nickname,
    avatarUrl: member.avatarUrl,
    role: member.role,
    joinedAt: member.joinedAt.toISOString(),
  };
}

export function feedEventJson(row: EventRow): FeedEventJson {
  return {
    eventId: String(row.id),
    type: row.type,
    actorId: row.actor_id,
    actorNickname: row.actor_nickname,
    subjectId: row.subject_id,
    subjectNickname: row.subject_nickname,
    data: row.data,
    createdAt: row.created_at.toISOString(),
  };
}
