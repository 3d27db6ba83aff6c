/**
 * Coupons, group-buy deals and group buys, and the escrow movements shared by group buys and
 * pooled orders. Pooled orders themselves live in commercePooled.ts.
 */
import type { CouponTemplateJson, DealJson, GroupBuyJson, UserCouponJson } from '../../contract/commerce';
import { accountIds, transfer } from '../domain/money/posting';
import { generatedImagePath } from './products';
import { balanceOf, ensureAccounts, post } from './ledger';
import type { Queryable } from './store';

// ---------------------------------------------------------------- coupons

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

export function templateJson(row: CouponTemplateRow, heldCount: number): CouponTemplateJson {
  return {
    templateId: row.id,
    kind: row.kind,
    title: row.title,
    shopName: row.shop_name,
    thresholdFen: row.threshold_fen,
    discountFen: row.discount_fen,
    capFen: row.cap_fen,
    stockTotal: row.stock_total,
    stockLeft: row.stock,
    perUserLimit: row.per_user_limit,
    heldCount,
  };
}

export async function listTemplates(db: Queryable, campaignId: string, userId: string): Promise<Array<{ row: CouponTemplateRow; held: number }>> {
  const rows = await db.query<CouponTemplateRow & { held: number }>(
    `select t.*, (select count(*) from user_coupons u where u.template_id = t.id and u.user_id = $2)::int as held
     from coupon_templates t where t.campaign_id = $1 order by t.kind, t.threshold_fen, t.id`,
    [campaignId, userId],
  );
  return rows.map(({ held, ...row }) => ({ row, held }));
}

export async function findTemplate(db: Queryable, templateId: string): Promise<CouponTemplateRow | undefined> {
  const [row] = await db.query<CouponTemplateRow>('select * from coupon_templates where id = $1', [templateId]);
  return row;
}

export async function countHeld(db: Queryable, templateId: string, userId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>('select count(*)::int as n from user_coupons where template_id = $1 and user_id = $2', [templateId, userId]);
  return row.n;
}

/** Takes one coupon from stock, or answers undefined when none is left (never below zero, under any concurrency). */
export async function takeStock(db: Queryable, templateId: string): Promise<CouponTemplateRow | undefined> {
  const [row] = await db.query<CouponTemplateRow>('update coupon_templates set stock = stock - 1 where id = $1 and stock > 0 returning *', [templateId]);
  return row;
}

interface UserCouponRow extends Omit<CouponTemplateRow, 'id' | 'stock_total' | 'stock' | 'per_user_limit' | 'created_at' | 'campaign_id'> {
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

function userCouponJson(row: UserCouponRow): UserCouponJson {
  return {
    couponId: row.id,
    templateId: row.template_id,
    kind: row.kind,
    title: row.title,
    shopName: row.shop_name,
    thresholdFen: row.threshold_fen,
    discountFen: row.discount_fen,
    capFen: row.cap_fen,
    status: row.status,
    pooledOrderId: row.pooled_order_id,
    claimedAt: row.claimed_at.toISOString(),
  };
}

export async function findCouponByRequest(db: Queryable, userId: string, requestId: string): Promise<UserCouponJson | undefined> {
  const [row] = await db.query<UserCouponRow>(`${USER_COUPON_SELECT} where u.user_id = $1 and u.request_id = $2`, [userId, requestId]);
  return row && userCouponJson(row);
}

export async function insertUserCoupon(db: Queryable, coupon: { id: string; templateId: string; userId: string; requestId: string }, now: Date): Promise<UserCouponJson> {
  await db.query(
    `insert into user_coupons (id, template_id, user_id, request_id, status, claimed_at) values ($1, $2, $3, $4, 'available', $5)`,
    [coupon.id, coupon.templateId, coupon.userId, coupon.requestId, now],
  );
  const [row] = await db.query<UserCouponRow>(`${USER_COUPON_SELECT} where u.id = $1`, [coupon.id]);
  return userCouponJson(row);
}

export const MY_COUPONS_MAX = 200;

export async function listUserCoupons(db: Queryable, userId: string, status?: 'available' | 'used'): Promise<UserCouponJson[]> {
  const rows = await db.query<UserCouponRow>(
    `${USER_COUPON_SELECT} where u.user_id = $1 and ($2::text is null or u.status = $2) order by u.claimed_at desc, u.id limit $3`,
    [userId, status ?? null, MY_COUPONS_MAX],
  );
  return rows.map(userCouponJson);
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
    `insert into coupon_templates (id, campaign_id, kind, title, shop_name, threshold_fen, discount_fen, cap_fen, stock_total, stock, per_user_limit, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11)`,
    [id, campaignId, t.kind, t.title, t.shopName, t.thresholdFen, t.discountFen, t.capFen, t.stock, t.perUserLimit, now],
  );
}

// ---------------------------------------------------------------- deals

export interface DealRow {
  id: string;
  campaign_id: string;
  product_id: string;
  group_price_fen: number;
  size: number;
  time_limit_hours: number;
  virtual_completion: boolean;
  title: string;
  shop_name: string;
  price_fen: number;
  image_url: string | null;
}

