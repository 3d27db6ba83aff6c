import { heuristicPlacement } from './heuristicPlanner';
import { sameCrossTerms, type PlannerProblem } from './problem';
import { realizePlacement, type PlanDraft } from './realize';
import { SlotState } from './slotModel';
import { crossStoreBoundFen, shopBoundFen } from './upperBound';
import { rootUpperBoundFen } from './rootBound';

/** Search nodes before the exact planner gives up and reports its best plan as not proven. */
export const EXACT_NODE_LIMIT = 2_000_000;

export interface PlannerOutcome {
  draft: PlanDraft;
  /** True when the draft is proven optimal. */
  exact: boolean;
  upperBoundFen: number;
}

/**
 * Branch and bound over the slot placement of each line (largest amounts first, so bounds
 * tighten early), starting from the heuristic's plan and stopping as soon as a plan meets the
 * root bound. A node is cut when the discount already placed plus what the unplaced lines could
 * still add (upperBound.ts) cannot beat the best plan. Identical cross-store coupons and a shop's
 * standalone slots are interchangeable, so a line only opens the first empty one of each kind.
 */
export function planExactly(problem: PlannerProblem): PlannerOutcome {
  const rootBoundFen = rootUpperBoundFen(problem);
  let best = realizePlacement(problem, heuristicPlacement(problem));
  let complete = best.complete;
  if (best.discountFen >= rootBoundFen) return { draft: best, exact: complete, upperBoundFen: rootBoundFen };

  const state = new SlotState(problem);
  const { lines, crossCoupons, shopCouponsByShop } = problem;
  const order = lines.map((_, i) => i).sort((a, b) => lines[b].amountFen - lines[a].amountFen || a - b);
  let remainingFen = lines.reduce((sum, l) => sum + l.amountFen, 0);
  const remainingShopFen = problem.shopIds.map(() => 0);
  for (const line of lines) remainingShopFen[line.shopIndex] += line.amountFen;
  const crossTotals = () => state.slotTotalFen.slice(0, state.crossSlotCount);
  const opensNeedlessly = (slot: number): boolean => {
    if (state.slotLineCount[slot] > 0) return false;
    if (slot < state.crossSlotCount) return slot > 0 && state.slotLineCount[slot - 1] === 0 && sameCrossTerms(crossCoupons[slot], crossCoupons[slot - 1]);
    const siblings = state.slotShop[slot] >= 0 ? state.standaloneSlotsByShop[state.slotShop[slot]] : [];
    return siblings.some((other) => other < slot && state.slotLineCount[other] === 0);
  };
  const boundFen = (): number => {
    let fen = crossStoreBoundFen(crossCoupons, crossTotals(), remainingFen);
    shopCouponsByShop.forEach((coupons, shop) => {
      if (coupons.length === 0) return;
      fen += remainingShopFen[shop] === 0 ? state.shopValueOf(shop) : shopBoundFen(coupons, state.blockTotalsOf(shop), remainingShopFen[shop]);
    });
    return fen;
  };

  let nodes = 0;
  let aborted = false;
  const visit = (depth: number): void => {
    if (aborted || best.discountFen >= rootBoundFen) return;
    if (++nodes > EXACT_NODE_LIMIT) {
      aborted = true;
      return;
    }
    if (depth === order.length) {
      if (state.valueFen() <= best.discountFen) return;
      const draft = realizePlacement(problem, state.slotOf);
      complete &&= draft.complete;
      if (draft.discountFen > best.discountFen) best = draft;
      return;
    }
    if (boundFen() <= best.discountFen) return;
    const line = order[depth];
    const { amountFen, shopIndex } = lines[line];
    remainingFen -= amountFen;
    remainingShopFen[shopIndex] -= amountFen;
    for (const slot of state.allowedSlots(line)) {
      if (opensNeedlessly(slot)) continue;
      state.place(line, slot);
      visit(depth + 1);
      state.unplace(line);
    }
    remainingFen += amountFen;
    remainingShopFen[shopIndex] += amountFen;
  };
  visit(0);
  const exact = !aborted && complete;
  return { draft: best, exact, upperBoundFen: exact ? best.discountFen : rootBoundFen };
}
