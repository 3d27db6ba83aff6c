import { oneRow, type Queryable } from './store';

/**
 * The reads behind a campaign's dashboard (campaignStats), straight from the records: groups,
 * events, shares, orders, red packets, splits and the ledger. Each count per day is keyed by the
 * local date (YYYY-MM-DD) in the campaign's time zone; only days with events appear.
 */

/** A window of the campaign's days: [start, end), counted in `timeZone`. */
export interface StatsWindow {
  start: Date;
  end: Date;
  timeZone: string;
}

type PerDay = Map<string, number>;
type DayCount = { day: string; n: number | string };

function perDay(rows: DayCount[]): PerDay {
  // Sums of bigint columns arrive as numeric text.
  return new Map(rows.map((r) => [r.day, Number(r.n)]));
}

export async function groupsCreatedPerDay(db: Queryable, w: StatsWindow): Promise<PerDay> {
  return perDay(
    await db.query<DayCount>(
      `select to_char(created_at at time zone $3, 'YYYY-MM-DD') as day, count(*) as n
       from groups where created_at >= $1 and created_at < $2 group by 1`,
      [w.start, w.end, w.timeZone],
    ),
  );
}

/** A group becomes active when the join that brings it to its minimum lands. */
export async function groupsActivatedPerDay(db: Queryable, w: StatsWindow): Promise<PerDay> {
  return perDay(
    await db.query<DayCount>(
      `select to_char(e.created_at at time zone $3, 'YYYY-MM-DD') as day, count(*) as n
       from group_events e join groups g on g.id = e.group_id
       where e.type = 'member_joined' and (e.data->>'memberCount')::int = g.min_members
         and e.created_at >= $1 and e.created_at < $2 group by 1`,
      [w.start, w.end, w.timeZone],
    ),
  );
}

export async function sharesPerDay(db: Queryable, w: StatsWindow): Promise<PerDay> {
  return perDay(
    await db.query<DayCount>(
      `select to_char(created_at at time zone $3, 'YYYY-MM-DD') as day, count(*) as n
       from item_shares where created_at >= $1 and created_at < $2 group by 1`,
      [w.start, w.end, w.timeZone],
    ),
  );
}

/** Order lines bought through a share, by the day their order was paid. */
export async function purchasesThroughSharesPerDay(db: Queryable, w: StatsWindow): Promise<PerDay> {
  return perDay(
    await db.query<DayCount>(
      `select to_char(o.paid_at at time zone $3, 'YYYY-MM-DD') as day, count(*) as n
       from order_lines l join orders o on o.id = l.order_id
       where l.share_id is not null and o.paid_at >= $1 and o.paid_at < $2 group by 1`,
      [w.start, w.end, w.timeZone],
    ),
  );
}

/** The campaign's red packets issued (voided ones excluded). */
export async function redPacketsPerDay(db: Queryable, w: StatsWindow, campaignId: string): Promise<PerDay> {
  return perDay(
    await db.query<DayCount>(
      `select to_char(created_at at time zone $3, 'YYYY-MM-DD') as day, count(*) as n
       from red_packets where campaign_id = $4 and status <> 'voided' and created_at >= $1 and created_at < $2 group by 1`,
      [w.start, w.end, w.timeZone, campaignId],
    ),
  );
}

/** Fen split per day, by the local day of the split's slot, whenever it fell. */
export async function splitFenPerDay(db: Queryable, timeZone: string, campaignId: string): Promise<PerDay> {
  return perDay(
    await db.query<DayCount>(
      `select to_char(slot at time zone $1, 'YYYY-MM-DD') as day, sum(total_fen) as n
       from splits where campaign_id = $2 group by 1`,
      [timeZone, campaignId],
    ),
  );
}

/**
 * What left the budget accounts (the budget and its share buckets together) for rewards, per
 * day: funding top-ups and withdrawals, and moves between the budget and its buckets, excluded.
 */
