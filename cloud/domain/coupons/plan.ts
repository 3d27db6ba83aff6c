/**
 * Types of the pooled-order planner: what callers pass in, what they get back, and the named
 * limits on every input dimension. The model itself is documented in index.ts.
 */

/** Limits on the input. Every one is checked by validation.ts before any planning starts. */
export const PLANNER_LIMITS = Object.freeze({
  /** A group of 15 members with about a dozen items each. */
  maxLines: 200,
  maxCoupons: 60,
  /** The group cap from the product rules; Shapley over 2^15 coalitions stays tractable. */
  maxMembers: 15,
  /** Coupons of one shop: the per-shop matching is exact and cheap up to this many. */
  maxShopCouponsPerShop: 8,
  maxQty: 99,
  minUnitPriceFen: 1,
  /** 1,000,000 yuan: every sum of amounts stays far below 2^53. */
  maxUnitPriceFen: 100_000_000,
  maxThresholdFen: 1_000_000_000,
  maxDiscountFen: 100_000_000,
  maxIdLength: 64,
});

/** Carts up to this many lines are planned exactly; larger ones by the heuristic plus a bound. */
export const EXACT_MAX_LINES = 20;

export interface PlannerLineInput {
  lineId: string;
  productId: string;
  shopId: string;
  memberId: string;
  /** Price of one unit after single-item discounts (单品优惠), excluding shipping. */
  unitPriceFen: number;
  qty: number;
}

/** 满X减Y, repeating: every full `thresholdFen` of the order amount earns `discountFen`, up to `capFen`. */
export interface CrossStoreCouponInput {
  couponId: string;
  holderId: string;
  kind: 'crossStore';
  thresholdFen: number;
  discountFen: number;
  capFen?: number;
}

/** A shop coupon: `discountFen` off the shop's lines in one order once they reach `thresholdFen`. */
export interface ShopCouponInput {
  couponId: string;
  holderId: string;
  kind: 'shop';
  shopId: string;
  thresholdFen: number;
  discountFen: number;
}

/**
 * 折扣券: `percentOff` % off the whole order, at most `capFen`, in whole steps (see
 * percentStepTerms in couponValue.ts); it takes the order's cross-store place.
 */
export interface PercentCouponInput {
  couponId: string;
  holderId: string;
  kind: 'percent';
  percentOff: number;
  capFen: number;
}

export type CouponInput = CrossStoreCouponInput | ShopCouponInput | PercentCouponInput;

export interface PlannerInput {
  lines: readonly PlannerLineInput[];
  coupons: readonly CouponInput[];
}

export interface PlannerOptions {
  /** Compute the Shapley split of the pooling gain (default true). */
  withShapley?: boolean;
}

export interface PlannedOrder {
  orderId: string;
  lineIds: string[];
  crossStoreCouponId: string | null;
  shopCouponIds: string[];
  amountFen: number;
  discountFen: number;
  payFen: number;
}

export interface PlannedLine {
  lineId: string;
  memberId: string;
  orderId: string;
  amountFen: number;
  discountFen: number;
  payFen: number;
}

export interface MemberOutcome {
  memberId: string;
  amountFen: number;
  /** What the member saves when each order's discount is allocated to its lines by amount. */
  discountFen: number;
  payFen: number;
  /** What the member's own lines and coupons would save without the group. */
  standaloneDiscountFen: number | null;
  /** The member's Shapley value of the group's discount, rounded to fen by largest remainder. */
  shapleyDiscountFen: number | null;
}

export interface FairnessReport {
  /** The plan's total discount minus the sum of what members would save alone. */
  poolingGainFen: number;
  /** 'exact' when every coalition value came from the exact planner, else 'heuristic'. */
  coalitionValues: 'exact' | 'heuristic';
  coalitionsPlanned: number;
}

export interface PooledPlan {
  orders: PlannedOrder[];
  lines: PlannedLine[];
  members: MemberOutcome[];
  totalAmountFen: number;
  totalDiscountFen: number;
  /** True when `totalDiscountFen` is proven optimal. */
  exact: boolean;
  /** An upper bound on the optimal total discount (equal to the total when exact). */
  upperBoundFen: number;
  fairness: FairnessReport | null;
}

export type PlannerInputErrorCode =
  | 'NO_LINES'
  | 'TOO_MANY_LINES'
  | 'TOO_MANY_COUPONS'
  | 'TOO_MANY_MEMBERS'
  | 'TOO_MANY_SHOP_COUPONS'
  | 'BAD_ID'
  | 'DUPLICATE_ID'
  | 'BAD_QTY'
  | 'BAD_PRICE'
  | 'BAD_COUPON';

export interface PlannerInputError {
  code: PlannerInputErrorCode;
  message: string;
  /** Where in the input, e.g. `lines[3].qty`. */
  path: string;
}

export type PlannerResult = { ok: true; plan: PooledPlan } | { ok: false; error: PlannerInputError };
