/** Pooled orders (领券拼单): the order, its lines, the members' payments and the coupons they use. */
import type { PooledOrderJson, PooledOrderSummaryJson } from '../../contract/commerce';
import type { HeldCoupon, PooledLineRow, PooledOrderStatus } from '../domain/commerce/pooledOrder';
import type { PooledPlan } from '../domain/coupons';
import type { Queryable } from './store';

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

export function pooledOrderJson(row: PooledOrderRow): PooledOrderJson {
  return {
    pooledOrderId: row.id,
    groupId: row.group_id,
    createdBy: row.created_by,
    deadline: row.deadline.toISOString(),
    status: row.status,
    createdAt: row.created_at.toISOString(),
  };
}

export async function findPooledOrder(db: Queryable, id: string, lock = false): Promise<PooledOrderRow | undefined> {
  const [row] = await db.query<PooledOrderRow>(`select * from pooled_orders where id = $1${lock ? ' for update' : ''}`, [id]);
  return row;
}

export async function findPooledOrderByRequest(db: Queryable, userId: string, requestId: string): Promise<PooledOrderRow | undefined> {
  const [row] = await db.query<PooledOrderRow>('select * from pooled_orders where created_by = $1 and request_id = $2', [userId, requestId]);
  return row;
}

export async function countOpenPooledOrders(db: Queryable, groupId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(`select count(*)::int as n from pooled_orders where group_id = $1 and status in ('open', 'confirming')`, [groupId]);
  return row.n;
}

/** Closed orders a group's list shows besides the open ones. */
export const CLOSED_POOLED_ORDERS_LISTED = 20;

/** The group's open orders and its newest closed ones, with line, member and amount totals. */
export async function listGroupPooledOrders(db: Queryable, groupId: string): Promise<PooledOrderSummaryJson[]> {
  const rows = await db.query<PooledOrderRow & { creator_nickname: string; line_count: number; member_count: number; total_amount_fen: number }>(
    `with listed as (
       (select * from pooled_orders where group_id = $1 and status in ('open', 'confirming'))
       union all
       (select * from pooled_orders where group_id = $1 and status not in ('open', 'confirming') order by created_at desc limit $2)
     )
     select o.*, u.nickname as creator_nickname,
            coalesce(l.line_count, 0)::int as line_count, coalesce(l.member_count, 0)::int as member_count,
            coalesce(l.total_amount_fen, 0)::bigint as total_amount_fen
     from listed o join users u on u.id = o.created_by
     left join lateral (
       select count(*) as line_count, count(distinct user_id) as member_count, sum(unit_price_fen * qty) as total_amount_fen
       from pooled_order_lines where pooled_order_id = o.id
     ) l on true
     order by (o.status in ('open', 'confirming')) desc, o.created_at desc, o.id`,
    [groupId, CLOSED_POOLED_ORDERS_LISTED],
  );
  return rows.map((r) => ({
    ...pooledOrderJson(r),
    creatorNickname: r.creator_nickname,
    lineCount: r.line_count,
    memberCount: r.member_count,
    totalAmountFen: Number(r.total_amount_fen),
  }));
}

export async function insertPooledOrder(
  db: Queryable,
  order: { id: string; groupId: string; campaignId: string; createdBy: string; requestId: string; deadline: Date },
  now: Date,
): Promise<PooledOrderRow> {
  const [row] = await db.query<PooledOrderRow>(
    `insert into pooled_orders (id, group_id, campaign_id, created_by, request_id, deadline, status, created_at)
     values ($1, $2, $3, $4, $5, $6, 'open', $7) returning *`,
    [order.id, order.groupId, order.campaignId, order.createdBy, order.requestId, order.deadline, now],
  );
  return row;
}

export interface PooledLineView extends PooledLineRow {
  itemId: string;
  title: string;
}

export async function listPooledLines(db: Queryable, pooledOrderId: string): Promise<PooledLineView[]> {
  const rows = await db.query<{ id: string; user_id: string; item_id: string; product_id: string; shop_name: string; title: string; unit_price_fen: number; qty: number }>(
    'select id, user_id, item_id, product_id, shop_name, title, unit_price_fen, qty from pooled_order_lines where pooled_order_id = $1 order by created_at, id',
    [pooledOrderId],
  );
  return rows.map((r) => ({ lineId: r.id, userId: r.user_id, itemId: r.item_id, productId: r.product_id, shopName: r.shop_name, title: r.title, unitPriceFen: r.unit_price_fen, qty: r.qty }));
}

export async function countPooledLines(db: Queryable, pooledOrderId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>('select count(*)::int as n from pooled_order_lines where pooled_order_id = $1', [pooledOrderId]);
  return row.n;
}

/** Adds the member's line for an item, or sets its quantity when she already has one. */
export async function upsertPooledLine(
  db: Queryable,
  line: { id: string; pooledOrderId: string; userId: string; itemId: string; productId: string; shopName: string; title: string; unitPriceFen: number; qty: number },
  now: Date,
): Promise<void> {
  await db.query(
    `insert into pooled_order_lines (id, pooled_order_id, user_id, item_id, product_id, shop_name, title, unit_price_fen, qty, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     on conflict (pooled_order_id, user_id, item_id) do update set qty = excluded.qty`,
    [line.id, line.pooledOrderId, line.userId, line.itemId, line.productId, line.shopName, line.title, line.unitPriceFen, line.qty, now],
  );
}

