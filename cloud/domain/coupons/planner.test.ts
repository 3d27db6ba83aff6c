import { at } from '../at';
import { bruteForceBestFen } from './bruteForce';
import { planPooledOrders, type PlannerInput, type PooledPlan } from './index';
import { buildProblem } from './problem';
import { mulberry32, randomInstance, type InstanceShape } from './randomInstances';

/** Small shapes with tiny prices and coupons close to line amounts, so every rule gets exercised. */
const TINY_SHAPE: Omit<InstanceShape, 'members' | 'lines' | 'shops' | 'crossCoupons' | 'shopCoupons'> = {
  unitPricesFen: [1, 2, 3, 7, 40, 99, 100, 150, 199, 250, 400],
  maxQty: 2,
  crossTerms: [
    { thresholdFen: 100, discountFen: 10 },
    { thresholdFen: 100, discountFen: 30, capFen: 60 },
    { thresholdFen: 300, discountFen: 120 },
    { thresholdFen: 50, discountFen: 49, capFen: 49 },
  ],
  shopTerms: [
    { thresholdFen: 100, discountFen: 20 },
    { thresholdFen: 200, discountFen: 80 },
    { thresholdFen: 0, discountFen: 5 },
    { thresholdFen: 150, discountFen: 149 },
  ],
};

function tinyInstance(random: () => number): PlannerInput {
  const int = (max: number) => Math.floor(random() * max);
  const crossCoupons = int(3);
  return randomInstance(random, {
    ...TINY_SHAPE,
    members: 1 + int(4),
    lines: 1 + int(6),
    shops: 1 + int(3),
    crossCoupons,
    shopCoupons: int(5 - crossCoupons),
  });
}

/** Re-derives each line's discount from the orders with its own largest-remainder code. */
function expectRulesHold(input: PlannerInput, plan: PooledPlan): void {
  const lineById = new Map(input.lines.map((l) => [l.lineId, l]));
  const couponById = new Map(input.coupons.map((c) => [c.couponId, c]));
  const planned = new Map(plan.lines.map((l) => [l.lineId, l]));
  expect(plan.lines.map((l) => l.lineId).sort()).toEqual(input.lines.map((l) => l.lineId).sort());
  const used = new Set<string>();
  const splitByAmount = (totalFen: number, ids: string[]): Map<string, number> => {
    const amounts = ids.map((id) => lineById.get(id)!.unitPriceFen * lineById.get(id)!.qty);
    const sum = amounts.reduce((a, b) => a + b, 0);
    const parts = amounts.map((a) => Math.floor((totalFen * a) / sum));
    const order = amounts
      .map((a, k) => ({ k, rem: (totalFen * a) % sum }))
      .sort((x, y) => y.rem - x.rem || (at(ids, x.k, 'line id') < at(ids, y.k, 'line id') ? -1 : 1));
    for (let left = totalFen - parts.reduce((a, b) => a + b, 0), r = 0; left > 0; left--, r++) {
      const { k } = at(order, r, 'remainder order');
      parts[k] = at(parts, k, 'part') + 1;
    }
    return new Map(ids.map((id, k) => [id, at(parts, k, 'part')]));
  };
  for (const order of plan.orders) {
    const expected = new Map(order.lineIds.map((id) => [id, 0]));
    const amountOf = (ids: string[]) => ids.reduce((sum, id) => sum + lineById.get(id)!.unitPriceFen * lineById.get(id)!.qty, 0);
    let discountFen = 0;
    if (order.crossStoreCouponId) {
      const coupon = couponById.get(order.crossStoreCouponId)!;
      if (coupon.kind !== 'crossStore') throw new Error('cross-store slot holds a shop coupon');
      const fen = Math.min(coupon.capFen ?? Infinity, Math.floor(amountOf(order.lineIds) / coupon.thresholdFen) * coupon.discountFen);
      expect(fen).toBeGreaterThan(0);
      discountFen += fen;
      for (const [id, part] of splitByAmount(fen, order.lineIds)) expected.set(id, expected.get(id)! + part);
    }
    const shopsWithCoupon = new Set<string>();
    for (const couponId of order.shopCouponIds) {
      const coupon = couponById.get(couponId)!;
      if (coupon.kind !== 'shop') throw new Error('shop slot holds a cross-store coupon');
      expect(shopsWithCoupon.has(coupon.shopId)).toBe(false);
      shopsWithCoupon.add(coupon.shopId);
      const shopLines = order.lineIds.filter((id) => lineById.get(id)!.shopId === coupon.shopId);
      expect(amountOf(shopLines)).toBeGreaterThanOrEqual(Math.max(coupon.thresholdFen, 1));
      discountFen += coupon.discountFen;
      for (const [id, part] of splitByAmount(coupon.discountFen, shopLines)) expected.set(id, expected.get(id)! + part);
    }
    for (const couponId of [order.crossStoreCouponId, ...order.shopCouponIds].filter((c): c is string => c !== null)) {
      expect(used.has(couponId)).toBe(false);
      used.add(couponId);
    }
    expect(order.discountFen).toBe(discountFen);
    for (const id of order.lineIds) {
      expect(planned.get(id)!.discountFen).toBe(expected.get(id));
      expect(planned.get(id)!.payFen).toBeGreaterThanOrEqual(1);
      expect(planned.get(id)!.orderId).toBe(order.orderId);
    }
  }
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  expect(sum(plan.orders.map((o) => o.discountFen))).toBe(plan.totalDiscountFen);
  expect(sum(plan.lines.map((l) => l.discountFen))).toBe(plan.totalDiscountFen);
  expect(sum(plan.members.map((m) => m.discountFen))).toBe(plan.totalDiscountFen);
  expect(sum(plan.members.map((m) => m.payFen))).toBe(plan.totalAmountFen - plan.totalDiscountFen);
  if (plan.fairness) expect(sum(plan.members.map((m) => m.shapleyDiscountFen!))).toBe(plan.totalDiscountFen);
  expect(plan.upperBoundFen).toBeGreaterThanOrEqual(plan.totalDiscountFen);
}

describe('planPooledOrders against brute force', () => {
  it('matches the best total on 2,000 random tiny instances and keeps every rule', () => {
    const random = mulberry32(20181111);
    for (let k = 0; k < 2000; k++) {
      const input = tinyInstance(random);
      const result = planPooledOrders(input, { withShapley: k % 10 === 0 });
      if (!result.ok) throw new Error(`instance ${k}: ${result.error.message}`);
      const bestFen = bruteForceBestFen(buildProblem(input));
      if (result.plan.totalDiscountFen !== bestFen)
        throw new Error(`instance ${k}: planner ${result.plan.totalDiscountFen}, brute force ${bestFen}\n${JSON.stringify(input)}`);
      expect(result.plan.exact).toBe(true);
      expectRulesHold(input, result.plan);
    }
  });
});
