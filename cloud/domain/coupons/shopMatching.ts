import { at } from '../at';
import type { ShopTerms } from './couponValue';

export interface ShopMatch {
  /** Index into the coupons passed in. */
  couponPosition: number;
  /** Index into the block totals passed in. */
  blockPosition: number;
}

/**
 * The best way to use one shop's coupons on that shop's blocks (the shop's lines in each order),
 * at most one coupon per block: a coupon earns its discount on a block whose total reaches its
 * threshold. The sets of coupons that can all be placed form a transversal matroid, so taking
 * coupons greedily by discount (callers pass them best first) and keeping each one that still
 * fits is optimal. A set fits exactly when, with thresholds and blocks both sorted descending,
 * the k-th threshold is at most the k-th block for every k.
 */
export function matchShopCoupons(
  coupons: readonly ShopTerms[],
  blockTotalsFen: readonly number[],
): { discountFen: number; matches: ShopMatch[] } {
  const blocks = blockTotalsFen.map((totalFen, position) => ({ totalFen, position })).filter((b) => b.totalFen > 0);
  blocks.sort((a, b) => b.totalFen - a.totalFen || a.position - b.position);
  const chosen: number[] = [];
  let discountFen = 0;
  const thresholdOf = (c: number) => at(coupons, c, 'shop coupon').thresholdFen;
  for (const [c, coupon] of coupons.entries()) {
    if (chosen.length >= blocks.length) break;
    const trial = [...chosen, c].sort((a, b) => thresholdOf(b) - thresholdOf(a) || a - b);
    if (trial.every((chosenCoupon, k) => thresholdOf(chosenCoupon) <= at(blocks, k, 'block').totalFen)) {
      chosen.splice(0, chosen.length, ...trial);
      discountFen += coupon.discountFen;
    }
  }
  return { discountFen, matches: chosen.map((couponPosition, k) => ({ couponPosition, blockPosition: at(blocks, k, 'block').position })) };
}

/** The same value as matchShopCoupons without building the matches: the inner loop of the search. */
export function shopMatchingFen(coupons: readonly ShopTerms[], blockTotalsFen: readonly number[]): number {
  const blocks = blockTotalsFen.filter((b) => b > 0).sort((a, b) => b - a);
  const thresholds: number[] = [];
  let discountFen = 0;
  // Runs on every move of the search, so plain indices: 0 ≤ at - 1 < thresholds.length, and
  // k < thresholds.length ≤ blocks.length (a coupon is tried only while a block is free).
  for (let c = 0; c < coupons.length && thresholds.length < blocks.length; c++) {
    const threshold = coupons[c]!.thresholdFen;
    // Insert keeping descending order, then check the prefix condition.
    let at = thresholds.length;
    while (at > 0 && thresholds[at - 1]! < threshold) at--;
    thresholds.splice(at, 0, threshold);
    let fits = true;
    for (let k = 0; k < thresholds.length; k++) {
      if (thresholds[k]! > blocks[k]!) {
        fits = false;
        break;
      }
    }
    if (fits) discountFen += coupons[c]!.discountFen;
    else thresholds.splice(at, 1);
  }
  return discountFen;
}
