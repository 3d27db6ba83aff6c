import { at } from '../at';
import { crossStoreDiscountFen, type CrossStoreTerms, type ShopTerms } from './couponValue';

/**
 * Upper bounds on the discount still reachable, for pruning the exact search and for reporting
 * how far a heuristic result can be from the optimum. All of them ignore the zero-pay rule, which
 * can only lower the real value.
 */

/**
 * Cross-store coupons whose orders currently total `currentTotalsFen` and may still receive at
 * most `remainingFen` between them: a fractional knapsack. For each coupon, reaching its next
 * level costs the gap to the next multiple of the threshold and every later level costs a full
 * threshold, each earning the discount (clipped at the cap). Those steps get no cheaper per fen,
 * so filling the best ratios first, the last one fractionally, bounds any real split of the
 * remaining spend.
 */
export function crossStoreBoundFen(coupons: readonly CrossStoreTerms[], currentTotalsFen: readonly number[], remainingFen: number): number {
  let boundFen = 0;
  const steps: Array<{ costFen: number; gainFen: number }> = [];
  coupons.forEach((coupon, j) => {
    const totalFen = at(currentTotalsFen, j, 'cross order total');
    const nowFen = crossStoreDiscountFen(coupon, totalFen);
    boundFen += nowFen;
    let headroomFen = coupon.capFen - nowFen;
    if (headroomFen <= 0 || remainingFen <= 0) return;
    const firstCostFen = coupon.thresholdFen - (totalFen % coupon.thresholdFen);
    if (firstCostFen > remainingFen) return;
    const firstGainFen = Math.min(coupon.discountFen, headroomFen);
    steps.push({ costFen: firstCostFen, gainFen: firstGainFen });
    headroomFen -= firstGainFen;
    // The later full steps share one ratio, so they go in as one bulk step (plus a clipped last one).
    const fullSteps = Math.min(
      Math.floor((remainingFen - firstCostFen) / coupon.thresholdFen),
      Math.floor(headroomFen / coupon.discountFen),
    );
    if (fullSteps > 0) {
      steps.push({ costFen: fullSteps * coupon.thresholdFen, gainFen: fullSteps * coupon.discountFen });
      headroomFen -= fullSteps * coupon.discountFen;
    }
    if (headroomFen > 0 && headroomFen < coupon.discountFen) steps.push({ costFen: coupon.thresholdFen, gainFen: headroomFen });
  });
  steps.sort((a, b) => b.gainFen / b.costFen - a.gainFen / a.costFen);
  let budgetFen = remainingFen;
  for (const step of steps) {
    if (budgetFen <= 0) break;
    if (step.costFen <= budgetFen) {
      boundFen += step.gainFen;
      budgetFen -= step.costFen;
    } else {
      boundFen += Math.floor((step.gainFen * budgetFen) / step.costFen);
      budgetFen = 0;
    }
  }
  return boundFen;
}

/**
 * One shop's coupons when its lines still unplaced total `remainingFen` over `remainingLines`
 * lines. Each used coupon needs a block of its own (the shop's lines in one order) that reaches
 * its threshold: an existing block, or a new one, of which there can be at most one per unplaced
 * line. What the blocks still lack must come out of the one remaining amount. For a set of coupons
 * the least it can lack is with thresholds and blocks both sorted descending and paired in order
 * (the shortfall max(0, threshold − block) is convex, so crossing pairs never helps; new blocks
 * count as empty). The best set whose shortfall fits is the bound; with nothing remaining it is
 * exactly the matching of shopMatching.ts. A shop has at most maxShopCouponsPerShop coupons, so
 * trying every set is cheap.
 */
export function shopBoundFen(
  coupons: readonly ShopTerms[],
  blockTotalsFen: readonly number[],
  remainingFen: number,
  remainingLines = Infinity,
): number {
  const blocks = blockTotalsFen.filter((b) => b > 0).sort((a, b) => b - a);
  const blockLimit = blocks.length + Math.min(remainingLines, coupons.length);
  // Coupon k is in a set when bit k is; stable sort keeps equal thresholds in coupon order.
  const byThreshold = coupons
    .map((c, k) => ({ bit: 1 << k, thresholdFen: Math.max(c.thresholdFen, 1), discountFen: c.discountFen }))
    .sort((a, b) => b.thresholdFen - a.thresholdFen);
  let bestFen = 0;
  for (let set = 1; set < 1 << coupons.length; set++) {
    let discountFen = 0;
    let lackFen = 0;
    let rank = 0;
    for (const coupon of byThreshold) {
      if (!(set & coupon.bit)) continue;
      discountFen += coupon.discountFen;
      // Past the existing blocks, a coupon's block is a new one (empty).
      lackFen += Math.max(0, coupon.thresholdFen - (blocks[rank] ?? 0));
      rank++;
    }
    if (rank <= blockLimit && lackFen <= remainingFen && discountFen > bestFen) bestFen = discountFen;
  }
  return bestFen;
}