export async function findPooledLine(db: Queryable, pooledOrderId: string, lineId: string): Promise<{ user_id: string } | undefined> {
  const [row] = await db.query<{ user_id: string }>('select user_id from pooled_order_lines where pooled_order_id = $1 and id = $2', [pooledOrderId, lineId]);
  return row;
}

export async function deletePooledLine(db: Queryable, lineId: string): Promise<void> {
  await db.query('delete from pooled_order_lines where id = $1', [lineId]);
}

/** The available coupons of the campaign held by the group's current members. */
export async function couponsHeldInGroup(db: Queryable, groupId: string, campaignId: string): Promise<HeldCoupon[]> {
  const rows = await db.query<{ id: string; user_id: string; kind: 'cross_store' | 'shop'; shop_name: string | null; threshold_fen: number; discount_fen: number; cap_fen: number | null }>(
    `select u.id, u.user_id, t.kind, t.shop_name, t.threshold_fen, t.discount_fen, t.cap_fen
     from user_coupons u join coupon_templates t on t.id = u.template_id
     join group_members m on m.group_id = $1 and m.user_id = u.user_id
     where t.campaign_id = $2 and u.status = 'available' order by u.id`,
    [groupId, campaignId],
  );
  return rows.map((r) => ({ couponId: r.id, userId: r.user_id, kind: r.kind, shopName: r.shop_name, thresholdFen: r.threshold_fen, discountFen: r.discount_fen, capFen: r.cap_fen }));
}

/** Titles and holders of the given coupons, for showing a plan. */
export async function couponTitles(db: Queryable, couponIds: string[]): Promise<Array<{ couponId: string; title: string; holderId: string }>> {
  if (couponIds.length === 0) return [];
  const rows = await db.query<{ id: string; title: string; user_id: string }>(
    'select u.id, t.title, u.user_id from user_coupons u join coupon_templates t on t.id = u.template_id where u.id = any($1::text[]) order by u.id',
    [couponIds],
  );
  return rows.map((r) => ({ couponId: r.id, title: r.title, holderId: r.user_id }));
}

/** Marks the plan's coupons used by this order; answers how many were still available (all of them, or the plan is stale). */
export async function useCoupons(db: Queryable, couponIds: string[], pooledOrderId: string, now: Date): Promise<number> {
  if (couponIds.length === 0) return 0;
  const rows = await db.query(
    `update user_coupons set status = 'used', pooled_order_id = $2, used_at = $3 where id = any($1::text[]) and status = 'available' returning id`,
    [couponIds, pooledOrderId, now],
  );
  return rows.length;
}

/** An expired order gives its coupons back to their holders. */
export async function releaseCoupons(db: Queryable, pooledOrderId: string): Promise<void> {
  await db.query(`update user_coupons set status = 'available', pooled_order_id = null, used_at = null where pooled_order_id = $1 and status = 'used'`, [pooledOrderId]);
}

export async function freezePlan(db: Queryable, pooledOrderId: string, plan: PooledPlan, dues: Array<{ userId: string; dueFen: number }>): Promise<void> {
  await db.query(`update pooled_orders set status = 'confirming', plan = $2 where id = $1`, [pooledOrderId, JSON.stringify(plan)]);
  await db.query(
    `insert into pooled_order_payments (pooled_order_id, user_id, due_fen, status) select $1, u, d, 'due' from unnest($2::text[], $3::bigint[]) as t(u, d)`,
    [pooledOrderId, dues.map((d) => d.userId), dues.map((d) => d.dueFen)],
  );
}

export interface PooledPaymentRow {
  user_id: string;
  due_fen: number;
  status: 'due' | 'paid' | 'refunded' | 'void';
}

export async function listPooledPayments(db: Queryable, pooledOrderId: string): Promise<PooledPaymentRow[]> {
  return db.query<PooledPaymentRow>('select user_id, due_fen, status from pooled_order_payments where pooled_order_id = $1 order by user_id', [pooledOrderId]);
}

export async function markPooledPaid(db: Queryable, pooledOrderId: string, userId: string, requestId: string, now: Date): Promise<boolean> {
  const rows = await db.query(
    `update pooled_order_payments set status = 'paid', request_id = $3, paid_at = $4 where pooled_order_id = $1 and user_id = $2 and status = 'due' returning user_id`,
    [pooledOrderId, userId, requestId, now],
  );
  return rows.length === 1;
}

export async function setPooledStatus(db: Queryable, pooledOrderId: string, status: PooledOrderStatus, now: Date): Promise<void> {
  await db.query('update pooled_orders set status = $2, settled_at = $3 where id = $1', [pooledOrderId, status, now]);
}

export async function nicknamesOf(db: Queryable, userIds: string[]): Promise<Map<string, string>> {
  const rows = await db.query<{ id: string; nickname: string }>('select id, nickname from users where id = any($1::text[])', [userIds]);
  return new Map(rows.map((r) => [r.id, r.nickname]));
}
