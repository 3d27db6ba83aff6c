import { planPooledOrders, PLANNER_LIMITS, type CouponInput, type PlannerInput, type PlannerLineInput } from './index';

const line = (k: number, overrides: Partial<PlannerLineInput> = {}): PlannerLineInput => ({
  lineId: `l${k}`,
  productId: 'p',
  shopId: 's',
  memberId: `m${k % 3}`,
  unitPriceFen: 1000,
  qty: 1,
  ...overrides,
});
const coupon = (overrides: Partial<CouponInput> = {}): CouponInput =>
  ({ couponId: 'c', holderId: 'm0', kind: 'crossStore', thresholdFen: 40000, discountFen: 5000, ...overrides }) as CouponInput;
const codeOf = (input: PlannerInput) => {
  const result = planPooledOrders(input, { withShapley: false });
  return result.ok ? 'ok' : result.error.code;
};

describe('input validation, in the documented order', () => {
  it.each<[string, PlannerInput, string]>([
    ['no lines', { lines: [], coupons: [] }, 'NO_LINES'],
    [
      'too many lines (checked before the lines themselves)',
      { lines: Array.from({ length: PLANNER_LIMITS.maxLines + 1 }, (_, k) => line(k, { qty: 0 })), coupons: [] },
      'TOO_MANY_LINES',
    ],
    [
      'too many coupons',
      { lines: [line(0)], coupons: Array.from({ length: PLANNER_LIMITS.maxCoupons + 1 }, (_, k) => coupon({ couponId: `c${k}` })) },
      'TOO_MANY_COUPONS',
    ],
    ['an empty id', { lines: [line(0, { shopId: '' })], coupons: [] }, 'BAD_ID'],
    ['a duplicate line', { lines: [line(0), line(0)], coupons: [] }, 'DUPLICATE_ID'],
    ['a zero quantity', { lines: [line(0, { qty: 0 })], coupons: [] }, 'BAD_QTY'],
    ['a fractional price', { lines: [line(0, { unitPriceFen: 99.5 })], coupons: [] }, 'BAD_PRICE'],
    ['a price above the limit', { lines: [line(0, { unitPriceFen: PLANNER_LIMITS.maxUnitPriceFen + 1 })], coupons: [] }, 'BAD_PRICE'],
    ['sixteen members', { lines: Array.from({ length: 16 }, (_, k) => line(k, { memberId: `u${k}` })), coupons: [] }, 'TOO_MANY_MEMBERS'],
    ['a duplicate coupon', { lines: [line(0)], coupons: [coupon(), coupon()] }, 'DUPLICATE_ID'],
    ['a discount not below its threshold', { lines: [line(0)], coupons: [coupon({ discountFen: 40000 })] }, 'BAD_COUPON'],
    ['a cap below the discount', { lines: [line(0)], coupons: [coupon({ capFen: 100 })] }, 'BAD_COUPON'],
    ['a zero repeating threshold', { lines: [line(0)], coupons: [coupon({ thresholdFen: 0 })] }, 'BAD_COUPON'],
    ['an unknown kind', { lines: [line(0)], coupons: [coupon({ kind: 'gift' } as never)] }, 'BAD_COUPON'],
    [
      'too many coupons of one shop',
      {
        lines: [line(0)],
        coupons: Array.from({ length: PLANNER_LIMITS.maxShopCouponsPerShop + 1 }, (_, k) => ({
          couponId: `d${k}`,
          holderId: 'm0',
          kind: 'shop' as const,
          shopId: 's',
          thresholdFen: 0,
          discountFen: 1,
        })),
      },
      'TOO_MANY_SHOP_COUPONS',
    ],
    ['a good input', { lines: [line(0)], coupons: [coupon()] }, 'ok'],
  ])('%s → %s', (_, input, expected) => {
    expect(codeOf(input)).toBe(expected);
  });
});
