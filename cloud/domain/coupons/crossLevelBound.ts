import { crossStoreDiscountFen, type CrossStoreTerms } from './couponValue';
import { sameCrossTerms } from './problem';
import { crossStoreBoundFen } from './upperBound';

/**
 * Above this many groups of coupons, (spend, discount) options in all, or pairs tried while
 * combining them, the fractional bound is used instead: carts with many coupons of many levels
 * would make every node of the exact search slow.
 */
const MAX_GROUPS = 8;
const MAX_LEVEL_OPTIONS = 1000;
const MAX_COMBINED_PAIRS = 1000;

/** The smallest spend the unplaced lines can actually make that is at least `fen` (Infinity if none). */
export type SpendRounding = (fen: number) => number;

const exactSpend: SpendRounding = (fen) => fen;

/** Spending some more on a coupon's order (`costFen`) to reach a total discount `gainFen`. */
interface Option {
  costFen: number;
  gainFen: number;
}

/**
 * Cross-store coupons whose orders total `currentTotalsFen` and may still receive at most
 * `remainingFen` between them, solved exactly over whole discount levels: each order either gets
 * nothing more or exactly enough to reach one of its next multiples of the threshold (spending
 * anything in between earns nothing). The fractional bound (upperBound.ts) pays for part of a
 * level and so overstates every order's last step; on carts of a few thresholds that alone is
 * most of the gap between bound and optimum. `roundSpend` may raise each spend to what the unplaced
 * lines can really add (their subset sums), which tightens the bound near the leaves.
 *
 * Identical uncapped coupons are one group: k more levels between them cost the k smallest gaps
 * to their next multiples, then a full threshold per further level. The groups are combined by a
 * small knapsack over (spend, discount) pairs, keeping only pairs no other pair beats.
 */
export function crossStoreLevelBoundFen(
  coupons: readonly CrossStoreTerms[],
  currentTotalsFen: readonly number[],
  remainingFen: number,
  roundSpend: SpendRounding = exactSpend,
): number {
  const groupStarts: number[] = [];
  coupons.forEach((coupon, j) => {
    const previous = j > 0 ? coupons[j - 1] : undefined;
    const joinsPrevious = previous !== undefined && !Number.isFinite(coupon.capFen) && sameCrossTerms(coupon, previous);
    if (!joinsPrevious) groupStarts.push(j);
  });
  if (groupStarts.length > MAX_GROUPS) return crossStoreBoundFen(coupons, currentTotalsFen, remainingFen);
  const groups: Option[][] = [];
  let optionCount = 0;
  // Runs at every node of the exact search, so plain indices: g < groupStarts.length and each
  // start is a coupon index.
  for (let g = 0; g < groupStarts.length; g++) {
    const start = groupStarts[g]!;
    const options = groupOptions(
      coupons[start]!,
      currentTotalsFen.slice(start, groupStarts[g + 1] ?? coupons.length),
      remainingFen,
      roundSpend,
      MAX_LEVEL_OPTIONS - optionCount,
    );
    if (!options) return crossStoreBoundFen(coupons, currentTotalsFen, remainingFen);
    optionCount += options.length;
    groups.push(options);
  }
  if (groups.length === 0) return 0;
  // The group with the most options goes last and is looked up, not combined.
  groups.sort((a, b) => a.length - b.length);
  const last = groups.pop()!;
  let front: Option[] = [{ costFen: 0, gainFen: 0 }];
  let pairs = 0;
  for (const options of groups) {
    pairs += front.length * options.length;
    if (pairs > MAX_COMBINED_PAIRS) return crossStoreBoundFen(coupons, currentTotalsFen, remainingFen);
    front = combine(front, options, remainingFen);
  }
  let bestFen = 0;
  for (const { costFen, gainFen } of front) bestFen = Math.max(bestFen, gainFen + bestWithin(last, remainingFen - costFen));
  return bestFen;
}

/**
 * The options of `totalsFen.length` coupons with the same terms (several only when uncapped),
 * cheapest first with strictly growing discount; null when there would be more than `maxOptions`.
 */
function groupOptions(
  terms: CrossStoreTerms,
  totalsFen: readonly number[],
  remainingFen: number,
  roundSpend: SpendRounding,
  maxOptions: number,
): Option[] | null {
  const nowFen = totalsFen.reduce((sum, t) => sum + crossStoreDiscountFen(terms, t), 0);
  const options: Option[] = [{ costFen: 0, gainFen: nowFen }];
  const capped = Number.isFinite(terms.capFen);
  if (capped && totalsFen.length !== 1) throw new Error('only uncapped coupons are grouped');
  // Reaching one more level costs the smallest gap to a next multiple not used yet, and a full
  // threshold once every order has had its gap closed.
  const gapsFen = totalsFen.map((t) => terms.thresholdFen - (t % terms.thresholdFen)).sort((a, b) => a - b);
  // Hot (every node of the exact search); the non-null assertions below are in bounds: `options`
  // never drops below its first entry, a gap is read only while extra ≤ gapsFen.length, and a
  // capped coupon has exactly one total.
  let rawCostFen = 0;
  for (let extra = 1; ; extra++) {
    rawCostFen += extra <= gapsFen.length ? gapsFen[extra - 1]! : terms.thresholdFen;
    const gainFen = capped ? crossStoreDiscountFen(terms, totalsFen[0]! + rawCostFen) : nowFen + extra * terms.discountFen;
    if (rawCostFen > remainingFen || gainFen <= options[options.length - 1]!.gainFen) return options;
    const costFen = roundSpend(rawCostFen);
    if (costFen > remainingFen) return options;
    // A rounded spend may cost as much as the level before it: keep the frontier strictly improving.
    while (options.length > 1 && options[options.length - 1]!.costFen >= costFen) options.pop();
    options.push({ costFen, gainFen });
    if (options.length > maxOptions) return null;
  }
}

/** All sums of a frontier pair and an option within the budget, reduced to the new frontier. */
function combine(front: readonly Option[], options: readonly Option[], remainingFen: number): Option[] {
  const sums: Option[] = [];
  for (const a of front) {
    for (const b of options) {
      const costFen = a.costFen + b.costFen;
      if (costFen <= remainingFen) sums.push({ costFen, gainFen: a.gainFen + b.gainFen });
    }
  }
  sums.sort((a, b) => a.costFen - b.costFen || b.gainFen - a.gainFen);
  const next: Option[] = [];
  for (const s of sums) {
    const frontier = next[next.length - 1];
    if (frontier === undefined || s.gainFen > frontier.gainFen) next.push(s);
  }
  return next;
}

/** The best discount among options (cheapest first, discount growing) costing at most `budgetFen`. */
function bestWithin(options: readonly Option[], budgetFen: number): number {
  // Binary search over a non-empty list (every group has its no-spend option): 0 ≤ lo ≤ mid ≤ hi < length.
  let lo = 0;
  let hi = options.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (options[mid]!.costFen <= budgetFen) lo = mid;
    else hi = mid - 1;
  }
  return options[lo]!.gainFen;
}
