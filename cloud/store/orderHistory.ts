import type { PaymentProviderName, PaymentStatus } from '../../contract/payments';
import type { MyOrderKind, MyOrderState } from '../../contract/orders';
import { firstRow, type Queryable } from './store';

/*
 * 我的订单, read-only: a shopper's checkouts (orders the host's order system or demo mode recorded,
 * without the orders a pooled order or a group buy placed, which are shown as those), her parts of
 * pooled orders (once the plan is frozen: pooled_order_payments) and her seats in group buys, in
 * one list, newest first. Each kind is cut from its own index by user first (orders_user_paid_idx,
 * pooled_order_payments_user_idx, group_buy_members_user_idx), at most a page each, and only the
 * page is joined to products, payments and red packets.
 *
 * Order: (at desc, rank desc, id desc) with rank checkout 0, pooled 1, group buy 2; `at` is the
 * order's payment time, the pooled order's start, the seat's joining. A cursor is the last row's key.
 */

export const KIND_RANK: Record<MyOrderKind, number> = { checkout: 0, pooled: 1, group_buy: 2 };
const KINDS: readonly MyOrderKind[] = ['checkout', 'pooled', 'group_buy'];

export interface OrderCursor {
  at: Date;
  rank: number;
  id: string;
}

export interface OrderHistoryRow {
  kind: MyOrderKind;
  id: string;
  at: Date;
  rank: number;
  state: MyOrderState;
  title: string | null;
  image_url: string | null;
  item_count: number;
  list_fen: number;
  amount_fen: number;
  refunded_fen: number;
  red_packet_fen: number;
  group_id: string | null;
  group_name: string | null;
  payment_id: string | null;
  /** The order recorded for her (checkouts: the order itself; placed pooled orders and succeeded buys). */
  placed_order_id: string | null;
}

/** How one kind's rows are keyed and cut. */
interface KindQuery {
  /** The columns of its time and id in `keys`. */
  at: string;
  id: string;
  /** The user's ($1) key rows (id, at), with a condition on `at`/`id` and a limit appended. */
  keys: (filter: string, limit: string) => string;
  /** The page's columns from the cut keys `k` (id, at). */
  columns: string;
}

// The pooled and group-buy order ids placedOrders.ts gives the orders those record.
const CHECKOUT_ONLY = `o.id not like 'pooled-%' and o.id not like 'groupbuy-%'`;

