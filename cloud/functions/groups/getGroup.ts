import { groupJson, listMembers } from '../../store/groups';
import { defineFunction } from '../define';
import { groupIdParam, memberGroup } from './access';

export const getGroup = defineFunction({
  name: 'getGroup',
  access: 'user',
  params: groupIdParam,
  handler: async (ctx, { groupId }) => {
    const { group } = await memberGroup(ctx.store, groupId, ctx.user.id);
    const members = await listMembers(ctx.store, groupId);
    // The group pool holds red packets; it is empty until the money ledger credits it.
    return { group: groupJson(group), members, poolFen: 0 };
  },
});
