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

export type PurchaseRewardRefusal = 'no_share' | 'other_product' | 'own_share' | 'not_groupmates' | 'group_not_active';

/**
 * The product ids a shared item stands for: its catalog product, and the Taobao/Tmall item id it
 * was added by (an order system reports lines by that id).
 */
export function sharedProductIds(item: { productId: string | null; refKind: string; itemRef: string }): string[] {
  const ids = item.productId ? [item.productId] : [];
  if (item.refKind === 'item_id' && item.itemRef !== item.productId) ids.push(item.itemRef);
  return ids;
}

/**
 * Why a purchased line earns no guaranteed packet, checked in this order; null when it does.
 * The line must be the shared product itself: a share id quoted on a different (dearer) product
 * would turn any purchase into a capped packet.
 */
export function purchaseRewardRefusal(facts: {
  shareUserId: string | null;
  /** What the shared item is (sharedProductIds); empty when the share is unknown. */
  sharedProductIds: readonly string[];
  lineProductId: string;
  buyerId: string;
  buyerInShareGroup: boolean;
  groupActive: boolean;
}): PurchaseRewardRefusal | null {
  if (!facts.shareUserId) return 'no_share';
  if (!facts.sharedProductIds.includes(facts.lineProductId)) return 'other_product';
  if (facts.shareUserId === facts.buyerId) return 'own_share';
  if (!facts.buyerInShareGroup) return 'not_groupmates';
  if (!facts.groupActive) return 'group_not_active';
  return null;
}
