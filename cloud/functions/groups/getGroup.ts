import { listMembers } from '../../store/groups';
import { accountIds } from '../../domain/money/posting';
import { balanceOf } from '../../store/ledger';
import { defineFunction } from '../define';
import { groupIdParam, memberGroup } from './access';
import { groupJson, memberJson } from './json';

export const getGroup = defineFunction({
  name: 'getGroup',
  access: 'user',
  params: groupIdParam,
  handler: async (ctx, { groupId }) => {
    const { group } = await memberGroup(ctx.store, groupId, ctx.user.id);
    const members = await listMembers(ctx.store, groupId);
    return { group: groupJson(group), members: members.map(memberJson), poolFen: await balanceOf(ctx.store, accountIds.pool(groupId)) };
  },
});
