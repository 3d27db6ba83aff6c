import { z } from 'zod';
import { nextOwner } from '../../domain/groups';
import { invalidParams, notFound } from '../../errors';
import { appendEvent } from '../../store/feed';
import { notify } from '../../store/notifications';
import { dissolve, dropMember, findMembership, listMembers, recordRemoval, type GroupRow } from '../../store/groups';
import type { Queryable } from '../../store/store';
import { defineFunction } from '../define';
import { fields } from '../validation';
import { assertNotDissolved, groupIdParam, memberGroup } from './access';
import { groupJson } from './json';

/**
 * Takes a member out of a locked group: ownership passes to the longest-standing member when the
 * owner goes, and the group dissolves when nobody is left.
 */
async function takeOut(tx: Queryable, group: GroupRow, userId: string, now: Date): Promise<GroupRow> {
  const remaining = (await listMembers(tx, group.id)).filter((m) => m.userId !== userId);
  if (remaining.length === 0) {
    await dropMember(tx, group.id, userId, null);
    const dissolved = await dissolve(tx, group.id, now);
    await appendEvent(tx, { groupId: group.id, type: 'group_dissolved', actorId: userId, data: { reason: 'last_member_left' }, now });
    return dissolved;
  }
  const heir = group.owner_id === userId ? nextOwner(remaining) : undefined;
  const updated = await dropMember(tx, group.id, userId, heir?.userId ?? null);
  if (heir) await appendEvent(tx, { groupId: group.id, type: 'owner_changed', actorId: userId, subjectId: heir.userId, now });
  return updated;
}

export const leaveGroup = defineFunction({
  name: 'leaveGroup',
  access: 'user',
  params: groupIdParam,
  handler: async (ctx, { groupId }) => {
    const now = ctx.clock.now();
    const group = await ctx.store.transaction(async (tx) => {
      const { group: locked } = await memberGroup(tx, groupId, ctx.user.id, { lock: true });
      assertNotDissolved(locked);
      await appendEvent(tx, { groupId, type: 'member_left', actorId: ctx.user.id, now });
      return takeOut(tx, locked, ctx.user.id, now);
    });
    return { group: groupJson(group) };
  },
});

export const removeMember = defineFunction({
  name: 'removeMember',
  access: 'user',
  params: z.object({ groupId: fields.objectId('groupId'), userId: fields.objectId('userId') }).strict(),
  handler: async (ctx, { groupId, userId }) => {
    const now = ctx.clock.now();
    const group = await ctx.store.transaction(async (tx) => {
      // Ownership first: a member asking to remove herself learns she is not the owner, not
      // how the owner would leave.
      const { group: locked } = await memberGroup(tx, groupId, ctx.user.id, { lock: true, ownerOnly: true, action: '移出成员' });
      if (userId === ctx.user.id) throw invalidParams('userId: 群主不能移出自己，请使用“退出小黑群”');
      assertNotDissolved(locked);
      if (!(await findMembership(tx, groupId, userId))) throw notFound('这个用户不在群里（member not found）');
      await recordRemoval(tx, groupId, userId, now);
      await appendEvent(tx, { groupId, type: 'member_removed', actorId: ctx.user.id, subjectId: userId, now });
      // Keyed by the removal's time: removed again after rejoining, she is told again.
      const removal = { userId, kind: 'removed_from_group' as const, effectKey: `removed:${groupId}:${userId}:${now.toISOString()}` };
      await notify(tx, [{ ...removal, payload: { groupId }, groupId }], now);
      return takeOut(tx, locked, userId, now);
    });
    return { group: groupJson(group) };
  },
});

export const dissolveGroup = defineFunction({
  name: 'dissolveGroup',
  access: 'user',
  params: groupIdParam,
  handler: async (ctx, { groupId }) => {
    const now = ctx.clock.now();
    const group = await ctx.store.transaction(async (tx) => {
      const { group: locked } = await memberGroup(tx, groupId, ctx.user.id, { lock: true, ownerOnly: true, action: '解散小黑群' });
      if (locked.status === 'dissolved') return locked;
      const dissolved = await dissolve(tx, groupId, now);
      await appendEvent(tx, { groupId, type: 'group_dissolved', actorId: ctx.user.id, data: { reason: 'owner' }, now });
      return dissolved;
    });

    return { group: groupJson(group) };
  },
});