const QUERIES: Record<MyOrderKind, KindQuery> = {
  checkout: {
    at: 'o.paid_at',
    id: 'o.id',
    keys: (filter, limit) =>
      `select o.id, o.paid_at as at from orders o where o.user_id = $1 and ${CHECKOUT_ONLY}${filter} order by o.paid_at desc, o.id desc${limit}`,
    columns: `
      select 'checkout' as kind, o.id, o.paid_at as at, 0 as rank,
             case when o.status = 'refunded' then 'refunded' else 'placed' end as state,
             fl.title, fl.image_url, coalesce(agg.item_count, 0) as item_count, coalesce(agg.list_fen, o.total_fen) as list_fen,
             o.total_fen as amount_fen, o.refunded_fen, coalesce(rp.fen, 0) as red_packet_fen,
             null::text as group_id, null::text as group_name, null::text as payment_id, o.id as placed_order_id
      from k join orders o on o.id = k.id
      left join lateral (
        select coalesce(p.title, '商品 ' || l.product_id) as title, p.image_url
        from order_lines l left join products p on p.id = l.product_id where l.order_id = o.id order by l.line_no limit 1
      ) fl on true
      left join lateral (
        select sum(l.qty)::int as item_count, sum(l.price_fen * l.qty)::bigint as list_fen from order_lines l where l.order_id = o.id
      ) agg on true
      left join lateral (
        select sum(r.amount_fen)::bigint as fen from red_packets r
        where r.user_id = $1 and r.order_id = o.id and r.kind = 'purchase' and r.status <> 'voided'
      ) rp on true`,
  },
  pooled: {
    at: 'po.created_at',
    id: 'pp.pooled_order_id',
    keys: (filter, limit) =>
      `select pp.pooled_order_id as id, po.created_at as at from pooled_order_payments pp join pooled_orders po on po.id = pp.pooled_order_id
       where pp.user_id = $1${filter}
       order by po.created_at desc, pp.pooled_order_id desc${limit}`,
    columns: `
      select 'pooled' as kind, po.id, po.created_at as at, 1 as rank,
             case
               when pp.status in ('due', 'pending') then 'pending_payment'
               when pp.status = 'paid' then case when po.status = 'placed' then 'placed' else 'paid' end
               when pp.status = 'refunded' then case when pay.status = 'refunding' then 'refunding' else 'refunded' end
               else 'failed'
             end as state,
             fl.title, fl.image_url, coalesce(agg.item_count, 0) as item_count, coalesce(agg.list_fen, pp.due_fen) as list_fen,
             pp.due_fen as amount_fen,
             case when pay.id is not null then pay.refunded_fen when pp.status = 'refunded' then pp.due_fen else 0 end as refunded_fen,
             coalesce(rp.fen, 0) as red_packet_fen, g.id as group_id, g.name as group_name, pp.payment_id,
             case when po.status = 'placed' and pp.status = 'paid' then 'pooled-' || po.id || '-' || $1 end as placed_order_id
      from k join pooled_orders po on po.id = k.id
      join pooled_order_payments pp on pp.pooled_order_id = po.id and pp.user_id = $1
      join groups g on g.id = po.group_id
      left join payments pay on pay.id = pp.payment_id
      left join lateral (
        select l.title, p.image_url from pooled_order_lines l left join products p on p.id = l.product_id
        where l.pooled_order_id = po.id and l.user_id = $1 order by l.created_at, l.id limit 1
      ) fl on true
      left join lateral (
        select sum(l.qty)::int as item_count, sum(l.unit_price_fen * l.qty)::bigint as list_fen
        from pooled_order_lines l where l.pooled_order_id = po.id and l.user_id = $1
      ) agg on true
      left join lateral (
        select sum(r.amount_fen)::bigint as fen from red_packets r
        where r.user_id = $1 and r.order_id = 'pooled-' || po.id || '-' || $1 and r.kind = 'purchase' and r.status <> 'voided'
      ) rp on true`,
  },
  group_buy: {
    at: 'm.joined_at',
    id: 'm.group_buy_id',
    keys: (filter, limit) =>
      `select m.group_buy_id as id, m.joined_at as at from group_buy_members m
       where m.user_id = $1${filter}
       order by m.joined_at desc, m.group_buy_id desc${limit}`,
    columns: `
      select 'group_buy' as kind, b.id, m.joined_at as at, 2 as rank,
             case
               when m.status = 'pending' then 'pending_payment'
               when m.status = 'paid' then case when b.status = 'succeeded' then 'placed' else 'paid' end
               when m.status in ('left', 'refunded') then case when pay.status = 'refunding' then 'refunding' else 'refunded' end
               else 'failed'
             end as state,
             p.title, p.image_url, 1 as item_count, p.price_fen as list_fen, m.amount_fen,
             case when pay.id is not null then pay.refunded_fen when m.status in ('left', 'refunded') then m.amount_fen else 0 end as refunded_fen,
             coalesce(rp.fen, 0) as red_packet_fen, g.id as group_id, g.name as group_name, m.payment_id,
             case when b.status = 'succeeded' and m.status = 'paid' then 'groupbuy-' || b.id || '-' || $1 end as placed_order_id
      from k join group_buy_members m on m.group_buy_id = k.id and m.user_id = $1
      join group_buys b on b.id = m.group_buy_id
      join deals d on d.id = b.deal_id
      join products p on p.id = d.product_id
      left join groups g on g.id = b.group_id
      left join payments pay on pay.id = m.payment_id
      left join lateral (
        select sum(r.amount_fen)::bigint as fen from red_packets r
        where r.user_id = $1 and r.order_id = 'groupbuy-' || b.id || '-' || $1 and r.kind = 'purchase' and r.status <> 'voided'
      ) rp on true`,
  },
};

