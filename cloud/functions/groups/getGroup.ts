import { groupWithMembers } from '../../store/groups';
import { accountIds } from '../../domain/money/posting';
import { defineFunction } from '../define';
import { groupIdParam, groupNotFound, notAMember } from './access';
import { readGroupScreen, readKey } from '../cachedReads';
import { groupJson, memberJson } from './json';

/**
 * The group screen: one statement reads the group, its members and its pool; the caller must be
 * among the members. While the group's version has not moved the stored group and members are
 * used, with the pool's balance read live.
 */
export const getGroup = defineFunction({
  name: 'getGroup',
  access: 'user',
  params: groupIdParam,
  handler: async (ctx, { groupId }) => {
    const { value, poolFen } = await readGroupScreen(
      ctx,
      groupId,
      readKey('getGroup', groupId),
      async () => {
        const found = await groupWithMembers(ctx.store, groupId, accountIds.pool(groupId));
        if (!found) throw groupNotFound();
        if (!found.members.some((member) => member.userId === ctx.user.id)) throw notAMember();
        return { group: groupJson(found.group), members: found.members.map(memberJson) };
      },
      { withPool: true },
    );
    return { ...value, poolFen };
  },
});
