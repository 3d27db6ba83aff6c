import type { ShopTerms } from './couponValue';

/** Shops with more lines than this get no potential (Infinity): the subset DP grows as 3^lines. */
const MAX_POTENTIAL_LINES = 10;

/**
 * The most one shop's coupons can ever earn, whatever the orders: each used coupon needs its own
 * block of the shop's lines reaching its threshold, and the blocks are disjoint sets of whole
 * lines. The amount-only bound (upperBound.ts) lets a coupon use part of a line; with few large
 * lines that is far off (two coupons of 100 and 200 yuan on lines of 398 and 19.9 yuan can never
 * both apply). Exact by dynamic programming over subsets of the shop's lines: after each coupon,
 * best[mask] is the most the coupons so far earn using only the lines in mask.
 */
export function shopPotentialFen(coupons: readonly ShopTerms[], amountsFen: readonly number[]): number {
  if (coupons.length === 0) return 0;
  if (amountsFen.length > MAX_POTENTIAL_LINES) return Infinity;
  // Up to 3^10 steps per coupon, so plain indices: every mask and submask is ≤ full, the size of
  // the tables less one, and a mask's lowest bit is a line index.
  const full = (1 << amountsFen.length) - 1;
  const sumFen = new Float64Array(full + 1);
  for (let mask = 1; mask <= full; mask++) {
    const low = 31 - Math.clz32(mask & -mask);
    sumFen[mask] = sumFen[mask & (mask - 1)]! + amountsFen[low]!;
  }
  let best = new Float64Array(full + 1);
  for (const coupon of coupons) {
    const thresholdFen = Math.max(coupon.thresholdFen, 1);
    const next = Float64Array.from(best);
    for (let mask = 1; mask <= full; mask++) {
      for (let block = mask; block > 0; block = (block - 1) & mask) {
        if (sumFen[block]! >= thresholdFen) next[mask] = Math.max(next[mask]!, best[mask ^ block]! + coupon.discountFen);
      }
    }
    best = next;
  }
  return best[full]!;
}
