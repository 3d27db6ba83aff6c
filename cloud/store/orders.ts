import { firstRow, type Queryable } from './store';

/*
 * Orders reported by the host's order system (or placed by demo payments): the order, its lines
 * and its refunds. The single writer of orders, order_lines and order_refunds.
 */

/** Advisory-lock namespace of checkout request keys (two-int keys never meet one-bigint keys). */
const CHECKOUT_LOCK_SPACE = 7411;

/**
 * Serialises the transactions of one checkout request until commit: a retry that arrives while
 * the first attempt is still running waits for it here, then finds its stored order.
 */
export async function lockCheckoutRequest(tx: Queryable, key: string): Promise<void> {
  await tx.query('select pg_advisory_xact_lock($1::int, hashtext($2)) is null as locked', [CHECKOUT_LOCK_SPACE, key]);
}

export async function findOrderTotal(db: Queryable, orderId: string): Promise<number | undefined> {
  return firstRow(await db.query<{ total_fen: number }>('select total_fen from orders where id = $1', [orderId]))?.total_fen;
}

export interface NewOrderLine {
  productId: string;
  priceFen: number;
  qty: number;
  shareId: string | null;
  /** What the buyer paid for the whole line after discounts. */
  paidFen: number;
}

export interface NewPaidOrder {
  orderId: string;
  userId: string;
  totalFen: number;
  source: 'webhook' | 'demo';
  /** Numbered 1, 2, … in this order. */
  lines: readonly NewOrderLine[];
}

/** Records a paid order and its lines, once: answers false, having written nothing, when the order id is known. */
export async function insertPaidOrder(tx: Queryable, order: NewPaidOrder, now: Date): Promise<boolean> {
  const inserted = await tx.query(
    `insert into orders (id, user_id, status, total_fen, paid_at, source) values ($1, $2, 'paid', $3, $4, $5)
     on conflict (id) do nothing returning id`,
    [order.orderId, order.userId, order.totalFen, now, order.source],
  );
  if (inserted.length === 0) return false;
  await tx.query(
    `insert into order_lines (order_id, line_no, product_id, price_fen, qty, share_id, paid_fen)
     select $1, n, p, f, q, s, d
     from unnest($2::int[], $3::text[], $4::bigint[], $5::int[], $6::text[], $7::bigint[]) as t(n, p, f, q, s, d)`,
    [
      order.orderId,
      order.lines.map((_, i) => i + 1),
      order.lines.map((l) => l.productId),
      order.lines.map((l) => l.priceFen),
      order.lines.map((l) => l.qty),
      order.lines.map((l) => l.shareId),
      order.lines.map((l) => l.paidFen),
    ],
  );
  return true;
}

/** Locks an order's row (its refunds and its completion queue on it); undefined when there is no such order. */
export async function lockOrder(tx: Queryable, orderId: string): Promise<{ user_id: string; completed_at: Date | null } | undefined> {
  return firstRow(
    await tx.query<{ user_id: string; completed_at: Date | null }>('select user_id, completed_at from orders where id = $1 for update', [
      orderId,
    ]),
  );
}

export async function markOrderCompleted(tx: Queryable, orderId: string, now: Date): Promise<void> {
  await tx.query('update orders set completed_at = $2 where id = $1', [orderId, now]);
}

/**
 * Claims a refund key with an amount of 0 (set by setRefundAmount once known); false when the key
 * was claimed before, so a replayed refund is recognised before anything else is judged.
 */
export async function claimRefund(tx: Queryable, refundKey: string, orderId: string, now: Date): Promise<boolean> {
  const inserted = await tx.query(
    `insert into order_refunds (refund_key, order_id, amount_fen, created_at) values ($1, $2, 0, $3)
     on conflict do nothing returning refund_key`,
    [refundKey, orderId, now],
  );
  return inserted.length > 0;
}

export interface RefundableLine {
  line_no: number;
  /** What was paid for the line (the list price for lines recorded before paid_fen existed). */
  paid_fen: number;
  qty: number;
  refunded_qty: number;
}

export async function orderLinesOf(tx: Queryable, orderId: string): Promise<RefundableLine[]> {
  return tx.query<RefundableLine>(
    `select line_no, coalesce(paid_fen, price_fen * qty) as paid_fen, qty, refunded_qty
     from order_lines where order_id = $1 order by line_no`,
    [orderId],
  );
}

export async function setLineRefundedQty(tx: Queryable, orderId: string, lineNo: number, refundedQty: number): Promise<void> {
  await tx.query('update order_lines set refunded_qty = $3 where order_id = $1 and line_no = $2', [orderId, lineNo, refundedQty]);
}

/** Adds a refund to the order's refunded amount; the status follows (refunded once all is back). */
export async function addRefundToOrder(tx: Queryable, orderId: string, refundedFen: number): Promise<void> {
  await tx.query(
    `update orders set refunded_fen = refunded_fen + $2::bigint,
       status = case when refunded_fen + $2::bigint >= total_fen then 'refunded' else 'partially_refunded' end
     where id = $1`,
    [orderId, refundedFen],
  );
}

export async function setRefundAmount(tx: Queryable, refundKey: string, amountFen: number): Promise<void> {
  await tx.query('update order_refunds set amount_fen = $2 where refund_key = $1', [refundKey, amountFen]);
}

/** The catalog's list prices of products, for demo mode's checkout; products not in the catalog are absent. */
export async function catalogPricesFen(db: Queryable, productIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.query<{ id: string; price_fen: number }>('select id, price_fen from products where id = any($1::text[])', [
    productIds,
  ]);
  return new Map(rows.map((p) => [p.id, p.price_fen]));
}

/** The paid members of a group buy with the deal's product and what each paid, in user id order. */
export async function paidGroupBuyPurchases(
  tx: Queryable,
  groupBuyId: string,
): Promise<Array<{ user_id: string; amount_fen: number; product_id: string }>> {
  return tx.query<{ user_id: string; amount_fen: number; product_id: string }>(
    `select m.user_id, m.amount_fen, d.product_id from group_buy_members m
     join group_buys g on g.id = m.group_buy_id join deals d on d.id = g.deal_id
     where m.group_buy_id = $1 and m.status = 'paid' order by m.user_id`,
    [groupBuyId],
  );
}
