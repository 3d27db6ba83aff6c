import { at } from '../at';
import { mulberry32 } from '../seededRandom';
import type { CouponInput, PlannerInput, PlannerLineInput } from './plan';

/** Seeded random planner inputs for tests and the benchmark (never used by the planner itself). */
export { mulberry32 };

export interface InstanceShape {
  members: number;
  lines: number;
  shops: number;
  crossCoupons: number;
  shopCoupons: number;
  /** Unit prices are drawn from these (fen); small ones exercise the zero-pay rule. */
  unitPricesFen: readonly number[];
  maxQty: number;
  /** Cross-store coupon terms to draw from. */
  crossTerms: ReadonlyArray<{ thresholdFen: number; discountFen: number; capFen?: number }>;
  shopTerms: ReadonlyArray<{ thresholdFen: number; discountFen: number }>;
}

export function randomInstance(random: () => number, shape: InstanceShape): PlannerInput {
  const pick = <T>(items: readonly T[]): T => at(items, Math.floor(random() * items.length), 'random choice');
  const int = (max: number) => Math.floor(random() * max);
  const memberId = (k: number) => `m${String(k).padStart(2, '0')}`;
  const lines: PlannerLineInput[] = Array.from({ length: shape.lines }, (_, k) => ({
    lineId: `l${String(k).padStart(3, '0')}`,
    productId: `p${int(1000)}`,
    shopId: `s${int(shape.shops)}`,
    memberId: memberId(int(shape.members)),
    unitPriceFen: pick(shape.unitPricesFen),
    qty: 1 + int(shape.maxQty),
  }));
  const coupons: CouponInput[] = [];
  for (let k = 0; k < shape.crossCoupons; k++) {
    coupons.push({ couponId: `c${k}`, holderId: memberId(int(shape.members)), kind: 'crossStore', ...pick(shape.crossTerms) });
  }
  for (let k = 0; k < shape.shopCoupons; k++) {
    coupons.push({
      couponId: `d${k}`,
      holderId: memberId(int(shape.members)),
      kind: 'shop',
      shopId: `s${int(shape.shops)}`,
      ...pick(shape.shopTerms),
    });
  }
  return { lines, coupons };
}

/** A Double 11-like cart: items of 9.9 to 899 yuan, 满400减50 allowances, shop coupons. */
export const DOUBLE_11_SHAPE: Omit<InstanceShape, 'members' | 'lines' | 'crossCoupons' | 'shopCoupons'> = {
  shops: 8,
  unitPricesFen: [990, 1990, 2990, 4900, 6800, 9900, 12900, 15900, 19900, 25900, 39900, 59900, 89900],
  maxQty: 3,
  crossTerms: [
    { thresholdFen: 40000, discountFen: 5000 },
    { thresholdFen: 40000, discountFen: 5000, capFen: 10000 },
    { thresholdFen: 30000, discountFen: 3000, capFen: 15000 },
  ],
  shopTerms: [
    { thresholdFen: 10000, discountFen: 1000 },
    { thresholdFen: 20000, discountFen: 3000 },
    { thresholdFen: 50000, discountFen: 8000 },
    { thresholdFen: 0, discountFen: 500 },
  ],
};