export async function budgetSpentFenPerDay(db: Queryable, timeZone: string, budgetAccountIds: string[]): Promise<PerDay> {
  return perDay(
    await db.query<DayCount>(
      `select to_char(e.created_at at time zone $1, 'YYYY-MM-DD') as day, -sum(e.amount_fen) as n
       from ledger_entries e join ledger_transactions t on t.id = e.transaction_id
       where e.account_id = any($2::text[]) and t.kind not in ('fund', 'defund', 'budget_refill', 'budget_sweep') group by 1`,
      [timeZone, budgetAccountIds],
    ),
  );
}

export interface CampaignTotals {
  groupsActive: number;
  /** Distinct members of the groups created in the window. */
  members: number;
  /** Distinct users who shared in the window. */
  sharers: number;
  /** Shares in the window that someone else wanted after, or that an order line went through. */
  sharesWithResponse: number;
  packetsFen: number;
  splits: number;
}

/** The totals that are not sums of the days (distinct people, responses, amounts). */
export async function campaignTotals(db: Queryable, w: Pick<StatsWindow, 'start' | 'end'>, campaignId: string): Promise<CampaignTotals> {
  const rows = await db.query<
    Record<'groups_active' | 'members' | 'sharers' | 'shares_with_response' | 'packets_fen' | 'splits', number | string>
  >(
    `select
       (select count(*) from groups where status = 'active' and created_at >= $1 and created_at < $2) as groups_active,
       (select count(distinct m.user_id) from group_members m join groups g on g.id = m.group_id
         where g.created_at >= $1 and g.created_at < $2) as members,
       (select count(distinct user_id) from item_shares where created_at >= $1 and created_at < $2) as sharers,
       (select count(*) from item_shares s where s.created_at >= $1 and s.created_at < $2 and (
          exists (select 1 from wishlist_wants w where w.item_id = s.item_id and w.user_id <> s.user_id and w.created_at >= s.created_at)
          or exists (select 1 from order_lines l where l.share_id = s.id))) as shares_with_response,
       (select coalesce(sum(amount_fen), 0) from red_packets where campaign_id = $3 and status <> 'voided') as packets_fen,
       (select count(*) from splits where campaign_id = $3) as splits`,
    [w.start, w.end, campaignId],
  );
  const totals = oneRow(rows, `stats totals of campaign ${campaignId}`);
  return {
    groupsActive: Number(totals.groups_active),
    members: Number(totals.members),
    sharers: Number(totals.sharers),
    sharesWithResponse: Number(totals.shares_with_response),
    packetsFen: Number(totals.packets_fen),
    splits: Number(totals.splits),
  };
}

/** What the pools hold now (all groups' pools: a final split splits every one) and the campaign's pending purchase packets. */
export async function closingNumbers(
  db: Queryable,
  campaignId: string,
): Promise<{ poolFen: number; groupsWithMoney: number; pendingFen: number }> {
  const rows = await db.query<Record<'pool_fen' | 'groups_with_money' | 'pending_fen', number | string>>(
    `select
       (select coalesce(sum(balance_fen), 0) from accounts where kind = 'pool' and balance_fen > 0) as pool_fen,
       (select count(*) from accounts where kind = 'pool' and balance_fen > 0) as groups_with_money,
       (select coalesce(sum(amount_fen), 0) from red_packets where campaign_id = $1 and status = 'pending') as pending_fen`,
    [campaignId],
  );
  const row = oneRow(rows, `closing numbers of campaign ${campaignId}`);
  return { poolFen: Number(row.pool_fen), groupsWithMoney: Number(row.groups_with_money), pendingFen: Number(row.pending_fen) };
}

type Count = number | string;

/** Each coupon of the campaign with its claims and uses (index user_coupons (template_id, status)). */
export async function couponStats(db: Queryable, campaignId: string) {
  const rows = await db.query<{
    id: string;
    title: string;
    kind: 'cross_store' | 'shop' | 'percent';
    stock_total: number;
    stock: number;
    claimed: Count;
    used: Count;
  }>(
    `select t.id, t.title, t.kind, t.stock_total, t.stock,
       (select count(*) from user_coupons u where u.template_id = t.id) as claimed,
       (select count(*) from user_coupons u where u.template_id = t.id and u.status = 'used') as used
     from coupon_templates t where t.campaign_id = $1 order by t.id`,
    [campaignId],
  );
  return rows.map((r) => ({ ...r, claimed: Number(r.claimed), used: Number(r.used) }));
}

