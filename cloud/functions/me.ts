import { createEligibility } from '../domain/eligibility';
import { DEFAULT_GROUP_RULES } from '../domain/groupRules';
import { userJson } from '../store/users';
import { defineFunction } from './define';
import { fields } from './validation';

export const me = defineFunction({
  name: 'me',
  access: 'user',
  params: fields.none,
  handler: async (ctx) => {
    const eligibility = createEligibility(ctx.user, DEFAULT_GROUP_RULES);
    return {
      user: userJson(ctx.user),
      canCreateGroup: eligibility.eligible,
      ...(eligibility.eligible ? {} : { createBlockedReason: eligibility.reason }),
    };
  },
});
