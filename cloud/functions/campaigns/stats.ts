import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import type { CampaignStatsJson } from '../../../contract/campaigns';
import { budgetAccountIds } from '../../domain/money/budgetBuckets';
import { notFound } from '../../errors';
import { findCampaignRow } from '../../store/campaignAdmin';
import type { Queryable } from '../../store/store';
import { defineFunction } from '../define';
import { campaignIdParam } from '../../../contract/campaignSchema';

dayjs.extend(utc);
dayjs.extend(timezone);

type Daily = CampaignStatsJson['daily'][number];

/** Counts per local day: `sql` selects (day text, n bigint) for events in the window. */
async function perDay(db: Queryable, sql: string, params: unknown[]): Promise<Map<string, number>> {
  const rows = await db.query<{ day: string; n: number }>(sql, params);
  return new Map(rows.map((r) => [r.day, Number(r.n)]));
}

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
    const window = [row.starts_at, row.ends_at, tz];
    const day = (column: string) => `to_char(${column} at time zone $3, 'YYYY-MM-DD')`;
    const inWindow = (column: string) => `${column} >= $1 and ${column} < $2`;

    const created = await perDay(db, `select ${day('created_at')} as day, count(*) as n from groups where ${inWindow('created_at')} group by 1`, window);
    // A group becomes active when the join that brings it to its minimum lands.
    const activated = await perDay(
      db,
      `select ${day('e.created_at')} as day, count(*) as n from group_events e join groups g on g.id = e.group_id
       where e.type = 'member_joined' and (e.data->>'memberCount')::int = g.min_members and ${inWindow('e.created_at')} group by 1`,
      window,
    );
    const shares = await perDay(db, `select ${day('created_at')} as day, count(*) as n from item_shares where ${inWindow('created_at')} group by 1`, window);
    const purchases = await perDay(
      db,
      `select ${day('o.paid_at')} as day, count(*) as n from order_lines l join orders o on o.id = l.order_id
       where l.share_id is not null and ${inWindow('o.paid_at')} group by 1`,
      window,
    );
    const packets = await perDay(db, `select ${day('created_at')} as day, count(*) as n from red_packets where campaign_id = $4 and status <> 'voided' and ${inWindow('created_at')} group by 1`, [...window, campaignId]);
    const splitFen = await perDay(db, `select to_char(slot at time zone $1, 'YYYY-MM-DD') as day, sum(total_fen) as n from splits where campaign_id = $2 group by 1`, [tz, campaignId]);
    // Spent = what left the budget (the budget account and its share buckets together) for
    // rewards: funding top-ups and withdrawals, and moves between the budget and its buckets, excluded.
    const spent = await perDay(
      db,
      `select to_char(e.created_at at time zone $1, 'YYYY-MM-DD') as day, -sum(e.amount_fen) as n
       from ledger_entries e join ledger_transactions t on t.id = e.transaction_id
       where e.account_id = any($2::text[]) and t.kind not in ('fund', 'defund', 'budget_refill', 'budget_sweep') group by 1`,
      [tz, budgetAccountIds(campaignId)],
    );

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

    const [totals] = await db.query<{
      groups_active: number; members: number; sharers: number; shares_with_response: number; packets_fen: number; splits: number;
    }>(
      `select
         (select count(*) from groups where status = 'active' and ${inWindow('created_at')}) as groups_active,
         (select count(distinct m.user_id) from group_members m join groups g on g.id = m.group_id where ${inWindow('g.created_at')}) as members,
         (select count(distinct user_id) from item_shares where ${inWindow('created_at')}) as sharers,
         (select count(*) from item_shares s where ${inWindow('s.created_at')} and (
            exists (select 1 from wishlist_wants w where w.item_id = s.item_id and w.user_id <> s.user_id and w.created_at >= s.created_at)
            or exists (select 1 from order_lines l where l.share_id = s.id))) as shares_with_response,
         (select coalesce(sum(amount_fen), 0) from red_packets where campaign_id = $3 and status <> 'voided') as packets_fen,
         (select count(*) from splits where campaign_id = $3) as splits`,
      [row.starts_at, row.ends_at, campaignId],
    );
    const sum = (key: keyof Daily) => daily.reduce((a, d) => a + (d[key] as number), 0);
    const sharesTotal = sum('shares');
    const members = Number(totals.members);
    return {
      campaignId,
      totals: {
        groupsCreated: sum('groupsCreated'),
        groupsActive: Number(totals.groups_active),
        members,
        shares: sharesTotal,
        sharesWithResponse: Number(totals.shares_with_response),
        purchasesThroughShares: sum('purchasesThroughShares'),
        redPacketsIssued: sum('redPacketsIssued'),
        redPacketsFen: Number(totals.packets_fen),
        splits: Number(totals.splits),
        splitFen: sum('splitFen'),
        budgetFen,
        budgetSpentFen: cumulativeSpent,
      },
      daily,
      funnel: {
        shareRate: members === 0 ? 0 : Number(totals.sharers) / members,
        responseRate: sharesTotal === 0 ? 0 : Number(totals.shares_with_response) / sharesTotal,
        benchmarkShareRate: 0.41,
        benchmarkResponseRate: 0.68,
      },
    } satisfies CampaignStatsJson;
  },
});
