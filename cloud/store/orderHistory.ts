import type { MyOrderKind, MyOrderState } from '../../contract/orders';
import type { PaymentProviderName, PaymentStatus } from '../../contract/payments';
import { firstRow, type Queryable } from './store';

/*
 * 我的订单, read-only: a shopper's checkouts (orders the host's order system or demo mode recorded,
 * without the orders a pooled order or a group buy placed, which are shown as those), her parts of
 * pooled orders (once the plan is frozen: pooled_order_payments) and her seats in group buys, in
 * one list, newest first.
 *
 * A page is read in small statements, each cheap to plan (the embedded engine plans every
 * statement afresh): the page's keys from the three kinds' per-user indexes at once
 * (orders_user_paid_idx, pooled_order_payments_user_idx, group_buy_members_user_idx), then the
 * rows of each kind on the page by id, with the red packets their orders earned. A kind absent
 * from the page costs nothing more: a page of checkouts is two statements.
 *
 * Order: (at desc, rank desc, id desc) with rank checkout 0, pooled 1, group buy 2; `at` is the
 * order's payment time, the pooled order's start, the seat's joining. A cursor is the last row's key.
 */

export const KIND_RANK: Record<MyOrderKind, number> = { checkout: 0, pooled: 1, group_buy: 2 };
const RANK_KIND: readonly MyOrderKind[] = ['checkout', 'pooled', 'group_buy'];

export interface OrderCursor {
  at: Date;
  rank: number;
  id: string;
}

