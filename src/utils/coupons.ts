import type { CouponTemplateJson, UserCouponJson } from '../../contract/commerce';
import { formatYuan } from './money';

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
