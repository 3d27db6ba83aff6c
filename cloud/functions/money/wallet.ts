import { z } from 'zod';
import { accountIds } from '../../domain/money/posting';
import { balanceOf } from '../../store/ledger';
import { pendingFenOf, pendingPacketsOfBuyer } from '../../store/purchasePackets';
import { defineFunction } from '../define';

export const WALLET_PAGE_MAX = 50;

/** Ledger transaction kinds as the wallet shows them. */
const KIND_LABELS: Record<string, string> = { split: '瓜分红包', grand_prize: '全额返现大奖' };

export const myWallet = defineFunction({
  name: 'myWallet',
  access: 'user',
  params: z.object({ limit: z.number().int().min(1).max(WALLET_PAGE_MAX).optional() }).strict(),
  handler: async (ctx, { limit }) => {
    const account = accountIds.wallet(ctx.user.id);
    const rows = await ctx.store.query<{ id: number; amount_fen: number; kind: string; effect_key: string; created_at: Date }>(
      `select e.id, e.amount_fen, t.kind, t.effect_key, e.created_at
       from ledger_entries e join ledger_transactions t on t.id = e.transaction_id
       where e.account_id = $1 order by e.id desc limit $2`,
      [account, limit ?? WALLET_PAGE_MAX],
    );
    // Purchase packets not in any pool yet: shown apart from the balance, with their unlock dates.
    const pending = await pendingPacketsOfBuyer(ctx.store, ctx.user.id);
    return {
      balanceFen: await balanceOf(ctx.store, account),
      pendingFen: await pendingFenOf(ctx.store, { userId: ctx.user.id }),
      pending: pending.map((p) => ({ ...p, unlocksAt: p.unlocksAt.toISOString() })),
      entries: rows.map((r) => ({
        entryId: String(r.id),
        amountFen: r.amount_fen,
        kind: r.kind,
        label: KIND_LABELS[r.kind] ?? r.kind,
        // split:<slot>:<groupId> — the group the money came from, for a link in the app.
        groupId: r.kind === 'split' ? r.effect_key.slice(r.effect_key.lastIndexOf(':') + 1) : null,
        createdAt: r.created_at.toISOString(),
      })),
    };
  },
});
