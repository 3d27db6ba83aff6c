import { z } from 'zod';
import { campaignPhase, nextSplitAt } from '../../domain/campaign';
import { accountIds } from '../../domain/money/posting';
import { findCampaignAt, findCampaignForSlot } from '../../store/campaigns';
import { balanceOf } from '../../store/ledger';
import { pendingFenOf, pendingPacketsOfGroup } from '../../store/redPackets';
import { recentSplitsOfGroup, splitCredits, splitEffectKey } from '../../store/splits';
import type { Queryable } from '../../store/store';
import type { SplitJson } from '../../../contract/money';
import { defineFunction } from '../define';
import { groupIdParam, memberGroup } from '../groups/access';
import { pendingPacketJson, splitsJson } from './json';

export const SPLITS_PAGE_MAX = 30;

async function recentSplits(db: Queryable, groupId: string, limit: number): Promise<SplitJson[]> {
  const rows = await recentSplitsOfGroup(db, groupId, limit);
  if (rows.length === 0) return [];
  // Each member's share is a credit of the split's ledger transaction.
  const credits = await splitCredits(
    db,
    rows.map((r) => splitEffectKey(r.slot, groupId)),
  );
  return splitsJson(groupId, rows, credits);
}

/** The group's pool card: what is in it, what is on its way, and when it is split next. */
export const groupPool = defineFunction({
  name: 'groupPool',
  access: 'user',
  params: groupIdParam,
  handler: async (ctx, { groupId }) => {
    await memberGroup(ctx.store, groupId, ctx.user.id);
    const now = ctx.clock.now();
    const campaign = await findCampaignAt(ctx.store, now);
    const pendingFen = await pendingFenOf(ctx.store, { groupId });
    const pending = await pendingPacketsOfGroup(ctx.store, groupId);
    const [lastSplit] = await recentSplits(ctx.store, groupId, 1);
    const next = campaign ? nextSplitAt(campaign, now) : null;
    const phase = campaign ? ('running' as const) : campaignPhase(await findCampaignForSlot(ctx.store, now), now);
    return {
      poolFen: await balanceOf(ctx.store, accountIds.pool(groupId)),
      pendingFen,
      pending: pending.map(pendingPacketJson),
      nextSplitAt: next ? next.toISOString() : null,
      campaign: campaign ? { campaignId: campaign.id, name: campaign.name, endsAt: campaign.endsAt.toISOString() } : null,
      campaignPhase: phase,
      lastSplit: lastSplit ?? null,
    };
  },
});

export const listSplits = defineFunction({
  name: 'listSplits',
  access: 'user',
  params: z.object({ groupId: groupIdParam.shape.groupId, limit: z.number().int().min(1).max(SPLITS_PAGE_MAX).optional() }).strict(),
  handler: async (ctx, { groupId, limit }) => {
    await memberGroup(ctx.store, groupId, ctx.user.id);
    return { splits: await recentSplits(ctx.store, groupId, limit ?? SPLITS_PAGE_MAX) };
  },
});
