/**
 * Pooled orders (领券拼单): the order, its lines and the members' payments. This module is the only
 * writer of pooled_orders, pooled_order_lines and pooled_order_payments; the coupons a plan uses
 * change in coupons.ts.
 */
import type { PooledLineRow, PooledOrderStatus } from '../domain/commerce/pooledOrder';
import type { PooledPlan } from '../domain/coupons';
import { firstRow, oneRow, type Queryable } from './store';

export interface PooledOrderRow {
  id: string;
  group_id: string;
  campaign_id: string;
  created_by: string;
  deadline: Date;
  status: PooledOrderStatus;
  plan: PooledPlan | null;
  created_at: Date;
}

export async function findPooledOrder(db: Queryable, id: string, lock = false): Promise<PooledOrderRow | undefined> {
  const rows = await db.query<PooledOrderRow>(`select * from pooled_orders where id = $1${lock ? ' for update' : ''}`, [id]);
  return firstRow(rows);
}

export async function findPooledOrderByRequest(db: Queryable, userId: string, requestId: string): Promise<PooledOrderRow | undefined> {
  const rows = await db.query<PooledOrderRow>('select * from pooled_orders where created_by = $1 and request_id = $2', [userId, requestId]);
  return firstRow(rows);
}

export async function countOpenPooledOrders(db: Queryable, groupId: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `select count(*)::int as n from pooled_orders where group_id = $1 and status in ('open', 'confirming')`,
    [groupId],
  );
  return oneRow(rows, 'count of open pooled orders').n;
}

/** Closed orders a group's list shows besides the open ones. */
export const CLOSED_POOLED_ORDERS_LISTED = 20;

/** A pooled order with its creator's nickname and the totals of its lines. */
export interface PooledOrderSummaryRow extends PooledOrderRow {
  creator_nickname: string;
  line_count: number;
  member_count: number;
  total_amount_fen: number;
}

/** The group's open orders and its newest closed ones, with line, member and amount totals. */
export async function listGroupPooledOrders(db: Queryable, groupId: string): Promise<PooledOrderSummaryRow[]> {
  return db.query<PooledOrderSummaryRow>(
    `with listed as (
       (select * from pooled_orders where group_id = $1 and status in ('open', 'confirming'))
       union all
       (select * from pooled_orders where group_id = $1 and status not in ('open', 'confirming')
        order by created_at desc limit $2)
     )
     select o.*, u.nickname as creator_nickname,
            coalesce(l.line_count, 0)::int as line_count, coalesce(l.member_count, 0)::int as member_count,
            coalesce(l.total_amount_fen, 0)::bigint as total_amount_fen
     from listed o join users u on u.id = o.created_by
     left join lateral (
       select count(*) as line_count, count(distinct user_id) as member_count,
              sum(unit_price_fen * qty) as total_amount_fen
       from pooled_order_lines where pooled_order_id = o.id
     ) l on true
     order by (o.status in ('open', 'confirming')) desc, o.created_at desc, o.id`,
    [groupId, CLOSED_POOLED_ORDERS_LISTED],
  );
}

export async function insertPooledOrder(
  db: Queryable,
  order: { id: string; groupId: string; campaignId: string; createdBy: string; requestId: string; deadline: Date },
  now: Date,
): Promise<PooledOrderRow> {
  const rows = await db.query<PooledOrderRow>(
    `insert into pooled_orders (id, group_id, campaign_id, created_by, request_id, deadline, status, created_at)
     values ($1, $2, $3, $4, $5, $6, 'open', $7) returning *`,
    [order.id, order.groupId, order.campaignId, order.createdBy, order.requestId, order.deadline, now],
  );
  return oneRow(rows, 'the pooled order just inserted');
}

export async function setPooledStatus(db: Queryable, pooledOrderId: string, status: PooledOrderStatus, now: Date): Promise<void> {
  await db.query('update pooled_orders set status = $2, settled_at = $3 where id = $1', [pooledOrderId, status, now]);
}

/** Open and confirming orders past their deadline, the earliest first, at most `limit`. */
export async function listDuePooledOrderIds(db: Queryable, now: Date, limit: number): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `select id from pooled_orders where status in ('open', 'confirming') and deadline <= $1
     order by deadline, id limit $2`,
    [now, limit],
  );
  return rows.map((r) => r.id);
}

