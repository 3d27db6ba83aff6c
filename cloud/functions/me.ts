import { createEligibility } from '../domain/eligibility';
import { groupRulesAt } from './groups/rules';
import { userJson } from './userJson';
import { defineFunction } from './define';
import { fields } from './validation';

export const me = defineFunction({
  name: 'me',
  access: 'user',
  params: fields.none,
  handler: async (ctx) => {
    const eligibility = createEligibility(ctx.user, await groupRulesAt(ctx.store, ctx.clock.now()));
    return {
      user: userJson(ctx.user),
      canCreateGroup: eligibility.eligible,
      ...(eligibility.eligible ? {} : { createBlockedReason: eligibility.reason }),
    };
  },
});
