/**
 * Group-buy deals, the buys opened on them and their members. This module is the only writer of
 * deals, group_buys and group_buy_members: seats, leaders, closings and members' refunds all
 * change here.
 */
import { firstRow, oneRow, type Queryable } from './store';

// ---------------------------------------------------------------- deals

/** A deal (one version of it) with the catalog product it sells. */
export interface DealRow {
  id: string;
  campaign_id: string;
  product_id: string;
  group_price_fen: number;
  leader_price_fen: number | null;
  size: number;
  time_limit_hours: number;
  virtual_completion: boolean;
  series_id: string;
  version: number;
  status: 'live' | 'stopped' | 'superseded';
  per_user_limit: number | null;
  openings_total: number | null;
  openings_used: number;
  created_at: Date;
  updated_at: Date;
  title: string;
  shop_name: string;
  price_fen: number;
  image_url: string | null;
}

const DEAL_SELECT = `select d.id, d.campaign_id, d.product_id, d.group_price_fen, d.leader_price_fen, d.size, d.time_limit_hours,
  d.virtual_completion, d.series_id, d.version, d.status, d.per_user_limit, d.openings_total, d.openings_used,
  d.created_at, d.updated_at, p.title, p.shop_name, p.price_fen, p.image_url
  from deals d join products p on p.id = d.product_id`;

/** The deals shoppers see: the campaign's live current versions. */
export async function listDealsOf(db: Queryable, campaignId: string): Promise<DealRow[]> {
  return db.query<DealRow>(`${DEAL_SELECT} where d.campaign_id = $1 and d.status = 'live' order by d.size, d.id`, [campaignId]);
}

export async function listDealsByIds(db: Queryable, dealIds: readonly string[]): Promise<DealRow[]> {
  return db.query<DealRow>(`${DEAL_SELECT} where d.id = any($1::text[])`, [dealIds]);
}

export async function findDeal(db: Queryable, dealId: string): Promise<DealRow | undefined> {
  return firstRow(await db.query<DealRow>(`${DEAL_SELECT} where d.id = $1`, [dealId]));
}

/**
 * Serialises the edits of one deal: its first version's row (which every version names as its
 * series) is locked until the commit. Taken before the current version's lock.
 */
export async function lockDealSeries(db: Queryable, seriesId: string): Promise<boolean> {
  const rows = await db.query('select id from deals where id = $1 and series_id = $1 for update', [seriesId]);
  return rows.length > 0;
}

/** The current (not superseded) version of a deal, its row locked when asked (edits hold it). */
export async function findCurrentDeal(db: Queryable, seriesId: string, lock = false): Promise<DealRow | undefined> {
  const rows = await db.query<DealRow>(
    `${DEAL_SELECT} where d.series_id = $1 and d.status <> 'superseded'${lock ? ' for update of d' : ''}`,
    [seriesId],
  );
  return firstRow(rows);
}

export interface NewDeal {
  productId: string;
  groupPriceFen: number;
  size: number;
  timeLimitHours: number;
  virtualCompletion: boolean;
  leaderPriceFen?: number | null;
  perUserLimit?: number | null;
  openingsTotal?: number | null;
  status?: 'live' | 'stopped';
}

/** Inserts a deal's version: the first (series = id), or the next of a series, carrying its openings used. */
export async function insertDeal(
  db: Queryable,
  id: string,
  campaignId: string,
  d: NewDeal,
  now: Date,
  series?: { seriesId: string; version: number; openingsUsed: number },
): Promise<void> {
  await db.query(
    `insert into deals
       (id, campaign_id, product_id, group_price_fen, size, time_limit_hours, virtual_completion, created_at,
        series_id, version, status, leader_price_fen, per_user_limit, openings_total, openings_used, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $8)`,
    [
      id,
      campaignId,
      d.productId,
      d.groupPriceFen,
      d.size,
      d.timeLimitHours,
      d.virtualCompletion,
      now,
      series?.seriesId ?? id,
      series?.version ?? 1,
      d.status ?? 'live',
      d.leaderPriceFen ?? null,
      d.perUserLimit ?? null,
      d.openingsTotal ?? null,
      series?.openingsUsed ?? 0,
    ],
  );
}