/** What the expiry needs of an order, its row locked until the transaction ends. */
export async function lockPooledOrderForExpiry(
  db: Queryable,
  pooledOrderId: string,
): Promise<{ status: string; deadline: Date; group_id: string } | undefined> {
  const rows = await db.query<{ status: string; deadline: Date; group_id: string }>(
    'select status, deadline, group_id from pooled_orders where id = $1 for update',
    [pooledOrderId],
  );
  return firstRow(rows);
}

// ---------------------------------------------------------------- lines

export interface PooledLineView extends PooledLineRow {
  itemId: string;
  title: string;
}

export async function listPooledLines(db: Queryable, pooledOrderId: string): Promise<PooledLineView[]> {
  const rows = await db.query<{
    id: string;
    user_id: string;
    item_id: string;
    product_id: string;
    shop_name: string;
    title: string;
    unit_price_fen: number;
    qty: number;
  }>(
    `select id, user_id, item_id, product_id, shop_name, title, unit_price_fen, qty from pooled_order_lines
     where pooled_order_id = $1 order by created_at, id`,
    [pooledOrderId],
  );
  return rows.map((r) => ({
    lineId: r.id,
    userId: r.user_id,
    itemId: r.item_id,
    productId: r.product_id,
    shopName: r.shop_name,
    title: r.title,
    unitPriceFen: r.unit_price_fen,
    qty: r.qty,
  }));
}

export async function countPooledLines(db: Queryable, pooledOrderId: string): Promise<number> {
  const rows = await db.query<{ n: number }>('select count(*)::int as n from pooled_order_lines where pooled_order_id = $1', [
    pooledOrderId,
  ]);
  return oneRow(rows, 'count of pooled lines').n;
}

/** Whether the member already has a line for the item (adding it again only sets the quantity). */
export async function hasPooledLine(db: Queryable, pooledOrderId: string, userId: string, itemId: string): Promise<boolean> {
  const rows = await db.query('select 1 from pooled_order_lines where pooled_order_id = $1 and user_id = $2 and item_id = $3', [
    pooledOrderId,
    userId,
    itemId,
  ]);
  return rows.length > 0;
}

export interface PoolableItemRow {
  product_id: string | null;
  title: string | null;
  shop_name: string | null;
  price_fen: number | null;
}

/**
 * A live item of the group's shared list with its catalog product, if it has one: what a pooled
 * line copies. Undefined when the group has no such live item.
 */
export async function findPoolableItem(db: Queryable, itemId: string, groupId: string): Promise<PoolableItemRow | undefined> {
  const rows = await db.query<PoolableItemRow>(
    `select i.product_id, p.title, p.shop_name, p.price_fen
     from wishlist_items i left join products p on p.id = i.product_id
     where i.id = $1 and i.group_id = $2 and i.removed_at is null`,
    [itemId, groupId],
  );
  return firstRow(rows);
}

/** Adds the member's line for an item, or sets its quantity when she already has one. */
export async function upsertPooledLine(
  db: Queryable,
  line: {
    id: string;
    pooledOrderId: string;
    userId: string;
    itemId: string;
    productId: string;
    shopName: string;
    title: string;
    unitPriceFen: number;
    qty: number;
  },
  now: Date,
): Promise<void> {
  await db.query(
    `insert into pooled_order_lines
       (id, pooled_order_id, user_id, item_id, product_id, shop_name, title, unit_price_fen, qty, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     on conflict (pooled_order_id, user_id, item_id) do update set qty = excluded.qty`,
    [line.id, line.pooledOrderId, line.userId, line.itemId, line.productId, line.shopName, line.title, line.unitPriceFen, line.qty, now],
  );
}

export async function findPooledLine(db: Queryable, pooledOrderId: string, lineId: string): Promise<{ user_id: string } | undefined> {
  const rows = await db.query<{ user_id: string }>('select user_id from pooled_order_lines where pooled_order_id = $1 and id = $2', [
    pooledOrderId,
    lineId,
  ]);
  return firstRow(rows);
}

export async function deletePooledLine(db: Queryable, lineId: string): Promise<void> {
  await db.query('delete from pooled_order_lines where id = $1', [lineId]);
}

// ---------------------------------------------------------------- payments

