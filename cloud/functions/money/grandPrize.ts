import crypto from 'node:crypto';
import { z } from 'zod';
import { ErrorCode } from '../../../contract/errors';
import { drawWinners, seedCommitment, type Eligible } from '../../domain/money/grandPrize';
import { accountIds, transfer } from '../../domain/money/posting';
import { CloudError, notFound } from '../../errors';
import { findCampaign } from '../../store/campaigns';
import { balanceOf, ensureAccounts, post } from '../../store/ledger';
import type { Queryable } from '../../store/store';
import { defineFunction } from '../define';
import { fields } from '../validation';

const campaignParam = z.object({ campaignId: fields.objectId('campaignId') }).strict();

interface DrawRow {
  seed_hash: string;
  seed: string | null;
  committed_at: Date;
  drawn_at: Date | null;
  eligible: Eligible[] | null;
  winners: Array<Eligible & { prizeFen: number; paidFen: number }> | null;
}

function drawJson(campaignId: string, row: DrawRow) {
  return {
    campaignId,
    seedHash: row.seed_hash,
    committedAt: row.committed_at.toISOString(),
    seed: row.seed,
    drawnAt: row.drawn_at?.toISOString() ?? null,
    eligible: row.eligible,
    winners: row.winners,
  };
}

/**
 * Members who put items on their Double 11 list and bought, during the campaign, items their
 * groupmates shared; each with their net order amount in the campaign (after refunds).
 */
async function eligibleMembers(db: Queryable, campaign: { startsAt: Date; endsAt: Date }): Promise<Eligible[]> {
  return db.query<Eligible>(
    `select o.user_id as "userId", sum(o.total_fen - o.refunded_fen)::bigint as "netFen"
     from orders o
     where o.paid_at >= $1 and o.paid_at < $2
       and exists (select 1 from wishlist_items w where w.added_by = o.user_id and w.list = 'double11')
       and exists (
         select 1 from orders o2
         join order_lines l on l.order_id = o2.id
         join item_shares s on s.id = l.share_id
         join group_members m on m.group_id = s.group_id and m.user_id = o2.user_id
         where o2.user_id = o.user_id and s.user_id <> o2.user_id and l.refunded_qty < l.qty
           and o2.paid_at >= $1 and o2.paid_at < $2)
     group by o.user_id
     having sum(o.total_fen - o.refunded_fen) > 0
     order by o.user_id`,
    [campaign.startsAt, campaign.endsAt],
  );
}

/** Step 1 (operator): commit to a secret seed by publishing its hash. Idempotent. */
export const commitGrandPrize = defineFunction({
  name: 'commitGrandPrize',
  access: 'master',
  params: campaignParam,
  handler: async (ctx, { campaignId }) => {
    if (!(await findCampaign(ctx.store, campaignId))) throw notFound(`campaign ${campaignId} not found`);
    const seed = crypto.randomBytes(32).toString('hex');
    await ctx.store.query(
      `insert into grand_prize_draws (campaign_id, seed_hash, seed, committed_at) values ($1, $2, null, $3) on conflict (campaign_id) do nothing`,
      [campaignId, seedCommitment(seed), ctx.clock.now()],
    );
    // The seed stays secret until the draw; it is kept in a side table only the host reads.
    await ctx.store.query(
      `insert into grand_prize_seeds (campaign_id, seed) select $1, $2 where exists
         (select 1 from grand_prize_draws where campaign_id = $1 and seed_hash = $3) on conflict do nothing`,
      [campaignId, seed, seedCommitment(seed)],
    );
    const [row] = await ctx.store.query<DrawRow>('select * from grand_prize_draws where campaign_id = $1', [campaignId]);
    return drawJson(campaignId, row);
  },
});

/**
 * Step 2 (operator, after the window): draw and pay. Prizes are paid from the grand-prize
 * budget, once per winner; a budget too small for every prize pays what is left, never more.
 */
export const drawGrandPrize = defineFunction({
  name: 'drawGrandPrize',
  access: 'master',
  params: campaignParam,
  handler: async (ctx, { campaignId }) => {
    const now = ctx.clock.now();
    const campaign = await findCampaign(ctx.store, campaignId);
    if (!campaign) throw notFound(`campaign ${campaignId} not found`);
    if (now < campaign.endsAt) throw new CloudError(ErrorCode.CAMPAIGN_NOT_RUNNING, `The grand prize is drawn after the campaign closes (${campaign.endsAt.toISOString()}).`);
    const row = await ctx.store.transaction(async (tx) => {
      const [draw] = await tx.query<DrawRow>('select * from grand_prize_draws where campaign_id = $1 for update', [campaignId]);
      if (!draw) throw new CloudError(ErrorCode.INVALID_PARAMS, 'Commit to a seed first: call commitGrandPrize.');
      if (draw.drawn_at) return draw;
      const [{ seed }] = await tx.query<{ seed: string }>('select seed from grand_prize_seeds where campaign_id = $1', [campaignId]);
      const eligible = await eligibleMembers(tx, campaign);
      const winners = drawWinners(seed, eligible, campaign.config.grandPrize.winners, campaign.config.grandPrize.capFen);
      const budget = accountIds.grandBudget(campaignId);
      const paid: Array<Eligible & { prizeFen: number; paidFen: number }> = [];
      for (const winner of winners) {
        const paidFen = Math.min(winner.prizeFen, await balanceOf(tx, budget));
        if (paidFen > 0) {
          const wallet = accountIds.wallet(winner.userId);
          await ensureAccounts(tx, [wallet]);
          await post(tx, transfer(`grand:${campaignId}:${winner.userId}`, 'grand_prize', budget, wallet, paidFen), now);
        }
        paid.push({ ...winner, paidFen });
      }
      const [updated] = await tx.query<DrawRow>(
        `update grand_prize_draws set seed = $2, drawn_at = $3, eligible = $4, winners = $5 where campaign_id = $1 returning *`,
        [campaignId, seed, now, JSON.stringify(eligible), JSON.stringify(paid)],
      );
      return updated;
    });
    return drawJson(campaignId, row);
  },
});

/** Anyone: the commitment before the draw; the seed, the eligible list and the winners after. */
export const grandPrize = defineFunction({
  name: 'grandPrize',
  access: 'public',
  params: campaignParam,
  handler: async (ctx, { campaignId }) => {
    const [row] = await ctx.store.query<DrawRow>('select * from grand_prize_draws where campaign_id = $1', [campaignId]);
    if (!row) throw notFound('大奖还没有公布抽奖承诺（no commitment yet）');
    return drawJson(campaignId, row);
  },
});
