import type { Queryable } from './store';
import type { ShareRow } from './wishlist';

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
  const [row] = await db.query<{
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
       p_amount => $15, p_bucket => $16, p_budget_accounts => $17, p_pool => $18, p_effect_key => $19, p_posting_kind => $20,
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
  if ((SHARE_REFUSALS as readonly string[]).includes(row.outcome)) return { outcome: row.outcome as ShareRefusal, sharedToday: row.shared_today };
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
