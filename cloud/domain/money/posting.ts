/** A balanced ledger movement: two or more entries that sum to zero, keyed by its effect. */
export interface Posting {
  effectKey: string;
  kind: string;
  entries: Array<{ accountId: string; amountFen: number }>;
}

export type AccountKind = 'funding' | 'budget' | 'grand_budget' | 'reserve' | 'pool' | 'wallet' | 'payment' | 'escrow' | 'merchant';

export const accountIds = {
  funding: (campaignId: string) => `funding:${campaignId}`,
  /** The campaign's budget: funding, withdrawals and purchase packets move money here. */
  budget: (campaignId: string) => `budget:${campaignId}`,
  /** One of the budget's share buckets (see budgetBuckets.ts): part of the budget, kind 'budget'. */
  budgetBucket: (campaignId: string, bucket: number) => `budget:${campaignId}:${bucket}`,
  grandBudget: (campaignId: string) => `grand:${campaignId}`,
  reserve: (campaignId: string) => `reserve:${campaignId}`,
  pool: (groupId: string) => `pool:${groupId}`,
  wallet: (userId: string) => `wallet:${userId}`,
  /** What a shopper paid in from outside (the host's checkout); goes negative like funding. */
  payment: (userId: string) => `payment:${userId}`,
  /** Money held for a pooled order or group buy until it is placed or refunded. */
  escrow: (orderId: string) => `escrow:${orderId}`,
  merchant: (campaignId: string) => `merchant:${campaignId}`,
};

export function accountKindOf(accountId: string): AccountKind {
  const prefix = accountId.slice(0, accountId.indexOf(':'));
  const kinds: Record<string, AccountKind> = {
    funding: 'funding',
    budget: 'budget',
    grand: 'grand_budget',
    reserve: 'reserve',
    pool: 'pool',
    wallet: 'wallet',
    payment: 'payment',
    escrow: 'escrow',
    merchant: 'merchant',
  };
  const kind = kinds[prefix];
  if (!kind) throw new Error(`unknown account ${accountId}`);
  return kind;
}

/** A posting that does not balance, or moves nothing, is a bug: crash loudly. */
export function assertBalanced(posting: Posting): void {
  if (posting.entries.length < 2) throw new Error(`posting ${posting.effectKey} has fewer than two entries`);
  let sum = 0;
  for (const entry of posting.entries) {
    if (!Number.isSafeInteger(entry.amountFen) || entry.amountFen === 0) {
      throw new Error(`posting ${posting.effectKey} has a bad amount ${entry.amountFen}`);
    }
    sum += entry.amountFen;
  }
  if (sum !== 0) throw new Error(`posting ${posting.effectKey} does not balance: ${sum}`);
}

/** Moves `amountFen` from one account to another. */
export function transfer(effectKey: string, kind: string, fromAccountId: string, toAccountId: string, amountFen: number): Posting {
  return {
    effectKey,
    kind,
    entries: [
      { accountId: fromAccountId, amountFen: -amountFen },
      { accountId: toAccountId, amountFen },
    ],
  };
}
