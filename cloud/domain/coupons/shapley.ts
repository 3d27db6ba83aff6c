import { at } from '../at';
import { largestRemainder } from '../money/largestRemainder';

/** 2^15 coalitions: the group cap. */
export const SHAPLEY_MAX_PLAYERS = 15;

/**
 * Shapley values of a game on `playerCount` players, scaled by playerCount! so they are exact
 * integers: weight_i = Σ over coalitions S without i of |S|! (n−1−|S|)! (v(S ∪ {i}) − v(S)).
 * `valueFen[mask]` is the value of the coalition whose members are the mask's bits.
 */
export function scaledShapleyValues(playerCount: number, valueFen: ArrayLike<number>): bigint[] {
  if (playerCount > SHAPLEY_MAX_PLAYERS) throw new Error(`at most ${SHAPLEY_MAX_PLAYERS} players`);
  if (valueFen.length !== 1 << playerCount) throw new Error('one value per coalition is needed');
  const factorial = [1n];
  for (let k = 1, f = 1n; k <= playerCount; k++) factorial.push((f *= BigInt(k)));
  return Array.from({ length: playerCount }, (_, player) => {
    const bit = 1 << player;
    // Marginals summed per coalition size in plain numbers (at most 2^14 × 10^10 < 2^53), then weighted.
    // The loop runs 2^playerCount times per player, so plain indices: masks without the player's bit
    // have popcount < playerCount, and mask | bit < valueFen.length = 2^playerCount (checked above).
    const marginalSumBySize = Array<number>(playerCount).fill(0);
    for (let mask = 0; mask < valueFen.length; mask++) {
      if (mask & bit) continue;
      marginalSumBySize[popcount(mask)]! += valueFen[mask | bit]! - valueFen[mask]!;
    }
    return marginalSumBySize.reduce(
      (sum, marginal, size) =>
        sum + BigInt(marginal) * at(factorial, size, 'factorial') * at(factorial, playerCount - 1 - size, 'factorial'),
      0n,
    );
  });
}

/**
 * Splits `totalFen` (the grand coalition's value) by Shapley value, in whole fen by largest
 * remainder (ties to the earlier player), so the parts sum exactly to the total. Efficiency makes
 * the scaled values sum to n! × v(N); a player whose value came out negative (possible only when
 * coalition values are heuristic and so not quite superadditive) gets zero.
 */
export function splitByShapley(totalFen: number, playerCount: number, valueFen: ArrayLike<number>): number[] {
  if (playerCount === 0) {
    if (totalFen !== 0) throw new Error('no players to split among');
    return [];
  }
  const weights = scaledShapleyValues(playerCount, valueFen).map((w) => (w > 0n ? w : 0n));
  if (weights.every((w) => w === 0n))
    return largestRemainder(
      totalFen,
      weights.map(() => 1),
    );
  return largestRemainder(totalFen, weights);
}

function popcount(mask: number): number {
  let count = 0;
  for (let m = mask; m; m &= m - 1) count++;
  return count;
}