/**
 * The cut of one kind after a cursor, in the list's order (at desc, rank desc, id desc): a kind
 * ranked below the cursor's continues at the cursor's time, the cursor's own kind after its id,
 * a kind ranked above only before its time. $2 = the cursor's time, $3 = its id.
 */
function afterCursor(kind: MyOrderKind, cursor: OrderCursor | null): string {
  if (!cursor) return '';
  const { at, id } = QUERIES[kind];
  const rank = KIND_RANK[kind];
  if (rank < cursor.rank) return ` and ${at} <= $2`;
  if (rank > cursor.rank) return ` and ${at} < $2`;
  return ` and (${at} < $2 or (${at} = $2 and ${id} < $3))`;
}

/** A page of the user's orders of every kind, newest first (ask for limit + 1 to know whether more follow). */
export async function listOrderHistory(
  db: Queryable,
  userId: string,
  cursor: OrderCursor | null,
  limit: number,
): Promise<OrderHistoryRow[]> {
  const limitParam = cursor ? '$4' : '$2';
  const branches = KINDS.map((kind) => {
    const q = QUERIES[kind];
    return `(with k as (${q.keys(afterCursor(kind, cursor), ` limit ${limitParam}`)}) ${q.columns})`;
  });
  const sql = `select * from (${branches.join(' union all ')}) page order by at desc, rank desc, id desc limit ${limitParam}`;
  return db.query<OrderHistoryRow>(sql, cursor ? [userId, cursor.at, cursor.id, limit] : [userId, limit]);
}

/** One of the user's orders as the list shows it; undefined when she has none of that kind and id. */
export async function findOrderHistoryRow(
  db: Queryable,
  userId: string,
  kind: MyOrderKind,
  id: string,
): Promise<OrderHistoryRow | undefined> {
  const q = QUERIES[kind];
  return firstRow(await db.query<OrderHistoryRow>(`with k as (${q.keys(` and ${q.id} = $2`, '')}) ${q.columns}`, [userId, id]));
}

export interface OrderHistoryLine {
  product_id: string;
  title: string;
  image_url: string | null;
  qty: number;
  unit_price_fen: number;
  paid_fen: number;
  refunded_qty: number;
  shared_by: string | null;
  shared_by_nickname: string | null;
}

/** A checkout's (or a placed order's) lines with what was paid and who shared what was bought through a share. */
export async function orderLinesForHistory(db: Queryable, orderId: string): Promise<OrderHistoryLine[]> {
  return db.query<OrderHistoryLine>(
    `select l.product_id, coalesce(p.title, '商品 ' || l.product_id) as title, p.image_url, l.qty, l.price_fen as unit_price_fen,
            coalesce(l.paid_fen, l.price_fen * l.qty) as paid_fen, l.refunded_qty, s.user_id as shared_by, u.nickname as shared_by_nickname
     from order_lines l
     left join products p on p.id = l.product_id
     left join item_shares s on s.id = l.share_id
     left join users u on u.id = s.user_id
     where l.order_id = $1 order by l.line_no`,
    [orderId],
  );
}

/** Her lines of a pooled order (paid amounts come from the frozen plan, by line id). */
export async function pooledLinesForHistory(
  db: Queryable,
  pooledOrderId: string,
  userId: string,
): Promise<Array<OrderHistoryLine & { line_id: string }>> {
  return db.query(
    `select l.id as line_id, l.product_id, l.title, p.image_url, l.qty, l.unit_price_fen, l.unit_price_fen * l.qty as paid_fen,
            0 as refunded_qty, null::text as shared_by, null::text as shared_by_nickname
     from pooled_order_lines l left join products p on p.id = l.product_id
     where l.pooled_order_id = $1 and l.user_id = $2 order by l.created_at, l.id`,
    [pooledOrderId, userId],
  );
}

