import { ErrorCode } from '../../../contract/errors';
import { checkJoin, type JoinRefusal } from '../../domain/groups';
import { CloudError } from '../../errors';
import { appendEvent } from '../../store/feed';
import { addMember, countMemberships, findGroup, findInvite, findMembership, findRemoval, lockUser } from '../../store/groups';
import { defineFunction } from '../define';
import { inviteCodeParam } from './invites';
import { groupJson } from './json';
import { groupRulesAt } from './rules';

function refusalError(refusal: JoinRefusal): CloudError {
  switch (refusal.kind) {
    case 'invite_invalid':
      return new CloudError(ErrorCode.INVITE_INVALID, refusal.reason);
    case 'already_member':
      return new CloudError(ErrorCode.ALREADY_MEMBER, '你已经在这个小黑群里了，直接进群看看吧');
    case 'user_limit':
      return new CloudError(ErrorCode.USER_LIMIT, `每人最多加入 ${refusal.limit} 个小黑群，请先退出一个再加入`);
    case 'group_full':
      return new CloudError(ErrorCode.GROUP_FULL, `这个小黑群已满 ${refusal.max} 人，请让好友邀请你加入别的群`);
  }
}

/**
 * Joins through an invitation. The caller's row is locked first (per-user limit), then the
 * group's row (capacity), always in that order, so concurrent joins queue instead of racing.
 */
export const joinGroup = defineFunction({
  name: 'joinGroup',
  access: 'user',
  params: inviteCodeParam,
  handler: async (ctx, { inviteCode }) => {
    const now = ctx.clock.now();
    const userId = ctx.user.id;
    const rules = await groupRulesAt(ctx.store, now);
    const group = await ctx.store.transaction(async (tx) => {
      await lockUser(tx, userId);
      const invite = await findInvite(tx, inviteCode);
      const locked = invite ? await findGroup(tx, invite.group_id, true) : undefined;
      const refusal = checkJoin(
        {
          now,
          invite: invite && { createdAt: invite.created_at, expiresAt: invite.expires_at, revokedAt: invite.revoked_at },
          group: locked && { memberCount: locked.member_count, maxMembers: locked.max_members, dissolved: locked.status === 'dissolved' },
          alreadyMember: Boolean(locked && (await findMembership(tx, locked.id, userId))),
          removedAt: locked ? await findRemoval(tx, locked.id, userId) : null,
          membershipCount: await countMemberships(tx, userId),
        },
        rules,
      );
      if (refusal) throw refusalError(refusal);
      const joined = await addMember(tx, locked!.id, userId, now);
      await appendEvent(tx, {
        groupId: joined.id,
        type: 'member_joined',
        actorId: userId,
        data: { memberCount: joined.member_count },
        now,
      });
      return joined;
    });
    return { group: groupJson(group) };
  },
});
