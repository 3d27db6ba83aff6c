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
