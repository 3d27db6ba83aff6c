import crypto from 'node:crypto';
import { z } from 'zod';
import { ErrorCode } from '../../../contract/errors';
import { drawWinners, seedCommitment } from '../../domain/money/grandPrize';
import { accountIds, transfer } from '../../domain/money/posting';
import { CloudError, notFound } from '../../errors';
import { findCampaign } from '../../store/campaigns';
import { commitSeed, findDraw, grandPrizeEligible, recordDraw, seedOf, type PaidWinner } from '../../store/grandPrize';
import { balanceOf, ensureAccounts, post } from '../../store/ledger';
import { MissingRowError } from '../../store/store';
import { appendAudit } from '../../store/audit';
import { defineFunction } from '../define';
import { fields } from '../validation';
import { drawJson } from './json';

const campaignParam = z.object({ campaignId: fields.objectId('campaignId') }).strict();

/** Step 1 (operator): commit to a secret seed by publishing its hash. Idempotent. */
export const commitGrandPrize = defineFunction({
  name: 'commitGrandPrize',
  access: 'master',
  params: campaignParam,
  handler: async (ctx, { campaignId }) => {
    if (!(await findCampaign(ctx.store, campaignId))) throw notFound(`活动不存在（campaign ${campaignId} not found）`);
    const seed = crypto.randomBytes(32).toString('hex');
    const now = ctx.clock.now();
    const row = await ctx.store.transaction(async (tx) => {
      await commitSeed(tx, campaignId, seed, seedCommitment(seed), now);
      const committed = await findDraw(tx, campaignId);
      // Written just now, or by an earlier commitment.
      if (!committed) throw new MissingRowError(`grand prize commitment of ${campaignId}`);
      if (committed.seed_hash === seedCommitment(seed)) {
        await appendAudit(tx, {
          campaignId,
          ...ctx.actor,
          action: 'grand_prize.commit',
          detail: { before: null, after: { seedHash: committed.seed_hash } },
          now,
        });
      }
      return committed;
    });
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
    if (!campaign) throw notFound(`活动不存在（campaign ${campaignId} not found）`);
    // endsAt is when the campaign closes: ended early, that is the moment it was ended.
    if (now < campaign.endsAt)
      throw new CloudError(
        ErrorCode.CAMPAIGN_NOT_RUNNING,
        `活动结束后才能抽取大奖（${campaign.endsAt.toISOString()} 之后）（the grand prize is drawn after the campaign closes）。`,
      );
    const row = await ctx.store.transaction(async (tx) => {
      const draw = await findDraw(tx, campaignId, true);
      if (!draw) throw new CloudError(ErrorCode.INVALID_PARAMS, '请先公布抽奖承诺：调用 commitGrandPrize（commit to a seed first）。');
      if (draw.drawn_at) return draw;
      const seed = await seedOf(tx, campaignId);
      const eligible = await grandPrizeEligible(tx, campaign);
      const winners = drawWinners(seed, eligible, campaign.config.grandPrize.winners, campaign.config.grandPrize.capFen);
      const budget = accountIds.grandBudget(campaignId);
      const paid: PaidWinner[] = [];
      for (const winner of winners) {
        const paidFen = Math.min(winner.prizeFen, await balanceOf(tx, budget));
        if (paidFen > 0) {
          const wallet = accountIds.wallet(winner.userId);
          await ensureAccounts(tx, [wallet]);
          await post(tx, transfer(`grand:${campaignId}:${winner.userId}`, 'grand_prize', budget, wallet, paidFen), now);
        }
        paid.push({ ...winner, paidFen });
      }
      await appendAudit(tx, {
        campaignId,
        ...ctx.actor,
        action: 'grand_prize.draw',
        detail: {
          before: null,
          after: {
            eligible: eligible.length,
            winners: paid.map((w) => ({ userId: w.userId, prizeFen: w.prizeFen, paidFen: w.paidFen })),
            paidFen: paid.reduce((sum, w) => sum + w.paidFen, 0),
          },
        },
        now,
      });
      return recordDraw(tx, campaignId, { seed, eligible, winners: paid }, now);
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
    const row = await findDraw(ctx.store, campaignId);
    if (!row) throw notFound('大奖还没有公布抽奖承诺（no commitment yet）');
    return drawJson(campaignId, row);
  },
});
