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

/**
 * A purchase packet waiting for its order to pass the refund window (or be completed): it is not
 * in the pool yet, a refund before `unlocksAt` voids it, and the first split at or after
 * `unlocksAt` adds it to the pool.
 */
export interface PendingPacketJson {
  redPacketId: string;
  amountFen: number;
  groupId: string;
  unlocksAt: string;
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
      /** The caller's purchase packets still pending (not in the balance), and when each unlocks. */
      pendingFen: number;
      pending: PendingPacketJson[];
    };
  };
  groupPool: {
    params: { groupId: string };
    result: {
      poolFen: number;
      /**
       * Guaranteed packets reserved for purchases, not in the pool yet: each joins it at the first
       * split after it unlocks (its order completed, or the refund window over).
       */
      pendingFen: number;
      /** The pending packets, soonest unlock first (at most 100). */
      pending: PendingPacketJson[];
      nextSplitAt: string | null;
      /** The running campaign; null while none runs (see campaignPhase for why). */
      campaign: { campaignId: string; name: string; endsAt: string } | null;
      /** Where the latest campaign stands: running, paused by its marketer, over, or none started. */
      campaignPhase: 'running' | 'paused' | 'ended' | 'none';
      lastSplit: SplitJson | null;
    };
  };
  listSplits: { params: { groupId: string; limit?: number }; result: { splits: SplitJson[] } };
  runPoolSplit: { params: { slot: string }; result: { slot: string; groupsSplit: number; totalFen: number } };
  ledgerCheck: { params: Record<string, never>; result: LedgerCheckJson };
}
