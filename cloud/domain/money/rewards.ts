/** Red-packet rules. Amounts are integer fen; randomness is passed in. */

export interface ShareRewardRule {
  /** Chance of a red packet per eligible share, 0..1. */
  probability: number;
  minFen: number;
  maxFen: number;
  /** Share rewards per user per campaign day. */
  dailyCapPerUser: number;
}

export interface PurchaseRewardRule {
  /** Either a fixed amount, or a per-mille of the line amount with a cap. */
  fixedFen?: number;
  perMille?: number;
  capFen: number;
}

/** The share draw: null when no packet, else an amount uniform in [minFen, maxFen]. */
export function drawShareReward(rule: ShareRewardRule, random: () => number): number | null {
  if (random() >= rule.probability) return null;
  return rule.minFen + Math.floor(random() * (rule.maxFen - rule.minFen + 1));
}

/**
 * The guaranteed packet for buying what a groupmate shared, on the line's net amount.
 * Per-mille keeps the arithmetic in integers (3% = 30‰); the amount is floored, capped, and 0
 * means no packet.
 */
export function purchaseRewardFen(rule: PurchaseRewardRule, lineAmountFen: number): number {
  const raw = rule.fixedFen !== undefined ? rule.fixedFen : Math.floor((lineAmountFen * (rule.perMille ?? 0)) / 1000);
  return Math.max(0, Math.min(raw, rule.capFen));
}

export type PurchaseRewardRefusal = 'no_share' | 'own_share' | 'not_groupmates' | 'group_not_active';

/** Why a purchased line earns no guaranteed packet, checked in this order; null when it does. */
export function purchaseRewardRefusal(facts: {
  shareUserId: string | null;
  buyerId: string;
  buyerInShareGroup: boolean;
  groupActive: boolean;
}): PurchaseRewardRefusal | null {
  if (!facts.shareUserId) return 'no_share';
  if (facts.shareUserId === facts.buyerId) return 'own_share';
  if (!facts.buyerInShareGroup) return 'not_groupmates';
  if (!facts.groupActive) return 'group_not_active';
  return null;
}