const DEAL_SELECT = `select d.id, d.campaign_id, d.product_id, d.group_price_fen, d.size, d.time_limit_hours, d.virtual_completion,
  p.title, p.shop_name, p.price_fen, p.image_url from deals d join products p on p.id = d.product_id`;

export function dealJson(row: DealRow): DealJson {
  return {
    dealId: row.id,
    product: { productId: row.product_id, title: row.title, shopName: row.shop_name, priceFen: row.price_fen, imageUrl: row.image_url ?? generatedImagePath(row.product_id) },
    groupPriceFen: row.group_price_fen,
    size: row.size,
    timeLimitHours: row.time_limit_hours,
    virtualCompletion: row.virtual_completion,
  };
}

export async function listDealsOf(db: Queryable, campaignId: string): Promise<DealRow[]> {
  return db.query<DealRow>(`${DEAL_SELECT} where d.campaign_id = $1 order by d.size, d.id`, [campaignId]);
}

export async function findDeal(db: Queryable, dealId: string): Promise<DealRow | undefined> {
  const [row] = await db.query<DealRow>(`${DEAL_SELECT} where d.id = $1`, [dealId]);
  return row;
}

export interface NewDeal {
  productId: string;
  groupPriceFen: number;
  size: number;
  timeLimitHours: number;
  virtualCompletion: boolean;
}

