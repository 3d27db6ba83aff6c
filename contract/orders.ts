/**
 * 我的订单: one history of what a shopper bought or tried to buy — checkouts (orders recorded by
 * the host's order system or demo mode's simulateCheckout), her parts of pooled orders, and her
 * seats in group buys. Amounts in fen; times ISO 8601.
 */
import type { PaymentProviderName, PaymentStatus } from './payments';

export type MyOrderKind = 'checkout' | 'pooled' | 'group_buy';

/**
 * Where the shopper's purchase stands:
 * - pending_payment: her part or seat waits for her money (not paid yet, or on its way at the provider);
 * - paid: her money is in, the pooled order or group buy waits for the others;
 * - placed: the order went out (a checkout is placed when recorded; partly refunded ones stay placed);
 * - refunding: her money is on its way back at the provider;
 * - refunded: her money is back (a refunded checkout, a failed group buy, an expired pooled order, leaving);
 * - failed: it ended without her money (the payment closed unpaid, the pooled order expired before she paid).
 */
export type MyOrderState = 'pending_payment' | 'paid' | 'placed' | 'refunding' | 'refunded' | 'failed';

/** One row of 我的订单. */
export interface MyOrderJson {
  kind: MyOrderKind;
  /** The order id (checkout), the pooled order's id, or the group buy's id: with `kind`, what getMyOrder takes. */
  id: string;
  state: MyOrderState;
  /** The first product's title (and, for a pooled order, how many of her lines). */
  title: string;
  imageUrl: string | null;
  /** Units bought (sum of quantities). */
  itemCount: number;
  /** What the items cost before discounts. */
  listFen: number;
  /** What she paid, or has to pay while pending. */
  amountFen: number;
  /** What coupons (pooled orders), the group price (group buys) or the order's discounts (checkouts) saved her. */
  discountFen: number;
  /** Money sent back to her so far. */
  refundedFen: number;
  /** Purchase red packets her order earned (not voided), pending ones included. */
  redPacketFen: number;
  /** The group it happened in (pooled orders, group buys opened from a group), else null. */
  groupId: string | null;
  groupName: string | null;
  createdAt: string;
}

export interface MyOrderLineJson {
  productId: string;
  title: string;
  imageUrl: string | null;
  qty: number;
  unitPriceFen: number;
  /** What she paid for the whole line (after discounts). */
  paidFen: number;
  refundedQty: number;
  /** Bought through a groupmate's share: who shared it. */
  sharedBy: { userId: string; nickname: string } | null;
}

export interface MyOrderRedPacketJson {
  redPacketId: string;
  amountFen: number;
  /** pending: out of splits until the order can no longer be refunded; posted: in the group's pool; voided by a refund. */
  status: 'pending' | 'posted' | 'voided';
  groupId: string | null;
  unlocksAt: string | null;
}

export interface MyOrderPaymentJson {
  paymentId: string;
  provider: PaymentProviderName;
  status: PaymentStatus;
  amountFen: number;
  walletFen: number;
  refundedFen: number;
  createdAt: string;
  paidAt: string | null;
}

export interface MyOrderDetailJson extends MyOrderJson {
  lines: MyOrderLineJson[];
  redPackets: MyOrderRedPacketJson[];
  /** Coupons the pooled order's plan used on the orders holding her lines (whoever held them). */
  coupons: Array<{ couponId: string; title: string; holderNickname: string }>;
  /** The latest payment of her part or seat (pooled orders, group buys); null for checkouts. */
  payment: MyOrderPaymentJson | null;
  /** Refunds of a checkout, oldest first. */
  refunds: Array<{ amountFen: number; createdAt: string }>;
  /** The order recorded for her once placed (`pooled-…`, `groupbuy-…`, or the checkout's own id). */
  placedOrderId: string | null;
  /** The pooled order's or group buy's own state. */
  pooledOrder: { status: 'open' | 'confirming' | 'placed' | 'expired'; deadline: string } | null;
  groupBuy: {
    status: 'open' | 'succeeded' | 'failed';
    outcome: string | null;
    size: number;
    seatsTaken: number;
    expiresAt: string;
    /** Her seat: pending, paid, left, refunded or released (closed unpaid). */
    seat: string;
  } | null;
}

export const MY_ORDERS_PAGE_DEFAULT = 20;
export const MY_ORDERS_PAGE_MAX = 50;

export interface OrderFunctions {
  /** The caller's orders of every kind, newest first; `nextCursor` null on the last page. */
  myOrders: { params: { cursor?: string; limit?: number }; result: { orders: MyOrderJson[]; nextCursor: string | null } };
  /** One of the caller's orders (101 for an unknown id or someone else's). */
  getMyOrder: { params: { kind: MyOrderKind; id: string }; result: { order: MyOrderDetailJson } };
}
