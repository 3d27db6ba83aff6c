import { at } from '../at';
import { crossStoreDiscountFen, shopDiscountFen } from './couponValue';
import { planPooledOrders, type CouponInput, type PlannerLineInput } from './index';
import { priceOrder } from './orderPricing';
import { buildProblem } from './problem';

const line = (lineId: string, memberId: string, shopId: string, unitPriceFen: number, qty = 1): PlannerLineInput => ({
  lineId,
  productId: `p-${lineId}`,
  shopId,
  memberId,
  unitPriceFen,
  qty,
});
const allowance = (couponId: string, holderId: string, capFen?: number): CouponInput => ({
  couponId,
  holderId,
  kind: 'crossStore',
  thresholdFen: 40000,
  discountFen: 5000,
  ...(capFen ? { capFen } : {}),
});

describe('cross-store 满X减Y', () => {
  it.each([
    [39999, undefined, 0],
    [40000, undefined, 5000],
    [79999, undefined, 5000],
    [80000, undefined, 10000],
    [200000, undefined, 25000],
    [200000, 12000, 12000],
    [80000, 10000, 10000],
  ])('on %i fen with cap %p earns %i fen', (amountFen, capFen, expectedFen) => {
    expect(crossStoreDiscountFen({ thresholdFen: 40000, discountFen: 5000, capFen: capFen ?? Infinity }, amountFen)).toBe(expectedFen);
  });
});

describe('shop coupon', () => {
  it.each([
    [9999, 0],
    [10000, 1000],
    [50000, 1000],
  ])('on %i fen earns %i fen once', (subtotalFen, expectedFen) => {
    expect(shopDiscountFen({ thresholdFen: 10000, discountFen: 1000 }, subtotalFen)).toBe(expectedFen);
  });
  it('with no threshold still needs a line of its shop', () => {
    expect(shopDiscountFen({ thresholdFen: 0, discountFen: 500 }, 0)).toBe(0);
    expect(shopDiscountFen({ thresholdFen: 0, discountFen: 500 }, 1)).toBe(500);
  });
});

describe('pricing one order', () => {
  const input = {
    lines: [line('a', 'm1', 's1', 30000), line('b', 'm2', 's1', 10000), line('c', 'm2', 's2', 100)],
    coupons: [
      allowance('x', 'm1'),
      { couponId: 'd', holderId: 'm2', kind: 'shop' as const, shopId: 's1', thresholdFen: 40000, discountFen: 3000 },
    ],
  };
  it('stacks the cross-store and shop coupons, each allocated by amount; shop coupons only on their shop', () => {
    const problem = buildProblem(input);
    const priced = priceOrder(
      problem,
      [0, 1, 2],
      at(problem.crossCoupons, 0, 'cross coupon'),
      at(problem.shopCouponsByShop, 0, 'shop coupons'),
    );
    // Cross-store 5000 over 30000/10000/100: floors 3740/1246/12, remainders .60/.88/.47, so the two
    // leftover fen go to b then a. Shop 3000 over the two s1 lines only: 2250/750.
    expect(priced.lineDiscountFen).toEqual([3741 + 2250, 1247 + 750, 12]);
    expect(priced.discountFen).toBe(8000);
    expect(priced.feasible).toBe(true);
  });
  it('refuses coupons that would bring a line to zero', () => {
    const tiny = {
      lines: [line('a', 'm1', 's1', 1), line('b', 'm1', 's1', 1)],
      coupons: [{ couponId: 'd', holderId: 'm1', kind: 'shop' as const, shopId: 's1', thresholdFen: 0, discountFen: 1 }],
    };
    const problem = buildProblem(tiny);
    expect(priceOrder(problem, [0, 1], null, at(problem.shopCouponsByShop, 0, 'shop coupons')).feasible).toBe(false);
    const result = planPooledOrders(tiny);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.plan.totalDiscountFen).toBe(0);
  });
});

describe('planPooledOrders', () => {
  it('pools two members below the threshold into one order that reaches it', () => {
    const result = planPooledOrders({
      lines: [line('a', 'm1', 's1', 25000), line('b', 'm2', 's2', 15000)],
      coupons: [allowance('x', 'm1')],
    });
    if (!result.ok) throw new Error(result.error.message);
    const { plan } = result;
    expect(plan.totalDiscountFen).toBe(5000);
    expect(plan.exact).toBe(true);
    expect(plan.orders).toHaveLength(1);
    expect(plan.lines.map((l) => l.discountFen)).toEqual([3125, 1875]);
    expect(plan.members.map((m) => [m.memberId, m.discountFen, m.payFen, m.standaloneDiscountFen])).toEqual([
      ['m1', 3125, 21875, 0],
      ['m2', 1875, 13125, 0],
    ]);
    // Neither can earn anything alone and both are needed: the gain is split equally.
    expect(plan.members.map((m) => m.shapleyDiscountFen)).toEqual([2500, 2500]);
    expect(plan.fairness?.poolingGainFen).toBe(5000);
  });

  it('uses two capped allowances on two orders when one order would hit the cap', () => {
    const lines = [line('a', 'm1', 's1', 40000), line('b', 'm1', 's1', 40000), line('c', 'm2', 's2', 40000), line('d', 'm2', 's2', 40000)];
    const result = planPooledOrders({ lines, coupons: [allowance('x', 'm1', 10000), allowance('y', 'm2', 10000)] });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.plan.totalDiscountFen).toBe(20000);
    expect(result.plan.orders.filter((o) => o.crossStoreCouponId)).toHaveLength(2);
  });

  it('gives a member who brings nothing nothing (null player), and symmetric members the same', () => {
    const lines = [line('a', 'm1', 's1', 20000), line('b', 'm2', 's1', 20000), line('c', 'm3', 's1', 20000)];
    const coupons: CouponInput[] = [allowance('x', 'm4')];
    const result = planPooledOrders({ lines, coupons });
    if (!result.ok) throw new Error(result.error.message);
    const shapley = Object.fromEntries(result.plan.members.map((m) => [m.memberId, m.shapleyDiscountFen]));
    expect(result.plan.totalDiscountFen).toBe(5000);
    // Any two of m1..m3 plus m4's coupon reach 400 yuan; efficiency: the parts sum to the total.
    expect(shapley.m1! + shapley.m2! + shapley.m3! + shapley.m4!).toBe(5000);
    expect(Math.max(shapley.m1!, shapley.m2!, shapley.m3!) - Math.min(shapley.m1!, shapley.m2!, shapley.m3!)).toBeLessThanOrEqual(1);
    const withIdle = planPooledOrders({ lines: [...lines, line('e', 'm5', 's9', 100)], coupons });
    if (!withIdle.ok) throw new Error(withIdle.error.message);
    expect(withIdle.plan.members.find((m) => m.memberId === 'm5')?.shapleyDiscountFen).toBe(0);
  });

  it('reports heuristic results on large carts with an upper bound', () => {
    const lines = Array.from({ length: 30 }, (_, k) => line(`l${String(k).padStart(2, '0')}`, `m${k % 5}`, `s${k % 3}`, 9900 + 1000 * k));
    const result = planPooledOrders({ lines, coupons: [allowance('x', 'm0', 10000), allowance('y', 'm1')] }, { withShapley: false });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.plan.upperBoundFen).toBeGreaterThanOrEqual(result.plan.totalDiscountFen);
    expect(result.plan.fairness).toBeNull();
  });
});
