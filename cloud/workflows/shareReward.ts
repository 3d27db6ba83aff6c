import type { Campaign } from '../domain/campaign';
import { campaignPhase, isRunning } from '../domain/campaign';
import { localDay } from '../domain/localDay';
import { bucketOf, budgetAccountIds, refillFen } from '../domain/money/budgetBuckets';
import { drawShareReward } from '../domain/money/rewards';
import { accountIds, transfer } from '../domain/money/posting';
import { newObjectId } from '../ids';
import { findCampaignAt, findCampaignForSlot } from '../store/campaigns';
import { budgetSnapshot, ensureAccounts, lockAccounts, lockBucketCovering, post, transferIfFunded, tryWithFunds } from '../store/ledger';
import { insertSharePacket } from '../store/redPackets';
import {
  BUCKET_SHORT_SQLSTATE,
  CAMPAIGN_CHANGED_SQLSTATE,
  recordShare,
  setDrawAmount,
  type RecordedShare,
  type SharePayment,
  type ShareRequest,
} from '../store/shareItem';
import { RETRYABLE_SQLSTATES, sqlState, type Queryable, type Store } from '../store/store';

/** How long a host reuses the running campaign it read, before reading it again. */
export const CAMPAIGN_CACHE_MS = 1000;

const campaignCache = new WeakMap<object, { at: number; campaign: Campaign & { version: number } }>();

/**
 * The campaign running at `now`, read at most once a second per store: every share asks. Only a
 * running campaign is kept, and each use is checked against the campaign row inside the share's
 * own statement (still published, same version, window open), so a pause, an end or a new version
 * takes effect at once; `fresh` skips the cache after such a check failed.
 */
async function runningCampaign(store: Store, now: Date, fresh: boolean): Promise<(Campaign & { version: number }) | undefined> {
  const hit = campaignCache.get(store);
  if (!fresh && hit && Date.now() - hit.at < CAMPAIGN_CACHE_MS && isRunning(hit.campaign, now)) return hit.campaign;
  campaignCache.delete(store);
  const campaign = await findCampaignAt(store, now);
  if (!campaign || !isRunning(campaign, now)) return undefined;
  campaignCache.set(store, { at: Date.now(), campaign });
  return campaign;
}

/**
 * The share draw (分享得红包) as the host decides it before the share is recorded: the running
 * campaign, the amount (drawn now; it is paid only if the share earns a draw), and which budget
 * bucket pays it into the group's pool, keyed once by the share. Null when no campaign runs.
 */
async function planSharePayment(store: Store, random: () => number, request: ShareRequest, fresh: boolean): Promise<SharePayment | null> {
  const campaign = await runningCampaign(store, request.now, fresh);
  if (!campaign) return null;
  return {
    campaignId: campaign.id,
    campaignVersion: campaign.version,
    drawDay: localDay(request.now, campaign.timeZone),
    dailyCap: campaign.config.shareReward.dailyCapPerUser,
    amountFen: drawShareReward(campaign.config.shareReward, random),
    bucketAccountId: accountIds.budgetBucket(campaign.id, bucketOf(request.shareId)),
    budgetAccountIds: budgetAccountIds(campaign.id),
    poolAccountId: accountIds.pool(request.groupId),
    effectKey: `share:${request.shareId}`,
    postingKind: 'share_reward',
    packetId: newObjectId(),
  };
}

/**
 * Records a share with its red-packet draw: one per user and item whatever its outcome
 * (re-sharing does not re-roll), a daily cap on rewarded draws per user (campaign day), only
 * while a campaign runs and only in active groups; the packet goes into the group's pool, paid
 * from the campaign budget, and an exhausted budget leaves the share standing without a packet.
 *
 * The usual path is one statement in its own transaction. It runs again inside a transaction
 * when the share's bucket cannot pay although the budget can (the refill needs more than one
 * statement) or when it met a deadlock; with the campaign read afresh (once) when it changed.
 */
