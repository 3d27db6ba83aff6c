import { at } from '../at';
import { percentStepTerms, type CrossStoreTerms, type ShopTerms } from './couponValue';
import type { PlannerInput } from './plan';

/**
 * The planner's working form of an input: lines sorted by lineId (this order is also the
 * allocation tie-break), shops and members numbered, coupons split by kind. Shop coupons of
 * shops with no lines are dropped: they can never apply.
 */
export interface PlannerProblem {
  lines: ProblemLine[];
  shopIds: string[];
  memberIds: string[];
  crossCoupons: ProblemCrossCoupon[];
  /** Per shop index, best discount first (the matching in slotModel.ts relies on this order). */
  shopCouponsByShop: ProblemShopCoupon[][];
}

export interface ProblemLine {
  lineId: string;
  memberIndex: number;
  shopIndex: number;
  amountFen: number;
}

export interface ProblemCrossCoupon extends CrossStoreTerms {
  couponId: string;
  holderIndex: number;
}

export interface ProblemShopCoupon extends ShopTerms {
  couponId: string;
  holderIndex: number;
  shopIndex: number;
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Builds the problem; `memberFilter` keeps only the lines and coupons of those members (coalitions). */
export function buildProblem(input: PlannerInput, memberFilter?: ReadonlySet<string>): PlannerProblem {
  const keep = (memberId: string) => !memberFilter || memberFilter.has(memberId);
  const memberIds = [...new Set([...input.lines.map((l) => l.memberId), ...input.coupons.map((c) => c.holderId)])].sort(byCodeUnits);
  const memberIndex = new Map(memberIds.map((id, i) => [id, i]));
  const lineInputs = input.lines.filter((l) => keep(l.memberId)).sort((a, b) => byCodeUnits(a.lineId, b.lineId));
  const shopIds = [...new Set(lineInputs.map((l) => l.shopId))].sort(byCodeUnits);
  const shopIndex = new Map(shopIds.map((id, i) => [id, i]));
  const lines = lineInputs.map((l) => ({
    lineId: l.lineId,
    memberIndex: memberIndex.get(l.memberId)!,
    shopIndex: shopIndex.get(l.shopId)!,
    amountFen: l.unitPriceFen * l.qty,
  }));
  const coupons = input.coupons.filter((c) => keep(c.holderId)).sort((a, b) => byCodeUnits(a.couponId, b.couponId));
  const crossCoupons: ProblemCrossCoupon[] = [];
  const shopCouponsByShop: ProblemShopCoupon[][] = shopIds.map(() => []);
  for (const c of coupons) {
    const holderIndex = memberIndex.get(c.holderId)!;
    if (c.kind === 'percent') {
      crossCoupons.push({ couponId: c.couponId, holderIndex, ...percentStepTerms(c.percentOff, c.capFen) });
    } else if (c.kind === 'crossStore') {
      crossCoupons.push({
        couponId: c.couponId,
        holderIndex,
        thresholdFen: c.thresholdFen,
        discountFen: c.discountFen,
        capFen: c.capFen ?? Infinity,
      });
    } else {
      const s = shopIndex.get(c.shopId);
      if (s !== undefined)
        at(shopCouponsByShop, s, 'shop coupon list').push({
          couponId: c.couponId,
          holderIndex,
          shopIndex: s,
          thresholdFen: c.thresholdFen,
          discountFen: c.discountFen,
        });
    }
  }
  // Most valuable first lets the exact planner treat identical cross coupons as interchangeable
  // neighbours and gives the greedy heuristic its natural order.
  crossCoupons.sort(
    (a, b) =>
      b.capFen - a.capFen ||
      b.discountFen * a.thresholdFen - a.discountFen * b.thresholdFen ||
      a.thresholdFen - b.thresholdFen ||
      byCodeUnits(a.couponId, b.couponId),
  );
  for (const list of shopCouponsByShop)
    list.sort((a, b) => b.discountFen - a.discountFen || a.thresholdFen - b.thresholdFen || byCodeUnits(a.couponId, b.couponId));
  return { lines, shopIds, memberIds, crossCoupons, shopCouponsByShop };
}

export function sameCrossTerms(a: CrossStoreTerms, b: CrossStoreTerms): boolean {
  return a.thresholdFen === b.thresholdFen && a.discountFen === b.discountFen && a.capFen === b.capFen;
}