export interface HistoryRedPacket {
  id: string;
  amount_fen: number;
  status: 'pending' | 'posted' | 'voided';
  group_id: string | null;
  unlocks_at: Date | null;
}

/** The purchase packets one order of the user earned, in line order. */
export async function redPacketsOfOrderForHistory(db: Queryable, userId: string, orderId: string): Promise<HistoryRedPacket[]> {
  return db.query<HistoryRedPacket>(
    `select id, amount_fen, status, group_id, unlocks_at from red_packets
     where user_id = $1 and order_id = $2 and kind = 'purchase' order by line_no, id`,
    [userId, orderId],
  );
}

export async function refundsOfOrderForHistory(db: Queryable, orderId: string): Promise<Array<{ amount_fen: number; created_at: Date }>> {
  return db.query(
    `select amount_fen, created_at from order_refunds where order_id = $1 and amount_fen > 0 order by created_at, refund_key`,
    [orderId],
  );
}

export interface HistoryPayment {
  id: string;
  provider: PaymentProviderName;
  status: PaymentStatus;
  amount_fen: number;
  wallet_fen: number;
  refunded_fen: number;
  created_at: Date;
  paid_at: Date | null;
}

export async function paymentForHistory(db: Queryable, paymentId: string, userId: string): Promise<HistoryPayment | undefined> {
  return firstRow(
    await db.query<HistoryPayment>(
      `select id, provider, status, amount_fen, wallet_fen, refunded_fen, created_at, paid_at from payments where id = $1 and user_id = $2`,
      [paymentId, userId],
    ),
  );
}

/** A pooled order's state and frozen plan (the detail picks her lines' payments and the coupons from it). */
export async function pooledOrderForHistory(
  db: Queryable,
  pooledOrderId: string,
): Promise<{ status: 'open' | 'confirming' | 'placed' | 'expired'; deadline: Date; plan: PlanForHistory | null } | undefined> {
  return firstRow(await db.query('select status, deadline, plan from pooled_orders where id = $1', [pooledOrderId]));
}

export interface PlanForHistory {
  orders: Array<{ orderId: string; lineIds: string[]; crossStoreCouponId: string | null; shopCouponIds: string[] }>;
  lines: Array<{ lineId: string; payFen: number }>;
}

/** Coupons by id with their titles and holders. */
export async function couponsForHistory(
  db: Queryable,
  couponIds: readonly string[],
): Promise<Array<{ id: string; title: string; holder_nickname: string }>> {
  if (couponIds.length === 0) return [];
  return db.query(
    `select c.id, t.title, u.nickname as holder_nickname
     from user_coupons c join coupon_templates t on t.id = c.template_id join users u on u.id = c.user_id
     where c.id = any($1::text[]) order by t.title, c.id`,
    [couponIds],
  );
}

/** A group buy's state and the user's seat in it. */
export async function groupBuyForHistory(
  db: Queryable,
  groupBuyId: string,
  userId: string,
): Promise<
  | {
      status: 'open' | 'succeeded' | 'failed';
      outcome: string | null;
      size: number;
      seats_taken: number;
      expires_at: Date;
      seat: string;
      product_id: string;
      group_price_fen: number;
    }
  | undefined
> {
  return firstRow(
    await db.query(
      `select b.status, b.outcome, b.size, b.seats_taken, b.expires_at, m.status as seat, d.product_id, d.group_price_fen
       from group_buys b join group_buy_members m on m.group_buy_id = b.id and m.user_id = $2 join deals d on d.id = b.deal_id
       where b.id = $1`,
      [groupBuyId, userId],
    ),
  );
}
