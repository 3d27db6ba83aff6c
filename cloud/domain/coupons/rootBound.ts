import type { PlannerProblem } from './problem';
import { crossStoreBoundFen, shopBoundFen, shopRootBoundFen } from './upperBound';

/**
 * An upper bound on the best total discount of a whole problem, before any line is placed: the
 * cross-store coupons share the cart's total spend, each shop's coupons share that shop's spend,
 * and no plan can discount more than the cart minus one fen per line (the zero-pay rule).
 */
export function rootUpperBoundFen(problem: PlannerProblem): number {
  const totalFen = problem.lines.reduce((sum, l) => sum + l.amountFen, 0);
  const shopAmountFen = problem.shopIds.map(() => 0);
  for (const line of problem.lines) shopAmountFen[line.shopIndex] += line.amountFen;
  let boundFen = crossStoreBoundFen(problem.crossCoupons, problem.crossCoupons.map(() => 0), totalFen);
  problem.shopCouponsByShop.forEach((coupons, shop) => {
    boundFen += Math.min(shopRootBoundFen(coupons, shopAmountFen[shop]), shopBoundFen(coupons, [], shopAmountFen[shop]));
  });
  return Math.min(boundFen, Math.max(0, totalFen - problem.lines.length));
}
