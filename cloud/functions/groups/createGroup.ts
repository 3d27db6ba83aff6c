import { z } from 'zod';
import { ErrorCode } from '../../../contract/errors';
import { createEligibility } from '../../domain/eligibility';
import { checkGroupName } from '../../domain/groups';
import { DEFAULT_GROUP_RULES } from '../../domain/groupRules';
import { CloudError } from '../../errors';
import { newObjectId } from '../../ids';
import { appendEvent } from '../../store/feed';
import { countGroupsCreated, countMemberships, findGroupByRequest, insertGroup, lockUser } from '../../store/groups';
import { defineFunction } from '../define';
import { groupJson } from './json';
import { groupRulesAt } from './rules';
import { fields } from '../validation';

const params = z
  .object({
    name: z.string({ required_error: 'name is required', invalid_type_error: 'name must be a string' }).max(200, '群名称最多 20 个字'),
    requestId: fields.requestId,
  })
  .strict()
  .superRefine((value, ctx) => {
    const check = checkGroupName(value.name, DEFAULT_GROUP_RULES);
    if (!check.ok) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['name'], message: check.reason });
  })
  .transform((value) => ({ ...value, name: value.name.trim() }));

/**
 * Creates a group owned by the caller. Idempotent by requestId; checks eligibility, then the
 * per-user limit under a lock on the caller's row.
 */
export const createGroup = defineFunction({
  name: 'createGroup',
  access: 'user',
  params,
  handler: async (ctx, { name, requestId }) => {
    const user = ctx.user;
    const now = ctx.clock.now();
    const rules = await groupRulesAt(ctx.store, now);
    const group = await ctx.store.transaction(async (tx) => {
      await lockUser(tx, user.id);
      const earlier = await findGroupByRequest(tx, user.id, requestId);
      if (earlier) return earlier;
      const eligibility = createEligibility(user, rules);
      if (!eligibility.eligible) throw new CloudError(ErrorCode.NOT_ELIGIBLE, eligibility.reason);
      const created = await countGroupsCreated(tx, user.id);
      if (created >= rules.maxGroupsCreatedPerUser) {
        throw new CloudError(
          ErrorCode.USER_LIMIT,
          `每人最多创建 ${rules.maxGroupsCreatedPerUser} 个小黑群，你已创建 ${created} 个；解散一个旧群后才能再创建`,
        );
      }
      const memberships = await countMemberships(tx, user.id);
      if (memberships >= rules.maxGroupsJoinedPerUser) {
        throw new CloudError(ErrorCode.USER_LIMIT, `每人最多加入 ${rules.maxGroupsJoinedPerUser} 个小黑群，请先退出一个再创建`);
      }
      const row = await insertGroup(tx, {
        id: newObjectId(),
        name,
        ownerId: user.id,
        requestId,
        minMembers: rules.minMembers,
        maxMembers: rules.maxMembers,
        now,
      });
      await appendEvent(tx, { groupId: row.id, type: 'group_created', actorId: user.id, data: { name }, now });
      return row;
    });
    return { group: groupJson(group) };
  },
});
