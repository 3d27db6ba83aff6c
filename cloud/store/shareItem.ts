import { firstRow, oneRow, type Queryable } from './store';
import type { ShareRow } from './wishlist';

/*
 * Shares and their draws. The single writer of item_shares and share_draws: the share_item
 * database function records both in one statement (with the share's packet and its posting).
 */

/** What sharing an item asks of the database (see migrations/008_share_item.sql). */
export interface ShareRequest {
  userId: string;
  requestId: string;
  groupId: string;
  itemId: string;
  /** The new share's id, used only when the share is recorded. */
  shareId: string;
  now: Date;
  /** The sharer's day (campaign time zone) and how many shares it allows. */
  day: { start: Date; end: Date };
  maxSharesPerDay: number;
}

/** The red-packet draw as the host decided it, applied only if the share earns a draw. */
export interface SharePayment {
  campaignId: string;
  campaignVersion: number;
  /** The campaign day, for the daily cap on rewarded draws. */
  drawDay: { start: Date; end: Date };
  dailyCap: number;
  /** The amount drawn; null when the draw came up empty. */
  amountFen: number | null;
  bucketAccountId: string;
  /** The budget and all its buckets: what "the budget cannot cover it" is measured against. */
  budgetAccountIds: string[];
  poolAccountId: string;
  effectKey: string;
  postingKind: string;
  packetId: string;
}

/** The outcomes that refuse the share itself (nothing written). */
const SHARE_REFUSALS = ['group_not_found', 'not_member', 'group_dissolved', 'item_not_found', 'daily_limit'] as const;
export type ShareRefusal = (typeof SHARE_REFUSALS)[number];
export type DrawOutcome =
  | 'rewarded'
  | 'campaign_not_running'
  | 'group_not_active'
  | 'daily_cap'
  | 'already_drawn'
  | 'no_luck'
  | 'budget_exhausted'
  | 'bucket_short';

export type RecordedShare =
  | { outcome: ShareRefusal; sharedToday: number | null }
  | { outcome: 'earlier' | DrawOutcome; share: ShareRow; packet: { id: string; amountFen: number } | null };

/** Raised by share_item when called with `raiseWhenShort` and the share's bucket is short. */
export const BUCKET_SHORT_SQLSTATE = 'BSH01';
/** Raised by share_item when the campaign passed in is no longer the one running. */
export const CAMPAIGN_CHANGED_SQLSTATE = 'BSH02';

/**
 * Records a share and applies its draw in one statement. Without a payment (no campaign running)
 * the share is recorded with the outcome 'campaign_not_running'.
 */
export async function recordShare(
  db: Queryable,
  request: ShareRequest,
  payment: SharePayment | null,
  options: { raiseWhenShort: boolean },
): Promise<RecordedShare> {
  const rows = await db.query<{
    outcome: string;
    share_id: string | null;
    share_group_id: string;
    share_item_id: string;
    share_created_at: Date;
    shared_today: number | null;
    packet_id: string | null;
    packet_amount_fen: number | null;
  }>(
    `select * from share_item(
       p_user => $1, p_request => $2, p_group => $3, p_item => $4, p_share => $5, p_now => $6,
       p_day_start => $7, p_day_end => $8, p_max_shares => $9,
       p_campaign => $10, p_campaign_version => $11, p_draw_day_start => $12, p_draw_day_end => $13, p_daily_cap => $14,
       p_amount => $15, p_bucket => $16, p_budget_accounts => $17, p_pool => $18, p_effect_key => $19,
       p_posting_kind => $20,
       p_packet => $21, p_raise_when_short => $22)`,
    [
      request.userId,
      request.requestId,
      request.groupId,
      request.itemId,
      request.shareId,
      request.now,
      request.day.start,
      request.day.end,
      request.maxSharesPerDay,
      payment?.campaignId ?? null,
      payment?.campaignVersion ?? null,
      payment?.drawDay.start ?? null,
      payment?.drawDay.end ?? null,
      payment?.dailyCap ?? null,
      payment?.amountFen ?? null,
      payment?.bucketAccountId ?? null,
      payment?.budgetAccountIds ?? null,
      payment?.poolAccountId ?? null,
      payment?.effectKey ?? null,
      payment?.postingKind ?? null,
      payment?.packetId ?? null,
      options.raiseWhenShort,
    ],
  );
  const row = oneRow(rows, 'share_item outcome');
  if ((SHARE_REFUSALS as readonly string[]).includes(row.outcome))
    return { outcome: row.outcome as ShareRefusal, sharedToday: row.shared_today };
  return {
    outcome: row.outcome as 'earlier' | DrawOutcome,
    share: {
      id: row.share_id!,
      group_id: row.share_group_id,
      item_id: row.share_item_id,
      user_id: request.userId,
      request_id: request.requestId,
      created_at: row.share_created_at,
    },
    packet: row.packet_id ? { id: row.packet_id, amountFen: row.packet_amount_fen! } : null,
  };
}

/** The amount of a draw paid outside share_item (after a refill of the share's bucket). */
export async function setDrawAmount(tx: Queryable, userId: string, itemId: string, amountFen: number): Promise<void> {
  await tx.query('update share_draws set amount_fen = $3 where user_id = $1 and item_id = $2', [userId, itemId, amountFen]);
}

export interface ShareForPurchase {
  user_id: string;
  group_id: string;
  item_id: string;
  list: 'group' | 'double11';
  /** The catalog title of the shared item, when it has a product. */
  title: string | null;
  /** The group's status. */
  status: string;
  buyer_member: boolean;
  product_id: string | null;
  ref_kind: string;
  item_ref: string;
}

/**
 * A share a purchase names, with what a purchase packet's rules ask of it: the sharer, the
 * group and its status, the shared item, and whether the buyer is in the group. Undefined when
 * there is no such share.
 */
export async function findShareForPurchase(db: Queryable, shareId: string, buyerId: string): Promise<ShareForPurchase | undefined> {
  const rows = await db.query<ShareForPurchase>(
    `select s.user_id, s.group_id, s.item_id, w.list, p.title, g.status, w.product_id, w.ref_kind, w.item_ref,
            exists (select 1 from group_members m where m.group_id = s.group_id and m.user_id = $2) as buyer_member
     from item_shares s join groups g on g.id = s.group_id join wishlist_items w on w.id = s.item_id
     left join products p on p.id = w.product_id
     where s.id = $1`,
    [shareId, buyerId],
  );
  return firstRow(rows);
}

/**
 * The share that led a buyer to each item: the latest share of it into this group by someone
 * else. Items nobody else shared are absent.
 */
export async function latestGroupmateShares(
  db: Queryable,
  groupId: string,
  buyerId: string,
  itemIds: readonly string[],
): Promise<Map<string, string>> {
  const rows = await db.query<{ item_id: string; id: string }>(
    `select distinct on (item_id) item_id, id from item_shares
     where group_id = $1 and user_id <> $2 and item_id = any($3::text[])
     order by item_id, created_at desc, id desc`,
    [groupId, buyerId, itemIds],
  );
  return new Map(rows.map((r) => [r.item_id, r.id]));
}
