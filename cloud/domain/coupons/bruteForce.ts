import { at } from '../at';
import { priceOrder, type PricedOrder } from './orderPricing';
import type { PlannerProblem, ProblemCrossCoupon, ProblemShopCoupon } from './problem';

/**
 * Test reference: the best total discount by trying every partition of the lines into orders and
 * every assignment of every coupon to an order (or to none), straight from the rules, sharing
 * nothing with the planners but the pricing of one order. Only for tiny problems.
 */
export function bruteForceBestFen(problem: PlannerProblem): number {
  const n = problem.lines.length;
  const coupons: Array<{ cross: ProblemCrossCoupon } | { shop: ProblemShopCoupon }> = [
    ...problem.crossCoupons.map((cross) => ({ cross })),
    ...problem.shopCouponsByShop.flat().map((shop) => ({ shop })),
  ];
  let best = 0;
  const orderOf = Array<number>(n).fill(0);
  const partition = (line: number, orderCount: number): void => {
    if (line === n) {
      best = Math.max(best, bestAssignment(orderCount));
      return;
    }
    for (let o = 0; o <= orderCount; o++) {
      orderOf[line] = o;
      partition(line + 1, Math.max(orderCount, o + 1));
    }
  };
  const bestAssignment = (orderCount: number): number => {
    const orders = Array.from({ length: orderCount }, (_, o) => orderOf.flatMap((x, line) => (x === o ? [line] : [])));
    const cross: Array<ProblemCrossCoupon | null> = orders.map(() => null);
    const shop: ProblemShopCoupon[][] = orders.map(() => []);
    let bestHere = 0;
    // Adding a coupon to an order only adds to its lines' discounts, so an order that breaks the
    // zero-pay rule stays broken: check each order as coupons arrive, and remember its price.
    const memo = new Map<string, PricedOrder>();
    const price = (o: number) => {
      const crossHere = at(cross, o, 'cross coupon of order');
      const shopHere = at(shop, o, 'shop coupons of order');
      const key = `${o}|${crossHere?.couponId ?? ''}|${shopHere.map((c) => c.couponId).join(',')}`;
      let priced = memo.get(key);
      if (!priced) memo.set(key, (priced = priceOrder(problem, at(orders, o, 'order'), crossHere, shopHere)));
      return priced;
    };
    const assign = (k: number): void => {
      if (k === coupons.length) {
        let total = 0;
        for (let o = 0; o < orderCount; o++) total += price(o).discountFen;
        bestHere = Math.max(bestHere, total);
        return;
      }
      assign(k + 1);
      const coupon = at(coupons, k, 'coupon');
      for (let o = 0; o < orderCount; o++) {
        if ('cross' in coupon) {
          if (cross[o]) continue;
          cross[o] = coupon.cross;
          // A coupon below its threshold earns nothing: the same as leaving it unused.
          if (price(o).feasible && price(o).crossCoupon) assign(k + 1);
          cross[o] = null;
        } else {
          const s = coupon.shop.shopIndex;
          const shopHere = at(shop, o, 'shop coupons of order');
          if (
            shopHere.some((c) => c.shopIndex === s) ||
            !at(orders, o, 'order').some((line) => at(problem.lines, line, 'line').shopIndex === s)
          )
            continue;
          shopHere.push(coupon.shop);
          if (price(o).feasible && price(o).shopCoupons.includes(coupon.shop)) assign(k + 1);
          shopHere.pop();
        }
      }
    };
    assign(0);
    return bestHere;
  };
  partition(0, 0);
  return best;
}
