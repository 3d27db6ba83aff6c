import { z } from 'zod';
import { isRunning } from '../../domain/campaign';
import { checkClaim } from '../../domain/commerce/coupons';
import { claimedValidity, claimWindowRefusal, type ClaimWindowRefusal } from '../../domain/merchandising';
import { ErrorCode } from '../../../contract/errors';
import { CloudError, invalidParams, notFound } from '../../errors';
import { newObjectId } from '../../ids';
import { findCampaign, findCampaignAt } from '../../store/campaigns';
import {
  countHeld,
  findCouponByRequest,
  findTemplate,
  insertUserCoupon,
  listTemplates,
  listUserCoupons,
  takeStock,
} from '../../store/coupons';
import { lockUser } from '../../store/groups';
import { defineFunction } from '../define';
import { fields } from '../validation';
import { commerceErrors } from './errors';
import { templateJson, userCouponJson } from './json';

/** Claims outside a template's window: the coupon centre no longer (or not yet) offers it. */
function claimWindowError(refusal: ClaimWindowRefusal): CloudError {
  switch (refusal.kind) {
    case 'not_live':
      return new CloudError(ErrorCode.CAMPAIGN_NOT_RUNNING, '这张券已经停止发放了，看看其他优惠券吧');
    case 'not_started':
      return new CloudError(ErrorCode.CAMPAIGN_NOT_RUNNING, `这张券还没开始领取（${formatShanghai(refusal.startsAt)} 开抢），到时再来吧`);
    case 'ended':
      return new CloudError(ErrorCode.CAMPAIGN_NOT_RUNNING, '这张券的领取时间已经结束了，看看其他优惠券吧');
  }
}

/** A time as shoppers read it: Beijing time, to the minute. */
function formatShanghai(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3_600_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}

export const listCoupons = defineFunction({
  name: 'listCoupons',
  access: 'user',
  params: fields.none,
  handler: async (ctx) => {
    const campaign = await findCampaignAt(ctx.store, ctx.clock.now());
    if (!campaign) return { campaignId: null, coupons: [] };
    const templates = await listTemplates(ctx.store, campaign.id, ctx.user.id, ctx.clock.now());
    return { campaignId: campaign.id, coupons: templates.map((t) => templateJson(t.row, t.held)) };
  },
});

/**
 * Claims one coupon. The claimant's row is locked first, so her claims queue (the requestId and
 * the per-user limit are judged without a race); stock is then taken by a conditional update, so
 * concurrent claimants of the last coupon get exactly one winner.
 */
export const claimCoupon = defineFunction({
  name: 'claimCoupon',
  access: 'user',
  params: z.object({ templateId: fields.objectId('templateId'), requestId: fields.requestId }).strict(),
  handler: async (ctx, { templateId, requestId }) => {
    const now = ctx.clock.now();
    const userId = ctx.user.id;
    const coupon = await ctx.store.transaction(async (tx) => {
      await lockUser(tx, userId);
      const earlier = await findCouponByRequest(tx, userId, requestId);
      if (earlier) {
        if (earlier.template_id !== templateId) throw invalidParams('requestId: 这个 requestId 已用于领取另一张券，请换一个新的 requestId');
        return userCouponJson(earlier);
      }
      const template = await findTemplate(tx, templateId);
      // A draft is not on offer: to shoppers it does not exist yet.
      if (!template || template.status === 'draft') throw notFound('找不到这张优惠券（coupon not found）');
      const windowRefusal = claimWindowRefusal(
        { status: template.status, claimStartsAt: template.claim_starts_at, claimEndsAt: template.claim_ends_at },
        now,
      );
      if (windowRefusal) throw claimWindowError(windowRefusal);
      const campaign = await findCampaign(tx, template.campaign_id);
      const refusal = checkClaim({
        campaignRunning: Boolean(campaign && isRunning(campaign, now)),
        heldCount: await countHeld(tx, templateId, userId),
        perUserLimit: template.per_user_limit,
        stockLeft: template.stock,
      });
      if (refusal?.kind === 'campaign_not_running') throw commerceErrors.campaignNotRunning();
      if (refusal?.kind === 'limit') throw commerceErrors.couponLimit(refusal.limit);
      // The stock read above may be stale under concurrency: the conditional update decides.
      if (refusal?.kind === 'out_of_stock' || !(await takeStock(tx, templateId))) throw commerceErrors.couponOutOfStock();
      const validity = claimedValidity(
        { validFrom: template.valid_from, validUntil: template.valid_until, validDays: template.valid_days },
        now,
      );
      return userCouponJson(await insertUserCoupon(tx, { id: newObjectId(), templateId, userId, requestId, ...validity }, now));
    });
    return { coupon };
  },
});

export const myCoupons = defineFunction({
  name: 'myCoupons',
  access: 'user',
  params: z.object({ status: z.enum(['available', 'used'], { message: "status must be 'available' or 'used'" }).optional() }).strict(),
  handler: async (ctx, { status }) => ({ coupons: (await listUserCoupons(ctx.store, ctx.user.id, status)).map(userCouponJson) }),
});