/** The old version of an edited deal: it keeps serving the group buys opened on it, and opens no more. */
export async function supersedeDeal(db: Queryable, id: string, supersededBy: string, now: Date): Promise<void> {
  await db.query(`update deals set status = 'superseded', superseded_by = $2, updated_at = $3 where id = $1`, [id, supersededBy, now]);
}

/** What an edit may change in place: never the terms a payer agreed to. */
export async function updateDealSettings(
  db: Queryable,
  id: string,
  d: { perUserLimit: number | null; openingsTotal: number | null; status: 'live' | 'stopped' },
  now: Date,
): Promise<void> {
  await db.query(`update deals set per_user_limit = $2, openings_total = $3, status = $4, updated_at = $5 where id = $1`, [
    id,
    d.perUserLimit,
    d.openingsTotal,
    d.status,
    now,
  ]);
}

/** Terms of a version no group buy was opened on yet may change in place. */
export async function updateDealTerms(db: Queryable, id: string, d: NewDeal, now: Date): Promise<void> {
  await db.query(
    `update deals set product_id = $2, group_price_fen = $3, leader_price_fen = $4, size = $5, time_limit_hours = $6,
       virtual_completion = $7, updated_at = $8 where id = $1`,
    [id, d.productId, d.groupPriceFen, d.leaderPriceFen ?? null, d.size, d.timeLimitHours, d.virtualCompletion, now],
  );
}

export async function countGroupBuysOfDeal(db: Queryable, dealId: string): Promise<number> {
  const rows = await db.query<{ n: number }>('select count(*)::int as n from group_buys where deal_id = $1', [dealId]);
  return oneRow(rows, 'count of group buys of a deal').n;
}

/**
 * Takes one opening of a live deal version (never more than its total, under any concurrency:
 * the conditional update holds the row's lock). False when the deal is not live (stopped, or
 * superseded by an edit since the shopper looked) or has no openings left.
 */
export async function takeOpening(db: Queryable, dealId: string): Promise<boolean> {
  const rows = await db.query(
    `update deals set openings_used = openings_used + 1
     where id = $1 and status = 'live' and (openings_total is null or openings_used < openings_total) returning id`,
    [dealId],
  );
  return rows.length > 0;
}

/** Seats the user holds (paying or paid) in group buys of any version of this deal. */
export async function countSeatsInSeries(db: Queryable, seriesId: string, userId: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `select count(*)::int as n from group_buy_members m
     join group_buys b on b.id = m.group_buy_id join deals d on d.id = b.deal_id
     where d.series_id = $1 and m.user_id = $2 and m.status in ('pending', 'paid')`,
    [seriesId, userId],
  );
  return oneRow(rows, 'count of seats in a deal').n;
}

export interface DealAdminRow extends DealRow {
  series_created_at: Date;
  open_group_buys: number;
}

/** Marketers' list of current versions, newest deal first; a page after `after` (created_at of the series' first version, id). */
export async function listDealsAdmin(
  db: Queryable,
  filter: { campaignId?: string; status?: string; after?: { createdAt: Date; id: string }; limit: number },
): Promise<DealAdminRow[]> {
  return db.query<DealAdminRow>(
    `select * from (
       ${DEAL_SELECT.replace('select ', 'select f.created_at as series_created_at, ')}
       join deals f on f.id = d.series_id
       where d.status <> 'superseded' and ($1::text is null or d.campaign_id = $1) and ($2::text is null or d.status = $2)
     ) listed
     cross join lateral (
       select count(*)::int as open_group_buys from group_buys b join deals v on v.id = b.deal_id
       where v.series_id = listed.series_id and b.status = 'open'
     ) open_buys
     where ($3::timestamptz is null or (listed.series_created_at, listed.series_id) < ($3, $4::text))
     order by listed.series_created_at desc, listed.series_id desc limit $5`,
    [filter.campaignId ?? null, filter.status ?? null, filter.after?.createdAt ?? null, filter.after?.id ?? null, filter.limit + 1],
  );
}

