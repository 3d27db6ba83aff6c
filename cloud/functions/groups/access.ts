import { z } from 'zod';
import { forbidden, notFound } from '../../errors';
import { findGroup, findMembership, type GroupRow } from '../../store/groups';
import type { Queryable } from '../../store/store';
import { fields } from '../validation';

export const groupIdParam = z.object({ groupId: fields.objectId('groupId') }).strict();

export const groupNotFound = () => notFound('找不到这个小黑群（group not found）');
export const notAMember = () => forbidden('你不是这个小黑群的成员，请通过好友的邀请加入');

/**
 * Loads a group for one of its members: 101 when it does not exist, 119 when the caller is not
 * a member. With `lock`, the group row stays locked until the transaction ends.
 */
export async function memberGroup(
  db: Queryable,
  groupId: string,
  userId: string,
  options: { lock?: boolean; ownerOnly?: boolean; action?: string } = {},
): Promise<{ group: GroupRow; role: string; joinedAt: Date }> {
  const group = await findGroup(db, groupId, options.lock);
  if (!group) throw groupNotFound();
  const membership = await findMembership(db, groupId, userId);
  if (!membership) throw notAMember();
  if (options.ownerOnly && group.owner_id !== userId) {
    throw forbidden(`只有群主可以${options.action ?? '这样做'}（owner only）`);
  }
  return { group, role: membership.role, joinedAt: membership.joined_at };
}

export function assertNotDissolved(group: GroupRow): void {
  if (group.status === 'dissolved') throw notFound('这个小黑群已解散（group dissolved）');
}
