import { couponTemplateInput, listCouponTemplatesParams } from '../../../contract/merchandisingSchema';
import type { CouponTemplateInputJson } from '../../../contract/merchandising';
import { couponEditProblems, couponTemplateProblems } from '../../domain/merchandising';
import { notFound } from '../../errors';
import { newObjectId } from '../../ids';
import { appendAudit } from '../../store/audit';
import { findCampaign } from '../../store/campaigns';
import { countUsed, findTemplate, insertTemplate, listTemplatesAdmin, updateTemplate, type NewCouponTemplate } from '../../store/coupons';
import { shopHasProducts } from '../../store/products';
import { defineFunction } from '../define';
import { z } from 'zod';
import { couponAdminJson } from './json';
import { ADMIN_PAGE_SIZE, decodeCursor, encodeCursor, fieldsError } from './paging';

const date = (iso: string | null) => (iso === null ? null : new Date(iso));

function templateFields(input: CouponTemplateInputJson): NewCouponTemplate {
  return {
    kind: input.kind,
    title: input.title,
    shopName: input.shopName,
    thresholdFen: input.thresholdFen,
    discountFen: input.discountFen,
    percentOff: input.percentOff,
    capFen: input.capFen,
    stock: input.stockTotal,
    perUserLimit: input.perUserLimit,
    status: input.status,
    claimStartsAt: date(input.claimStartsAt),
    claimEndsAt: date(input.claimEndsAt),
    validFrom: date(input.validFrom),
    validUntil: date(input.validUntil),
    validDays: input.validDays,
  };
}

/**
 * Creates a coupon template (no couponId) or edits one. Rules across fields give a 142 naming
 * each field. Once coupons are claimed their terms stay; the stock total may be raised at any time
 * and never set below what is claimed: the template's row is locked, so claims running at the
 * same time wait, and the stock left follows the new total keeping the claimed count.
 */
export const saveCoupon = defineFunction({
  name: 'saveCoupon',
  access: 'marketer',
  params: z.object({ coupon: couponTemplateInput }).strict(),
  handler: async (ctx, { coupon: input }) => {
    const now = ctx.clock.now();
    const fields = templateFields(input);
    const problems = couponTemplateProblems({
      kind: input.kind,
      shopName: input.shopName,
      thresholdFen: input.thresholdFen,
      discountFen: input.discountFen,
      percentOff: input.percentOff,
      capFen: input.capFen,
      claimStartsAt: fields.claimStartsAt ?? null,
      claimEndsAt: fields.claimEndsAt ?? null,
      validFrom: fields.validFrom ?? null,
      validUntil: fields.validUntil ?? null,
      validDays: input.validDays,
    });
    if (problems.length > 0) throw fieldsError('coupon', problems);
    const { row, used } = await ctx.store.transaction(async (tx) => {
      if (!(await findCampaign(tx, input.campaignId))) throw notFound(`找不到活动 ${input.campaignId}（campaign not found）`);
      if (input.shopName !== null && !(await shopHasProducts(tx, input.shopName)))
        throw fieldsError('coupon', [{ field: 'shopName', message: `商品库里没有"${input.shopName}"的商品，请检查店铺名称` }]);
      if (!input.couponId) {
        const created = await insertTemplate(tx, newObjectId(), input.campaignId, fields, now);
        const after = couponAdminJson(created, 0);
        await appendAudit(tx, {
          campaignId: created.campaign_id,
          ...ctx.actor,
          action: 'coupon.create',
          detail: { before: null, after },
          now,
        });
        return { row: created, used: 0 };
      }
      const before = await findTemplate(tx, input.couponId, true);
      if (!before) throw notFound(`找不到优惠券 ${input.couponId}（coupon not found）`);
      const editProblems = couponEditProblems(
        {
          kind: before.kind,
          shopName: before.shop_name,
          thresholdFen: before.threshold_fen,
          discountFen: before.discount_fen,
          percentOff: before.percent_off,
          capFen: before.cap_fen,
          campaignId: before.campaign_id,
          claimed: before.stock_total - before.stock,
        },
        { ...input, stockTotal: input.stockTotal },
      );
      if (editProblems.length > 0) throw fieldsError('coupon', editProblems);
      const used = await countUsed(tx, before.id);
      const updated = await updateTemplate(tx, before.id, fields, now);
      await appendAudit(tx, {
        campaignId: updated.campaign_id,
        ...ctx.actor,
        action: 'coupon.update',
        detail: { before: couponAdminJson(before, used), after: couponAdminJson(updated, used) },
        now,
      });
      return { row: updated, used };
    });
    return { coupon: couponAdminJson(row, used) };
  },
});

export const listCouponTemplates = defineFunction({
  name: 'listCouponTemplates',
  access: 'marketer',
  params: listCouponTemplatesParams,
  handler: async (ctx, { campaignId, status, cursor, limit = ADMIN_PAGE_SIZE }) => {
    const rows = await listTemplatesAdmin(ctx.store, { campaignId, status, after: decodeCursor(cursor), limit });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      coupons: page.map((r) => couponAdminJson(r, r.used_count)),
      nextCursor: rows.length > limit && last ? encodeCursor(last.created_at, last.id) : null,
    };
  },
});
