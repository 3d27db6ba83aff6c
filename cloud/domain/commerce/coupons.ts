/**
 * Claiming a coupon (领券). Pure rules; the store applies them under a lock on the claimant's row
 * and takes stock with a conditional update, so they hold under concurrent claims.
 */

import type { CouponKind } from '../../../contract/commerce';

export type { CouponKind };

export interface CouponTerms {
  kind: CouponKind;
  shopName: string | null;
  thresholdFen: number;
  discountFen: number;
  /** percent coupons only. */
  percentOff?: number | null;
  capFen: number | null;
}

/** Refusals in the order they are checked. */
export type ClaimRefusal = { kind: 'campaign_not_running' } | { kind: 'limit'; limit: number } | { kind: 'out_of_stock' };

/**
 * The per-user limit is checked before stock so that a shopper who already holds her share hears
 * that (and not "sold out", which would suggest trying again later).
 */
export function checkClaim(input: {
  campaignRunning: boolean;
  heldCount: number;
  perUserLimit: number;
  stockLeft: number;
}): ClaimRefusal | null {
  if (!input.campaignRunning) return { kind: 'campaign_not_running' };
  if (input.heldCount >= input.perUserLimit) return { kind: 'limit', limit: input.perUserLimit };
  if (input.stockLeft <= 0) return { kind: 'out_of_stock' };
  return null;
}

/** Terms that make sense: a cross-store 满X减Y repeats, so Y < X; a cap is at least one Y; a shop coupon names its shop. */
export function termsProblem(terms: CouponTerms): string | null {
  if (terms.kind === 'percent') {
    const p = terms.percentOff;
    if (p === null || p === undefined || !Number.isInteger(p) || p < 1 || p > 99) return 'percentOff must be 1-99';
    if (terms.capFen === null || !Number.isSafeInteger(terms.capFen) || terms.capFen < 1) return 'a percentage coupon has a cap';
    if (terms.shopName !== null) return 'a percentage coupon has no shop';
    if (terms.thresholdFen !== 0 || terms.discountFen !== 0) return 'a percentage coupon has no threshold or fixed discount';
    return null;
  }
  if (!Number.isSafeInteger(terms.discountFen) || terms.discountFen <= 0) return 'discountFen must be a positive whole number of fen';
  if (!Number.isSafeInteger(terms.thresholdFen) || terms.thresholdFen < 0) return 'thresholdFen must be a whole number of fen, at least 0';
  if (terms.kind === 'cross_store') {
    if (terms.shopName !== null) return 'a cross-store coupon has no shop';
    if (terms.thresholdFen <= terms.discountFen) return 'a cross-store discount must be below its threshold';
    if (terms.capFen !== null && (!Number.isSafeInteger(terms.capFen) || terms.capFen < terms.discountFen))
      return 'capFen must be at least discountFen';
  } else {
    if (!terms.shopName) return 'a shop coupon names its shop';
    if (terms.capFen !== null) return 'a shop coupon has no cap';
  }
  return null;
}
