import { at } from '../at';
import { assertSumsTo, largestRemainder } from '../money/largestRemainder';
import { crossStoreDiscountFen, shopDiscountFen } from './couponValue';
import type { PlannerProblem, ProblemCrossCoupon, ProblemShopCoupon } from './problem';

export interface PricedOrder {
  /** False when some line would pay zero or less: the order cannot use this set of coupons. */
  feasible: boolean;
  discountFen: number;
  /** Parallel to the order's line indices. */
  lineDiscountFen: number[];
  /** The coupons that actually earn something on this order (a coupon below its threshold is not used). */
  crossCoupon: ProblemCrossCoupon | null;
  shopCoupons: ProblemShopCoupon[];
}

/**
 * Prices one order: the cross-store discount is allocated to all its lines, each shop coupon's
 * discount to that shop's lines only, both by amount with largest remainder (ties to the smaller
 * lineId, since `lineIndices` ascend and lines are sorted by lineId). Both thresholds count line
 * amounts before any coupon, so the two kinds stack independently.
 */
export function priceOrder(
  problem: PlannerProblem,
  lineIndices: readonly number[],
  crossCoupon: ProblemCrossCoupon | null,
  shopCoupons: readonly ProblemShopCoupon[],
): PricedOrder {
  let previousIndex = -Infinity;
  for (const i of lineIndices) {
    if (i <= previousIndex) throw new Error('order lines must ascend');
    previousIndex = i;
  }
  const orderLines = lineIndices.map((i) => at(problem.lines, i, 'line'));
  const amounts = orderLines.map((l) => l.amountFen);
  const lineDiscountFen = amounts.map(() => 0);
  // Priced for every order of every plan tried, so plain indices below: positions index the
  // order's lines, and each allocation has one part per amount it was given.
  const addDiscount = (position: number, fen: number) => (lineDiscountFen[position]! += fen);
  let discountFen = 0;
  let usedCross: ProblemCrossCoupon | null = null;
  if (crossCoupon) {
    const orderAmountFen = amounts.reduce((a, b) => a + b, 0);
    const crossFen = crossStoreDiscountFen(crossCoupon, orderAmountFen);
    if (crossFen > 0) {
      usedCross = crossCoupon;
      discountFen += crossFen;
      largestRemainder(crossFen, amounts).forEach((part, k) => addDiscount(k, part));
    }
  }
  const usedShop: ProblemShopCoupon[] = [];
  const shopsSeen = new Set<number>();
  for (const coupon of shopCoupons) {
    if (shopsSeen.has(coupon.shopIndex)) throw new Error('at most one shop coupon per shop per order');
    shopsSeen.add(coupon.shopIndex);
    const positions: number[] = [];
    const shopAmounts: number[] = [];
    orderLines.forEach((line, k) => {
      if (line.shopIndex !== coupon.shopIndex) return;
      positions.push(k);
      shopAmounts.push(line.amountFen);
    });
    const shopFen = shopDiscountFen(
      coupon,
      shopAmounts.reduce((a, b) => a + b, 0),
    );
    if (shopFen === 0) continue;
    usedShop.push(coupon);
    discountFen += shopFen;
    largestRemainder(shopFen, shopAmounts).forEach((part, j) => addDiscount(positions[j]!, part));
  }
  assertSumsTo(lineDiscountFen, discountFen);
  const feasible = lineDiscountFen.every((d, k) => amounts[k]! - d >= 1);
  return { feasible, discountFen, lineDiscountFen, crossCoupon: usedCross, shopCoupons: usedShop };
}
