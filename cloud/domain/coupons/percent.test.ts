import { at } from '../at';
import { plannerInput, type HeldCoupon } from '../commerce/pooledOrder';
import { bruteForceBestFen } from './bruteForce';
import { percentDiscountFen, percentStepTerms } from './couponValue';
import { planPooledOrders, validatePlannerInput, type CouponInput, type PlannerInput } from './index';
import { buildProblem } from './problem';
import { mulberry32, randomInstance } from './randomInstances';

/** Straight from the documented rule: every full 100/g fen earns p/g fen, g = gcd(p, 100), at most the cap. */
function ruleFen(percentOff: number, capFen: number, amountFen: number): number {
  let g = 1;
  for (let d = 1; d <= percentOff; d++) if (percentOff % d === 0 && 100 % d === 0) g = d;
  return Math.min(capFen, Math.floor(amountFen / (100 / g)) * (percentOff / g));
}

describe('percentage coupons (折扣券)', () => {
  it('take exactly percentOff % rounded down when percentOff divides 100', () => {
    for (const percentOff of [1, 2, 4, 5, 10, 20, 25, 50]) {
      for (let amountFen = 0; amountFen <= 3000; amountFen += 7) {
        expect(percentDiscountFen(percentOff, Infinity, amountFen)).toBe(Math.floor((amountFen * percentOff) / 100));
      }
    }
  });

  it('otherwise stay within percentOff/g − 1 fen below the exact percentage, never above it', () => {
    const wrong: string[] = [];
    for (let percentOff = 1; percentOff <= 99; percentOff++) {
      const { discountFen: stepFen } = percentStepTerms(percentOff, Infinity);
      for (let amountFen = 0; amountFen <= 2000; amountFen += 3) {
        const fen = percentDiscountFen(percentOff, Infinity, amountFen);
        const exactFen = Math.floor((amountFen * percentOff) / 100);
        if (fen > exactFen || exactFen - fen > stepFen - 1 || fen !== ruleFen(percentOff, Infinity, amountFen))
          wrong.push(`${percentOff}% of ${amountFen}: ${fen} (exact ${exactFen})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('stop at the cap: 9折 up to ¥20', () => {
    expect(percentDiscountFen(10, 2000, 15_000)).toBe(1500);
    expect(percentDiscountFen(10, 2000, 20_000)).toBe(2000);
    expect(percentDiscountFen(10, 2000, 99_999)).toBe(2000);
    expect(percentStepTerms(15, 500)).toEqual({ thresholdFen: 20, discountFen: 3, capFen: 500 });
  });

  it('are checked by the planner input rules', () => {
    const line = { lineId: 'l1', productId: 'p1', shopId: 's1', memberId: 'm1', unitPriceFen: 100, qty: 1 };
    const withCoupon = (coupon: Record<string, unknown>) =>
      validatePlannerInput({ lines: [line], coupons: [{ couponId: 'c1', holderId: 'm1', kind: 'percent', ...coupon } as CouponInput] });
    expect(withCoupon({ percentOff: 10, capFen: 100 })).toBeNull();
    expect(withCoupon({ percentOff: 0, capFen: 100 })).toMatchObject({ code: 'BAD_COUPON', path: 'coupons[0].percentOff' });
    expect(withCoupon({ percentOff: 100, capFen: 100 })).toMatchObject({ code: 'BAD_COUPON', path: 'coupons[0].percentOff' });
    expect(withCoupon({ percentOff: 10 })).toMatchObject({ code: 'BAD_COUPON', path: 'coupons[0].capFen' });
  });

  it('take an order’s cross-store place: a 9折 coupon beats a weak 满减 on a small cart, each order uses one', () => {
    const input: PlannerInput = {
      lines: [
        { lineId: 'l1', productId: 'p1', shopId: 's1', memberId: 'm1', unitPriceFen: 9_000, qty: 1 },
        { lineId: 'l2', productId: 'p2', shopId: 's2', memberId: 'm2', unitPriceFen: 6_000, qty: 1 },
      ],
      coupons: [
        { couponId: 'pct', holderId: 'm1', kind: 'percent', percentOff: 10, capFen: 2_000 },
        { couponId: 'cross', holderId: 'm2', kind: 'crossStore', thresholdFen: 10_000, discountFen: 1_000 },
      ],
    };
    const result = planPooledOrders(input);
    if (!result.ok) throw new Error(result.error.message);
    // One order of ¥150 with 9折 saves ¥15; 满100减10 would save ¥10. Split: ¥90 alone with 9折
    // saves ¥9 and ¥60 reaches no threshold. Together with the percent coupon is best.
    expect(result.plan.totalDiscountFen).toBe(1_500);
    expect(result.plan.exact).toBe(true);
    expect(result.plan.orders).toHaveLength(1);
    expect(at(result.plan.orders, 0, 'order').crossStoreCouponId).toBe('pct');
  });

  it('plan as brute force does, on 1,000 random tiny carts mixing percentage, cross-store and shop coupons', () => {
    const random = mulberry32(20261111);
    const int = (max: number) => Math.floor(random() * max);
    for (let k = 0; k < 1000; k++) {
      const base = randomInstance(random, {
        members: 1 + int(3),
        lines: 1 + int(6),
        shops: 1 + int(3),
        crossCoupons: int(2),
        shopCoupons: int(3),
        unitPricesFen: [1, 3, 7, 40, 99, 100, 150, 199, 250, 400],
        maxQty: 2,
        crossTerms: [
          { thresholdFen: 100, discountFen: 10 },
          { thresholdFen: 100, discountFen: 30, capFen: 60 },
        ],
        shopTerms: [
          { thresholdFen: 100, discountFen: 20 },
          { thresholdFen: 0, discountFen: 5 },
        ],
      });
      const percents: CouponInput[] = Array.from({ length: 1 + int(2) }, (_, j) => ({
        couponId: `q${j}`,
        holderId: at(base.lines, int(base.lines.length), 'line').memberId,
        kind: 'percent',
        percentOff: at([10, 15, 20, 50, 88, 99], int(6), 'percent'),
        capFen: at([30, 100, 5_000], int(3), 'cap'),
      }));
      const input: PlannerInput = { lines: base.lines, coupons: [...base.coupons, ...percents] };
      const result = planPooledOrders(input, { withShapley: k % 10 === 0 });
      if (!result.ok) throw new Error(`instance ${k}: ${result.error.message}`);
      const bestFen = bruteForceBestFen(buildProblem(input));
      if (result.plan.totalDiscountFen !== bestFen)
        throw new Error(`instance ${k}: planner ${result.plan.totalDiscountFen}, brute force ${bestFen}\n${JSON.stringify(input)}`);
      expect(result.plan.exact).toBe(true);
      const amountOf = (ids: string[]) =>
        ids.reduce((sum, id) => {
          const line = input.lines.find((l) => l.lineId === id)!;
          return sum + line.unitPriceFen * line.qty;
        }, 0);
      for (const order of result.plan.orders) {
        const coupon = input.coupons.find((c) => c.couponId === order.crossStoreCouponId);
        const shopFen = order.shopCouponIds.reduce(
          (sum, id) => sum + (input.coupons.find((c) => c.couponId === id) as { discountFen: number }).discountFen,
          0,
        );
        if (coupon?.kind === 'percent')
          expect(order.discountFen - shopFen).toBe(ruleFen(coupon.percentOff, coupon.capFen, amountOf(order.lineIds)));
      }
      for (const line of result.plan.lines) expect(line.payFen).toBeGreaterThanOrEqual(1);
    }
  });

  it('reach the planner from held coupons, valued by their step terms', () => {
    const held = (couponId: string, c: Partial<HeldCoupon>): HeldCoupon => ({
      couponId,
      userId: 'u1',
      kind: 'percent',
      shopName: null,
      thresholdFen: 0,
      discountFen: 0,
      percentOff: 10,
      capFen: 2_000,
      ...c,
    });
    const input = plannerInput(
      [{ lineId: 'l1', userId: 'u1', productId: 'p1', shopName: 'S', unitPriceFen: 10_000, qty: 1 }],
      [held('a', {}), held('b', { kind: 'cross_store', percentOff: null, thresholdFen: 40_000, discountFen: 5_000, capFen: null })],
    );
    // One line takes one order-level coupon: the uncapped 满减 sorts first by its cap, as before.
    expect(input.coupons).toEqual([{ couponId: 'b', holderId: 'u1', kind: 'crossStore', thresholdFen: 40_000, discountFen: 5_000 }]);
    const two = plannerInput(
      [
        { lineId: 'l1', userId: 'u1', productId: 'p1', shopName: 'S', unitPriceFen: 10_000, qty: 1 },
        { lineId: 'l2', userId: 'u1', productId: 'p2', shopName: 'S', unitPriceFen: 10_000, qty: 1 },
      ],
      [held('a', {})],
    );
    expect(two.coupons).toEqual([{ couponId: 'a', holderId: 'u1', kind: 'percent', percentOff: 10, capFen: 2_000 }]);
  });
});
