import { z } from 'zod';
import { accountIds } from '../../domain/money/posting';
import { balanceOf, entriesOfAccount } from '../../store/ledger';
import { pendingFenOf, pendingPacketsOfBuyer } from '../../store/redPackets';
import { defineFunction } from '../define';
import { pendingPacketJson, walletEntryJson } from './json';

export const WALLET_PAGE_MAX = 50;

export const myWallet = defineFunction({
  name: 'myWallet',
  access: 'user',
  params: z.object({ limit: z.number().int().min(1).max(WALLET_PAGE_MAX).optional() }).strict(),
  handler: async (ctx, { limit }) => {
    const account = accountIds.wallet(ctx.user.id);
    const rows = await entriesOfAccount(ctx.store, account, limit ?? WALLET_PAGE_MAX);
    // Purchase packets not in any pool yet: shown apart from the balance, with their unlock dates.
    const pending = await pendingPacketsOfBuyer(ctx.store, ctx.user.id);
    return {
      balanceFen: await balanceOf(ctx.store, account),
      pendingFen: await pendingFenOf(ctx.store, { userId: ctx.user.id }),
      pending: pending.map(pendingPacketJson),
      entries: rows.map(walletEntryJson),
    };
  },
});
