import { accountIds } from './posting';

/**
 * Share rewards are paid from a handful of bucket accounts instead of the one budget account.
 * Every reward locks the account it debits until its transaction commits (an fsync), so a single
 * budget row caps rewards at one commit at a time; with buckets, shares in different buckets
 * commit side by side. The budget account stays the campaign's main account (funding, purchase
 * packets); buckets draw from it in chunks and are swept back into it before any debit of it is
 * refused, so the campaign's money is always the budget plus its buckets, and nothing is refused
 * while that sum covers it.
 *
 * The count may grow in a later version but never shrink: readers list the buckets by number.
 */
export const BUDGET_BUCKETS = 16;

/**
 * A refill moves this much from the budget into a bucket (or what is left, when less): about a
 * hundred packets, so refills (which lock the budget account) are rare, while the demo budget
 * still spreads over every bucket with some left in the account.
 */
export const BUDGET_REFILL_FEN = 50_000;

/** The bucket a share's reward is paid from: spread by the share id, no randomness consumed. */
export function bucketOf(shareId: string): number {
  let hash = 0;
  for (let i = 0; i < shareId.length; i++) hash = (hash * 31 + shareId.charCodeAt(i)) >>> 0;
  return hash % BUDGET_BUCKETS;
}

/** Every account that holds a campaign's budget: the budget itself, then its buckets in id order. */
export function budgetAccountIds(campaignId: string): string[] {
  return [accountIds.budget(campaignId), ...bucketIds(campaignId)];
}

export function bucketIds(campaignId: string): string[] {
  return Array.from({ length: BUDGET_BUCKETS }, (_, k) => accountIds.budgetBucket(campaignId, k)).sort();
}

/** The buckets of a campaign's budget account ('budget:<campaign>'); null for any other account. */
export function bucketsOfBudget(accountId: string): string[] | null {
  const campaignId = /^budget:([^:]+)$/.exec(accountId)?.[1];
  return campaignId === undefined ? null : bucketIds(campaignId);
}

/** How much a refill moves: a chunk, at least what the reward needs, never more than the budget holds. */
export function refillFen(budgetFen: number, needFen: number): number {
  return Math.max(0, Math.min(budgetFen, Math.max(BUDGET_REFILL_FEN, needFen)));
}
