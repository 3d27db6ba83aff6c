/**
 * Coupon templates and the coupons shoppers hold. This module is the only writer of
 * coupon_templates and user_coupons: claims take stock here, pooled orders use and release
 * coupons here.
 */
import type { HeldCoupon } from '../domain/commerce/pooledOrder';
import { firstRow, oneRow, type Queryable } from './store';

export interface CouponTemplateRow {
  id: string;
  campaign_id: string;
  kind: 'cross_store' | 'shop';
  title: string;
  shop_name: string | null;
  threshold_fen: number;
  discount_fen: number;
  cap_fen: number | null;
  stock_total: number;
  stock: number;
  per_user_limit: number;
  created_at: Date;
}

export async function listTemplates(
  db: Queryable,
  campaignId: string,
  userId: string,
): Promise<Array<{ row: CouponTemplateRow; held: number }>> {
  const rows = await db.query<CouponTemplateRow & { held: number }>(
    `select t.*, (select count(*) from user_coupons u where u.template_id = t.id and u.user_id = $2)::int as held
     from coupon_templates t where t.campaign_id = $1 order by t.kind, t.threshold_fen, t.id`,
    [campaignId, userId],
  );
  return rows.map(({ held, ...row }) => ({ row, held }));
}

export async function findTemplate(db: Queryable, templateId: string): Promise<CouponTemplateRow | undefined> {
  return firstRow(await db.query<CouponTemplateRow>('select * from coupon_templates where id = $1', [templateId]));
}

export async function countHeld(db: Queryable, templateId: string, userId: string): Promise<number> {
  const rows = await db.query<{ n: number }>('select count(*)::int as n from user_coupons where template_id = $1 and user_id = $2', [
    templateId,
    userId,
  ]);
  return oneRow(rows, 'count of held coupons').n;
}

/** Takes one coupon from stock, or answers undefined when none is left (never below zero, under any concurrency). */
export async function takeStock(db: Queryable, templateId: string): Promise<CouponTemplateRow | undefined> {
  const rows = await db.query<CouponTemplateRow>('update coupon_templates set stock = stock - 1 where id = $1 and stock > 0 returning *', [
    templateId,
  ]);
  return firstRow(rows);
}

export interface NewCouponTemplate {
  kind: 'cross_store' | 'shop';
  title: string;
  shopName: string | null;
  thresholdFen: number;
  discountFen: number;
  capFen: number | null;
  stock: number;
  perUserLimit: number;
}

export async function insertTemplate(db: Queryable, id: string, campaignId: string, t: NewCouponTemplate, now: Date): Promise<void> {
  await db.query(
    `insert into coupon_templates
       (id, campaign_id, kind, title, shop_name, threshold_fen, discount_fen, cap_fen,
        stock_total, stock, per_user_limit, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11)`,
    [id, campaignId, t.kind, t.title, t.shopName, t.thresholdFen, t.discountFen, t.capFen, t.stock, t.perUserLimit, now],
  );
}

/** A held coupon with the terms of its template. */
export interface UserCouponRow extends Omit<
  CouponTemplateRow,
  'id' | 'stock_total' | 'stock' | 'per_user_limit' | 'created_at' | 'campaign_id'
> {
  id: string;
  template_id: string;
  user_id: string;
  status: 'available' | 'used';
  pooled_order_id: string | null;
  claimed_at: Date;
}

const USER_COUPON_SELECT = `select u.id, u.template_id, u.user_id, u.status, u.pooled_order_id, u.claimed_at,
  t.kind, t.title, t.shop_name, t.threshold_fen, t.discount_fen, t.cap_fen
  from user_coupons u join coupon_templates t on t.id = u.template_id`;

export async function findCouponByRequest(db: Queryable, userId: string, requestId: string): Promise<UserCouponRow | undefined> {
  const rows = await db.query<UserCouponRow>(`${USER_COUPON_SELECT} where u.user_id = $1 and u.request_id = $2`, [userId, requestId]);
  return firstRow(rows);
}

export async function insertUserCoupon(
  db: Queryable,
  coupon: { id: string; templateId: string; userId: string; requestId: string },
  now: Date,
): Promise<UserCouponRow> {
  await db.query(
    `insert into user_coupons (id, template_id, user_id, request_id, status, claimed_at)
     values ($1, $2, $3, $4, 'available', $5)`,
    [coupon.id, coupon.templateId, coupon.userId, coupon.requestId, now],
  );
  const rows = await db.query<UserCouponRow>(`${USER_COUPON_SELECT} where u.id = $1`, [coupon.id]);
  return oneRow(rows, 'the coupon just claimed');
}

/** Coupons a shopper's list shows at most. */
export const MY_COUPONS_MAX = 200;

export async function listUserCoupons(db: Queryable, userId: string, status?: 'available' | 'used'): Promise<UserCouponRow[]> {
  return db.query<UserCouponRow>(
    `${USER_COUPON_SELECT} where u.user_id = $1 and ($2::text is null or u.status = $2)
     order by u.claimed_at desc, u.id limit $3`,
    [userId, status ?? null, MY_COUPONS_MAX],
  );
}

/** The available coupons of the campaign held by the group's current members. */
export async function couponsHeldInGroup(db: Queryable, groupId: string, campaignId: string): Promise<HeldCoupon[]> {
  const rows = await db.query<{
    id: string;
    user_id: string;
    kind: 'cross_store' | 'shop';
    shop_name: string | null;
    threshold_fen: number;
    discount_fen: number;
    cap_fen: number | null;
  }>(
    `select u.id, u.user_id, t.kind, t.shop_name, t.threshold_fen, t.discount_fen, t.cap_fen
     from user_coupons u join coupon_templates t on t.id = u.template_id
     join group_members m on m.group_id = $1 and m.user_id = u.user_id
     where t.campaign_id = $2 and u.status = 'available' order by u.id`,
    [groupId, campaignId],
  );
  return rows.map((r) => ({
    couponId: r.id,
    userId: r.user_id,
    kind: r.kind,
    shopName: r.shop_name,
    thresholdFen: r.threshold_fen,
    discountFen: r.discount_fen,
    capFen: r.cap_fen,
  }));
}

/** Titles and holders of the given coupons, for showing a plan. */
export async function couponTitles(
  db: Queryable,
  couponIds: string[],
): Promise<Array<{ couponId: string; title: string; holderId: string }>> {
  if (couponIds.length === 0) return [];
  const rows = await db.query<{ id: string; title: string; user_id: string }>(
    `select u.id, t.title, u.user_id from user_coupons u join coupon_templates t on t.id = u.template_id
     where u.id = any($1::text[]) order by u.id`,
    [couponIds],
  );
  return rows.map((r) => ({ couponId: r.id, title: r.title, holderId: r.user_id }));
}

/**
 * Marks the plan's coupons used by this order; answers how many were still available (all of
 * them, or the plan is stale).
 */
export async function useCoupons(db: Queryable, couponIds: string[], pooledOrderId: string, now: Date): Promise<number> {
  if (couponIds.length === 0) return 0;
  const rows = await db.query(
    `update user_coupons set status = 'used', pooled_order_id = $2, used_at = $3
     where id = any($1::text[]) and status = 'available' returning id`,
    [couponIds, pooledOrderId, now],
  );
  return rows.length;
}

/** An expired order gives its coupons back to their holders. */
export async function releaseCoupons(db: Queryable, pooledOrderId: string): Promise<void> {
  await db.query(
    `update user_coupons set status = 'available', pooled_order_id = null, used_at = null
     where pooled_order_id = $1 and status = 'used'`,
    [pooledOrderId],
  );
}
