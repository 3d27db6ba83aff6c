import { at } from '../at';
import type { PlannerProblem } from './problem';

/**
 * True when no line can ever reach a zero pay, whatever order and coupons it gets: the most any
 * coupon can allocate to a line of amount a is its exact share plus the one fen largest
 * remainder may add, where a cross-store share is at most a × Y/X (floor(T/X)·Y ≤ T·Y/X, and
 * a cap only lowers it) and a shop share at most D × a / max(threshold, a). Most real carts are
 * safe (no line costs about as much as the coupons on it), and then the zero-pay rule cannot bite,
 * which lets the exact search treat plans with the same totals as the same plan.
 */
export function zeroPayRuleCannotBite(problem: PlannerProblem): boolean {
  const crossRate = Math.max(0, ...problem.crossCoupons.map((c) => c.discountFen / c.thresholdFen));
  const crossExtraFen = problem.crossCoupons.length > 0 ? 1 : 0;
  return problem.lines.every((line) => {
    const a = line.amountFen;
    const shopMaxFen = Math.max(
      0,
      ...at(problem.shopCouponsByShop, line.shopIndex, 'shop coupon list').map(
        (c) => (c.discountFen * a) / Math.max(c.thresholdFen, a) + 1,
      ),
    );
    return a * crossRate + crossExtraFen + shopMaxFen < a;
  });
}
