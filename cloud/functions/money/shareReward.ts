import type { Campaign } from '../../domain/campaign';
import { isRunning } from '../../domain/campaign';
import { localDay } from '../../domain/localDay';
import { bucketOf, refillFen } from '../../domain/money/budgetBuckets';
import { drawShareReward } from '../../domain/money/rewards';
import { accountIds, transfer } from '../../domain/money/posting';
import { newObjectId } from '../../ids';
import { findCampaignAt } from '../../store/campaigns';
import { budgetSnapshot, ensureAccounts, lockBucketCovering, post, transferIfFunded, tryWithFunds } from '../../store/ledger';
import type { Queryable } from '../../store/store';

export type NoShareRewardReason = 'campaign_not_running' | 'group_not_active' | 'already_drawn' | 'daily_cap' | 'no_luck' | 'budget_exhausted';

export interface ShareRewardOutcome {
  redPacket: { redPacketId: string; amountFen: number } | null;
  noRewardReason?: NoShareRewardReason;
}

/** How long a host reuses the running campaign it read, before reading it again. */
export const CAMPAIGN_CACHE_MS = 1000;

const campaignCache = new WeakMap<object, { at: number; campaign: Campaign & { version: number } }>();

/**
 * The campaign running at `now`, read at most once a second per host (`scope`, the store): every
 * share asks. Only a running campaign is kept, and each use is checked against the campaign row
 * inside the draw's own statement (still published, same version, window open), so a pause, an
 * end or a new version takes effect at once; `fresh` skips the cache after such a check failed.
 */
async function runningCampaign(tx: Queryable, scope: object, now: Date, fresh: boolean): Promise<(Campaign & { version: number }) | undefined> {
  const hit = campaignCache.get(scope);
  if (!fresh && hit && Date.now() - hit.at < CAMPAIGN_CACHE_MS && isRunning(hit.campaign, now)) return hit.campaign;
  campaignCache.delete(scope);
  const campaign = await findCampaignAt(tx, now);
  if (!campaign || !isRunning(campaign, now)) return undefined;
  campaignCache.set(scope, { at: Date.now(), campaign });
  return campaign;
}

/**
 * The share draw (分享得红包), run inside the share's own transaction right after the share is
 * recorded, with the sharer's row already locked by that transaction (that lock makes the daily
 * count and the claim one step for concurrent shares of one user). One draw per user and item
 * whatever its outcome (re-sharing does not re-roll), a daily cap on rewarded draws per user
 * (campaign day, in the campaign's time zone), only while a campaign runs and only in active
 * groups. The packet goes into the group's pool, paid from the campaign budget; an exhausted
 * budget leaves the share standing without a packet.
 */
export async function drawShareRedPacket(
  tx: Queryable,
  scope: object,
  random: () => number,
  share: { shareId: string; itemId: string; groupId: string; groupStatus: string; userId: string },
  now: Date,
): Promise<ShareRewardOutcome> {
  let campaign = await runningCampaign(tx, scope, now, false);
  if (!campaign) return { redPacket: null, noRewardReason: 'campaign_not_running' };
  if (share.groupStatus !== 'active') return { redPacket: null, noRewardReason: 'group_not_active' };

  let claim = await claimDraw(tx, campaign, share, now);
  if (!claim.running) {
    // The campaign changed since it was cached: read it again, once.
    campaign = await runningCampaign(tx, scope, now, true);
    if (!campaign) return { redPacket: null, noRewardReason: 'campaign_not_running' };
    claim = await claimDraw(tx, campaign, share, now);
    if (!claim.running) return { redPacket: null, noRewardReason: 'campaign_not_running' };
  }
  if (claim.rewardedToday >= campaign.config.shareReward.dailyCapPerUser) return { redPacket: null, noRewardReason: 'daily_cap' };
  if (!claim.claimed) return { redPacket: null, noRewardReason: 'already_drawn' };

  const amountFen = drawShareReward(campaign.config.shareReward, random);
  if (amountFen === null) return { redPacket: null, noRewardReason: 'no_luck' };

  if (!(await payFromBudget(tx, campaign.id, share, amountFen, now))) return { redPacket: null, noRewardReason: 'budget_exhausted' };
  const redPacketId = newObjectId();
  await tx.query(
    `with packet as (
       insert into red_packets (id, kind, campaign_id, group_id, user_id, amount_fen, status, share_id, item_id, created_at, settled_at)
       values ($1, 'share', $2, $3, $4, $5, 'posted', $6, $7, $8, $8)
     )
     update share_draws set amount_fen = $5 where user_id = $4 and item_id = $7`,
    [redPacketId, campaign.id, share.groupId, share.userId, amountFen, share.shareId, share.itemId, now],
  );
  return { redPacket: { redPacketId, amountFen } };
}

