import { heuristicPlacement } from './heuristicPlanner';
import { sameCrossTerms, type PlannerProblem } from './problem';
import { realizePlacement, type PlanDraft } from './realize';
import { SlotState } from './slotModel';
import { crossStoreLevelBoundFen } from './crossLevelBound';
import { shopPotentialFen } from './shopPotential';
import { shopBoundFen } from './upperBound';
import { rootUpperBoundFen } from './rootBound';
import { suffixSpendRoundings } from './spendRounding';
import { zeroPayRuleCannotBite } from './zeroPayRisk';

/**
 * Search nodes before the exact planner gives up and reports its best plan as not proven (with
 * the root bound). Sized for the 200 ms latency target on 20-line carts; see bench/planner.ts.
 */
export const EXACT_NODE_LIMIT = 50_000;
/** States remembered for cutting repeats; bounds memory on the hardest carts. */
const TRANSPOSITION_LIMIT = 1_000_000;

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
 * still add cannot beat the best plan: cross-store coupons by whole discount levels, each spend
 * raised to what the unplaced lines can really add (crossLevelBound.ts, spendRounding.ts); each
 * shop's coupons by the amount its blocks still lack (upperBound.ts), capped by the most that
 * shop's lines could ever earn (shopPotential.ts). Identical cross-store coupons and a shop's
 * standalone slots are interchangeable, so a line only opens the first empty one of each kind.
 *
 * When the zero-pay rule cannot bite (zeroPayRisk.ts) a placement is worth exactly its relaxed
 * value, which depends only on the slot and block totals and grows with them. Then (1) a line
 * never goes to the leftover slot while a cross-store order exists (joining that order loses
 * nothing), and (2) a node whose depth and totals were seen before is cut: its subtree was
 * already searched against a best plan no better than today's.
 */
export function planExactly(problem: PlannerProblem): PlannerOutcome {
  // Non-null assertions here: the search closures run at every node, and every index is in bounds
  // by construction (line indices from `order`, a permutation of the lines; shop indices from
  // buildProblem, below the shop count that sizes every per-shop array; slots from SlotState;
  // depth ≤ the line count).
  const rootBoundFen = rootUpperBoundFen(problem);
  let best = realizePlacement(problem, heuristicPlacement(problem));
  let complete = best.complete;
  if (best.discountFen >= rootBoundFen) return { draft: best, exact: complete, upperBoundFen: rootBoundFen };

  const state = new SlotState(problem);
  const { lines, crossCoupons, shopCouponsByShop } = problem;
  const order = lines.map((_, i) => i).sort((a, b) => lines[b]!.amountFen - lines[a]!.amountFen || a - b);
  const spendRoundings = suffixSpendRoundings(order.map((i) => lines[i]!.amountFen));
  let remainingFen = lines.reduce((sum, l) => sum + l.amountFen, 0);
  const remainingShopFen = problem.shopIds.map(() => 0);
  const remainingShopLines = problem.shopIds.map(() => 0);
  for (const line of lines) {
    remainingShopFen[line.shopIndex]! += line.amountFen;
    remainingShopLines[line.shopIndex]!++;
  }
  const shopPotentialsFen = shopCouponsByShop.map((coupons, shop) =>
    shopPotentialFen(
      coupons,
      lines.filter((l) => l.shopIndex === shop).map((l) => l.amountFen),
    ),
  );
  const crossTotals = () => state.slotTotalFen.slice(0, state.crossSlotCount);
  const opensNeedlessly = (slot: number): boolean => {
    if (state.slotLineCount[slot]! > 0) return false;
    if (slot < state.crossSlotCount)
      return slot > 0 && state.slotLineCount[slot - 1] === 0 && sameCrossTerms(crossCoupons[slot]!, crossCoupons[slot - 1]!);
    const shop = state.slotShop[slot]!;
    const siblings = shop >= 0 ? state.standaloneSlotsByShop[shop]! : [];
    return siblings.some((other) => other < slot && state.slotLineCount[other] === 0);
  };
  const boundFen = (depth: number): number => {
    let fen = crossStoreLevelBoundFen(crossCoupons, crossTotals(), remainingFen, spendRoundings[depth]!);
    shopCouponsByShop.forEach((coupons, shop) => {
      if (coupons.length === 0) return;
      const shopRemainingFen = remainingShopFen[shop]!;
      fen +=
        shopRemainingFen === 0
          ? state.shopValueOf(shop)
          : Math.min(
              shopPotentialsFen[shop]!,
              shopBoundFen(coupons, state.blockTotalsOf(shop), shopRemainingFen, remainingShopLines[shop]!),
            );
    });
    return fen;
  };

  const safe = zeroPayRuleCannotBite(problem);
  const skipLeftover = safe && state.crossSlotCount > 0;
  const seen = new Set<string>();
  // Totals past the point where nothing more can be earned are all the same future: a capped
  // cross-store order past the spend that reaches its cap, a shop block past that shop's highest
  // threshold, a shop without coupons at any amount. Clamping them in the key merges those states.
  const crossSaturationFen = crossCoupons.map((c) =>
    Number.isFinite(c.capFen) ? Math.ceil(c.capFen / c.discountFen) * c.thresholdFen : Infinity,
  );
  const shopSaturationFen = shopCouponsByShop.map((coupons) => (coupons.length ? Math.max(1, ...coupons.map((c) => c.thresholdFen)) : 0));
  const stateKey = (depth: number): string => {
    const parts: number[] = [depth];
    for (let j = 0; j < state.crossSlotCount; j++) {
      parts.push(Math.min(state.slotTotalFen[j]!, crossSaturationFen[j]!));
      for (let s = 0; s < state.shopCount; s++) parts.push(Math.min(state.partTotalFen[j * state.shopCount + s]!, shopSaturationFen[s]!));
    }
    for (let slot = state.crossSlotCount; slot < state.leftoverSlot; slot++)
      parts.push(Math.min(state.slotTotalFen[slot]!, shopSaturationFen[state.slotShop[slot]!]!));
    return parts.join(',');
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
    if (boundFen(depth) <= best.discountFen) return;
    if (safe) {
      const key = stateKey(depth);
      if (seen.has(key)) return;
      if (seen.size < TRANSPOSITION_LIMIT) seen.add(key);
    }
    const line = order[depth]!;
    const { amountFen, shopIndex } = lines[line]!;
    remainingFen -= amountFen;
    remainingShopFen[shopIndex]! -= amountFen;
    remainingShopLines[shopIndex]!--;
    for (const slot of state.allowedSlots(line)) {
      if (opensNeedlessly(slot) || (skipLeftover && slot === state.leftoverSlot)) continue;
      state.place(line, slot);
      visit(depth + 1);
      state.unplace(line);
    }
    remainingFen += amountFen;
    remainingShopFen[shopIndex]! += amountFen;
    remainingShopLines[shopIndex]!++;
  };
  visit(0);
  const exact = !aborted && complete;
  return { draft: best, exact, upperBoundFen: exact ? best.discountFen : rootBoundFen };
}
