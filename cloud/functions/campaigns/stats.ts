import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import type { CampaignStatsJson } from '../../../contract/campaigns';
import { budgetAccountIds } from '../../domain/money/budgetBuckets';
import { notFound } from '../../errors';
import {
  budgetSpentFenPerDay,
  campaignTotals,
  couponStats,
  dealStats,
  groupsActivatedPerDay,
  groupsCreatedPerDay,
  purchasesThroughSharesPerDay,
  redPacketsPerDay,
  sharesPerDay,
  splitFenPerDay,
  topSharedProducts,
  topSharingGroups,
} from '../../store/campaignStats';
import { closesAt } from '../../domain/campaign';
import { findCampaignRow } from '../../store/campaigns';
import { defineFunction } from '../define';
import { VIEWER_ALLOWED } from './access';
import { campaignIdParam } from '../../../contract/campaignSchema';

dayjs.extend(utc);
dayjs.extend(timezone);

type Daily = CampaignStatsJson['daily'][number];

export const TOP_LIST_SIZE = 10;
/** A window is at most 120 days (campaignRules); this bounds the series whatever the rows say. */
const MAX_DAYS = 400;

/** The local dates (YYYY-MM-DD) of the days of [start, end) in `tz`. */
function daysOf(start: Date, end: Date, tz: string): string[] {
  const days: string[] = [];
  const first = dayjs(start).tz(tz).startOf('day');
  const last = dayjs(end).subtract(1, 'millisecond').tz(tz).startOf('day');
  for (let d = first; !d.isAfter(last) && days.length < MAX_DAYS; d = d.add(1, 'day')) days.push(d.format('YYYY-MM-DD'));
  return days;
}

/**
 * The numbers behind the dashboard, straight from the records (groups, events, shares, orders,
 * red packets, splits, ledger), per campaign day in the campaign's time zone — up to today (or
 * the day it closed): days still to come carry only the plan (`planned`). Beside them, per coupon
 * and per deal numbers and the top groups and shared products. Every read is one statement over
 * indexed columns (campaign, template, deal) or the window.
 */
export const campaignStats = defineFunction({
  name: 'campaignStats',
  access: VIEWER_ALLOWED,
  params: campaignIdParam,
  handler: async (ctx, { campaignId }) => {
    const row = await findCampaignRow(ctx.store, campaignId);
    if (!row) throw notFound(`活动不存在（campaign ${campaignId} not found）`);
    const db = ctx.store;
    const now = ctx.clock.now();
    const tz = row.time_zone;
    const closes = closesAt(row.ends_at, row.ended_at);
    const window = { start: row.starts_at, end: closes, timeZone: tz };
    const created = await groupsCreatedPerDay(db, window);
    const activated = await groupsActivatedPerDay(db, window);
    const shares = await sharesPerDay(db, window);
    const purchases = await purchasesThroughSharesPerDay(db, window);
    const packets = await redPacketsPerDay(db, window, campaignId);
    const splitFen = await splitFenPerDay(db, tz, campaignId);
    // Spent = what left the budget (the budget account and its share buckets together) for rewards.
    const spent = await budgetSpentFenPerDay(db, tz, budgetAccountIds(campaignId));

    // The plan spreads the budget over the planned window; actual numbers stop at today or the close.
    const days = daysOf(row.starts_at, row.ends_at, tz);
    const today = dayjs(now).tz(tz).format('YYYY-MM-DD');
    const closingDay = dayjs(closes).subtract(1, 'millisecond').tz(tz).format('YYYY-MM-DD');
    const lastActual = today < closingDay ? today : closingDay;
    const budgetFen = row.config.budgetFen;
    const planFen = (i: number) => Math.floor((budgetFen * (i + 1)) / days.length);
    let cumulativeSpent = 0;
    const daily: Daily[] = [];
    days.forEach((date, i) => {
      if (date > lastActual) return;
      cumulativeSpent += spent.get(date) ?? 0;
      daily.push({
        date,
        groupsCreated: created.get(date) ?? 0,
        groupsActive: activated.get(date) ?? 0,
        shares: shares.get(date) ?? 0,
        purchasesThroughShares: purchases.get(date) ?? 0,
        redPacketsIssued: packets.get(date) ?? 0,
        splitFen: splitFen.get(date) ?? 0,
        budgetSpentFen: cumulativeSpent,
        budgetPlanFen: planFen(i),
      });
    });
    const planned =
      row.status === 'ended' ? [] : days.flatMap((date, i) => (date > lastActual ? [{ date, budgetPlanFen: planFen(i) }] : []));
    // Splits after the last day shown (the final and settlement splits) still count in the totals.
    const splitFenTotal = [...splitFen.values()].reduce((a, b) => a + b, 0);
    const spentTotal = [...spent.values()].reduce((a, b) => a + b, 0);

    const totals = await campaignTotals(db, window, campaignId);
    const sum = (key: keyof Daily) => daily.reduce((a, d) => a + (d[key] as number), 0);
    const sharesTotal = sum('shares');
    const members = totals.members;
    const coupons = await couponStats(db, campaignId);
    const deals = await dealStats(db, campaignId);
    const groups = await topSharingGroups(db, window, TOP_LIST_SIZE);
    const products = await topSharedProducts(db, window, TOP_LIST_SIZE);
    return {
      campaignId,
      asOf: now.toISOString(),
      today,
      totals: {
        groupsCreated: sum('groupsCreated'),
        groupsActive: totals.groupsActive,
        members,
        shares: sharesTotal,
        sharesWithResponse: totals.sharesWithResponse,
        purchasesThroughShares: sum('purchasesThroughShares'),
        redPacketsIssued: sum('redPacketsIssued'),
        redPacketsFen: totals.packetsFen,
        splits: totals.splits,
        splitFen: splitFenTotal,
        budgetFen,
        budgetSpentFen: spentTotal,
      },
      daily,
      planned,
      coupons: coupons.map((c) => ({
        templateId: c.id,
        title: c.title,
        kind: c.kind,
        stockTotal: c.stock_total,
        stockLeft: c.stock,
        claimed: c.claimed,
        used: c.used,
      })),
      deals: deals.map((d) => ({
        dealId: d.id,
        productId: d.product_id,
        title: d.title ?? d.product_id,
        groupPriceFen: d.group_price_fen,
        size: d.size,
        opened: d.opened,
        open: d.open,
        succeeded: d.succeeded,
        failed: d.failed,
        gmvFen: d.gmv_fen,
      })),
      topGroups: groups.map((g) => ({
        groupId: g.group_id,
        name: g.name,
        memberCount: g.member_count,
        shares: g.shares,
        purchasesThroughShares: g.purchases,
      })),
      topSharedProducts: products.map((p) => ({
        productId: p.product_id,
        title: p.title,
        shopName: p.shop_name,
        shares: p.shares,
        purchasesThroughShares: p.purchases,
      })),
      funnel: {
        shareRate: members === 0 ? 0 : totals.sharers / members,
        responseRate: sharesTotal === 0 ? 0 : totals.sharesWithResponse / sharesTotal,
        benchmarkShareRate: 0.41,
        benchmarkResponseRate: 0.68,
      },
    } satisfies CampaignStatsJson;
  },
});
