import { z } from 'zod';
import { ErrorCode } from '../../../contract/errors';
import { localDay } from '../../domain/localDay';
import { WISHLIST_RULES } from '../../domain/wishlistRules';
import { CloudError, notFound } from '../../errors';
import { newObjectId } from '../../ids';
import { appendItemEvent } from '../../store/feed';
import { lockUser } from '../../store/groups';
import { countSharesBetween, findItemView, findShareByRequest, insertShare, shareJson } from '../../store/wishlist';
import { defineFunction } from '../define';
import { fields } from '../validation';
import { assertNotDissolved, memberGroup } from '../groups/access';
import { itemEventData } from './itemAccess';
import { wishlistFields } from './params';
import { drawShareRedPacket, findShareRedPacket } from './shareRedPacket';

/**
 * Records a share of a listed item into its group, then runs the red-packet draw in the same
 * transaction. Idempotent by requestId. Failures in order: 142, 101/119 group, 101 dissolved,
 * 101 item (unknown, removed, or of another group), 4008 daily share limit (counted in the campaign time zone under
 * a lock on the sharer's row, so concurrent shares cannot pass it).
 */
export const shareItem = defineFunction({
  name: 'shareItem',
  access: 'user',
  params: z.object({ groupId: fields.objectId('groupId'), itemId: wishlistFields.itemId, requestId: fields.requestId }).strict(),
  handler: async (ctx, { groupId, itemId, requestId }) => {
    const now = ctx.clock.now();
    const sharer = ctx.user;
    return ctx.store.transaction(async (tx) => {
      await lockUser(tx, sharer.id);
      const earlier = await findShareByRequest(tx, sharer.id, requestId);
      if (earlier) return { share: shareJson(earlier, sharer.nickname), redPacket: await findShareRedPacket(tx, earlier.id) };

      const { group } = await memberGroup(tx, groupId, sharer.id);
      assertNotDissolved(group);
      const item = await findItemView(tx, itemId, sharer.id);
      if (!item || item.removed_at || item.group_id !== groupId) {
        throw notFound('这件宝贝不在这个小黑群的清单里，可能已被移出（item not found in this group）');
      }
      const day = localDay(now, ctx.config.tzCampaign);
      const sharedToday = await countSharesBetween(tx, sharer.id, day.start, day.end);
      if (sharedToday >= WISHLIST_RULES.maxSharesPerUserPerDay) {
        throw new CloudError(ErrorCode.USER_LIMIT, `今天已分享 ${sharedToday} 次，每天最多分享 ${WISHLIST_RULES.maxSharesPerUserPerDay} 次，明天再来吧`);
      }

      const share = await insertShare(tx, { id: newObjectId(), group_id: groupId, item_id: itemId, user_id: sharer.id, request_id: requestId, created_at: now });
      await appendItemEvent(tx, {
        groupId,
        type: 'item_shared',
        actorId: sharer.id,
        addedBy: item.added_by,
        data: itemEventData(item, { shareId: share.id }),
        now,
      });
      const draw = await drawShareRedPacket(tx, { share, group, item, sharer, now, random: ctx.random });
      return { share: shareJson(share, sharer.nickname), ...draw };
    });
  },
});
