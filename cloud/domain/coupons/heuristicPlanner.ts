import { at } from '../at';
import type { PlannerProblem } from './problem';
import { realizePlacement, type PlanDraft } from './realize';
import { SlotState } from './slotModel';

/** Improvement passes over all lines; each pass must gain at least a fen, so this only caps pathological inputs. */
const MAX_LOCAL_SEARCH_PASSES = 40;

export type HeuristicEffort = 'full' | 'quick';

/**
 * Greedy placement followed by local search (move one line to another slot, or swap two lines),
 * accepting only strict improvements, so it always terminates. Two deterministic starts: the
 * greedy fill, and everything in one order with the most valuable cross-store coupon. 'quick'
 * skips the swaps and the second start; Shapley uses it for coalition values on large carts.
 */
export function planHeuristically(problem: PlannerProblem, effort: HeuristicEffort = 'full'): PlanDraft {
  const starts = [greedyStart(problem)];
  if (effort === 'full' && problem.crossCoupons.length > 0) starts.push(oneBigOrderStart(problem));
  let best: PlanDraft | null = null;
  for (const state of starts) {
    improveLocally(state, effort === 'full');
    const draft = realizePlacement(problem, state.slotOf);
    if (!best || draft.discountFen > best.discountFen) best = draft;
  }
  return best!;
}

/** The best placement the local search finds, before the zero-pay rule: the exact planner's first incumbent. */
export function heuristicPlacement(problem: PlannerProblem): number[] {
  const state = greedyStart(problem);
  improveLocally(state, true);
  return state.snapshot();
}

/**
 * Fill each cross-store coupon's order up to the spend that reaches its cap (all remaining lines
 * when it has none), closing the gap with the largest line that fits, else the smallest that
 * overshoots; then give each shop coupon a standalone order from that shop's leftover lines.
 */
function greedyStart(problem: PlannerProblem): SlotState {
  const state = new SlotState(problem);
  problem.lines.forEach((_, line) => state.place(line, state.leftoverSlot));
  const leftoverLines = () => state.slotOf.flatMap((slot, line) => (slot === state.leftoverSlot ? [line] : []));
  // The fill loops are the hottest part of Shapley's coalition planning, so plain indices: slots
  // come from the state and line indices from its slotOf, both in bounds.
  const slotTotalFen = (slot: number) => state.slotTotalFen[slot]!;
  const fill = (slot: number, candidates: () => number[], targetFen: number) => {
    while (slotTotalFen(slot) < targetFen) {
      const lines = candidates();
      if (lines.length === 0) return;
      const needFen = targetFen - slotTotalFen(slot);
      const amount = (line: number) => problem.lines[line]!.amountFen;
      const fitting = lines.filter((l) => amount(l) <= needFen);
      const pick = fitting.length
        ? fitting.reduce((a, b) => (amount(b) > amount(a) ? b : a))
        : lines.reduce((a, b) => (amount(b) < amount(a) ? b : a));
      state.move(pick, slot);
    }
  };
  problem.crossCoupons.forEach((coupon, j) => {
    const targetFen = Number.isFinite(coupon.capFen) ? Math.ceil(coupon.capFen / coupon.discountFen) * coupon.thresholdFen : Infinity;
    fill(j, leftoverLines, targetFen);
  });
  problem.shopCouponsByShop.forEach((coupons, shop) => {
    at(state.standaloneSlotsByShop, shop, 'standalone slots of shop').forEach((slot, k) => {
      const { thresholdFen } = at(coupons, k, 'shop coupon of standalone slot');
      const shopLeftover = () => leftoverLines().filter((l) => problem.lines[l]!.shopIndex === shop);
      fill(slot, shopLeftover, Math.max(thresholdFen, 1));
      if (slotTotalFen(slot) < thresholdFen) {
        for (const line of state.slotOf.flatMap((s, l) => (s === slot ? [l] : []))) state.move(line, state.leftoverSlot);
      }
    });
  });
  return state;
}

function oneBigOrderStart(problem: PlannerProblem): SlotState {
  const state = new SlotState(problem);
  problem.lines.forEach((_, line) => state.place(line, 0));
  return state;
}

function improveLocally(state: SlotState, withSwaps: boolean): void {
  // Non-null assertions in the loops below: line indices a, b < lineCount index both arrays, which
  // have one entry per line.
  const lineCount = state.slotOf.length;
  const allowed = state.slotOf.map((_, line) => state.allowedSlots(line));
  let valueFen = state.valueFen();
  for (let pass = 0; pass < MAX_LOCAL_SEARCH_PASSES; pass++) {
    let improved = false;
    for (let line = 0; line < lineCount; line++) {
      for (const slot of allowed[line]!) {
        const from = state.slotOf[line]!;
        if (slot === from) continue;
        state.move(line, slot);
        const candidateFen = state.valueFen();
        if (candidateFen > valueFen) {
          valueFen = candidateFen;
          improved = true;
        } else {
          state.move(line, from);
        }
      }
    }
    if (!improved && withSwaps) {
      for (let a = 0; a < lineCount; a++) {
        for (let b = a + 1; b < lineCount; b++) {
          const slotA = state.slotOf[a]!;
          const slotB = state.slotOf[b]!;
          if (slotA === slotB || !allowed[a]!.includes(slotB) || !allowed[b]!.includes(slotA)) continue;
          state.move(a, slotB);
          state.move(b, slotA);
          const candidateFen = state.valueFen();
          if (candidateFen > valueFen) {
            valueFen = candidateFen;
            improved = true;
          } else {
            state.move(a, slotA);
            state.move(b, slotB);
          }
        }
      }
    }
    if (!improved) return;
  }
}
