import { groupRulesAt } from './rules';
import { listGroupsOf } from '../../store/groups';
import { defineFunction } from '../define';
import { fields } from '../validation';
import { groupJson } from './json';

export const listMyGroups = defineFunction({
  name: 'listMyGroups',
  access: 'user',
  params: fields.none,
  handler: async (ctx) => {
    // A user belongs to at most maxGroupsJoinedPerUser groups, so one page holds them all
    // (plus groups created under earlier, looser rules).
    const rules = await groupRulesAt(ctx.store, ctx.clock.now());
    const rows = await listGroupsOf(ctx.store, ctx.user.id, rules.maxGroupsJoinedPerUser + rules.maxGroupsCreatedPerUser);
    return { groups: rows.map(groupJson) };
  },
});
