import crypto from 'node:crypto';
import { at } from '../at';

/**
 * The grand prize draw (全额返现), made verifiable: before the draw the operator commits to
 * sha256(seed); after it the seed is published with the eligible list, and anyone can recompute
 * the winners with this function. Hashing is deterministic, so this stays a pure rule.
 */
export interface Eligible {
  userId: string;
  /** The member's net order amount in the campaign (after refunds), in fen. */
  netFen: number;
}

export function seedCommitment(seed: string): string {
  return crypto.createHash('sha256').update(seed, 'utf8').digest('hex');
}

/**
 * Picks `count` distinct winners: the eligible list in userId order; draw k takes index
 * sha256(`${seed}:${k}`) mod (candidates left), removing the winner each time. The prize is the
 * winner's net amount capped at `capFen`.
 */
export function drawWinners(
  seed: string,
  eligible: readonly Eligible[],
  count: number,
  capFen: number,
): Array<Eligible & { prizeFen: number }> {
  const candidates = [...eligible].sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
  const winners: Array<Eligible & { prizeFen: number }> = [];
  for (let k = 0; k < count && candidates.length > 0; k++) {
    const digest = crypto.createHash('sha256').update(`${seed}:${k}`, 'utf8').digest('hex');
    const index = Number(BigInt(`0x${digest}`) % BigInt(candidates.length));
    const winner = at(candidates.splice(index, 1), 0, 'drawn candidate');
    winners.push({ ...winner, prizeFen: Math.min(winner.netFen, capFen) });
  }
  return winners;
}
