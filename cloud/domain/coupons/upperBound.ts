import { crossStoreDiscountFen, type CrossStoreTerms, type ShopTerms } from './couponValue';
import { shopMatchingFen } from './shopMatching';

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
    const nowFen = crossStoreDiscountFen(coupon, currentTotalsFen[j]);
    boundFen += nowFen;
    let headroomFen = coupon.capFen - nowFen;
    if (headroomFen <= 0 || remainingFen <= 0) return;
    const firstCostFen = coupon.thresholdFen - (currentTotalsFen[j] % coupon.thresholdFen);
    if (firstCostFen > remainingFen) return;
    const firstGainFen = Math.min(coupon.discountFen, headroomFen);
    steps.push({ costFen: firstCostFen, gainFen: firstGainFen });
    headroomFen -= firstGainFen;
    // The later full steps share one ratio, so they go in as one bulk step (plus a clipped last one).
    const fullSteps = Math.min(Math.floor((remainingFen - firstCostFen) / coupon.thresholdFen), Math.floor(headroomFen / coupon.discountFen));
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
 * One shop's coupons when its lines still unplaced total `remainingFen`: each existing block can
 * grow by at most that much, and new blocks can hold at most that much, so the best matching on
 * those inflated blocks bounds the real one.
 */
export function shopBoundFen(coupons: readonly ShopTerms[], blockTotalsFen: readonly number[], remainingFen: number): number {
  if (remainingFen === 0) return shopMatchingFen(coupons, [...blockTotalsFen]);
  const inflated = blockTotalsFen.map((b) => (b > 0 ? b + remainingFen : 0));
  for (let k = 0; k < coupons.length; k++) inflated.push(remainingFen);
  return shopMatchingFen(coupons, inflated);
}

/**
 * One shop's coupons before anything is placed: each used coupon needs its own block of that
 * shop's lines reaching its threshold, so the thresholds of the used coupons fit in the shop's
 * amount; fractional knapsack by discount per threshold fen.
 */
export function shopRootBoundFen(coupons: readonly ShopTerms[], shopAmountFen: number): number {
  const byRatio = [...coupons].sort((a, b) => b.discountFen / Math.max(b.thresholdFen, 1) - a.discountFen / Math.max(a.thresholdFen, 1));
  let budgetFen = shopAmountFen;
  let boundFen = 0;
  for (const coupon of byRatio) {
    if (coupon.thresholdFen <= budgetFen) {
      boundFen += coupon.discountFen;
      budgetFen -= coupon.thresholdFen;
    } else {
      boundFen += Math.floor((coupon.discountFen * budgetFen) / coupon.thresholdFen);
      break;
    }
  }
  return boundFen;
}
