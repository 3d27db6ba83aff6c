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
export function matchShopCoupons(coupons: readonly ShopTerms[], blockTotalsFen: readonly number[]): { discountFen: number; matches: ShopMatch[] } {
  const blocks = blockTotalsFen.map((totalFen, position) => ({ totalFen, position })).filter((b) => b.totalFen > 0);
  blocks.sort((a, b) => b.totalFen - a.totalFen || a.position - b.position);
  const chosen: number[] = [];
  let discountFen = 0;
  for (let c = 0; c < coupons.length && chosen.length < blocks.length; c++) {
    const trial = [...chosen, c].sort((a, b) => coupons[b].thresholdFen - coupons[a].thresholdFen || a - b);
    if (trial.every((coupon, k) => coupons[coupon].thresholdFen <= blocks[k].totalFen)) {
      chosen.splice(0, chosen.length, ...trial);
      discountFen += coupons[c].discountFen;
    }
  }
  return { discountFen, matches: chosen.map((couponPosition, k) => ({ couponPosition, blockPosition: blocks[k].position })) };
}

/** The same value as matchShopCoupons without building the matches: the inner loop of the search. */
export function shopMatchingFen(coupons: readonly ShopTerms[], blockTotalsFen: readonly number[]): number {
  const blocks = blockTotalsFen.filter((b) => b > 0).sort((a, b) => b - a);
  const thresholds: number[] = [];
  let discountFen = 0;
  for (let c = 0; c < coupons.length && thresholds.length < blocks.length; c++) {
    const threshold = coupons[c].thresholdFen;
    // Insert keeping descending order, then check the prefix condition.
    let at = thresholds.length;
    while (at > 0 && thresholds[at - 1] < threshold) at--;
    thresholds.splice(at, 0, threshold);
    let fits = true;
    for (let k = 0; k < thresholds.length; k++) {
      if (thresholds[k] > blocks[k]) {
        fits = false;
        break;
      }
    }
    if (fits) discountFen += coupons[c].discountFen;
    else thresholds.splice(at, 1);
  }
  return discountFen;
}
