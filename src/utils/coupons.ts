import type { CouponTemplateJson, UserCouponJson } from '../../contract/commerce';
import { formatYuan } from './money';
import { formatShortTime } from './time';

type CouponTerms = Pick<CouponTemplateJson, 'kind' | 'shopName' | 'thresholdFen' | 'discountFen' | 'capFen'> &
  Partial<Pick<CouponTemplateJson, 'percentOff'>>;

/** Yuan without trailing ".00" for round amounts, as coupons are printed: "¥300", "¥12.50". */
export function couponYuan(amountFen: number): string {
  return amountFen % 100 === 0 ? `¥${amountFen / 100}` : formatYuan(amountFen);
}

/**
 * The coupon's rule in one line. Cross-store coupons repeat ("每满¥300减¥40"), optionally capped;
 * shop coupons apply once to that shop's items ("满¥200减¥20"); percentage coupons take a share off
 * the whole order up to their cap ("全场9折，每单最多减¥20").
 */
export function couponRule(coupon: CouponTerms): string {
  if (coupon.kind === 'percent') {
    // percentOff 10 is 9折, 15 is 8.5折.
    const zhe = (100 - (coupon.percentOff ?? 0)) / 10;
    const cap = coupon.capFen !== null ? `，每单最多减${couponYuan(coupon.capFen)}` : '';
    return `全场${zhe}折${cap}`;
  }
  if (coupon.kind === 'cross_store') {
    const cap = coupon.capFen !== null ? `，每单最多减${couponYuan(coupon.capFen)}` : '';
    return `跨店每满${couponYuan(coupon.thresholdFen)}减${couponYuan(coupon.discountFen)}${cap}`;
  }
  return `${coupon.shopName ?? '店铺'}满${couponYuan(coupon.thresholdFen)}减${couponYuan(coupon.discountFen)}`;
}

export type ClaimState = 'claimable' | 'held_max' | 'sold_out';

/** Whether the claim button can be pressed, and why not. A coupon already held to the limit says so before "sold out". */
export function claimStateOf(template: Pick<CouponTemplateJson, 'heldCount' | 'perUserLimit' | 'stockLeft'>): ClaimState {
  if (template.heldCount >= template.perUserLimit) return 'held_max';
  if (template.stockLeft <= 0) return 'sold_out';
  return 'claimable';
}

/** Available coupons first, newest first within each status. */
export function sortMyCoupons(coupons: readonly UserCouponJson[]): UserCouponJson[] {
  return [...coupons].sort((a, b) =>
    a.status !== b.status ? (a.status === 'available' ? -1 : 1) : b.claimedAt.localeCompare(a.claimedAt),
  );
}

export type HeldCouponState = 'used' | 'expired' | 'not_yet' | 'available';

/** What a held coupon can do now: used in a pooled order, past its validity, not valid yet, or usable. */
export function heldCouponState(coupon: Pick<UserCouponJson, 'status' | 'validFrom' | 'expiresAt'>, nowMs: number): HeldCouponState {
  if (coupon.status === 'used') return 'used';
  if (coupon.expiresAt !== null && Date.parse(coupon.expiresAt) <= nowMs) return 'expired';
  if (coupon.validFrom !== null && Date.parse(coupon.validFrom) > nowMs) return 'not_yet';
  return 'available';
}

export const HELD_COUPON_LABELS: Record<HeldCouponState, string> = {
  used: '拼单已用',
  expired: '已过期',
  not_yet: '未生效',
  available: '可用',
};

/** Identical coupons held (same template, same state, same pooled order), shown once with a count. */
export interface CouponStack {
  key: string;
  coupon: UserCouponJson;
  count: number;
  expired: boolean;
  /** Not usable yet (its validity starts later). */
  notYet: boolean;
}

/**
 * 我的券 as stacks: identical coupons once, with how many (same template, state, validity and
 * pooled order). Usable ones first, then not yet usable, expired, used; newest claim first within
 * each. `nowMs` decides what has expired.
 */
export function stackMyCoupons(coupons: readonly UserCouponJson[], nowMs: number): CouponStack[] {
  const stacks = new Map<string, CouponStack>();
  for (const coupon of sortMyCoupons(coupons)) {
    const key = [coupon.templateId, coupon.status, coupon.pooledOrderId ?? '', coupon.validFrom ?? '', coupon.expiresAt ?? ''].join('|');
    const stack = stacks.get(key);
    if (stack) stack.count += 1;
    else
      stacks.set(key, {
        key,
        coupon,
        count: 1,
        expired: heldCouponState(coupon, nowMs) === 'expired',
        notYet: heldCouponState(coupon, nowMs) === 'not_yet',
      });
  }
  const rank = (s: CouponStack) => (s.coupon.status === 'used' ? 3 : s.expired ? 2 : s.notYet ? 1 : 0);
  return [...stacks.values()].sort((a, b) => rank(a) - rank(b));
}

/** What a stack of held coupons says about its state: until when it is usable, or why it cannot be used. */
export function couponStackNote(stack: CouponStack): string {
  const { coupon } = stack;
  if (coupon.status === 'used') return '已用在一个拼单里，拼单截止未下单会退回';
  if (stack.expired) return `已于 ${formatShortTime(coupon.expiresAt!)} 过期`;
  if (stack.notYet) return `${formatShortTime(coupon.validFrom!)} 起可用`;
  const until = coupon.expiresAt ? `${formatShortTime(coupon.expiresAt)} 前有效` : '本期活动内有效';
  return `${until} · 在小黑群「领券拼单」里使用`;
}

/**
 * Where "去使用" leads: a used coupon to its pooled order; a usable one to the pooled orders of the
 * shopper's group, or, with several groups, to the groups to pick one; nowhere while expired, not
 * yet valid, or without a group.
 */
export type CouponUse =
  { kind: 'pooled_order'; pooledOrderId: string } | { kind: 'group'; groupId: string } | { kind: 'pick_group' } | null;

export function couponUseOf(stack: CouponStack, groupIds: readonly string[]): CouponUse {
  if (stack.coupon.status === 'used')
    return stack.coupon.pooledOrderId ? { kind: 'pooled_order', pooledOrderId: stack.coupon.pooledOrderId } : null;
  if (stack.expired || stack.notYet || groupIds.length === 0) return null;
  const [only] = groupIds;
  return groupIds.length === 1 && only ? { kind: 'group', groupId: only } : { kind: 'pick_group' };
}
