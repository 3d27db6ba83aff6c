/**
 * The money functions: orders, red packets, pools, splits, the wallet, the grand prize, and the
 * operator's ledger check. Amounts in fen; times ISO 8601.
 */

/** What ledgerCheck proves: the whole ledger sums to zero, and what would make it not. */
export interface LedgerCheckJson {
  balanced: boolean;
  sumFen: number;
  accounts: number;
  entries: number;
  unbalancedTransactions: number;
  accountsOffByEntries: number;
  negativeAccounts: number;
  /** Entries that name an account or a transaction that does not exist. */
  orphanEntries: number;
}

export interface SplitJson {
  slot: string;
  totalFen: number;
  policy: string;
  shares: Array<{ userId: string; nickname: string; amountFen: number }>;
  /** The luckiest member of a random split (手气最佳); null for equal splits. */
  bestUserId: string | null;
}

export interface PurchaseRedPacketJson {
  redPacketId: string;
  amountFen: number;
  groupId: string;
  lineNo: number;
}

export interface GrandPrizeDrawJson {
  campaignId: string;
  /** sha256(seed), published before the draw. */
  seedHash: string;
  committedAt: string;
  /** Revealed by the draw; recompute the winners with drawWinners(seed, eligible, winners, cap). */
  seed: string | null;
  drawnAt: string | null;
  eligible: Array<{ userId: string; netFen: number }> | null;
  winners: Array<{ userId: string; netFen: number; prizeFen: number; paidFen: number }> | null;
}

export interface MoneyFunctions {
  commitGrandPrize: { params: { campaignId: string }; result: GrandPrizeDrawJson };
  drawGrandPrize: { params: { campaignId: string }; result: GrandPrizeDrawJson };
  grandPrize: { params: { campaignId: string }; result: GrandPrizeDrawJson };
  simulateCheckout: {
    params: { lines: Array<{ productId: string; qty: number; shareId?: string }>; requestId: string };
    result: { order: { orderId: string; totalFen: number }; redPackets: PurchaseRedPacketJson[] };
  };
  myWallet: {
    params: { limit?: number };
    result: {
      balanceFen: number;
      entries: Array<{ entryId: string; amountFen: number; kind: string; label: string; groupId: string | null; createdAt: string }>;
    };
  };
  groupPool: {
    params: { groupId: string };
    result: {
      poolFen: number;
      /** Guaranteed packets reserved for purchases, added to the pool at the next split. */
      pendingFen: number;
      nextSplitAt: string | null;
      campaign: { campaignId: string; name: string; endsAt: string } | null;
      lastSplit: SplitJson | null;
    };
  };
  listSplits: { params: { groupId: string; limit?: number }; result: { splits: SplitJson[] } };
  runPoolSplit: { params: { slot: string }; result: { slot: string; groupsSplit: number; totalFen: number } };
  ledgerCheck: { params: Record<string, never>; result: LedgerCheckJson };
}
