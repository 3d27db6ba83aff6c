/**
 * Pooled-order planner (领券拼单): friends in a group pool the lines they intend to buy into
 * shared orders so coupon thresholds are reached, and the discount is allocated back to lines and
 * members to the fen. Pure: no I/O, no clock, no randomness.
 *
 * The model (as on Taobao's 2018 Double 11 cross-store allowance):
 * - A line is one product of one member at one shop, `qty` units at `unitPriceFen` (already after
 *   single-item discounts, without shipping). Lines are never split: all units go in one order.
 * - An order is one checkout: a set of lines, possibly from several shops and several members.
 *   It uses at most one cross-store coupon and, for each shop in it, at most one shop coupon.
 * - Cross-store coupon 满X减Y: every full X of the order's amount earns Y, up to the optional
 *   cap; it is allocated to all the order's lines. A shop coupon earns its discount once when the
 *   shop's lines in the order reach its threshold, and is allocated to those lines only. Both
 *   thresholds count line amounts before any coupon, so the two kinds stack.
 * - Allocation is by amount with largest remainder; equal remainders go to the smaller lineId.
 *   Parts always sum to the discount (asserted).
 * - Zero-pay rule: an order cannot use a set of coupons under which any of its lines would pay
 *   0 fen or less after allocation.
 * - Coupons belong to members; each coupon instance is used at most once, on any order of the
 *   group. We chose "any order" because the holder checks the pooled order out on her account
 *   (代下单) and groupmates settle with her by the allocation; requiring the holder's own lines in
 *   the order would only cost the group discount without protecting anyone. Ownership matters for
 *   fairness: a coalition of members brings only its own lines and coupons.
 * - Lines that no coupon helps end up in one order without coupons.
 *
 * Output: the orders with their coupons, each line's discount, each member's amount, pay and
 * saving (by the proportional allocation), and the Shapley split of the total discount together
 * with what each member would save alone (the pooling gain is the difference). Carts of up to
 * EXACT_MAX_LINES lines are solved exactly (branch and bound); larger ones by greedy + local
 * search, reported with `exact: false` and an `upperBoundFen` on the optimum.
 * Bad input is a value, `{ ok: false, error }`, never a throw; a throw is a bug.
 */
import { at } from '../at';
import { assertSumsTo } from '../money/largestRemainder';
import { planExactly, type PlannerOutcome } from './exactPlanner';
import { shapleyFairness } from './fairness';
import { planHeuristically } from './heuristicPlanner';
import {
  EXACT_MAX_LINES,
  type MemberOutcome,
  type PlannedLine,
  type PlannedOrder,
  type PlannerInput,
  type PlannerOptions,
  type PlannerResult,
} from './plan';
import { buildProblem, type PlannerProblem } from './problem';
import { rootUpperBoundFen } from './rootBound';
import { validatePlannerInput } from './validation';

export * from './plan';
export { validatePlannerInput } from './validation';

export function planPooledOrders(input: PlannerInput, options: PlannerOptions = {}): PlannerResult {
  const error = validatePlannerInput(input);
  if (error) return { ok: false, error };
  const problem = buildProblem(input);
  const outcome = solve(problem);
  const { orders, lines } = describeOrders(problem, outcome);
  const totalAmountFen = lines.reduce((sum, l) => sum + l.amountFen, 0);
  const totalDiscountFen = outcome.draft.discountFen;
  const fairness = options.withShapley === false ? null : shapleyFairness(input, problem.memberIds, totalDiscountFen);
  const members: MemberOutcome[] = problem.memberIds.map((memberId, m) => {
    const own = lines.filter((l) => l.memberId === memberId);
    const amountFen = own.reduce((sum, l) => sum + l.amountFen, 0);
    const discountFen = own.reduce((sum, l) => sum + l.discountFen, 0);
    return {
      memberId,
      amountFen,
      discountFen,
      payFen: amountFen - discountFen,
      standaloneDiscountFen: fairness ? at(fairness.standaloneFen, m, 'standalone discount of member') : null,
      shapleyDiscountFen: fairness ? at(fairness.shapleyFen, m, 'Shapley discount of member') : null,
    };
  });
  assertSumsTo(
    members.map((m) => m.discountFen),
    totalDiscountFen,
  );
  if (fairness) assertSumsTo(fairness.shapleyFen, totalDiscountFen);
  return {
    ok: true,
    plan: {
      orders,
      lines,
      members,
      totalAmountFen,
      totalDiscountFen,
      exact: outcome.exact,
      upperBoundFen: Math.max(outcome.upperBoundFen, totalDiscountFen),
      fairness: fairness && {
        poolingGainFen: totalDiscountFen - fairness.standaloneFen.reduce((a, b) => a + b, 0),
        coalitionValues: fairness.coalitionValues,
        coalitionsPlanned: fairness.coalitionsPlanned,
      },
    },
  };
}

/** Exact up to EXACT_MAX_LINES lines, else the heuristic with the root bound. */
export function solve(problem: PlannerProblem): PlannerOutcome {
  if (problem.lines.length <= EXACT_MAX_LINES) return planExactly(problem);
  const draft = planHeuristically(problem, 'full');
  const upperBoundFen = rootUpperBoundFen(problem);
  const exact = draft.complete && draft.discountFen >= upperBoundFen;
  return { draft, exact, upperBoundFen };
}

function describeOrders(problem: PlannerProblem, outcome: PlannerOutcome): { orders: PlannedOrder[]; lines: PlannedLine[] } {
  const lines: PlannedLine[] = [];
  const orders = outcome.draft.orders.map((order, k): PlannedOrder => {
    const orderId = `order-${k + 1}`;
    const { priced } = order;
    if (!priced.feasible) throw new Error('a planned order breaks the zero-pay rule');
    let amountFen = 0;
    order.lineIndices.forEach((i, position) => {
      const line = at(problem.lines, i, 'line');
      const discountFen = at(priced.lineDiscountFen, position, 'line discount');
      amountFen += line.amountFen;
      lines.push({
        lineId: line.lineId,
        memberId: at(problem.memberIds, line.memberIndex, 'member'),
        orderId,
        amountFen: line.amountFen,
        discountFen,
        payFen: line.amountFen - discountFen,
      });
    });
    return {
      orderId,
      lineIds: order.lineIndices.map((i) => at(problem.lines, i, 'line').lineId),
      crossStoreCouponId: priced.crossCoupon?.couponId ?? null,
      shopCouponIds: priced.shopCoupons.map((c) => c.couponId),
      amountFen,
      discountFen: priced.discountFen,
      payFen: amountFen - priced.discountFen,
    };
  });
  lines.sort((a, b) => (a.lineId < b.lineId ? -1 : a.lineId > b.lineId ? 1 : 0));
  return { orders, lines };
}
