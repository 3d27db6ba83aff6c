/** What one coupon is worth on a given amount. Both thresholds count line amounts before coupons. */

export interface CrossStoreTerms {
  thresholdFen: number;
  discountFen: number;
  /** Infinity when the coupon has no cap. */
  capFen: number;
}

export interface ShopTerms {
  thresholdFen: number;
  discountFen: number;
}

/** 满X减Y, repeating: each full multiple of the threshold earns the discount, up to the cap. */
export function crossStoreDiscountFen(terms: CrossStoreTerms, orderAmountFen: number): number {
  return Math.min(terms.capFen, Math.floor(orderAmountFen / terms.thresholdFen) * terms.discountFen);
}

/** A shop coupon earns its discount once, when the shop's lines in the order reach the threshold. */
export function shopDiscountFen(terms: ShopTerms, shopSubtotalFen: number): number {
  return shopSubtotalFen > 0 && shopSubtotalFen >= terms.thresholdFen ? terms.discountFen : 0;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * A percentage coupon (折扣券: `percentOff` % off the order, at most `capFen`) as the planner
 * prices it: in whole steps, every full 100/g fen of the order earns percentOff/g fen, where g is
 * gcd(percentOff, 100). That is exactly percentOff % rounded down to the fen whenever percentOff
 * divides 100 (99折, 95折, 9折, 8折, 75折, 5折 …), and otherwise at most percentOff/g − 1 fen
 * less (85折: every full 20 fen earns 3 fen). As a step function it is a cross-store coupon, so
 * the exact planner, its bounds and the allocation treat it as one; it takes an order's one
 * cross-store place (an order uses either a cross-store or a percentage coupon).
 */
export function percentStepTerms(percentOff: number, capFen: number): CrossStoreTerms {
  if (!Number.isInteger(percentOff) || percentOff < 1 || percentOff > 99) throw new Error(`percentOff ${percentOff} is not 1-99`);
  const g = gcd(percentOff, 100);
  return { thresholdFen: 100 / g, discountFen: percentOff / g, capFen };
}

/** What a percentage coupon takes off an order amount (see percentStepTerms). */
export function percentDiscountFen(percentOff: number, capFen: number, orderAmountFen: number): number {
  return crossStoreDiscountFen(percentStepTerms(percentOff, capFen), orderAmountFen);
}
