import { z } from 'zod';
import { nextSplitAt } from '../../domain/campaign';
import { accountIds } from '../../domain/money/posting';
import { findCampaignAt } from '../../store/campaigns';
import { balanceOf } from '../../store/ledger';
import { pendingFenOf, pendingPacketsOfGroup } from '../../store/purchasePackets';
import type { Queryable } from '../../store/store';
import { defineFunction } from '../define';
import { groupIdParam, memberGroup } from '../groups/access';

export const SPLITS_PAGE_MAX = 30;

interface SplitJson {
  slot: string;
  totalFen: number;
  policy: string;
  shares: Array<{ userId: string; nickname: string; amountFen: number }>;
  bestUserId: string | null;
}

async function recentSplits(db: Queryable, groupId: string, limit: number): Promise<SplitJson[]> {
  const rows = await db.query<{ slot: Date; total_fen: number; policy: string }>(
    'select slot, total_fen, policy from splits where group_id = $1 order by slot desc limit $2',
    [groupId, limit],
  );
  if (rows.length === 0) return [];
  // Each member's share is a credit of the split's ledger transaction.
  const keyOf = (slot: Date) => `split:${slot.toISOString()}:${groupId}`;
  const credits = await db.query<{ effect_key: string; user_id: string; nickname: string; amount_fen: number }>(
    `select t.effect_key, u.id as user_id, u.nickname, e.amount_fen
     from ledger_transactions t
     join ledger_entries e on e.transaction_id = t.id and e.amount_fen > 0
     join users u on 'wallet:' || u.id = e.account_id
     where t.effect_key = any($1::text[])
     order by e.amount_fen desc, u.id`,
    [rows.map((r) => keyOf(r.slot))],
  );
  return rows.map((r) => {
    const shares = credits
      .filter((c) => c.effect_key === keyOf(r.slot))
      .map((c) => ({ userId: c.user_id, nickname: c.nickname, amountFen: c.amount_fen }));
    return {
      slot: r.slot.toISOString(),
      totalFen: r.total_fen,
      policy: r.policy,
      shares,
      // Shares come largest first: the first is the best luck of a random split.
      bestUserId: r.policy === 'random' ? (shares[0]?.userId ?? null) : null,
    };
  });
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
    return {
      poolFen: await balanceOf(ctx.store, accountIds.pool(groupId)),
      pendingFen,
      pending: pending.map((p) => ({ ...p, unlocksAt: p.unlocksAt.toISOString() })),
      nextSplitAt: next ? next.toISOString() : null,
      campaign: campaign ? { campaignId: campaign.id, name: campaign.name, endsAt: campaign.endsAt.toISOString() } : null,
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
