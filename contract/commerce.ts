/**
 * Coupons (领券), pooled orders (领券拼单) and group buys (拼团). Amounts in fen; times ISO 8601.
 * Money-moving and creating calls take a `requestId`: the same requestId returns the same result
 * and never acts twice.
 */
import type { PurchaseRedPacketJson } from './money';
import type { PayOptions, PaymentJson } from './payments';

/** cross_store 跨店满减, shop 店铺券, percent 折扣券 (percentOff % off the whole order, up to capFen). */
export type CouponKind = 'cross_store' | 'shop' | 'percent';

/** A coupon on offer in the running campaign. */
export interface CouponTemplateJson {
  templateId: string;
  kind: CouponKind;
  title: string;
  /** The shop a shop coupon applies to; null for cross-store coupons. */
  shopName: string | null;
  /** Cross-store: every full thresholdFen of an order earns discountFen (repeating, up to capFen). Shop: once. */
  thresholdFen: number;
  discountFen: number;
  /** percent: % off (10 = 9折); null for the other kinds. */
  percentOff: number | null;
  capFen: number | null;
  stockTotal: number;
  stockLeft: number;
  perUserLimit: number;
  /** How many of this coupon the caller has claimed. */
  heldCount: number;
  /** When claiming ends (null: with the campaign). */
  claimEndsAt: string | null;
  /** How long a claimed coupon is usable: until a fixed time, or for some days after claiming (both null: throughout the campaign). */
  validUntil: string | null;
  validDays: number | null;
}

export interface UserCouponJson {
  couponId: string;
  templateId: string;
  kind: CouponKind;
  title: string;
  shopName: string | null;
  thresholdFen: number;
  discountFen: number;
  percentOff: number | null;
  capFen: number | null;
  status: 'available' | 'used';
  /** When it becomes usable (null: at once) and when it expires (null: never); an expired coupon is left out of pooled plans. */
  validFrom: string | null;
  expiresAt: string | null;
  /** The pooled order that uses it, while it is used. */
  pooledOrderId: string | null;
  claimedAt: string;
}

export type PooledOrderStatus = 'open' | 'confirming' | 'placed' | 'expired';

export interface PooledLineJson {
  lineId: string;
  itemId: string;
  productId: string;
  title: string;
  shopName: string;
  unitPriceFen: number;
  qty: number;
  amountFen: number;
}

/** The planner's answer: which lines go into which order with which coupons, and who saves what. */
export interface PooledPlanJson {
  orders: Array<{
    orderId: string;
    lineIds: string[];
    crossStoreCouponId: string | null;
    shopCouponIds: string[];
    amountFen: number;
    discountFen: number;
    payFen: number;
  }>;
  lines: Array<{ lineId: string; memberId: string; orderId: string; amountFen: number; discountFen: number; payFen: number }>;
  members: Array<{
    memberId: string;
    amountFen: number;
    discountFen: number;
    payFen: number;
    standaloneDiscountFen: number | null;
    shapleyDiscountFen: number | null;
  }>;
  totalAmountFen: number;
  totalDiscountFen: number;
  exact: boolean;
  upperBoundFen: number;
  fairness: { poolingGainFen: number; coalitionValues: 'exact' | 'heuristic'; coalitionsPlanned: number } | null;
}

export interface PooledOrderJson {
  pooledOrderId: string;
  groupId: string;
  createdBy: string;
  deadline: string;
  status: PooledOrderStatus;
  createdAt: string;
}

export interface PooledMemberJson {
  userId: string;
  nickname: string;
  lines: PooledLineJson[];
  /** Set once the plan is frozen: what the member pays, and whether she has. */
  dueFen: number | null;
  /** pending: her payment is on its way at the provider (the part is held until it arrives or expires). */
  payment: 'due' | 'pending' | 'paid' | 'refunded' | 'void' | null;
  /**
   * Once the orders are placed, for each payer: the purchase red packets her lines earned (items
   * groupmates shared), 0 when none; null before.
   */
  redPacketFen: number | null;
}

export interface PooledOrderView {
  pooledOrder: PooledOrderJson;
  members: PooledMemberJson[];
  /** The live plan while open, the frozen plan after the first confirmation; null without lines. */
  plan: PooledPlanJson | null;
  /** Why there is no plan although there are lines (the planner's input rule that failed). */
  planError: { code: string; message: string } | null;
  /** The coupons the plan uses, with their titles and holders, so members see whose coupon saves what. */
  planCoupons: Array<{ couponId: string; title: string; holderId: string; holderNickname: string }>;
}

/** One line of a group's pooled-order list. */
export interface PooledOrderSummaryJson extends PooledOrderJson {
  creatorNickname: string;
  lineCount: number;
  /** Members with at least one line. */
  memberCount: number;
  totalAmountFen: number;
}

