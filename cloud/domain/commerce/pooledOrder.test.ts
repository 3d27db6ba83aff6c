import { PLANNER_LIMITS, planPooledOrders } from '../coupons';
import { checkChange, checkDeadline, duesOf, plannerInput, withShapley, type HeldCoupon, type PooledLineRow } from './pooledOrder';

const now = new Date('2026-11-11T12:00:00Z');
const minutes = (m: number) => new Date(now.getTime() + m * 60_000);

const line = (lineId: string, userId: string, shopName: string, unitPriceFen: number, qty = 1): PooledLineRow => ({
  lineId,
  userId,
  productId: `p-${lineId}`,
  shopName,
  unitPriceFen,
  qty,
});
const cross = (couponId: string, userId: string, thresholdFen: number, discountFen: number, capFen: number | null = null): HeldCoupon => ({
  couponId,
  userId,
  kind: 'cross_store',
  shopName: null,
  thresholdFen,
  discountFen,
  percentOff: null,
  capFen,
});
const shop = (couponId: string, userId: string, shopName: string, thresholdFen: number, discountFen: number): HeldCoupon => ({
  couponId,
  userId,
  kind: 'shop',
  shopName,
  thresholdFen,
  discountFen,
  percentOff: null,
  capFen: null,
});

describe('pooled-order rules', () => {
  it('wants a deadline between 10 minutes and 7 days away', () => {
    expect(checkDeadline(now, new Date('nope'))).toBe('invalid');
    expect(checkDeadline(now, minutes(9))).toBe('too_soon');
    expect(checkDeadline(now, minutes(10))).toBeNull();
    expect(checkDeadline(now, minutes(7 * 24 * 60))).toBeNull();
    expect(checkDeadline(now, minutes(7 * 24 * 60 + 1))).toBe('too_far');
  });

  it('changes lines only while open; pays while open or confirming; nothing after the deadline', () => {
    const deadline = minutes(60);
    expect(checkChange({ status: 'open', deadline }, now, 'lines')).toBeNull();
    expect(checkChange({ status: 'confirming', deadline }, now, 'lines')).toEqual({ kind: 'closed', status: 'confirming' });
    expect(checkChange({ status: 'confirming', deadline }, now, 'confirm')).toBeNull();
    expect(checkChange({ status: 'placed', deadline }, now, 'confirm')).toEqual({ kind: 'closed', status: 'placed' });
    expect(checkChange({ status: 'expired', deadline }, now, 'lines')).toEqual({ kind: 'expired' });
    expect(checkChange({ status: 'open', deadline }, deadline, 'confirm')).toEqual({ kind: 'expired' });
  });

  it('gives the planner only coupons that can help, within its limits', () => {
    const lines = [line('l1', 'a', 'S1', 30_000), line('l2', 'b', 'S1', 20_000), line('l3', 'b', 'S2', 10_000)];
    const coupons = [
      cross('c1', 'a', 40_000, 5_000),
      cross('c2', 'b', 40_000, 5_000),
      cross('c3', 'b', 40_000, 5_000),
      cross('c4', 'b', 40_000, 5_000), // more cross coupons than lines: dropped
      shop('s1', 'a', 'S1', 10_000, 1_000),
      shop('s2', 'a', 'S1', 10_000, 2_000),
      shop('s3', 'b', 'S1', 10_000, 500), // a third S1 coupon for two S1 lines: dropped
      shop('s9', 'b', 'S9', 100, 50), // a shop with no lines: dropped
    ];
    const input = plannerInput(lines, coupons);
    expect(input.lines.map((l) => [l.lineId, l.memberId, l.shopId])).toEqual([
      ['l1', 'a', 'S1'],
      ['l2', 'b', 'S1'],
      ['l3', 'b', 'S2'],
    ]);
    expect(input.coupons.map((c) => c.couponId).sort()).toEqual(['c1', 'c2', 'c3', 's1', 's2']);
    const many = Array.from({ length: 100 }, (_, i) => cross(`x${String(i).padStart(3, '0')}`, 'a', 40_000, 5_000));
    const manyLines = Array.from({ length: 80 }, (_, i) => line(`m${i}`, 'a', `S${i}`, 100));
    expect(plannerInput(manyLines, many).coupons).toHaveLength(PLANNER_LIMITS.maxCoupons);
  });

  it('turns a plan into dues that sum to what the orders pay, and lists its coupons', () => {
    const input = plannerInput([line('l1', 'a', 'S1', 30_000), line('l2', 'b', 'S2', 20_000)], [cross('c1', 'a', 40_000, 5_000)]);
    expect(withShapley(input)).toBe(true);
    const result = planPooledOrders(input);
    if (!result.ok) throw new Error(result.error.message);
    const { dues, couponIds } = duesOf(result.plan);
    expect(couponIds).toEqual(['c1']);
    expect(dues.reduce((s, d) => s + d.dueFen, 0)).toBe(45_000);
    // 5,000 off allocated by amount: 3,000 to a's 30,000 and 2,000 to b's 20,000.
    expect(dues).toEqual([
      { userId: 'a', dueFen: 27_000 },
      { userId: 'b', dueFen: 18_000 },
    ]);
  });
});
