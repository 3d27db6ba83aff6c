import type { SplitPolicy } from '../../../contract/campaigns';
import { at } from '../at';
import { assertSumsTo, largestRemainder } from './largestRemainder';

export type { SplitPolicy };

export interface SplitShare {
  userId: string;
  amountFen: number;
}

/** Resolution of the random weights: fine enough that every fen can land anywhere. */
const RANDOM_WEIGHT_SCALE = 1_000_000;

/**
 * Splits a group's pool among its members (瓜分).
 * - 'equal': largest remainder over equal weights; the leftover fen go to the first members in
 *   the given order (callers pass a deterministic order).
 * - 'random': every member gets 1 fen first when the pool allows it, and the rest is split by
 *   largest remainder over random weights drawn independently per member, so every position has
 *   the same expected share. When the pool has fewer fen than members, random members get 1 fen.
 * Parts always sum exactly to the pool.
 */
export function splitPool(poolFen: number, memberIds: readonly string[], policy: SplitPolicy, random: () => number): SplitShare[] {
  if (memberIds.length === 0) throw new Error('cannot split a pool among no members');
  if (new Set(memberIds).size !== memberIds.length) throw new Error('members must be distinct');
  let parts: number[];
  if (policy === 'equal') {
    parts = largestRemainder(
      poolFen,
      memberIds.map(() => 1),
    );
  } else if (poolFen < memberIds.length) {
    // Too few fen for everyone: a uniformly random subset gets one each.
    const order = shuffle(
      memberIds.map((_, i) => i),
      random,
    );
    parts = memberIds.map(() => 0);
    for (const i of order.slice(0, poolFen)) parts[i] = 1;
  } else {
    const weights = memberIds.map(() => 1 + Math.floor(random() * RANDOM_WEIGHT_SCALE));
    // Ties between equal remainders go to the earlier position: shuffle positions so that no
    // member is favoured by where they stand in the list.
    const order = shuffle(
      memberIds.map((_, i) => i),
      random,
    );
    const shuffled = largestRemainder(
      poolFen - memberIds.length,
      order.map((i) => at(weights, i, 'weight')),
    );
    parts = memberIds.map(() => 1);
    order.forEach((memberIndex, k) => (parts[memberIndex] = at(parts, memberIndex, 'part') + at(shuffled, k, 'shuffled share')));
  }
  assertSumsTo(parts, poolFen);
  return memberIds.map((userId, i) => ({ userId, amountFen: at(parts, i, 'part') }));
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const item = at(items, i, 'item');
    items[i] = at(items, j, 'item');
    items[j] = item;
  }
  return items;
}