export interface DealJson {
  dealId: string;
  product: { productId: string; title: string; shopName: string; priceFen: number; imageUrl: string | null };
  groupPriceFen: number;
  /** 团长优惠: what the one who opens a group buy pays; null: the group price. */
  leaderPriceFen: number | null;
  size: number;
  timeLimitHours: number;
  virtualCompletion: boolean;
}

export type GroupBuyStatus = 'open' | 'succeeded' | 'failed';

export interface GroupBuyJson {
  groupBuyId: string;
  deal: DealJson;
  leaderId: string;
  status: GroupBuyStatus;
  /** succeeded: 'full' | 'virtual'; failed: 'expired' | 'abandoned'; null while open. */
  outcome: string | null;
  size: number;
  seatsTaken: number;
  /** Members holding a paid seat (and, after a failure, those refunded). */
  members: Array<{
    userId: string;
    nickname: string;
    role: 'leader' | 'member';
    paidFen: number;
    /** pending: the seat is held while her payment is on its way (until the payment's expiresAt). */
    status: 'pending' | 'paid' | 'left' | 'refunded';
    joinedAt: string;
  }>;
  paidCount: number;
  expiresAt: string;
  createdAt: string;
}

export interface CommerceFunctions {
  listCoupons: { params: Record<string, never>; result: { campaignId: string | null; coupons: CouponTemplateJson[] } };
  /** 4006 no running campaign, 4020 out of stock, 4021 claim limit reached. */
  claimCoupon: { params: { templateId: string; requestId: string }; result: { coupon: UserCouponJson } };
  myCoupons: { params: { status?: 'available' | 'used' }; result: { coupons: UserCouponJson[] } };

  startPooledOrder: { params: { groupId: string; deadline: string; requestId: string }; result: PooledOrderView };
  /** Sets the caller's quantity of a group-list item (with a catalog product) in the pooled order. */
  addPooledLine: { params: { pooledOrderId: string; itemId: string; qty: number }; result: PooledOrderView };
  removePooledLine: { params: { pooledOrderId: string; lineId: string }; result: PooledOrderView };
  getPooledOrder: { params: { pooledOrderId: string }; result: PooledOrderView };
  /** The group's pooled orders, open and confirming first, then the 20 newest closed ones. Members only (119). */
  listPooledOrders: { params: { groupId: string }; result: { pooledOrders: PooledOrderSummaryJson[] } };
  /**
   * The caller pays her part of the plan (the first confirmation freezes the plan and reserves its
   * coupons). When everyone with lines has paid, the orders are placed. 4022 when the pooled
   * lines reach no coupon threshold, 4030 closed, 4031 past the deadline. Placing records one
   * order per payer, and each line of an item a groupmate shared earns its buyer a purchase red
   * packet, as a checkout does; `redPackets` lists the caller's (empty until the orders are placed).
   */
  confirmPooledOrder: {
    params: { pooledOrderId: string; requestId: string } & PayOptions;
    /** paidFen: the part paid (0 while the payment is pending at the provider). */
    result: PooledOrderView & { paidFen: number; redPackets: PurchaseRedPacketJson[]; payment: PaymentJson };
  };

  listDeals: { params: Record<string, never>; result: { campaignId: string | null; deals: DealJson[] } };
  /**
   * The leader pays first. 4006 no running campaign, 4008 too many open group buys. With `groupId`
   * (one of the caller's groups) the buy is opened in that group: its opening and its ending appear
   * in the group's feed.
   */
  openGroupBuy: {
    params: { dealId: string; requestId: string; groupId?: string } & PayOptions;
    result: { groupBuy: GroupBuyJson; payment: PaymentJson };
  };
  /** Anyone logged in with the id (from a share). 4030 full or closed, 4031 expired. */
  joinGroupBuy: {
    params: { groupBuyId: string; requestId: string } & PayOptions;
    result: { groupBuy: GroupBuyJson; payment: PaymentJson };
  };
  getGroupBuy: { params: { groupBuyId: string }; result: { groupBuy: GroupBuyJson } };
  /** The group buys the caller has a seat in (or had), open ones first, then the 20 newest closed ones. */
  myGroupBuys: { params: Record<string, never>; result: { groupBuys: GroupBuyJson[] } };
  /** Gives the seat back before success, refunded in full; a leaving leader hands over to the next member. */
  leaveGroupBuy: { params: { groupBuyId: string }; result: { groupBuy: GroupBuyJson; refundedFen: number } };
  /** Operator: runs the expiry of group buys and pooled orders due by now (the scheduler does it every half minute). */
  runCommerceExpiry: {
    params: Record<string, never>;
    result: { groupBuysFailed: number; groupBuysSucceeded: number; pooledOrdersExpired: number; refunds: number; refundedFen: number };
  };
}