/** Freezes the plan (the order moves to confirming) and writes each member's due part. */
export async function freezePlan(
  db: Queryable,
  pooledOrderId: string,
  plan: PooledPlan,
  dues: Array<{ userId: string; dueFen: number }>,
): Promise<void> {
  await db.query(`update pooled_orders set status = 'confirming', plan = $2 where id = $1`, [pooledOrderId, JSON.stringify(plan)]);
  await db.query(
    `insert into pooled_order_payments (pooled_order_id, user_id, due_fen, status)
     select $1, u, d, 'due' from unnest($2::text[], $3::bigint[]) as t(u, d)`,
    [pooledOrderId, dues.map((d) => d.userId), dues.map((d) => d.dueFen)],
  );
}

export interface PooledPaymentRow {
  user_id: string;
  due_fen: number;
  /** pending: her payment is on its way (payment_id); back to due if it closes unpaid. */
  status: 'due' | 'pending' | 'paid' | 'refunded' | 'void';
  payment_id: string | null;
}

export async function listPooledPayments(db: Queryable, pooledOrderId: string): Promise<PooledPaymentRow[]> {
  return db.query<PooledPaymentRow>(
    'select user_id, due_fen, status, payment_id from pooled_order_payments where pooled_order_id = $1 order by user_id',
    [pooledOrderId],
  );
}

/** A member's payment is on its way: due → pending, holding her part for that payment. */
export async function markPooledPending(
  db: Queryable,
  pooledOrderId: string,
  userId: string,
  requestId: string,
  paymentId: string,
): Promise<boolean> {
  const rows = await db.query(
    `update pooled_order_payments set status = 'pending', request_id = $3, payment_id = $4
     where pooled_order_id = $1 and user_id = $2 and status = 'due' returning user_id`,
    [pooledOrderId, userId, requestId, paymentId],
  );
  return rows.length === 1;
}

/** Her payment arrived: pending → paid, only for that payment; false otherwise. */
export async function markPooledPaid(db: Queryable, pooledOrderId: string, userId: string, paymentId: string, now: Date): Promise<boolean> {
  const rows = await db.query(
    `update pooled_order_payments set status = 'paid', paid_at = $4
     where pooled_order_id = $1 and user_id = $2 and payment_id = $3 and status = 'pending' returning user_id`,
    [pooledOrderId, userId, paymentId, now],
  );
  return rows.length === 1;
}

/** Her payment closed unpaid: pending → due again (she may pay until the deadline). */
export async function releasePooledPart(db: Queryable, pooledOrderId: string, userId: string, paymentId: string): Promise<boolean> {
  const rows = await db.query(
    `update pooled_order_payments set status = 'due', payment_id = null
     where pooled_order_id = $1 and user_id = $2 and payment_id = $3 and status = 'pending' returning user_id`,
    [pooledOrderId, userId, paymentId],
  );
  return rows.length === 1;
}

/** An expired order: parts not yet paid are no longer due. */
export async function voidDuePayments(db: Queryable, pooledOrderId: string): Promise<string[]> {
  const rows = await db.query<{ payment_id: string | null }>(
    `update pooled_order_payments set status = 'void' where pooled_order_id = $1 and status in ('due', 'pending') returning payment_id`,
    [pooledOrderId],
  );
  return rows.flatMap((r) => (r.payment_id ? [r.payment_id] : []));
}

/** An expired order: marks every paid part refunded; answers whom, and how much each paid. */
export async function refundPaidPayments(
  db: Queryable,
  pooledOrderId: string,
  now: Date,
): Promise<Array<{ user_id: string; due_fen: number; payment_id: string | null }>> {
  return db.query<{ user_id: string; due_fen: number; payment_id: string | null }>(
    `update pooled_order_payments set status = 'refunded', refunded_at = $2
     where pooled_order_id = $1 and status = 'paid' returning user_id, due_fen, payment_id`,
    [pooledOrderId, now],
  );
}

/** Nicknames of the given users, for a pooled order's view. */
export async function nicknamesOf(db: Queryable, userIds: string[]): Promise<Map<string, string>> {
  const rows = await db.query<{ id: string; nickname: string }>('select id, nickname from users where id = any($1::text[])', [userIds]);
  return new Map(rows.map((r) => [r.id, r.nickname]));
}
