import { at } from '../at';
import { planExactly } from './exactPlanner';
import { planHeuristically } from './heuristicPlanner';
import type { PlannerInput } from './plan';
import { buildProblem } from './problem';
import { splitByShapley } from './shapley';

/**
 * Coalitions with at most this many lines are planned exactly. Above it a coalition's value comes
 * from the quick heuristic: 2^15 exact searches on large carts would take minutes, and the split
 * is then exact Shapley arithmetic over heuristic coalition values (reported as such).
 */
export const SHAPLEY_EXACT_MAX_LINES = 10;

export interface MemberFairness {
  /** Per member in `memberIds` order. */
  standaloneFen: number[];
  shapleyFen: number[];
  coalitionValues: 'exact' | 'heuristic';
  coalitionsPlanned: number;
}

/**
 * The Shapley split of the plan's total discount among the members (memberIds sorted), with the
 * grand coalition's value set to the plan actually chosen so the split pays out exactly that.
 * Members with no lines and no coupons are null players: they get zero and are left out of the
 * coalitions, which halves the work for each of them. A coalition without coupons or without
 * lines is worth zero without planning.
 */
export function shapleyFairness(input: PlannerInput, memberIds: readonly string[], totalDiscountFen: number): MemberFairness {
  const active = memberIds.filter((id) => input.lines.some((l) => l.memberId === id) || input.coupons.some((c) => c.holderId === id));
  const players = active.length;
  const valueFen = new Float64Array(1 << players);
  let allExact = true;
  let coalitionsPlanned = 0;
  const fullMask = (1 << players) - 1;
  for (let mask = 1; mask < fullMask; mask++) {
    const coalition = new Set(active.filter((_, p) => mask & (1 << p)));
    const problem = buildProblem(input, coalition);
    const hasCoupons = problem.crossCoupons.length > 0 || problem.shopCouponsByShop.some((c) => c.length > 0);
    if (problem.lines.length === 0 || !hasCoupons) continue;
    coalitionsPlanned++;
    if (problem.lines.length <= SHAPLEY_EXACT_MAX_LINES) {
      const outcome = planExactly(problem);
      allExact &&= outcome.exact;
      valueFen[mask] = outcome.draft.discountFen;
    } else {
      allExact = false;
      valueFen[mask] = planHeuristically(problem, 'quick').discountFen;
    }
  }
  if (players > 0) valueFen[fullMask] = totalDiscountFen;
  const activeShapley = splitByShapley(totalDiscountFen, players, valueFen);
  const byMember = (values: (p: number) => number) => memberIds.map((id) => (active.includes(id) ? values(active.indexOf(id)) : 0));
  return {
    standaloneFen: byMember((p) => (players === 1 ? totalDiscountFen : at(valueFen, 1 << p, 'coalition value'))),
    shapleyFen: byMember((p) => at(activeShapley, p, 'Shapley share')),
    coalitionValues: allExact ? 'exact' : 'heuristic',
    coalitionsPlanned,
  };
}
