import type { SpendRounding } from './crossLevelBound';

/** Beyond this many distinct subset sums a suffix is not rounded (its sums are dense anyway). */
const MAX_SUBSET_SUMS = 1 << 12;

const noRounding: SpendRounding = (fen) => fen;

/**
 * Lines are never split, so what the unplaced lines can add to an order is one of their subset
 * sums. The exact search places lines in a fixed order, so the unplaced lines at depth d are
 * always the same suffix; for each depth this returns a rounding from a spend up to the smallest
 * subset sum of that suffix reaching it (Infinity when none does). Near the leaves, where only a
 * few large lines are left, this is what makes "reach the next threshold" honest. Long suffixes,
 * whose sums would be many and close together, are left unrounded.
 */
export function suffixSpendRoundings(amountsInOrderFen: readonly number[]): SpendRounding[] {
  const roundings: SpendRounding[] = Array<SpendRounding>(amountsInOrderFen.length + 1).fill(noRounding);
  let sums: number[] | null = [0];
  for (let depth = amountsInOrderFen.length; depth >= 0; depth--) {
    const amountFen = amountsInOrderFen[depth];
    if (amountFen !== undefined && sums) sums = withLine(sums, amountFen);
    if (!sums) break;
    roundings[depth] = roundingTo(sums);
  }
  return roundings;
}

/** Sorted distinct sums with and without one more line; null when there would be too many. */
function withLine(sums: readonly number[], amountFen: number): number[] | null {
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  // A merge over up to MAX_SUBSET_SUMS entries, so plain indices: each is read only while below sums.length.
  while (i < sums.length || j < sums.length) {
    const next = j >= sums.length || (i < sums.length && sums[i]! <= sums[j]! + amountFen) ? sums[i++]! : sums[j++]! + amountFen;
    if (merged.length === 0 || merged[merged.length - 1] !== next) merged.push(next);
    if (merged.length > MAX_SUBSET_SUMS) return null;
  }
  return merged;
}

function roundingTo(sortedSums: readonly number[]): SpendRounding {
  return (fen) => {
    let lo = 0;
    let hi = sortedSums.length;
    // Binary search at every node of the exact search: lo ≤ mid < hi ≤ sortedSums.length.
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sortedSums[mid]! >= fen) hi = mid;
      else lo = mid + 1;
    }
    return sortedSums[lo] ?? Infinity;
  };
}
