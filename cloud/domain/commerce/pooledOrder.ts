/**
 * Rules of a pooled order (领券拼单) around the planner in cloud/domain/coupons: when the order
 * can change, which deadlines are sensible, which coupons the planner gets to see, and what each
 * member owes once the plan is frozen. Pure: the clock is passed in.
 */
import type { PooledOrderStatus } from '../../../contract/commerce';
import { PLANNER_LIMITS, type CouponInput, type PlannerInput, type PooledPlan } from '../coupons';
import { percentStepTerms } from '../coupons/couponValue';

export type { PooledOrderStatus };

/** A deadline far enough away for friends to add their lines and pay, near enough to be a plan. */
export const POOLED_DEADLINE_MIN_MS = 10 * 60 * 1000;
export const POOLED_DEADLINE_MAX_MS = 7 * 24 * 3_600_000;
/** Lines per pooled order: the exact planner handles 20, the heuristic the rest quickly. */
export const MAX_POOLED_LINES = 60;
/** Open pooled orders per group at once. */
export const MAX_OPEN_POOLED_ORDERS_PER_GROUP = 5;
/** Beyond this many players the Shapley report is skipped (2^n coalitions), the plan is not. */
export const SHAPLEY_MAX_MEMBERS = 8;

export type DeadlineProblem = 'invalid' | 'too_soon' | 'too_far';

export function checkDeadline(now: Date, deadline: Date): DeadlineProblem | null {
  const ms = deadline.getTime();
  if (Number.isNaN(ms)) return 'invalid';
  if (ms - now.getTime() < POOLED_DEADLINE_MIN_MS) return 'too_soon';
  if (ms - now.getTime() > POOLED_DEADLINE_MAX_MS) return 'too_far';
  return null;
}

/** Refusals of a change (adding or removing lines, confirming), in the order they are checked. */
export type ChangeRefusal = { kind: 'expired' } | { kind: 'closed'; status: PooledOrderStatus };

/**
 * Lines change only while the order is open and before its deadline; confirming (paying) also
 * works while the plan is frozen. Past the deadline the order is as good as expired even before
 * the expiry job has run.
 */
export function checkChange(
  order: { status: PooledOrderStatus; deadline: Date },
  now: Date,
  action: 'lines' | 'confirm',
): ChangeRefusal | null {
  if (order.status === 'expired') return { kind: 'expired' };
  if (order.status === 'placed') return { kind: 'closed', status: order.status };
  if (now.getTime() >= order.deadline.getTime()) return { kind: 'expired' };
  if (action === 'lines' && order.status !== 'open') return { kind: 'closed', status: order.status };
  return null;
}

export interface PooledLineRow {
  lineId: string;
  userId: string;
  productId: string;
  shopName: string;
  unitPriceFen: number;
  qty: number;
}

export interface HeldCoupon {
  couponId: string;
  userId: string;
  kind: 'cross_store' | 'shop' | 'percent';
  shopName: string | null;
  thresholdFen: number;
  discountFen: number;
  /** percent coupons: % off (their threshold and discount are 0). */
  percentOff: number | null;
  capFen: number | null;
}