/**
 * In one statement: checks that the campaign is still the one running, counts the user's
 * rewarded draws today and, under the cap, claims the draw for this user and item.
 */
async function claimDraw(
  tx: Queryable,
  campaign: Campaign & { version: number },
  share: { shareId: string; itemId: string; userId: string },
  now: Date,
): Promise<{ running: boolean; rewardedToday: number; claimed: boolean }> {
  const day = localDay(now, campaign.timeZone);
  const [row] = await tx.query<{ running: boolean; n: number; claimed: boolean }>(
    `with running as (
       select 1 from campaigns where id = $4 and status = 'published' and version = $9 and starts_at <= $5 and ends_at > $5
     ), today as (
       select count(*) as n from share_draws where user_id = $1 and amount_fen is not null and created_at >= $6 and created_at < $7
     ), claim as (
       insert into share_draws (user_id, item_id, share_id, campaign_id, created_at)
       select $1, $2, $3, $4, $5 from running, today where today.n < $8
       on conflict (user_id, item_id) do nothing returning 1
     )
     select exists (select 1 from running) as running, (select n from today) as n, exists (select 1 from claim) as claimed`,
    [share.userId, share.itemId, share.shareId, campaign.id, now, day.start, day.end, campaign.config.shareReward.dailyCapPerUser, campaign.version],
  );
  return { running: row.running, rewardedToday: row.n, claimed: row.claimed };
}

/**
 * Pays a share packet from the campaign budget into the group's pool, keyed once by the share;
 * answers false when the budget (with all its buckets) cannot cover it. The usual path is one
 * statement against the share's bucket. A bucket that falls short is refilled from the budget
 * account while that holds money; after that the packet comes from any other bucket that covers
 * it; only when none does alone is the budget asked directly, which sweeps the buckets back into
 * it first, so a packet is refused only when the whole budget falls short.
 */
async function payFromBudget(
  tx: Queryable,
  campaignId: string,
  share: { shareId: string; groupId: string },
  amountFen: number,
  now: Date,
): Promise<boolean> {
  const reward = (from: string) => transfer(`share:${share.shareId}`, 'share_reward', from, accountIds.pool(share.groupId), amountFen);
  const budget = accountIds.budget(campaignId);
  const bucket = accountIds.budgetBucket(campaignId, bucketOf(share.shareId));
  if (await transferIfFunded(tx, reward(bucket), now)) return true;

  // A snapshot that cannot cover the packet is an honest "exhausted" as of that moment, and saves
  // taking locks on every share once the money is gone.
  const left = await budgetSnapshot(tx, campaignId);
  if (left.totalFen < amountFen) return false;

  const moveFen = refillFen(left.budgetFen, amountFen);
  if (moveFen >= amountFen && (await transferIfFunded(tx, transfer(`refill:${share.shareId}`, 'budget_refill', budget, bucket, moveFen), now))) {
    if (await transferIfFunded(tx, reward(bucket), now)) return true;
  }
  const other = await lockBucketCovering(tx, campaignId, amountFen);
  if (other && (await transferIfFunded(tx, reward(other), now))) return true;

  await ensureAccounts(tx, [accountIds.pool(share.groupId)]);
  return (await tryWithFunds(tx, () => post(tx, reward(budget), now))) === 'posted';
}
