import { z } from 'zod';
import { MY_ORDERS_PAGE_DEFAULT, MY_ORDERS_PAGE_MAX, type MyOrderDetailJson, type MyOrderJson } from '../../../contract/orders';
import { notFound } from '../../errors';
import {
  KIND_RANK,
  couponsForHistory,
  findOrderHistoryRow,
  groupBuyForHistory,
  listOrderHistory,
  orderLinesForHistory,
  paymentForHistory,
  pooledLinesForHistory,
  pooledOrderForHistory,
  redPacketsOfOrderForHistory,
  refundsOfOrderForHistory,
  type OrderCursor,
  type OrderHistoryLine,
  type OrderHistoryRow,
} from '../../store/orderHistory';
import type { Queryable } from '../../store/store';
import { readKey, readUserScreen } from '../cachedReads';
import { defineFunction } from '../define';

/*
 * 我的订单: the caller's checkouts, pooled-order parts and group-buy seats in one list, and one of
 * them in detail. Read-only (cloud/store/orderHistory.ts).
 */

const KINDS = ['checkout', 'pooled', 'group_buy'] as const;

const ORDER_ID = /^[A-Za-z0-9_-]{1,128}$/;
const CURSOR = /^(\d{1,15})\.([0-2])\.([A-Za-z0-9_-]{1,128})$/;

/** The last row's key: its time in ms, its kind's rank, its id. */
export function encodeOrderCursor(row: Pick<OrderHistoryRow, 'at' | 'kind' | 'id'>): string {
  return `${row.at.getTime()}.${KIND_RANK[row.kind]}.${row.id}`;
}

export function decodeOrderCursor(cursor: string): OrderCursor | null {
  const match = cursor.match(CURSOR);
  if (!match) return null;
  const at = new Date(Number(match[1]));
  if (Number.isNaN(at.getTime())) return null;
  return { at, rank: Number(match[2]), id: match[3]! };
}

function orderJson(row: OrderHistoryRow): MyOrderJson {
  return {
    kind: row.kind,
    id: row.id,
    state: row.state,
    title: row.title ?? '',
    imageUrl: row.image_url,
    itemCount: row.item_count,
    listFen: row.list_fen,
    amountFen: row.amount_fen,
    discountFen: Math.max(0, row.list_fen - row.amount_fen),
    refundedFen: row.refunded_fen,
    redPacketFen: row.red_packet_fen,
    groupId: row.group_id,
    groupName: row.group_name,
    createdAt: row.at.toISOString(),
  };
}

export const myOrders = defineFunction({
  name: 'myOrders',
  access: 'user',
  params: z
    .object({
      cursor: z
        .string()
        .regex(CURSOR, 'cursor must be the nextCursor of an earlier myOrders reply')
        .refine((c) => decodeOrderCursor(c) !== null, 'cursor must be the nextCursor of an earlier myOrders reply')
        .optional(),
      limit: z
        .number({ invalid_type_error: `limit must be a number 1-${MY_ORDERS_PAGE_MAX}` })
        .int(`limit must be a whole number 1-${MY_ORDERS_PAGE_MAX}`)
        .min(1, `limit must be 1-${MY_ORDERS_PAGE_MAX}`)
        .max(MY_ORDERS_PAGE_MAX, `limit must be 1-${MY_ORDERS_PAGE_MAX}`)
        .optional(),
    })
    .strict(),
  // Four statements for a page, or one while her orders' version stands still.
  handler: async (ctx, { cursor, limit = MY_ORDERS_PAGE_DEFAULT }) =>
    readUserScreen(ctx, 'orders', readKey('myOrders', cursor, limit), async () => {
      const rows = await listOrderHistory(ctx.store, ctx.user.id, cursor ? decodeOrderCursor(cursor) : null, limit + 1);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return { orders: page.map(orderJson), nextCursor: rows.length > limit && last ? encodeOrderCursor(last) : null };
    }),
});

function lineJson(line: OrderHistoryLine, paidFen = line.paid_fen) {
  return {
    productId: line.product_id,
    title: line.title,
    imageUrl: line.image_url,
    qty: line.qty,
    unitPriceFen: line.unit_price_fen,
    paidFen,
    refundedQty: line.refunded_qty,
    sharedBy: line.shared_by ? { userId: line.shared_by, nickname: line.shared_by_nickname ?? '' } : null,
  };
}