export interface OrderHistoryRow {
  kind: MyOrderKind;
  id: string;
  at: Date;
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

/** The purchase packets (not voided) the user's order earned, in fen: an indexed sum (red_packets_purchase_order_idx). */
const PACKETS_OF = (orderId: string, userId: string) =>
  `(select coalesce(sum(r.amount_fen), 0)::bigint from red_packets r
    where r.user_id = ${userId} and r.order_id = ${orderId} and r.kind = 'purchase' and r.status <> 'voided')`;

// The pooled and group-buy order ids placedOrders.ts gives the orders those record.
const CHECKOUT_ONLY = `id not like 'pooled-%' and id not like 'groupbuy-%'`;

/**
 * The cut of one kind after a cursor, in the list's order (at desc, rank desc, id desc): a kind
 * ranked below the cursor's continues at the cursor's time, the cursor's own kind after its id,
 * a kind ranked above only before its time. $3 = the cursor's time, $4 = its id.
 */
function afterCursor(kind: MyOrderKind, at: string, id: string, cursor: OrderCursor | null): string {
  if (!cursor) return '';
  const rank = KIND_RANK[kind];
  if (rank < cursor.rank) return ` and ${at} <= $3`;
  if (rank > cursor.rank) return ` and ${at} < $3`;
  return ` and (${at} < $3 or (${at} = $3 and ${id} < $4))`;
}

/** The keys of a page: each kind cut from its own index, merged. */
async function pageKeys(
  db: Queryable,
  userId: string,
  cursor: OrderCursor | null,
  limit: number,
): Promise<Array<{ rank: number; id: string }>> {
  const sql = `
    (select 0 as rank, id, paid_at as at from orders
     where user_id = $1 and ${CHECKOUT_ONLY}${afterCursor('checkout', 'paid_at', 'id', cursor)}
     order by paid_at desc, id desc limit $2)
    union all
    (select 1, pp.pooled_order_id, po.created_at from pooled_order_payments pp join pooled_orders po on po.id = pp.pooled_order_id
     where pp.user_id = $1${afterCursor('pooled', 'po.created_at', 'pp.pooled_order_id', cursor)}
     order by po.created_at desc, pp.pooled_order_id desc limit $2)
    union all
    (select 2, group_buy_id, joined_at from group_buy_members
     where user_id = $1${afterCursor('group_buy', 'joined_at', 'group_buy_id', cursor)}
     order by joined_at desc, group_buy_id desc limit $2)
    order by at desc, rank desc, id desc limit $2`;
  return db.query(sql, cursor ? [userId, limit, cursor.at, cursor.id] : [userId, limit]);
}

/** Checkouts by id, the user's own only: totals, and the first line's product with the units and list price of all lines. */
async function checkoutRows(db: Queryable, userId: string, ids: readonly string[]): Promise<OrderHistoryRow[]> {
  const rows = await db.query<{
    id: string;
    status: string;
    total_fen: number;
    refunded_fen: number;
    paid_at: Date;
    line_no: number;
    qty: number;
    price_fen: number;
    product_id: string;
    title: string | null;
    image_url: string | null;
    red_packet_fen: number | null;
  }>(
    `select o.id, o.status, o.total_fen, o.refunded_fen, o.paid_at, l.line_no, l.qty, l.price_fen, l.product_id, p.title, p.image_url,
            case when l.line_no = 1 then ${PACKETS_OF('o.id', '$2')} end as red_packet_fen
     from orders o join order_lines l on l.order_id = o.id left join products p on p.id = l.product_id
     where o.id = any($1::text[]) and o.user_id = $2 and o.id not like 'pooled-%' and o.id not like 'groupbuy-%'
     order by o.id, l.line_no`,
    [ids, userId],
  );
  const byId = new Map<string, OrderHistoryRow>();
  for (const r of rows) {
    const row = byId.get(r.id);
    if (row) {
      row.item_count += r.qty;
      row.list_fen += r.price_fen * r.qty;
      continue;
    }
    byId.set(r.id, {
      kind: 'checkout',
      id: r.id,
      at: r.paid_at,
      state: r.status === 'refunded' ? 'refunded' : 'placed',
      title: r.title ?? `商品 ${r.product_id}`,
      image_url: r.image_url,
      item_count: r.qty,
      list_fen: r.price_fen * r.qty,
      amount_fen: r.total_fen,
      refunded_fen: r.refunded_fen,
      red_packet_fen: r.red_packet_fen ?? 0,
      group_id: null,
      group_name: null,
      payment_id: null,
      placed_order_id: r.id,
    });
  }
  return [...byId.values()];
}

/** The user's parts of pooled orders by id, with her lines' units and list price. */
async function pooledRows(db: Queryable, userId: string, ids: readonly string[]): Promise<OrderHistoryRow[]> {
  return db.query<OrderHistoryRow>(
    `select 'pooled' as kind, po.id, po.created_at as at,
            case
              when pp.status in ('due', 'pending') then 'pending_payment'
              when pp.status = 'paid' then case when po.status = 'placed' then 'placed' else 'paid' end
              when pp.status = 'refunded' then case when pay.status = 'refunding' then 'refunding' else 'refunded' end
              else 'failed'
            end as state,
            l.title, p.image_url, l.item_count, l.list_fen, pp.due_fen as amount_fen,
            case when pay.id is not null then pay.refunded_fen when pp.status = 'refunded' then pp.due_fen else 0 end as refunded_fen,
            case when po.status = 'placed' and pp.status = 'paid'
                 then ${PACKETS_OF("'pooled-' || po.id || '-' || pp.user_id", '$2')} else 0 end as red_packet_fen,
            g.id as group_id, g.name as group_name, pp.payment_id,
            case when po.status = 'placed' and pp.status = 'paid' then 'pooled-' || po.id || '-' || pp.user_id end as placed_order_id
     from pooled_order_payments pp
     join pooled_orders po on po.id = pp.pooled_order_id
     join groups g on g.id = po.group_id
     left join payments pay on pay.id = pp.payment_id
     left join lateral (
       select (array_agg(x.title order by x.created_at, x.id))[1] as title,
              (array_agg(x.product_id order by x.created_at, x.id))[1] as product_id, sum(x.qty)::int as item_count,
              sum(x.unit_price_fen * x.qty)::bigint as list_fen
       from pooled_order_lines x where x.pooled_order_id = po.id and x.user_id = pp.user_id
     ) l on true
     left join products p on p.id = l.product_id
     where pp.pooled_order_id = any($1::text[]) and pp.user_id = $2`,
    [ids, userId],
  );
}

/** The user's seats in group buys by id: the deal's product at the price she paid. */
async function groupBuyRows(db: Queryable, userId: string, ids: readonly string[]): Promise<OrderHistoryRow[]> {
  return db.query<OrderHistoryRow>(
    `select 'group_buy' as kind, b.id, m.joined_at as at,
            case
              when m.status = 'pending' then 'pending_payment'
              when m.status = 'paid' then case when b.status = 'succeeded' then 'placed' else 'paid' end
              when m.status in ('left', 'refunded') then case when pay.status = 'refunding' then 'refunding' else 'refunded' end
              else 'failed'
            end as state,
            p.title, p.image_url, 1 as item_count, p.price_fen as list_fen, m.amount_fen,
            case when pay.id is not null then pay.refunded_fen when m.status in ('left', 'refunded') then m.amount_fen else 0 end as refunded_fen,
            case when b.status = 'succeeded' and m.status = 'paid'
                 then ${PACKETS_OF("'groupbuy-' || b.id || '-' || m.user_id", '$2')} else 0 end as red_packet_fen,
            g.id as group_id, g.name as group_name, m.payment_id,
            case when b.status = 'succeeded' and m.status = 'paid' then 'groupbuy-' || b.id || '-' || m.user_id end as placed_order_id
     from group_buy_members m
     join group_buys b on b.id = m.group_buy_id
     join deals d on d.id = b.deal_id
     join products p on p.id = d.product_id
     left join groups g on g.id = b.group_id
     left join payments pay on pay.id = m.payment_id
     where m.group_buy_id = any($1::text[]) and m.user_id = $2`,
    [ids, userId],
  );
}

const FETCHERS: Record<MyOrderKind, (db: Queryable, userId: string, ids: readonly string[]) => Promise<OrderHistoryRow[]>> = {
  checkout: checkoutRows,
  pooled: pooledRows,
  group_buy: groupBuyRows,
};

/** A page of the user's orders of every kind, newest first (ask for limit + 1 to know whether more follow). */
export async function listOrderHistory(
  db: Queryable,
  userId: string,
  cursor: OrderCursor | null,
  limit: number,
): Promise<OrderHistoryRow[]> {
  const keys = await pageKeys(db, userId, cursor, limit);
  const byKind = new Map<MyOrderKind, string[]>();
  for (const key of keys) {
    const kind = RANK_KIND[key.rank]!;
    byKind.set(kind, [...(byKind.get(kind) ?? []), key.id]);
  }
  const found = new Map<string, OrderHistoryRow>();
  for (const [kind, ids] of byKind) {
    for (const row of await FETCHERS[kind](db, userId, ids)) found.set(`${kind}:${row.id}`, row);
  }
  const rows = keys.flatMap((key) => {
    const row = found.get(`${RANK_KIND[key.rank]}:${key.id}`);
    return row ? [row] : [];
  });
  return rows;
}

/** One of the user's orders as the list shows it; undefined when she has none of that kind and id. */
export async function findOrderHistoryRow(
  db: Queryable,
  userId: string,
  kind: MyOrderKind,
  id: string,
): Promise<OrderHistoryRow | undefined> {
  return firstRow(await FETCHERS[kind](db, userId, [id]));
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
