import { z } from 'zod';
import { ErrorCode } from '../../../contract/errors';
import { localDay } from '../../domain/localDay';
import { WISHLIST_RULES } from '../../domain/wishlistRules';
import { CloudError, forbidden, notFound } from '../../errors';
import { newObjectId } from '../../ids';
import { lockUser } from '../../store/groups';
import { findShareFacts, insertShare, shareJson } from '../../store/wishlist';
import { defineFunction } from '../define';
import { fields } from '../validation';
import { wishlistFields } from './params';
import { drawShareRedPacket, findShareRedPacket } from './shareRedPacket';

/**
 * Records a share of a listed item into its group, then runs the red-packet draw in the same
 * transaction. Idempotent by requestId. Failures in order: 142, 101/119 group, 101 dissolved,
 * 101 item (unknown, removed, or of another group), 4008 daily share limit (counted in the campaign time zone under
 * a lock on the sharer's row, so concurrent shares cannot pass it).
 *
 * Sharing is the hottest write of a campaign, so everything it reads comes in one statement
 * after the lock, and the share, its count and its feed event are written in one more.
 */
export const shareItem = defineFunction({
  name: 'shareItem',
  access: 'user',
  params: z.object({ groupId: fields.objectId('groupId'), itemId: wishlistFields.itemId, requestId: fields.requestId }).strict(),
  handler: async (ctx, { groupId, itemId, requestId }) => {
    const now = ctx.clock.now();
    const sharer = ctx.user;
    const day = localDay(now, ctx.config.tzCampaign);
    return ctx.store.transaction(async (tx) => {
      await lockUser(tx, sharer.id);
      const facts = await findShareFacts(tx, { userId: sharer.id, requestId, groupId, itemId, dayStart: day.start, dayEnd: day.end });
      if (facts.earlier) return { share: shareJson(facts.earlier, sharer.nickname), redPacket: await findShareRedPacket(tx, facts.earlier.id) };

      // The same replies, in the same order, as memberGroup, assertNotDissolved and memberItem.
      const { group, item } = facts;
      if (!group) throw notFound('找不到这个小黑群（group not found）');
      if (!facts.member) throw forbidden('你不是这个小黑群的成员，请通过好友的邀请加入');
      if (group.status === 'dissolved') throw notFound('这个小黑群已解散（group dissolved）');
      if (!item || item.removed_at || item.group_id !== groupId) {
        throw notFound('这件宝贝不在这个小黑群的清单里，可能已被移出（item not found in this group）');
      }
      if (facts.sharedToday >= WISHLIST_RULES.maxSharesPerUserPerDay) {
        throw new CloudError(ErrorCode.USER_LIMIT, `今天已分享 ${facts.sharedToday} 次，每天最多分享 ${WISHLIST_RULES.maxSharesPerUserPerDay} 次，明天再来吧`);
      }

      const shareId = newObjectId();
      const share = await insertShare(
        tx,
        { id: shareId, group_id: groupId, item_id: itemId, user_id: sharer.id, request_id: requestId, created_at: now },
        { addedBy: item.added_by, data: { ...item.event, shareId } },
      );
      const draw = await drawShareRedPacket(tx, { share, group, item, sharer, now, random: ctx.random, scope: ctx.store });
      return { share: shareJson(share, sharer.nickname), ...draw };
    });
  },
});