/**
 * Each deal of the campaign (its current version; `id` is the deal's series, the id that stays
 * across versions) with the group buys of all its versions by state, and its GMV: what the seats
 * of its succeeded buys paid. Indexed: deals (series_id, version), group_buys (deal_id, status).
 */
export async function dealStats(db: Queryable, campaignId: string) {
  const rows = await db.query<{
    id: string;
    product_id: string;
    title: string | null;
    group_price_fen: number;
    size: number;
    opened: Count;
    open: Count;
    succeeded: Count;
    failed: Count;
    gmv_fen: Count;
  }>(
    `select d.series_id as id, d.product_id, p.title, d.group_price_fen, d.size,
       b.opened, b.open, b.succeeded, b.failed, g.gmv_fen
     from deals d
     left join products p on p.id = d.product_id
     cross join lateral (
       select count(*) as opened,
         count(*) filter (where gb.status = 'open') as open,
         count(*) filter (where gb.status = 'succeeded') as succeeded,
         count(*) filter (where gb.status = 'failed') as failed
       from deals v join group_buys gb on gb.deal_id = v.id where v.series_id = d.series_id) b
     cross join lateral (
       select coalesce(sum(m.amount_fen), 0) as gmv_fen
       from deals v join group_buys gb on gb.deal_id = v.id and gb.status = 'succeeded'
       join group_buy_members m on m.group_buy_id = gb.id and m.status = 'paid'
       where v.series_id = d.series_id) g
     where d.campaign_id = $1 and d.status <> 'superseded' order by d.series_id`,
    [campaignId],
  );
  return rows.map((r) => ({
    ...r,
    opened: Number(r.opened),
    open: Number(r.open),
    succeeded: Number(r.succeeded),
    failed: Number(r.failed),
    gmv_fen: Number(r.gmv_fen),
  }));
}

/** The groups that shared most in the window, then by purchases through their shares. */
export async function topSharingGroups(db: Queryable, w: Pick<StatsWindow, 'start' | 'end'>, limit: number) {
  const rows = await db.query<{ group_id: string; name: string; member_count: number; shares: Count; purchases: Count }>(
    `with top as (
       select s.group_id, count(*) as shares,
         (select count(*) from order_lines l join item_shares s2 on s2.id = l.share_id
           where s2.group_id = s.group_id and s2.created_at >= $1 and s2.created_at < $2) as purchases
       from item_shares s where s.created_at >= $1 and s.created_at < $2
       group by s.group_id order by shares desc, s.group_id limit $3)
     select t.group_id, g.name, g.member_count, t.shares, t.purchases
     from top t join groups g on g.id = t.group_id order by t.shares desc, t.purchases desc, t.group_id`,
    [w.start, w.end, limit],
  );
  return rows.map((r) => ({ ...r, shares: Number(r.shares), purchases: Number(r.purchases) }));
}

/** The catalog products shared most in the window, with the order lines bought through those shares. */
export async function topSharedProducts(db: Queryable, w: Pick<StatsWindow, 'start' | 'end'>, limit: number) {
  const rows = await db.query<{ product_id: string; title: string; shop_name: string; shares: Count; purchases: Count }>(
    `with shared as (
       select w.product_id, s.id as share_id from item_shares s join wishlist_items w on w.id = s.item_id
       where s.created_at >= $1 and s.created_at < $2 and w.product_id is not null),
     top as (
       select product_id, count(*) as shares from shared group by product_id order by shares desc, product_id limit $3)
     select t.product_id, p.title, p.shop_name, t.shares,
       (select count(*) from order_lines l join shared x on x.share_id = l.share_id where x.product_id = t.product_id) as purchases
     from top t join products p on p.id = t.product_id order by t.shares desc, t.product_id`,
    [w.start, w.end, limit],
  );
  return rows.map((r) => ({ ...r, shares: Number(r.shares), purchases: Number(r.purchases) }));
}
