import { isRunning } from '../../domain/campaign';
import { localDay } from '../../domain/localDay';
import { drawShareReward } from '../../domain/money/rewards';
import { accountIds, transfer } from '../../domain/money/posting';
import { newObjectId } from '../../ids';
import { findCampaignAt } from '../../store/campaigns';
import { lockUser } from '../../store/groups';
import { ensureAccounts, post, tryWithFunds } from '../../store/ledger';
import type { Queryable } from '../../store/store';

export type NoShareRewardReason = 'campaign_not_running' | 'group_not_active' | 'already_drawn' | 'daily_cap' | 'no_luck' | 'budget_exhausted';

export interface ShareRewardOutcome {
  redPacket: { redPacketId: string; amountFen: number } | null;
  noRewardReason?: NoShareRewardReason;
}

/**
 * The share draw (分享得红包), run inside the share's own transaction right after the share is
 * recorded. One draw per user and item whatever its outcome (re-sharing does not re-roll), a
 * daily cap on rewarded draws per user (campaign day, in the campaign's time zone), only while
 * a campaign runs and only in active groups. The packet goes into the group's pool, paid from
 * the campaign budget; an exhausted budget leaves the share standing without a packet.
 */
export async function drawShareRedPacket(
  tx: Queryable,
  random: () => number,
  share: { shareId: string; itemId: string; groupId: string; userId: string },
  now: Date,
): Promise<ShareRewardOutcome> {
  const campaign = await findCampaignAt(tx, now);
  if (!campaign || !isRunning(campaign, now)) return { redPacket: null, noRewardReason: 'campaign_not_running' };
  const [group] = await tx.query<{ status: string }>('select status from groups where id = $1', [share.groupId]);
  if (group?.status !== 'active') return { redPacket: null, noRewardReason: 'group_not_active' };

  // The user's row lock makes the daily count and the draw one step for concurrent shares.
  await lockUser(tx, share.userId);
  const day = localDay(now, campaign.timeZone);
  const [{ n }] = await tx.query<{ n: number }>(
    `select count(*) as n from share_draws where user_id = $1 and amount_fen is not null and created_at >= $2 and created_at < $3`,
    [share.userId, day.start, day.end],
  );
  if (n >= campaign.config.shareReward.dailyCapPerUser) return { redPacket: null, noRewardReason: 'daily_cap' };
  const claimed = await tx.query(
    `insert into share_draws (user_id, item_id, share_id, campaign_id, created_at) values ($1, $2, $3, $4, $5)
     on conflict (user_id, item_id) do nothing returning user_id`,
    [share.userId, share.itemId, share.shareId, campaign.id, now],
  );
  if (claimed.length === 0) return { redPacket: null, noRewardReason: 'already_drawn' };

  const amountFen = drawShareReward(campaign.config.shareReward, random);
  if (amountFen === null) return { redPacket: null, noRewardReason: 'no_luck' };

  const redPacketId = newObjectId();
  const paid = await tryWithFunds(tx, async () => {
    const pool = accountIds.pool(share.groupId);
    await ensureAccounts(tx, [pool]);
    await post(tx, transfer(`share:${share.shareId}`, 'share_reward', accountIds.budget(campaign.id), pool, amountFen), now);
    await tx.query(
      `insert into red_packets (id, kind, campaign_id, group_id, user_id, amount_fen, status, share_id, item_id, created_at, settled_at)
       values ($1, 'share', $2, $3, $4, $5, 'posted', $6, $7, $8, $8)`,
      [redPacketId, campaign.id, share.groupId, share.userId, amountFen, share.shareId, share.itemId, now],
    );
    await tx.query('update share_draws set amount_fen = $3 where user_id = $1 and item_id = $2', [share.userId, share.itemId, amountFen]);
    return true;
  });
  if (!paid) return { redPacket: null, noRewardReason: 'budget_exhausted' };
  return { redPacket: { redPacketId, amountFen } };
}