export async function recordShareWithDraw(store: Store, random: () => number, request: ShareRequest): Promise<RecordedShare> {
  let payment = await planSharePayment(store, random, request, false);
  let refreshed = false;
  let inTransaction = false;
  for (;;) {
    try {
      if (!inTransaction) return await recordShare(store, request, payment, { raiseWhenShort: true });
      return await store.transaction((tx) => recordAndRefill(tx, request, payment));
    } catch (error) {
      const state = sqlState(error);
      if (state === CAMPAIGN_CHANGED_SQLSTATE) {
        // Read it again, once; if it changes again under us, this share draws nothing.
        payment = refreshed ? null : await planSharePayment(store, random, request, true);
        refreshed = true;
      } else if (!inTransaction && (state === BUCKET_SHORT_SQLSTATE || RETRYABLE_SQLSTATES.has(state ?? ''))) {
        inTransaction = true;
      } else {
        throw error;
      }
    }
  }
}

/** Why a share drew nothing because no campaign was running, as the shareItem answer says it. */
export type NoCampaignReason = 'paused' | 'ended' | 'no_campaign' | 'campaign_changed';

/**
 * Why no campaign was running for a share recorded with 'campaign_not_running': the campaign
 * was paused, is over, or there is none (or none started yet). Read after the share, outside its
 * statement; a campaign running again by then means it changed twice while the share was recorded
 * (recordShareWithDraw gives up after one fresh read): 'campaign_changed'.
 */
export async function noCampaignReason(store: Store, now: Date): Promise<NoCampaignReason> {
  const phase = campaignPhase(await findCampaignForSlot(store, now), now);
  if (phase === 'running') return 'campaign_changed';
  return phase === 'none' ? 'no_campaign' : phase;
}

/**
 * The share again, inside a transaction that can refill its bucket. It takes the budget account
 * first: the share's statement may leave its bucket locked (a concurrent update makes PostgreSQL
 * lock the row before finding it short), and a refill or a sweep locks the budget before its
 * buckets, so taking the budget only then could deadlock with a sweep.
 */
async function recordAndRefill(tx: Queryable, request: ShareRequest, payment: SharePayment | null): Promise<RecordedShare> {
  if (payment) await lockAccounts(tx, [accountIds.budget(payment.campaignId)]);
  const recorded = await recordShare(tx, request, payment, { raiseWhenShort: false });
  if (recorded.outcome !== 'bucket_short' || !payment || payment.amountFen === null) return recorded;
  const paid = await payFromRestOfBudget(tx, payment, request.shareId, payment.amountFen, request.now);
  if (!paid) return { ...recorded, outcome: 'budget_exhausted' };
  await insertSharePacket(
    tx,
    {
      id: payment.packetId,
      campaignId: payment.campaignId,
      groupId: request.groupId,
      userId: request.userId,
      amountFen: payment.amountFen,
      shareId: request.shareId,
      itemId: request.itemId,
    },
    request.now,
  );
  await setDrawAmount(tx, request.userId, request.itemId, payment.amountFen);
  return { ...recorded, outcome: 'rewarded', packet: { id: payment.packetId, amountFen: payment.amountFen } };
}

/**
 * Pays a share packet when its own bucket could not: the bucket is refilled from the budget
 * account while that holds money; after that the packet comes from any other bucket that covers
 * it; only when none does alone is the budget asked directly, which sweeps the buckets back into
 * it first, so a packet is refused only when the whole budget falls short. Answers false then.
 */
async function payFromRestOfBudget(tx: Queryable, payment: SharePayment, shareId: string, amountFen: number, now: Date): Promise<boolean> {
  const reward = (from: string) => transfer(payment.effectKey, payment.postingKind, from, payment.poolAccountId, amountFen);
  const budget = accountIds.budget(payment.campaignId);
  const bucket = payment.bucketAccountId;

  const left = await budgetSnapshot(tx, payment.campaignId);
  if (left.totalFen < amountFen) return false;

  const moveFen = refillFen(left.budgetFen, amountFen);
  if (moveFen >= amountFen && (await transferIfFunded(tx, transfer(`refill:${shareId}`, 'budget_refill', budget, bucket, moveFen), now))) {
    if (await transferIfFunded(tx, reward(bucket), now)) return true;
  }
  const other = await lockBucketCovering(tx, payment.campaignId, amountFen);
  if (other && (await transferIfFunded(tx, reward(other), now))) return true;

  await ensureAccounts(tx, [payment.poolAccountId]);
  return (await tryWithFunds(tx, () => post(tx, reward(budget), now))) === 'posted';
}
