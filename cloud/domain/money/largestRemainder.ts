import { at } from '../at';

/**
 * Splits `totalFen` in proportion to non-negative integer `weights` by largest remainder: each
 * part gets the floor of its exact share, and the fen left over go one each to the largest
 * remainders; equal remainders go to the earlier position, so callers make the order
 * deterministic (members by id, lines by lineId). Exact in BigInt, so weights as large as
 * n! × fen (Shapley values) are fine. The parts always sum to the whole; that is asserted.
 *
 * Weights that are all zero (or none at all) give no proportion to split by: nothing (0 fen)
 * splits into zeros, and a positive amount throws, because the caller asked for money to go
 * nowhere.
 */
export function largestRemainder(totalFen: number, weights: ReadonlyArray<number | bigint>): number[] {
  if (!Number.isSafeInteger(totalFen) || totalFen < 0) throw new Error(`totalFen must be a non-negative safe integer, got ${totalFen}`);
  if (weights.some((w) => (typeof w === 'number' ? !Number.isSafeInteger(w) || w < 0 : w < 0n))) {
    throw new Error('weights must be non-negative safe integers');
  }
  const big = weights.map((w) => BigInt(w));
  const weightSum = big.reduce((a, b) => a + b, 0n);
  if (weightSum === 0n) {
    if (totalFen !== 0) throw new Error(`cannot split ${totalFen} fen by weights that are all zero (or none)`);
    return weights.map(() => 0);
  }
  const total = BigInt(totalFen);
  const floors = big.map((w) => (total * w) / weightSum);
  const order = big
    .map((w, i) => ({ i, remainder: total * w - at(floors, i, 'floor') * weightSum }))
    .sort((a, b) => (a.remainder === b.remainder ? a.i - b.i : a.remainder > b.remainder ? -1 : 1));
  const parts = floors.map(Number);
  let leftover = totalFen - parts.reduce((a, b) => a + b, 0);
  for (let k = 0; leftover > 0; k++, leftover--) {
    const { i } = at(order, k, 'remainder rank');
    parts[i] = at(parts, i, 'part') + 1;
  }
  assertSumsTo(parts, totalFen);
  return parts;
}

export function assertSumsTo(parts: readonly number[], totalFen: number): void {
  const sum = parts.reduce((a, b) => a + b, 0);
  if (sum !== totalFen) throw new Error(`allocation broken: parts sum to ${sum}, expected ${totalFen}`);
}
