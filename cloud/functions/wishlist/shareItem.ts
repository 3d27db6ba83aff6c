import { z } from 'zod';
import { ErrorCode } from '../../../contract/errors';
import type { RedPacketJson } from '../../../contract/types';
import { localDay } from '../../domain/localDay';
import { WISHLIST_RULES } from '../../domain/wishlistRules';
import { CloudError, forbidden, notFound } from '../../errors';
import { newObjectId } from '../../ids';
import { shareJson } from './json';
import { defineFunction } from '../define';
import { noCampaignReason, recordShareWithDraw } from '../../workflows/shareReward';
import { fields } from '../validation';
import { wishlistFields } from './params';

/**
 * Records a share of a listed item into its group together with its red-packet draw, so that a
 * share and its draw commit or roll back together. Idempotent by requestId: a retry answers the
 * first share and its packet. Failures in order: 142, 101/119 group, 101 dissolved, 101 item
 * (unknown, removed, or of another group), 4008 daily share limit (counted in the campaign time
 * zone under a lock on the sharer's row, so concurrent shares cannot pass it). A share that drew
 * nothing says why in `noRewardReason`; without a running campaign, whether it is paused or over.
 */
export const shareItem = defineFunction({
  name: 'shareItem',
  access: 'user',
  params: z.object({ groupId: fields.objectId('groupId'), itemId: wishlistFields.itemId, requestId: fields.requestId }).strict(),
  handler: async (ctx, { groupId, itemId, requestId }) => {
    const now = ctx.clock.now();
    const sharer = ctx.user;
    const recorded = await recordShareWithDraw(ctx.store, ctx.random, {
      userId: sharer.id,
      requestId,
      groupId,
      itemId,
      shareId: newObjectId(),
      now,
      day: localDay(now, ctx.config.tzCampaign),
      maxSharesPerDay: WISHLIST_RULES.maxSharesPerUserPerDay,
    });
    switch (recorded.outcome) {
      case 'group_not_found':
        throw notFound('找不到这个小黑群（group not found）');
      case 'not_member':
        throw forbidden('你不是这个小黑群的成员，请通过好友的邀请加入');
      case 'group_dissolved':
        throw notFound('这个小黑群已解散（group dissolved）');
      case 'item_not_found':
        throw notFound('这件宝贝不在这个小黑群的清单里，可能已被移出（item not found in this group）');
      case 'daily_limit':
        throw new CloudError(
          ErrorCode.USER_LIMIT,
          `今天已分享 ${recorded.sharedToday} 次，每天最多分享 ${WISHLIST_RULES.maxSharesPerUserPerDay} 次，明天再来吧`,
        );
    }
    const share = shareJson(recorded.share, sharer.nickname);
    const redPacket: RedPacketJson | null = recorded.packet
      ? { redPacketId: recorded.packet.id, amountFen: recorded.packet.amountFen }
      : null;
    if (recorded.outcome === 'earlier' || recorded.outcome === 'rewarded') return { share, redPacket };
    if (recorded.outcome === 'bucket_short') throw new Error('a share left its bucket short outside a transaction');
    if (recorded.outcome === 'campaign_not_running')
      return { share, redPacket: null, noRewardReason: await noCampaignReason(ctx.store, now) };
    return { share, redPacket: null, noRewardReason: recorded.outcome };
  },
});