export async function countOpenGroupBuysOfSeries(db: Queryable, seriesId: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `select count(*)::int as n from group_buys b join deals v on v.id = b.deal_id where v.series_id = $1 and b.status = 'open'`,
    [seriesId],
  );
  return oneRow(rows, 'count of open group buys of a deal').n;
}

/** When a deal was first created (its series' first version), for the admin answer. */
export async function seriesCreatedAt(db: Queryable, seriesId: string): Promise<Date> {
  const rows = await db.query<{ created_at: Date }>('select created_at from deals where id = $1', [seriesId]);
  return oneRow(rows, 'first version of a deal').created_at;
}

// ---------------------------------------------------------------- group buys

export interface GroupBuyRow {
  id: string;
  deal_id: string;
  leader_id: string;
  opened_by: string;
  size: number;
  seats_taken: number;
  status: 'open' | 'succeeded' | 'failed';
  outcome: string | null;
  expires_at: Date;
  created_at: Date;
  /** The group it was opened in, if any. */
  group_id: string | null;
}

export async function findGroupBuy(db: Queryable, id: string, lock = false): Promise<GroupBuyRow | undefined> {
  const rows = await db.query<GroupBuyRow>(`select * from group_buys where id = $1${lock ? ' for update' : ''}`, [id]);
  return firstRow(rows);
}

/** Closed group buys a shopper's list shows besides the open ones. */
export const CLOSED_GROUP_BUYS_LISTED = 20;

/** The group buys the user has (or had) a seat in: open ones, then the newest closed ones. */
export async function listGroupBuysOf(db: Queryable, userId: string): Promise<GroupBuyRow[]> {
  return db.query<GroupBuyRow>(
    `with mine as (select b.* from group_buys b join group_buy_members m on m.group_buy_id = b.id and m.user_id = $1)
     select * from (
       (select * from mine where status = 'open')
       union all
       (select * from mine where status <> 'open' order by created_at desc limit $2)
     ) listed
     order by (status = 'open') desc, created_at desc, id`,
    [userId, CLOSED_GROUP_BUYS_LISTED],
  );
}

export async function findGroupBuyByRequest(db: Queryable, userId: string, requestId: string): Promise<GroupBuyRow | undefined> {
  const rows = await db.query<GroupBuyRow>('select * from group_buys where opened_by = $1 and open_request_id = $2', [userId, requestId]);
  return firstRow(rows);
}

export async function countOpenLed(db: Queryable, userId: string): Promise<number> {
  const rows = await db.query<{ n: number }>(`select count(*)::int as n from group_buys where leader_id = $1 and status = 'open'`, [
    userId,
  ]);
  return oneRow(rows, 'count of open group buys led').n;
}

export async function insertGroupBuy(
  db: Queryable,
  gb: { id: string; dealId: string; leaderId: string; requestId: string; size: number; expiresAt: Date; groupId?: string | null },
  now: Date,
): Promise<void> {
  await db.query(
    `insert into group_buys
       (id, deal_id, leader_id, opened_by, open_request_id, size, seats_taken, status, expires_at, created_at, group_id)
     values ($1, $2, $3, $3, $4, $5, 0, 'open', $6, $7, $8)`,
    [gb.id, gb.dealId, gb.leaderId, gb.requestId, gb.size, gb.expiresAt, now, gb.groupId ?? null],
  );
}

/** Takes a seat, or answers undefined when the buy is full, closed or past its deadline. */
export async function takeSeat(db: Queryable, groupBuyId: string, now: Date): Promise<GroupBuyRow | undefined> {
  const rows = await db.query<GroupBuyRow>(
    `update group_buys set seats_taken = seats_taken + 1
     where id = $1 and status = 'open' and seats_taken < size and expires_at > $2 returning *`,
    [groupBuyId, now],
  );
  return firstRow(rows);
}

/** Gives back the seat of a member who left. */
export async function releaseSeat(db: Queryable, groupBuyId: string): Promise<void> {
  await db.query('update group_buys set seats_taken = seats_taken - 1 where id = $1', [groupBuyId]);
}

export async function setGroupBuyLeader(db: Queryable, groupBuyId: string, leaderId: string): Promise<void> {
  await db.query('update group_buys set leader_id = $2 where id = $1', [groupBuyId, leaderId]);
}

