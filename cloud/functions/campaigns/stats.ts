import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import type { CampaignStatsJson } from '../../../contract/campaigns';
import { budgetAccountIds } from '../../domain/money/budgetBuckets';
import { notFound } from '../../errors';
import {
  budgetSpentFenPerDay,
  campaignTotals,
  groupsActivatedPerDay,
  groupsCreatedPerDay,
  purchasesThroughSharesPerDay,
  redPacketsPerDay,
  sharesPerDay,
  splitFenPerDay,
} from '../../store/campaignStats';
import { findCampaignRow } from '../../store/campaigns';
import { defineFunction } from '../define';
import { campaignIdParam } from '../../../contract/campaignSchema';

dayjs.extend(utc);
dayjs.extend(timezone);

type Daily = CampaignStatsJson['daily'][number];

/**
 * The numbers behind the dashboard, straight from the records (groups, events, shares, orders,
 * red packets, splits, ledger), per campaign day in the campaign's time zone.
 */
export const campaignStats = defineFunction({
  name: 'campaignStats',
  access: 'marketer',
  params: campaignIdParam,
  handler: async (ctx, { campaignId }) => {
    const row = await findCampaignRow(ctx.store, campaignId);
    if (!row) throw notFound(`campaign ${campaignId} not found`);
    const db = ctx.store;
    const tz = row.time_zone;
    const window = { start: row.starts_at, end: row.ends_at, timeZone: tz };
    const created = await groupsCreatedPerDay(db, window);
    const activated = await groupsActivatedPerDay(db, window);
    const shares = await sharesPerDay(db, window);
    const purchases = await purchasesThroughSharesPerDay(db, window);
    const packets = await redPacketsPerDay(db, window, campaignId);
    const splitFen = await splitFenPerDay(db, tz, campaignId);
    // Spent = what left the budget (the budget account and its share buckets together) for rewards.
    const spent = await budgetSpentFenPerDay(db, tz, budgetAccountIds(campaignId));

    const days: string[] = [];
    const first = dayjs(row.starts_at).tz(tz).startOf('day');
    const last = dayjs(row.ends_at).subtract(1, 'millisecond').tz(tz).startOf('day');
    for (let d = first; !d.isAfter(last) && days.length < 400; d = d.add(1, 'day')) days.push(d.format('YYYY-MM-DD'));
    const budgetFen = row.config.budgetFen;
    let cumulativeSpent = 0;
    const daily: Daily[] = days.map((date, i) => {
      cumulativeSpent += spent.get(date) ?? 0;
      return {
        date,
        groupsCreated: created.get(date) ?? 0,
        groupsActive: activated.get(date) ?? 0,
        shares: shares.get(date) ?? 0,
        purchasesThroughShares: purchases.get(date) ?? 0,
        redPacketsIssued: packets.get(date) ?? 0,
        splitFen: splitFen.get(date) ?? 0,
        budgetSpentFen: cumulativeSpent,
        budgetPlanFen: Math.floor((budgetFen * (i + 1)) / days.length),
      };
    });

    const totals = await campaignTotals(db, window, campaignId);
    const sum = (key: keyof Daily) => daily.reduce((a, d) => a + (d[key] as number), 0);
    const sharesTotal = sum('shares');
    const members = totals.members;
    return {
      campaignId,
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
        splitFen: sum('splitFen'),
        budgetFen,
        budgetSpentFen: cumulativeSpent,
      },
      daily,
      funnel: {
        shareRate: members === 0 ? 0 : totals.sharers / members,
        responseRate: sharesTotal === 0 ? 0 : totals.sharesWithResponse / sharesTotal,
        benchmarkShareRate: 0.41,
        benchmarkResponseRate: 0.68,
      },
    } satisfies CampaignStatsJson;
  },
});
