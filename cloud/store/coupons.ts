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
  kind: 'cross_store' | 'shop' | 'percent';
  title: string;
  shop_name: string | null;
  threshold_fen: number;
  discount_fen: number;
  percent_off: number | null;
  cap_fen: number | null;
  stock_total: number;
  stock: number;
  per_user_limit: number;
  status: 'draft' | 'live' | 'stopped';
  claim_starts_at: Date | null;
  claim_ends_at: Date | null;
  valid_from: Date | null;
  valid_until: Date | null;
  valid_days: number | null;
  created_at: Date;
  updated_at: Date;
}

/** The shoppers' coupon centre: the campaign's live templates whose claim window holds `now`. */
export async function listTemplates(
  db: Queryable,
  campaignId: string,
  userId: string,
  now: Date,
): Promise<Array<{ row: CouponTemplateRow; held: number }>> {
  const rows = await db.query<CouponTemplateRow & { held: number }>(
    `select t.*, (select count(*) from user_coupons u where u.template_id = t.id and u.user_id = $2)::int as held
     from coupon_templates t
     where t.campaign_id = $1 and t.status = 'live'
       and (t.claim_starts_at is null or t.claim_starts_at <= $3) and (t.claim_ends_at is null or t.claim_ends_at > $3)
     order by t.kind, t.threshold_fen, t.id`,
    [campaignId, userId, now],
  );
  return rows.map(({ held, ...row }) => ({ row, held }));
}

export async function findTemplate(db: Queryable, templateId: string, lock = false): Promise<CouponTemplateRow | undefined> {
  return firstRow(
    await db.query<CouponTemplateRow>(`select * from coupon_templates where id = $1${lock ? ' for update' : ''}`, [templateId]),
  );
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
  kind: 'cross_store' | 'shop' | 'percent';
  title: string;
  shopName: string | null;
  thresholdFen: number;
  discountFen: number;
  percentOff?: number | null;
  capFen: number | null;
  stock: number;
  perUserLimit: number;
  status?: 'draft' | 'live' | 'stopped';
  claimStartsAt?: Date | null;
  claimEndsAt?: Date | null;
  validFrom?: Date | null;
  validUntil?: Date | null;
  validDays?: number | null;
}

export async function insertTemplate(
  db: Queryable,
  id: string,
  campaignId: string,
  t: NewCouponTemplate,
  now: Date,
): Promise<CouponTemplateRow> {
  const rows = await db.query<CouponTemplateRow>(
    `insert into coupon_templates
       (id, campaign_id, kind, title, shop_name, threshold_fen, discount_fen, percent_off, cap_fen,
        stock_total, stock, per_user_limit, status, claim_starts_at, claim_ends_at, valid_from, valid_until, valid_days,
        created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18)
     returning *`,
    [
      id,
      campaignId,
      t.kind,
      t.title,
      t.shopName,
      t.thresholdFen,
      t.discountFen,
      t.percentOff ?? null,
      t.capFen,
      t.stock,
      t.perUserLimit,
      t.status ?? 'live',
      t.claimStartsAt ?? null,
      t.claimEndsAt ?? null,
      t.validFrom ?? null,
      t.validUntil ?? null,
      t.validDays ?? null,
      now,
    ],
  );
  return oneRow(rows, 'the coupon template just inserted');
}

/**
 * Saves a marketer's edit of a template whose row the caller holds locked. The stock total is set
 * and the stock left follows it, keeping the claimed count (stock_total - stock) as it is; the
 * caller has checked that the total is at least the claimed count (the CHECK constraint is the backstop).
 */
export async function updateTemplate(db: Queryable, id: string, t: NewCouponTemplate, now: Date): Promise<CouponTemplateRow> {
  const rows = await db.query<CouponTemplateRow>(
    `update coupon_templates set
       kind = $2, title = $3, shop_name = $4, threshold_fen = $5, discount_fen = $6, percent_off = $7, cap_fen = $8,
       stock = $9 - (stock_total - stock), stock_total = $9, per_user_limit = $10, status = $11,
       claim_starts_at = $12, claim_ends_at = $13, valid_from = $14, valid_until = $15, valid_days = $16, updated_at = $17
     where id = $1 returning *`,
    [
      id,
      t.kind,
      t.title,
      t.shopName,
      t.thresholdFen,
      t.discountFen,
      t.percentOff ?? null,
      t.capFen,
      t.stock,
      t.perUserLimit,
      t.status ?? 'live',
      t.claimStartsAt ?? null,
      t.claimEndsAt ?? null,
      t.validFrom ?? null,
      t.validUntil ?? null,
      t.validDays ?? null,
      now,
    ],
  );
  return oneRow(rows, 'the coupon template just updated');
}

