/**
 * Splits `totalFen` in proportion to integer `weights` by largest remainder: each part gets the
 * floor of its exact share, and the fen left over go one each to the largest remainders, ties
 * broken by position (earlier first). The parts always sum to the whole; that is asserted.
 */
export function largestRemainder(totalFen: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(totalFen) || totalFen < 0) throw new Error(`totalFen must be a non-negative safe integer, got ${totalFen}`);
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0)) throw new Error('weights must be non-negative safe integers');
  const weightSum = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0) {
    if (totalFen !== 0) throw new Error('cannot split a positive amount into no parts');
    return [];
  }
  if (weightSum === 0) throw new Error('cannot split by weights that are all zero');
  // BigInt keeps totalFen × weight exact beyond 2^53.
  const total = BigInt(totalFen);
  const sum = BigInt(weightSum);
  const floors = weights.map((w) => (total * BigInt(w)) / sum);
  const remainders = weights.map((w, i) => ({ i, r: total * BigInt(w) - floors[i] * sum }));
  let leftover = Number(total - floors.reduce((a, b) => a + b, 0n));
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  const parts = floors.map(Number);
  for (let k = 0; leftover > 0; k++, leftover--) parts[remainders[k].i] += 1;
  assertSumsTo(parts, totalFen);
  return parts;
}

export function assertSumsTo(parts: readonly number[], totalFen: number): void {
  const sum = parts.reduce((a, b) => a + b, 0);
  if (sum !== totalFen) throw new Error(`allocation broken: parts sum to ${sum}, expected ${totalFen}`);
}