async function detailOf(db: Queryable, userId: string, row: OrderHistoryRow): Promise<MyOrderDetailJson> {
  const detail: MyOrderDetailJson = {
    ...orderJson(row),
    lines: [],
    redPackets: [],
    coupons: [],
    payment: null,
    refunds: [],
    placedOrderId: row.placed_order_id,
    pooledOrder: null,
    groupBuy: null,
  };
  if (row.placed_order_id) {
    detail.redPackets = (await redPacketsOfOrderForHistory(db, userId, row.placed_order_id)).map((p) => ({
      redPacketId: p.id,
      amountFen: p.amount_fen,
      status: p.status,
      groupId: p.group_id,
      unlocksAt: p.unlocks_at ? p.unlocks_at.toISOString() : null,
    }));
  }
  if (row.payment_id) {
    const payment = await paymentForHistory(db, row.payment_id, userId);
    if (payment) {
      detail.payment = {
        paymentId: payment.id,
        provider: payment.provider,
        status: payment.status,
        amountFen: payment.amount_fen,
        walletFen: payment.wallet_fen,
        refundedFen: payment.refunded_fen,
        createdAt: payment.created_at.toISOString(),
        paidAt: payment.paid_at ? payment.paid_at.toISOString() : null,
      };
    }
  }
  if (row.kind === 'checkout') {
    detail.lines = (await orderLinesForHistory(db, row.id)).map((l) => lineJson(l));
    detail.refunds = (await refundsOfOrderForHistory(db, row.id)).map((r) => ({
      amountFen: r.amount_fen,
      createdAt: r.created_at.toISOString(),
    }));
  } else if (row.kind === 'pooled') {
    const order = await pooledOrderForHistory(db, row.id);
    const lines = await pooledLinesForHistory(db, row.id, userId);
    const payOf = new Map((order?.plan?.lines ?? []).map((l) => [l.lineId, l.payFen]));
    detail.lines = lines.map((l) => lineJson(l, payOf.get(l.line_id) ?? l.paid_fen));
    if (order) detail.pooledOrder = { status: order.status, deadline: order.deadline.toISOString() };
    const mine = new Set(lines.map((l) => l.line_id));
    const couponIds = (order?.plan?.orders ?? [])
      .filter((o) => o.lineIds.some((id) => mine.has(id)))
      .flatMap((o) => [...(o.crossStoreCouponId ? [o.crossStoreCouponId] : []), ...o.shopCouponIds]);
    detail.coupons = (await couponsForHistory(db, [...new Set(couponIds)])).map((c) => ({
      couponId: c.id,
      title: c.title,
      holderNickname: c.holder_nickname,
    }));
  } else {
    const buy = await groupBuyForHistory(db, row.id, userId);
    if (buy) {
      detail.groupBuy = {
        status: buy.status,
        outcome: buy.outcome,
        size: buy.size,
        seatsTaken: buy.seats_taken,
        expiresAt: buy.expires_at.toISOString(),
        seat: buy.seat,
      };
      detail.lines = [
        {
          productId: buy.product_id,
          title: row.title ?? '',
          imageUrl: row.image_url,
          qty: 1,
          unitPriceFen: row.list_fen,
          paidFen: buy.group_price_fen,
          refundedQty: 0,
          sharedBy: null,
        },
      ];
    }
  }
  return detail;
}

export const getMyOrder = defineFunction({
  name: 'getMyOrder',
  access: 'user',
  params: z
    .object({
      kind: z.enum(KINDS, { errorMap: () => ({ message: `kind must be one of ${KINDS.join(', ')}` }) }),
      id: z.string().regex(ORDER_ID, 'id must be 1-128 of A-Z a-z 0-9 _ -'),
    })
    .strict(),
  handler: async (ctx, { kind, id }) => {
    const row = await findOrderHistoryRow(ctx.store, ctx.user.id, kind, id);
    // Someone else's order is answered like one that does not exist.
    if (!row) throw notFound('找不到这笔订单（order not found）');
    return { order: await detailOf(ctx.store, ctx.user.id, row) };
  },
});

export const orderFunctions = [myOrders, getMyOrder] as const;