/** A cross-store or percentage coupon as the step terms the planner prices it by. */
function orderLevelTerms(c: HeldCoupon): { thresholdFen: number; discountFen: number; capFen: number } {
  if (c.kind === 'percent') return percentStepTerms(c.percentOff!, c.capFen!);
  return { thresholdFen: c.thresholdFen, discountFen: c.discountFen, capFen: c.capFen ?? Infinity };
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The planner's input from the pooled lines and the coupons the group's members hold. Coupons
 * that cannot help are left out, so that a member holding many never pushes the input past the
 * planner's limits: shop coupons of shops with no lines, more shop coupons of a shop than it has
 * lines (each order takes one per shop) or than PLANNER_LIMITS allow, and more cross-store
 * coupons than there are lines (each order takes one). What is kept is chosen by value, then id,
 * so the same holdings always give the same input.
 */
export function plannerInput(lines: readonly PooledLineRow[], coupons: readonly HeldCoupon[]): PlannerInput {
  const linesByShop = new Map<string, number>();
  for (const line of lines) linesByShop.set(line.shopName, (linesByShop.get(line.shopName) ?? 0) + 1);
  const shopCoupons = new Map<string, HeldCoupon[]>();
  const crossCoupons: HeldCoupon[] = [];
  for (const coupon of coupons) {
    if (coupon.kind === 'cross_store' || coupon.kind === 'percent') crossCoupons.push(coupon);
    else if (coupon.shopName && linesByShop.has(coupon.shopName))
      shopCoupons.set(coupon.shopName, [...(shopCoupons.get(coupon.shopName) ?? []), coupon]);
  }
  const keptShop = [...shopCoupons.entries()].flatMap(([shop, list]) =>
    list
      .sort((a, b) => b.discountFen - a.discountFen || a.thresholdFen - b.thresholdFen || byId(a.couponId, b.couponId))
      .slice(0, Math.min(linesByShop.get(shop)!, PLANNER_LIMITS.maxShopCouponsPerShop)),
  );
  const keptCross = crossCoupons
    .map((c) => ({ c, t: orderLevelTerms(c) }))
    .sort(
      ({ c: ca, t: a }, { c: cb, t: b }) =>
        b.capFen - a.capFen ||
        b.discountFen * a.thresholdFen - a.discountFen * b.thresholdFen ||
        a.thresholdFen - b.thresholdFen ||
        byId(ca.couponId, cb.couponId),
    )
    .map(({ c }) => c)
    .slice(0, lines.length);
  // Cross-store coupons first when the total must be cut: one can serve every shop.
  const kept = [...keptCross, ...keptShop.sort((a, b) => b.discountFen - a.discountFen || byId(a.couponId, b.couponId))].slice(
    0,
    PLANNER_LIMITS.maxCoupons,
  );
  return {
    lines: lines.map((l) => ({
      lineId: l.lineId,
      productId: l.productId,
      shopId: l.shopName,
      memberId: l.userId,
      unitPriceFen: l.unitPriceFen,
      qty: l.qty,
    })),
    coupons: kept.map((c): CouponInput =>
      c.kind === 'percent'
        ? { couponId: c.couponId, holderId: c.userId, kind: 'percent', percentOff: c.percentOff!, capFen: c.capFen! }
        : c.kind === 'cross_store'
          ? {
              couponId: c.couponId,
              holderId: c.userId,
              kind: 'crossStore',
              thresholdFen: c.thresholdFen,
              discountFen: c.discountFen,
              ...(c.capFen !== null ? { capFen: c.capFen } : {}),
            }
          : {
              couponId: c.couponId,
              holderId: c.userId,
              kind: 'shop',
              shopId: c.shopName!,
              thresholdFen: c.thresholdFen,
              discountFen: c.discountFen,
            },
    ),
  };
}

/** Whether to ask for the Shapley report: only while 2^players stays small. */
export function withShapley(input: PlannerInput): boolean {
  const players = new Set([...input.lines.map((l) => l.memberId), ...input.coupons.map((c) => c.holderId)]);
  return players.size <= SHAPLEY_MAX_MEMBERS;
}

/**
 * What each member with lines pays once the plan is frozen, and the coupons it uses. A member's
 * part is her lines' amounts less their allocated discounts; the parts sum to what the orders pay.
 */
export function duesOf(plan: PooledPlan): { dues: Array<{ userId: string; dueFen: number }>; couponIds: string[] } {
  const dues = plan.members.filter((m) => m.amountFen > 0).map((m) => ({ userId: m.memberId, dueFen: m.payFen }));
  const total = dues.reduce((sum, d) => sum + d.dueFen, 0);
  const ordersPay = plan.orders.reduce((sum, o) => sum + o.payFen, 0);
  if (total !== ordersPay || total !== plan.totalAmountFen - plan.totalDiscountFen)
    throw new Error(`pooled dues ${total} do not add up to the orders' ${ordersPay}`);
  for (const due of dues)
    if (!Number.isSafeInteger(due.dueFen) || due.dueFen <= 0) throw new Error(`member ${due.userId} would pay ${due.dueFen}`);
  return { dues, couponIds: planCouponIds(plan) };
}

/** Every coupon the plan's orders use. */
export function planCouponIds(plan: PooledPlan): string[] {
  return plan.orders.flatMap((o) => [...(o.crossStoreCouponId ? [o.crossStoreCouponId] : []), ...o.shopCouponIds]);
}