/**
 * Closes an open buy with its ending (succeeded: full or virtual; failed: expired or abandoned).
 * A buy already closed keeps the ending it has; every caller holds the buy's row lock.
 */
export async function closeGroupBuy(
  db: Queryable,
  groupBuyId: string,
  status: 'succeeded' | 'failed',
  outcome: string,
  now: Date,
): Promise<boolean> {
  const rows = await db.query(
    `update group_buys set status = $2, outcome = $3, settled_at = $4 where id = $1 and status = 'open' returning id`,
    [groupBuyId, status, outcome, now],
  );
  return rows.length > 0;
}

/** What the group feed says about a buy opened in a group: the group (null: none), its leader, product and paid seats. */
export async function groupBuyFeedFacts(
  db: Queryable,
  groupBuyId: string,
): Promise<{ group_id: string | null; leader_id: string; title: string; group_price_fen: number; size: number; paid: number } | undefined> {
  return firstRow(
    await db.query(
      `select b.group_id, b.leader_id, p.title, d.group_price_fen, b.size,
              (select count(*)::int from group_buy_members m where m.group_buy_id = b.id and m.status = 'paid') as paid
       from group_buys b join deals d on d.id = b.deal_id join products p on p.id = d.product_id
       where b.id = $1`,
      [groupBuyId],
    ),
  );
}

/** Open buys past their deadline, the earliest first, at most `limit`. */
export async function listDueGroupBuyIds(db: Queryable, now: Date, limit: number): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `select id from group_buys where status = 'open' and expires_at <= $1 order by expires_at, id limit $2`,
    [now, limit],
  );
  return rows.map((r) => r.id);
}

export interface GroupBuyExpiryRow {
  status: string;
  seats_taken: number;
  expires_at: Date;
  virtual_completion: boolean;
  campaign_id: string;
}

/** What the expiry needs of a buy, its row locked until the transaction ends. */
export async function lockGroupBuyForExpiry(db: Queryable, groupBuyId: string): Promise<GroupBuyExpiryRow | undefined> {
  const rows = await db.query<GroupBuyExpiryRow>(
    `select g.status, g.seats_taken, g.expires_at, d.virtual_completion, d.campaign_id
     from group_buys g join deals d on d.id = g.deal_id where g.id = $1 for update of g`,
    [groupBuyId],
  );
  return firstRow(rows);
}

// ---------------------------------------------------------------- members

export interface GroupBuyMemberRow {
  user_id: string;
  nickname: string;
  amount_fen: number;
  /** pending: the seat is held for a payment on its way; released: that payment closed unpaid. */
  status: 'pending' | 'paid' | 'left' | 'refunded' | 'released';
  joined_at: Date;
  payment_id: string | null;
}

export async function listGroupBuyMembers(db: Queryable, groupBuyId: string): Promise<GroupBuyMemberRow[]> {
  return db.query<GroupBuyMemberRow>(
    `select m.user_id, u.nickname, m.amount_fen, m.status, m.joined_at, m.payment_id
     from group_buy_members m join users u on u.id = m.user_id
     where m.group_buy_id = $1 order by m.joined_at, m.user_id`,
    [groupBuyId],
  );
}

/** The members of several buys in one statement, in the order each buy lists them. */
export async function listMembersOfGroupBuys(
  db: Queryable,
  groupBuyIds: readonly string[],
): Promise<Array<GroupBuyMemberRow & { group_buy_id: string }>> {
  return db.query<GroupBuyMemberRow & { group_buy_id: string }>(
    `select m.group_buy_id, m.user_id, u.nickname, m.amount_fen, m.status, m.joined_at, m.payment_id
     from group_buy_members m join users u on u.id = m.user_id
     where m.group_buy_id = any($1::text[]) order by m.joined_at, m.user_id`,
    [groupBuyIds],
  );
}

export async function findGroupBuyMember(db: Queryable, groupBuyId: string, userId: string): Promise<GroupBuyMemberRow | undefined> {
  const rows = await db.query<GroupBuyMemberRow>(
    `select m.user_id, u.nickname, m.amount_fen, m.status, m.joined_at, m.payment_id
     from group_buy_members m join users u on u.id = m.user_id
     where m.group_buy_id = $1 and m.user_id = $2`,
    [groupBuyId, userId],
  );
  return firstRow(rows);
}

