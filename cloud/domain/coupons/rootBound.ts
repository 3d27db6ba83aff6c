import type { PlannerProblem } from './problem';
import { crossStoreLevelBoundFen } from './crossLevelBound';
import { shopPotentialFen } from './shopPotential';
import { shopBoundFen } from './upperBound';

/**
 * An upper bound on the best total discount of a whole problem, before any line is placed: the
 * cross-store coupons share the cart's total spend in whole discount levels, each shop's coupons
 * share that shop's spend and can earn no more than that shop's lines allow (shopPotential.ts),
 * and no plan can discount more than the cart minus one fen per line (the zero-pay rule).
 */
export function rootUpperBoundFen(problem: PlannerProblem): number {
  const totalFen = problem.lines.reduce((sum, l) => sum + l.amountFen, 0);
  let boundFen = crossStoreLevelBoundFen(
    problem.crossCoupons,
    problem.crossCoupons.map(() => 0),
    totalFen,
  );
  problem.shopCouponsByShop.forEach((coupons, shop) => {
    const amountsFen = problem.lines.filter((l) => l.shopIndex === shop).map((l) => l.amountFen);
    const shopAmountFen = amountsFen.reduce((sum, a) => sum + a, 0);
    boundFen += Math.min(shopBoundFen(coupons, [], shopAmountFen, amountsFen.length), shopPotentialFen(coupons, amountsFen));
  });
  return Math.min(boundFen, Math.max(0, totalFen - problem.lines.length));
}
