import { at } from '../at';
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
  slotOf.forEach((slot, line) => at(slotLines, slot, 'slot').push(line));

  const crossOf = (slot: number): ProblemCrossCoupon | null =>
    slot < state.crossSlotCount ? at(problem.crossCoupons, slot, 'cross coupon') : null;
  const shopCouponsOfSlot: ProblemShopCoupon[][] = slotLines.map(() => []);
  problem.shopCouponsByShop.forEach((coupons, shop) => {
    const blockSlots = blockSlotsOf(state, shop);
    for (const match of matchShopCoupons(coupons, state.blockTotalsOf(shop)).matches) {
      at(shopCouponsOfSlot, at(blockSlots, match.blockPosition, 'block slot'), 'slot').push(
        at(coupons, match.couponPosition, 'matched shop coupon'),
      );
    }
  });
  const relaxed = slotLines.map((lines, slot) =>
    lines.length ? priceOrder(problem, lines, crossOf(slot), at(shopCouponsOfSlot, slot, 'slot')) : null,
  );
  if (relaxed.every((priced) => priced === null || priced.feasible)) return draftOf(slotLines, relaxed, true);
  return searchCoupons(problem, state, slotLines);
}

/** The slots of a shop's blocks, in blockTotalsOf order: every cross slot, then the shop's standalone slots. */
function blockSlotsOf(state: SlotState, shop: number): number[] {
  return [
    ...Array.from({ length: state.crossSlotCount }, (_, j) => j),
    ...at(state.standaloneSlotsByShop, shop, 'standalone slots of shop'),
  ];
}

function draftOf(slotLines: number[][], priced: Array<PricedOrder | null>, complete: boolean): PlanDraft {
  const orders = slotLines.flatMap((lineIndices, slot) => (lineIndices.length ? [{ lineIndices, priced: priced[slot]! }] : []));
  return { orders, discountFen: orders.reduce((sum, o) => sum + o.priced.discountFen, 0), complete };
}

type Decision =
  { kind: 'cross'; slot: number; valueFen: number } | { kind: 'shop'; coupon: ProblemShopCoupon; slots: number[]; valueFen: number };

/** Branch and bound over which coupon each order keeps; feasibility only shrinks as coupons are added. */
function searchCoupons(problem: PlannerProblem, state: SlotState, slotLines: number[][]): PlanDraft {
  const decisions: Decision[] = [];
  problem.crossCoupons.forEach((coupon, j) => {
    const valueFen = crossStoreDiscountFen(coupon, at(state.slotTotalFen, j, 'cross slot total'));
    if (valueFen > 0) decisions.push({ kind: 'cross', slot: j, valueFen });
  });
  problem.shopCouponsByShop.forEach((coupons, shop) => {
    const blockSlots = blockSlotsOf(state, shop);
    const blocks = state.blockTotalsOf(shop);
    for (const coupon of coupons) {
      const slots = blockSlots.filter((_, k) => shopDiscountFen(coupon, at(blocks, k, 'block total')) > 0);
      if (slots.length) decisions.push({ kind: 'shop', coupon, slots, valueFen: coupon.discountFen });
    }
  });
  const potentialAfter = decisions.map((_, k) => decisions.slice(k).reduce((sum, d) => sum + d.valueFen, 0));

  const crossOn = slotLines.map(() => false);
  const shopOn: ProblemShopCoupon[][] = slotLines.map(() => []);
  const price = (slot: number) =>
    priceOrder(
      problem,
      at(slotLines, slot, 'slot'),
      crossOn[slot] ? at(problem.crossCoupons, slot, 'cross coupon') : null,
      at(shopOn, slot, 'slot'),
    );
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
    const decision = at(decisions, k, 'coupon decision');
    if (decision.kind === 'cross') {
      crossOn[decision.slot] = true;
      if (price(decision.slot).feasible) visit(k + 1, currentFen + decision.valueFen);
      crossOn[decision.slot] = false;
    } else {
      for (const slot of decision.slots) {
        const slotCoupons = at(shopOn, slot, 'slot');
        if (slotCoupons.some((c) => c.shopIndex === decision.coupon.shopIndex)) continue;
        slotCoupons.push(decision.coupon);
        if (price(slot).feasible) visit(k + 1, currentFen + decision.valueFen);
        slotCoupons.pop();
      }
    }
    visit(k + 1, currentFen);
  };
  visit(0, 0);
  return draftOf(slotLines, best, nodes <= REALIZE_NODE_LIMIT);
}