export async function insertDeal(db: Queryable, id: string, campaignId: string, d: NewDeal, now: Date): Promise<void> {
  await db.query(
    `insert into deals (id, campaign_id, product_id, group_price_fen, size, time_limit_hours, virtual_completion, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [id, campaignId, d.productId, d.groupPriceFen, d.size, d.timeLimitHours, d.virtualCompletion, now],
  );
}

// ---------------------------------------------------------------- group buys

export interface GroupBuyRow {
  id: string;
  deal_id: string;
  leader_id: string;
  opened_by: string;
  size: number;
  seats_taken: number;
  status: 'open' | 'succeeded' | 'failed';
  outcome: string | null;
  expires_at: Date;
  created_at: Date;
}

export async function findGroupBuy(db: Queryable, id: string, lock = false): Promise<GroupBuyRow | undefined> {
  const [row] = await db.query<GroupBuyRow>(`select * from group_buys where id = $1${lock ? ' for update' : ''}`, [id]);
  return row;
}

/** Closed group buys a shopper's list shows besides the open ones. */
export const CLOSED_GROUP_BUYS_LISTED = 20;

/** The group buys the user has (or had) a seat in: open ones, then the newest closed ones. */
export async function listGroupBuysOf(db: Queryable, userId: string): Promise<GroupBuyRow[]> {
  return db.query<GroupBuyRow>(
    `with mine as (select b.* from group_buys b join group_buy_members m on m.group_buy_id = b.id and m.user_id = $1)
     select * from (
       (select * from mine where status = 'open')
       union all
       (select * from mine where status <> 'open' order by created_at desc limit $2)
     ) listed
     order by (status = 'open') desc, created_at desc, id`,
    [userId, CLOSED_GROUP_BUYS_LISTED],
  );
}

export async function findGroupBuyByRequest(db: Queryable, userId: string, requestId: string): Promise<GroupBuyRow | undefined> {
  const [row] = await db.query<GroupBuyRow>('select * from group_buys where opened_by = $1 and open_request_id = $2', [userId, requestId]);
  return row;
}

export async function countOpenLed(db: Queryable, userId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(`select count(*)::int as n from group_buys where leader_id = $1 and status = 'open'`, [userId]);
  return row.n;
}

export async function insertGroupBuy(
  db: Queryable,
  gb: { id: string; dealId: string; leaderId: string; requestId: string; size: number; expiresAt: Date },
  now: Date,
): Promise<void> {
  await db.query(
    `insert into group_buys (id, deal_id, leader_id, opened_by, open_request_id, size, seats_taken, status, expires_at, created_at)
     values ($1, $2, $3, $3, $4, $5, 0, 'open', $6, $7)`,
    [gb.id, gb.dealId, gb.leaderId, gb.requestId, gb.size, gb.expiresAt, now],
  );
}

/** Takes a seat, or answers undefined when the buy is full, closed or past its deadline. */
export async function takeSeat(db: Queryable, groupBuyId: string, now: Date): Promise<GroupBuyRow | undefined> {
  const [row] = await db.query<GroupBuyRow>(
    `update group_buys set seats_taken = seats_taken + 1
     where id = $1 and status = 'open' and seats_taken < size and expires_at > $2 returning *`,
    [groupBuyId, now],
  );
  return row;
}

export interface GroupBuyMemberRow {
  user_id: string;
  nickname: string;
  amount_fen: number;
  status: 'paid' | 'left' | 'refunded';
  joined_at: Date;
}

export async function listGroupBuyMembers(db: Queryable, groupBuyId: string): Promise<GroupBuyMemberRow[]> {
  return db.query<GroupBuyMemberRow>(
    `select m.user_id, u.nickname, m.amount_fen, m.status, m.joined_at from group_buy_members m join users u on u.id = m.user_id
     where m.group_buy_id = $1 order by m.joined_at, m.user_id`,
    [groupBuyId],
  );
}

export async function findGroupBuyMember(db: Queryable, groupBuyId: string, userId: string): Promise<GroupBuyMemberRow | undefined> {
  const [row] = await db.query<GroupBuyMemberRow>(
    `select m.user_id, u.nickname, m.amount_fen, m.status, m.joined_at from group_buy_members m join users u on u.id = m.user_id
     where m.group_buy_id = $1 and m.user_id = $2`,
    [groupBuyId, userId],
  );
  return row;
}

export async function insertGroupBuyMember(db: Queryable, m: { groupBuyId: string; userId: string; requestId: string; amountFen: number }, now: Date): Promise<void> {
  await db.query(
    `insert into group_buy_members (group_buy_id, user_id, request_id, amount_fen, status, joined_at) values ($1, $2, $3, $4, 'paid', $5)`,
    [m.groupBuyId, m.userId, m.requestId, m.amountFen, now],
  );
}

export async function groupBuyJson(db: Queryable, row: GroupBuyRow): Promise<GroupBuyJson> {
  const [json] = await groupBuysJson(db, [row]);
  return json;
}

/** Several buys with their deals and members in two statements, whatever their number. */
export async function groupBuysJson(db: Queryable, rows: readonly GroupBuyRow[]): Promise<GroupBuyJson[]> {
  if (rows.length === 0) return [];
  const deals = await db.query<DealRow>(`${DEAL_SELECT} where d.id = any($1::text[])`, [[...new Set(rows.map((r) => r.deal_id))]]);
  const dealById = new Map(deals.map((d) => [d.id, d]));
  const members = await db.query<GroupBuyMemberRow & { group_buy_id: string }>(
    `select m.group_buy_id, m.user_id, u.nickname, m.amount_fen, m.status, m.joined_at from group_buy_members m join users u on u.id = m.user_id
     where m.group_buy_id = any($1::text[]) order by m.joined_at, m.user_id`,
    [rows.map((r) => r.id)],
  );
  return rows.map((row) => {
    const deal = dealById.get(row.deal_id);
    if (!deal) throw new Error(`group buy ${row.id} has no deal ${row.deal_id}`);
    return toGroupBuyJson(row, deal, members.filter((m) => m.group_buy_id === row.id));
  });
}

function toGroupBuyJson(row: GroupBuyRow, deal: DealRow, members: readonly GroupBuyMemberRow[]): GroupBuyJson {
  return {
    groupBuyId: row.id,
    deal: dealJson(deal),
    leaderId: row.leader_id,
    status: row.status,
    outcome: row.outcome,
    size: row.size,
    seatsTaken: row.seats_taken,
    members: members.map((m) => ({
      userId: m.user_id,
      nickname: m.nickname,
      role: m.user_id === row.leader_id ? 'leader' : 'member',
      paidFen: m.amount_fen,
      status: m.status,
      joinedAt: m.joined_at.toISOString(),
    })),
    paidCount: members.filter((m) => m.status === 'paid').length,
    expiresAt: row.expires_at.toISOString(),
    createdAt: row.created_at.toISOString(),
  };
}

// ---------------------------------------------------------------- escrow

/**
 * A shopper's payment for a pooled order or group buy, once per effect: from her payment account
 * (money from outside the ledger) into the order's escrow.
 */
export async function payIntoEscrow(db: Queryable, effectKey: string, userId: string, escrowOf: string, amountFen: number, now: Date): Promise<'posted' | 'duplicate'> {
  const from = accountIds.payment(userId);
  const to = accountIds.escrow(escrowOf);
  await ensureAccounts(db, [from, to]);
  return post(db, transfer(effectKey, 'escrow_pay', from, to, amountFen), now);
}

/** A refund, once per effect: from the escrow back to the shopper's payment account. */
export async function refundFromEscrow(db: Queryable, effectKey: string, userId: string, escrowOf: string, amountFen: number, now: Date): Promise<'posted' | 'duplicate'> {
  return post(db, transfer(effectKey, 'escrow_refund', accountIds.escrow(escrowOf), accountIds.payment(userId), amountFen), now);
}

/** Releases everything held in the escrow to the merchant, once per effect; answers the amount. */
export async function settleEscrow(db: Queryable, effectKey: string, escrowOf: string, campaignId: string, now: Date): Promise<number> {
  const escrow = accountIds.escrow(escrowOf);
  const amountFen = await balanceOf(db, escrow);
  if (amountFen === 0) return 0;
  const merchant = accountIds.merchant(campaignId);
  await ensureAccounts(db, [merchant]);
  const outcome = await post(db, transfer(effectKey, 'escrow_settle', escrow, merchant, amountFen), now);
  return outcome === 'posted' ? amountFen : 0;
}
