import { crossStoreDiscountFen, shopDiscountFen } from './couponValue';
import { priceOrder, type PricedOrder } from './orderPricing';
import type { PlannerProblem, ProblemCrossCoupon, ProblemShopCoupon } from './problem';
import { matchShopCoupons } from './shopMatching';
import { SlotState } from './slotModel';

export interface DraftOrder {
  lineIndices: number[];
  priced: PricedOrder;
}

export interface PlanDraft {
  orders: DraftOrder[];
  discountFen: number;
  /** False when the coupon search for a zero-pay conflict hit its limit (the draft is still valid). */
  complete: boolean;
}

/** Coupon choices tried for one placement when the zero-pay rule bites; beyond it we keep the best so far. */
const REALIZE_NODE_LIMIT = 50_000;

/**
 * Turns a placement of lines into slots into real, priced orders with the best coupons for that
 * placement under every rule, including the zero-pay rule. Usually the matching that ignores the
 * rule already respects it and we are done; when it does not (tiny lines, coupons nearly as large
 * as what they apply to), a small search chooses which coupons each order keeps.
 */
export function realizePlacement(problem: PlannerProblem, slotOf: readonly number[]): PlanDraft {
  const state = new SlotState(problem);
  slotOf.forEach((slot, line) => state.place(line, slot));
  const slotLines: number[][] = Array.from({ length: state.slotCount }, () => []);
  slotOf.forEach((slot, line) => slotLines[slot].push(line));

  const crossOf = (slot: number): ProblemCrossCoupon | null => (slot < state.crossSlotCount ? problem.crossCoupons[slot] : null);
  const shopCouponsOfSlot: ProblemShopCoupon[][] = slotLines.map(() => []);
  problem.shopCouponsByShop.forEach((coupons, shop) => {
    const blockSlots = [...Array.from({ length: state.crossSlotCount }, (_, j) => j), ...state.standaloneSlotsByShop[shop]];
    for (const match of matchShopCoupons(coupons, state.blockTotalsOf(shop)).matches) {
      shopCouponsOfSlot[blockSlots[match.blockPosition]].push(coupons[match.couponPosition]);
    }
  });
  const relaxed = slotLines.map((lines, slot) => (lines.length ? priceOrder(problem, lines, crossOf(slot), shopCouponsOfSlot[slot]) : null));
  if (relaxed.every((priced) => priced === null || priced.feasible)) return draftOf(slotLines, relaxed, true);
  return searchCoupons(problem, state, slotLines);
}

function draftOf(slotLines: number[][], priced: Array<PricedOrder | null>, complete: boolean): PlanDraft {
  const orders = slotLines.flatMap((lineIndices, slot) => (lineIndices.length ? [{ lineIndices, priced: priced[slot]! }] : []));
  return { orders, discountFen: orders.reduce((sum, o) => sum + o.priced.discountFen, 0), complete };
}

type Decision = { kind: 'cross'; slot: number; valueFen: number } | { kind: 'shop'; coupon: ProblemShopCoupon; slots: number[]; valueFen: number };

/** Branch and bound over which coupon each order keeps; feasibility only shrinks as coupons are added. */
function searchCoupons(problem: PlannerProblem, state: SlotState, slotLines: number[][]): PlanDraft {
  const decisions: Decision[] = [];
  for (let j = 0; j < state.crossSlotCount; j++) {
    const valueFen = crossStoreDiscountFen(problem.crossCoupons[j], state.slotTotalFen[j]);
    if (valueFen > 0) decisions.push({ kind: 'cross', slot: j, valueFen });
  }
  problem.shopCouponsByShop.forEach((coupons, shop) => {
    const blockSlots = [...Array.from({ length: state.crossSlotCount }, (_, j) => j), ...state.standaloneSlotsByShop[shop]];
    const blocks = state.blockTotalsOf(shop);
    for (const coupon of coupons) {
      const slots = blockSlots.filter((_, k) => shopDiscountFen(coupon, blocks[k]) > 0);
      if (slots.length) decisions.push({ kind: 'shop', coupon, slots, valueFen: coupon.discountFen });
    }
  });
  const potentialAfter = decisions.map((_, k) => decisions.slice(k).reduce((sum, d) => sum + d.valueFen, 0));

  const crossOn = slotLines.map(() => false);
  const shopOn: ProblemShopCoupon[][] = slotLines.map(() => []);
  const price = (slot: number) => priceOrder(problem, slotLines[slot], crossOn[slot] ? problem.crossCoupons[slot] : null, shopOn[slot]);
  let bestFen = -1;
  let best: Array<PricedOrder | null> = [];
  let nodes = 0;

  const visit = (k: number, currentFen: number): void => {
    if (++nodes > REALIZE_NODE_LIMIT) return;
    if (currentFen + (potentialAfter[k] ?? 0) <= bestFen) return;
    if (k === decisions.length) {
      bestFen = currentFen;
      best = slotLines.map((lines, slot) => (lines.length ? price(slot) : null));
      return;
    }
    const decision = decisions[k];
    if (decision.kind === 'cross') {
      crossOn[decision.slot] = true;
      if (price(decision.slot).feasible) visit(k + 1, currentFen + decision.valueFen);
      crossOn[decision.slot] = false;
    } else {
      for (const slot of decision.slots) {
        if (shopOn[slot].some((c) => c.shopIndex === decision.coupon.shopIndex)) continue;
        shopOn[slot].push(decision.coupon);
        if (price(slot).feasible) visit(k + 1, currentFen + decision.valueFen);
        shopOn[slot].pop();
      }
    }
    visit(k + 1, currentFen);
  };
  visit(0, 0);
  return draftOf(slotLines, best, nodes <= REALIZE_NODE_LIMIT);
}