/** A template with how many of its coupons are used by pooled orders. */
export interface CouponTemplateAdminRow extends CouponTemplateRow {
  used_count: number;
}

/** Marketers' list: newest first, a page after `after` (created_at, id). One row more than asked. */
export async function listTemplatesAdmin(
  db: Queryable,
  filter: { campaignId?: string; status?: string; after?: { createdAt: Date; id: string }; limit: number },
): Promise<CouponTemplateAdminRow[]> {
  return db.query<CouponTemplateAdminRow>(
    `select t.*, (select count(*) from user_coupons u where u.template_id = t.id and u.status = 'used')::int as used_count
     from coupon_templates t
     where ($1::text is null or t.campaign_id = $1) and ($2::text is null or t.status = $2)
       and ($3::timestamptz is null or (t.created_at, t.id) < ($3, $4::text))
     order by t.created_at desc, t.id desc limit $5`,
    [filter.campaignId ?? null, filter.status ?? null, filter.after?.createdAt ?? null, filter.after?.id ?? null, filter.limit + 1],
  );
}

export async function countUsed(db: Queryable, templateId: string): Promise<number> {
  const rows = await db.query<{ n: number }>(`select count(*)::int as n from user_coupons where template_id = $1 and status = 'used'`, [
    templateId,
  ]);
  return oneRow(rows, 'count of used coupons').n;
}

/** A held coupon with the terms of its template. */
export interface UserCouponRow extends Pick<
  CouponTemplateRow,
  'kind' | 'title' | 'shop_name' | 'threshold_fen' | 'discount_fen' | 'percent_off' | 'cap_fen'
> {
  id: string;
  template_id: string;
  user_id: string;
  status: 'available' | 'used';
  pooled_order_id: string | null;
  claimed_at: Date;
  valid_from: Date | null;
  expires_at: Date | null;
}

const USER_COUPON_SELECT = `select u.id, u.template_id, u.user_id, u.status, u.pooled_order_id, u.claimed_at, u.valid_from, u.expires_at,
  t.kind, t.title, t.shop_name, t.threshold_fen, t.discount_fen, t.percent_off, t.cap_fen
  from user_coupons u join coupon_templates t on t.id = u.template_id`;

export async function findCouponByRequest(db: Queryable, userId: string, requestId: string): Promise<UserCouponRow | undefined> {
  const rows = await db.query<UserCouponRow>(`${USER_COUPON_SELECT} where u.user_id = $1 and u.request_id = $2`, [userId, requestId]);
  return firstRow(rows);
}

export async function insertUserCoupon(
  db: Queryable,
  coupon: { id: string; templateId: string; userId: string; requestId: string; validFrom: Date | null; expiresAt: Date | null },
  now: Date,
): Promise<UserCouponRow> {
  await db.query(
    `insert into user_coupons (id, template_id, user_id, request_id, status, claimed_at, valid_from, expires_at)
     values ($1, $2, $3, $4, 'available', $5, $6, $7)`,
    [coupon.id, coupon.templateId, coupon.userId, coupon.requestId, now, coupon.validFrom, coupon.expiresAt],
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

/** The available coupons of the campaign held by the group's current members, usable at `now` (started, not expired). */
export async function couponsHeldInGroup(db: Queryable, groupId: string, campaignId: string, now: Date): Promise<HeldCoupon[]> {
  const rows = await db.query<{
    id: string;
    user_id: string;
    kind: 'cross_store' | 'shop' | 'percent';
    shop_name: string | null;
    threshold_fen: number;
    discount_fen: number;
    percent_off: number | null;
    cap_fen: number | null;
  }>(
    `select u.id, u.user_id, t.kind, t.shop_name, t.threshold_fen, t.discount_fen, t.percent_off, t.cap_fen
     from user_coupons u join coupon_templates t on t.id = u.template_id
     join group_members m on m.group_id = $1 and m.user_id = u.user_id
     where t.campaign_id = $2 and u.status = 'available'
       and (u.valid_from is null or u.valid_from <= $3) and (u.expires_at is null or u.expires_at > $3)
     order by u.id`,
    [groupId, campaignId, now],
  );
  return rows.map((r) => ({
    couponId: r.id,
    userId: r.user_id,
    kind: r.kind,
    shopName: r.shop_name,
    thresholdFen: r.threshold_fen,
    discountFen: r.discount_fen,
    percentOff: r.percent_off,
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
     where id = any($1::text[]) and status = 'available'
       and (valid_from is null or valid_from <= $3) and (expires_at is null or expires_at > $3) returning id`,
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