/**
 * Seats a member whose payment is on its way (pending). A member whose earlier payment closed
 * unpaid (released) takes a seat again in the same row.
 */
export async function insertGroupBuyMember(
  db: Queryable,
  m: { groupBuyId: string; userId: string; requestId: string; amountFen: number; paymentId: string },
  now: Date,
): Promise<void> {
  await db.query(
    `insert into group_buy_members (group_buy_id, user_id, request_id, amount_fen, status, joined_at, payment_id)
     values ($1, $2, $3, $4, 'pending', $5, $6)
     on conflict (group_buy_id, user_id) do update
       set request_id = excluded.request_id, amount_fen = excluded.amount_fen, status = 'pending',
           joined_at = excluded.joined_at, payment_id = excluded.payment_id, refunded_at = null
       where group_buy_members.status = 'released'`,
    [m.groupBuyId, m.userId, m.requestId, m.amountFen, now, m.paymentId],
  );
}

/**
 * The member's payment arrived: pending → paid, only for that payment. Answers how many members
 * are paid now (the caller holds the buy's lock), or null when she was not waiting for it.
 */
export async function markMemberPaid(db: Queryable, groupBuyId: string, userId: string, paymentId: string): Promise<number | null> {
  const rows = await db.query<{ paid: number }>(
    `with marked as (
       update group_buy_members set status = 'paid'
       where group_buy_id = $1 and user_id = $2 and payment_id = $3 and status = 'pending' returning user_id
     )
     select (select count(*) from group_buy_members where group_buy_id = $1 and status = 'paid')::int + 1 as paid from marked`,
    [groupBuyId, userId, paymentId],
  );
  return firstRow(rows)?.paid ?? null;
}

/** The member's payment closed unpaid: pending → released, only for that payment; false otherwise. */
export async function releaseMember(db: Queryable, groupBuyId: string, userId: string, paymentId: string, now: Date): Promise<boolean> {
  const rows = await db.query(
    `update group_buy_members set status = 'released', refunded_at = $4
     where group_buy_id = $1 and user_id = $2 and payment_id = $3 and status = 'pending' returning user_id`,
    [groupBuyId, userId, paymentId, now],
  );
  return rows.length === 1;
}

/** A closing buy lets go of the seats still waiting for payments; answers those payments. */
export async function releasePendingMembers(db: Queryable, groupBuyId: string, now: Date): Promise<string[]> {
  const rows = await db.query<{ payment_id: string | null }>(
    `update group_buy_members set status = 'released', refunded_at = $2 where group_buy_id = $1 and status = 'pending' returning payment_id`,
    [groupBuyId, now],
  );
  return rows.flatMap((r) => (r.payment_id ? [r.payment_id] : []));
}

export async function countPaidMembers(db: Queryable, groupBuyId: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `select count(*)::int as n from group_buy_members where group_buy_id = $1 and status = 'paid'`,
    [groupBuyId],
  );
  return oneRow(rows, 'count of paid members').n;
}

/** A member gives her seat back; her refund is the ledger's to post. */
export async function markMemberLeft(db: Queryable, groupBuyId: string, userId: string, now: Date): Promise<void> {
  await db.query(`update group_buy_members set status = 'left', refunded_at = $3 where group_buy_id = $1 and user_id = $2`, [
    groupBuyId,
    userId,
    now,
  ]);
}

/** Marks every paid member of a failed buy refunded; answers whom, and how much each paid. */
export async function refundPaidMembers(
  db: Queryable,
  groupBuyId: string,
  now: Date,
): Promise<Array<{ user_id: string; amount_fen: number; payment_id: string | null }>> {
  return db.query<{ user_id: string; amount_fen: number; payment_id: string | null }>(
    `update group_buy_members set status = 'refunded', refunded_at = $2
     where group_buy_id = $1 and status = 'paid' returning user_id, amount_fen, payment_id`,
    [groupBuyId, now],
  );
}
