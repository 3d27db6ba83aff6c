import { z } from 'zod';
import type { DealInputJson } from '../../../contract/merchandising';
import { dealInput, listGroupBuyDealsParams } from '../../../contract/merchandisingSchema';
import { dealEditProblems, dealProblems, dealTermsChanged, type DealTerms } from '../../domain/merchandising';
import { notFound } from '../../errors';
import { newObjectId } from '../../ids';
import { appendAudit } from '../../store/audit';
import { findCampaign } from '../../store/campaigns';
import {
  countGroupBuysOfDeal,
  countOpenGroupBuysOfSeries,
  findCurrentDeal,
  insertDeal,
  listDealsAdmin,
  lockDealSeries,
  seriesCreatedAt,
  supersedeDeal,
  updateDealSettings,
  updateDealTerms,
  type DealRow,
  type NewDeal,
} from '../../store/groupBuys';
import { findProduct } from '../../store/products';
import type { Queryable } from '../../store/store';
import { defineFunction } from '../define';
import { dealAdminJson } from './json';
import { ADMIN_PAGE_SIZE, decodeCursor, encodeCursor, fieldsError } from './paging';

function termsOf(row: DealRow): DealTerms {
  return {
    productId: row.product_id,
    groupPriceFen: row.group_price_fen,
    leaderPriceFen: row.leader_price_fen,
    size: row.size,
    timeLimitHours: row.time_limit_hours,
    virtualCompletion: row.virtual_completion,
  };
}

function newDeal(input: DealInputJson): NewDeal {
  return {
    productId: input.productId,
    groupPriceFen: input.groupPriceFen,
    leaderPriceFen: input.leaderPriceFen,
    size: input.size,
    timeLimitHours: input.timeLimitHours,
    virtualCompletion: input.virtualCompletion,
    perUserLimit: input.perUserLimit,
    openingsTotal: input.openingsTotal,
    status: input.status,
  };
}

async function adminJsonOf(db: Queryable, seriesId: string) {
  const row = await findCurrentDeal(db, seriesId);
  if (!row) throw new Error(`deal ${seriesId} has no current version`);
  return dealAdminJson(row, {
    openGroupBuys: await countOpenGroupBuysOfSeries(db, seriesId),
    seriesCreatedAt: await seriesCreatedAt(db, seriesId),
  });
}

/**
 * Creates a deal (no dealId) or edits one. A deal's terms — product, prices, size, time limit,
 * virtual completion — never change under a group buy opened on them: when the current version
 * has group buys, an edit of terms inserts the next version and marks the old one superseded
 * (its open group buys keep it, so every payer pays and gets what she saw); a shopper who looked
 * at the old version and opens after the edit is told to refresh. Without group buys the version
 * changes in place. The per-user limit, openings and status change in place. The current
 * version's row is locked for the edit, so openings taken meanwhile are counted in.
 */
export const saveDeal = defineFunction({
  name: 'saveDeal',
  access: 'marketer',
  params: z.object({ deal: dealInput }).strict(),
  handler: async (ctx, { deal: input }) => {
    const now = ctx.clock.now();
    const seriesId = await ctx.store.transaction(async (tx) => {
      if (!(await findCampaign(tx, input.campaignId))) throw notFound(`找不到活动 ${input.campaignId}（campaign not found）`);
      const product = await findProduct(tx, input.productId);
      if (!product) throw fieldsError('deal', [{ field: 'productId', message: `商品库里没有商品 ${input.productId}，请先添加商品` }]);
      const wanted = newDeal(input);
      const problems = dealProblems({ ...wanted, leaderPriceFen: input.leaderPriceFen }, product.price_fen);
      if (problems.length > 0) throw fieldsError('deal', problems);
      if (!input.dealId) {
        const id = newObjectId();
        await insertDeal(tx, id, input.campaignId, wanted, now);
        await appendAudit(tx, {
          campaignId: input.campaignId,
          ...ctx.actor,
          action: 'deal.create',
          detail: { before: null, after: await adminJsonOf(tx, id) },
          now,
        });
        return id;
      }
      // Edits of one deal queue on its series row; then the current version's row is locked, so
      // openings taken on it meanwhile are all counted before it is copied or changed.
      if (!(await lockDealSeries(tx, input.dealId))) throw notFound(`找不到拼团 ${input.dealId}（deal not found）`);
      const current = await findCurrentDeal(tx, input.dealId, true);
      if (!current) throw new Error(`deal ${input.dealId} has no current version`);
      const editProblems = dealEditProblems(
        { campaignId: current.campaign_id, openingsUsed: current.openings_used },
        { campaignId: input.campaignId, openingsTotal: input.openingsTotal },
      );
      if (editProblems.length > 0) throw fieldsError('deal', editProblems);
      const before = await adminJsonOf(tx, current.series_id);
      const settings = { perUserLimit: input.perUserLimit, openingsTotal: input.openingsTotal, status: input.status };
      if (!dealTermsChanged(termsOf(current), { ...wanted, leaderPriceFen: input.leaderPriceFen })) {
        await updateDealSettings(tx, current.id, settings, now);
      } else if ((await countGroupBuysOfDeal(tx, current.id)) === 0) {
        await updateDealTerms(tx, current.id, wanted, now);
        await updateDealSettings(tx, current.id, settings, now);
      } else {
        const nextId = newObjectId();
        // The old version leaves the current-version index before the next one enters it (the
        // reference to the next version is checked at the commit).
        await supersedeDeal(tx, current.id, nextId, now);
        await insertDeal(tx, nextId, current.campaign_id, wanted, now, {
          seriesId: current.series_id,
          version: current.version + 1,
          openingsUsed: current.openings_used,
        });
      }
      const after = await adminJsonOf(tx, current.series_id);
      await appendAudit(tx, { campaignId: current.campaign_id, ...ctx.actor, action: 'deal.update', detail: { before, after }, now });
      return current.series_id;
    });
    return { deal: await adminJsonOf(ctx.store, seriesId) };
  },
});

export const listGroupBuyDeals = defineFunction({
  name: 'listGroupBuyDeals',
  access: 'marketer',
  params: listGroupBuyDealsParams,
  handler: async (ctx, { campaignId, status, cursor, limit = ADMIN_PAGE_SIZE }) => {
    const rows = await listDealsAdmin(ctx.store, { campaignId, status, after: decodeCursor(cursor), limit });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      deals: page.map((r) => dealAdminJson(r, { openGroupBuys: r.open_group_buys, seriesCreatedAt: r.series_created_at })),
      nextCursor: rows.length > limit && last ? encodeCursor(last.series_created_at, last.series_id) : null,
    };
  },
});
