import { DEFAULT_GROUP_RULES } from '../../domain/groupRules';
import { groupJson, listGroupsOf } from '../../store/groups';
import { defineFunction } from '../define';
import { fields } from '../validation';

export const listMyGroups = defineFunction({
  name: 'listMyGroups',
  access: 'user',
  params: fields.none,
  handler: async (ctx) => {
    // A user belongs to at most maxGroupsJoinedPerUser groups, so one page holds them all.
    const rows = await listGroupsOf(ctx.store, ctx.user.id, DEFAULT_GROUP_RULES.maxGroupsJoinedPerUser + DEFAULT_GROUP_RULES.maxGroupsCreatedPerUser);
    return { groups: rows.map(groupJson) };
  },
});
