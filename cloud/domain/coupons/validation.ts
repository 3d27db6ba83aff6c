import { PLANNER_LIMITS, type PlannerInput, type PlannerInputError, type PlannerInputErrorCode } from './plan';

/**
 * Checks planner input against PLANNER_LIMITS and returns the first problem as a named value
 * (null when the input is good). Checks run in a fixed, documented order so that callers and
 * tests see the same error for the same input:
 *   1. sizes: NO_LINES, TOO_MANY_LINES, TOO_MANY_COUPONS;
 *   2. each line in input order: ids (BAD_ID, DUPLICATE_ID), BAD_QTY, BAD_PRICE;
 *   3. TOO_MANY_MEMBERS (distinct line owners and coupon holders);
 *   4. each coupon in input order: ids, BAD_COUPON;
 *   5. TOO_MANY_SHOP_COUPONS per shop.
 */
export function validatePlannerInput(input: PlannerInput): PlannerInputError | null {
  const limits = PLANNER_LIMITS;
  const fail = (code: PlannerInputErrorCode, path: string, message: string): PlannerInputError => ({ code, path, message });
  if (!input || !Array.isArray(input.lines) || !Array.isArray(input.coupons))
    return fail('NO_LINES', 'lines', 'lines and coupons must be arrays');
  if (input.lines.length === 0) return fail('NO_LINES', 'lines', 'there are no lines to plan');
  if (input.lines.length > limits.maxLines)
    return fail('TOO_MANY_LINES', 'lines', `at most ${limits.maxLines} lines, got ${input.lines.length}`);
  if (input.coupons.length > limits.maxCoupons)
    return fail('TOO_MANY_COUPONS', 'coupons', `at most ${limits.maxCoupons} coupons, got ${input.coupons.length}`);

  const lineIds = new Set<string>();
  const members = new Set<string>();
  for (const [i, line] of input.lines.entries()) {
    const path = `lines[${i}]`;
    for (const field of ['lineId', 'productId', 'shopId', 'memberId'] as const) {
      if (!isGoodId(line[field]))
        return fail('BAD_ID', `${path}.${field}`, `${field} must be a non-empty string of at most ${limits.maxIdLength} characters`);
    }
    if (lineIds.has(line.lineId)) return fail('DUPLICATE_ID', `${path}.lineId`, `line ${line.lineId} appears twice`);
    lineIds.add(line.lineId);
    if (!isIntegerIn(line.qty, 1, limits.maxQty))
      return fail('BAD_QTY', `${path}.qty`, `qty must be an integer from 1 to ${limits.maxQty}`);
    if (!isIntegerIn(line.unitPriceFen, limits.minUnitPriceFen, limits.maxUnitPriceFen)) {
      return fail(
        'BAD_PRICE',
        `${path}.unitPriceFen`,
        `unitPriceFen must be an integer from ${limits.minUnitPriceFen} to ${limits.maxUnitPriceFen}`,
      );
    }
    members.add(line.memberId);
  }

  for (const coupon of input.coupons) if (isGoodId(coupon?.holderId)) members.add(coupon.holderId);
  if (members.size > limits.maxMembers)
    return fail('TOO_MANY_MEMBERS', 'lines', `at most ${limits.maxMembers} members, got ${members.size}`);

  const couponIds = new Set<string>();
  const shopCouponCount = new Map<string, number>();
  for (const [i, coupon] of input.coupons.entries()) {
    const path = `coupons[${i}]`;
    for (const field of ['couponId', 'holderId'] as const) {
      if (!isGoodId(coupon?.[field]))
        return fail('BAD_ID', `${path}.${field}`, `${field} must be a non-empty string of at most ${limits.maxIdLength} characters`);
    }
    if (couponIds.has(coupon.couponId)) return fail('DUPLICATE_ID', `${path}.couponId`, `coupon ${coupon.couponId} appears twice`);
    couponIds.add(coupon.couponId);
    if (coupon.kind === 'percent') {
      if (!isIntegerIn(coupon.percentOff, 1, 99))
        return fail('BAD_COUPON', `${path}.percentOff`, 'percentOff must be an integer from 1 to 99');
      if (!isIntegerIn(coupon.capFen, 1, limits.maxDiscountFen))
        return fail('BAD_COUPON', `${path}.capFen`, `capFen must be an integer from 1 to ${limits.maxDiscountFen}`);
      continue;
    }
    if (!isIntegerIn(coupon.discountFen, 1, limits.maxDiscountFen))
      return fail('BAD_COUPON', `${path}.discountFen`, `discountFen must be an integer from 1 to ${limits.maxDiscountFen}`);
    if (coupon.kind === 'crossStore') {
      // A repeating threshold of zero would earn the discount infinitely often; 满X减Y always has Y < X.
      if (!isIntegerIn(coupon.thresholdFen, 1, limits.maxThresholdFen))
        return fail('BAD_COUPON', `${path}.thresholdFen`, `thresholdFen must be an integer from 1 to ${limits.maxThresholdFen}`);
      if (coupon.discountFen >= coupon.thresholdFen)
        return fail('BAD_COUPON', `${path}.discountFen`, 'a cross-store discount must be below its threshold');
      if (coupon.capFen !== undefined && !isIntegerIn(coupon.capFen, coupon.discountFen, limits.maxDiscountFen * 100)) {
        return fail('BAD_COUPON', `${path}.capFen`, 'capFen must be an integer at least discountFen');
      }
    } else if (coupon.kind === 'shop') {
      if (!isGoodId(coupon.shopId))
        return fail('BAD_ID', `${path}.shopId`, `shopId must be a non-empty string of at most ${limits.maxIdLength} characters`);
      // Threshold zero is a no-threshold coupon (无门槛券); the zero-pay rule still protects the lines.
      if (!isIntegerIn(coupon.thresholdFen, 0, limits.maxThresholdFen))
        return fail('BAD_COUPON', `${path}.thresholdFen`, `thresholdFen must be an integer from 0 to ${limits.maxThresholdFen}`);
      shopCouponCount.set(coupon.shopId, (shopCouponCount.get(coupon.shopId) ?? 0) + 1);
    } else {
      return fail('BAD_COUPON', `${path}.kind`, "kind must be 'crossStore', 'shop' or 'percent'");
    }
  }
  for (const [shopId, count] of shopCouponCount) {
    if (count > limits.maxShopCouponsPerShop)
      return fail('TOO_MANY_SHOP_COUPONS', 'coupons', `at most ${limits.maxShopCouponsPerShop} coupons for shop ${shopId}, got ${count}`);
  }
  return null;
}

function isGoodId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= PLANNER_LIMITS.maxIdLength;
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;
}
