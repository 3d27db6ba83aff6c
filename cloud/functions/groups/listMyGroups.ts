import { groupRulesAt } from './rules';
import { latestEventsOf } from '../../store/feed';
import { listGroupsOf } from '../../store/groups';
import { defineFunction } from '../define';
import { fields } from '../validation';
import { feedEventJson, groupJson } from './json';

export const listMyGroups = defineFunction({
  name: 'listMyGroups',
  access: 'user',
  params: fields.none,
  handler: async (ctx) => {
    // A user belongs to at most maxGroupsJoinedPerUser groups, so one page holds them all
    // (plus groups created under earlier, looser rules).
    const rules = await groupRulesAt(ctx.store, ctx.clock.now());
    const rows = await listGroupsOf(ctx.store, ctx.user.id, rules.maxGroupsJoinedPerUser + rules.maxGroupsCreatedPerUser);
    // Each group's newest event, for the conversation list's latest line: one indexed read for all.
    const latest = await latestEventsOf(
      ctx.store,
      rows.map((row) => row.id),
    );
    return {
      groups: rows.map((row) => {
        const event = latest.get(row.id);
        return { ...groupJson(row), latestEvent: event ? feedEventJson(event) : null };
      }),
    };
  },
});
