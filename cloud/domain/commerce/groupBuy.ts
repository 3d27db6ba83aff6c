/**
 * Rules of a group buy (拼团): a deal has a group price, a size N and a time limit. The leader
 * opens it and pays first, others join through a share and pay; at N it succeeds; at the deadline
 * without N it fails and every paid member is refunded in full (or, for a deal with virtual
 * completion, it succeeds with whoever paid). Pure: the clock is passed in.
 */
import type { GroupBuyStatus } from '../../../contract/commerce';

export type { GroupBuyStatus };

export interface GroupBuyState {
  status: GroupBuyStatus;
  size: number;
  seatsTaken: number;
  expiresAt: Date;
}

/** Refusals in the order they are checked: a closed buy first, then time, then seats. */
export type JoinRefusal = { kind: 'closed'; status: GroupBuyStatus } | { kind: 'expired' } | { kind: 'full' } | { kind: 'left_before' };

/**
 * Whether a user may take a seat now. A buy that has already failed reads as expired when it
 * failed by its deadline, so that a late joiner hears "expired" whether or not the expiry job has
 * run yet. A member who left may not come back: her refund is final (one refund per member).
 * A member refunded because the buy failed hears why it failed.
 */
export function checkJoin(
  buy: GroupBuyState & { outcome: string | null },
  now: Date,
  previous: 'pending' | 'paid' | 'left' | 'refunded' | 'released' | null,
): JoinRefusal | null {
  if (previous === 'left') return { kind: 'left_before' };
  if (buy.status === 'failed' && buy.outcome === 'expired') return { kind: 'expired' };
  if (buy.status !== 'open') return { kind: 'closed', status: buy.status };
  if (now.getTime() >= buy.expiresAt.getTime()) return { kind: 'expired' };
  if (buy.seatsTaken >= buy.size) return { kind: 'full' };
  return null;
}

/** A buy is complete the moment its last seat is paid for (a seat held for a payment on its way does not count). */
export function isComplete(buy: Pick<GroupBuyState, 'size'>, paidCount: number): boolean {
  return paidCount >= buy.size;
}

export type ExpiryOutcome = { status: 'succeeded'; outcome: 'virtual' } | { status: 'failed'; outcome: 'expired' };

/** What the deadline does to a buy still open: virtual completion with at least one payer succeeds, else it fails. */
export function expiryOutcome(paidCount: number, virtualCompletion: boolean): ExpiryOutcome {
  if (virtualCompletion && paidCount > 0) return { status: 'succeeded', outcome: 'virtual' };
  return { status: 'failed', outcome: 'expired' };
}

export function isDue(buy: Pick<GroupBuyState, 'status' | 'expiresAt'>, now: Date): boolean {
  return buy.status === 'open' && now.getTime() >= buy.expiresAt.getTime();
}

export type LeaveRefusal = { kind: 'not_member' } | { kind: 'closed'; status: GroupBuyStatus } | { kind: 'expired' };

/** Leaving is possible only while the buy is open and before its deadline (after it, the expiry refunds). */
export function checkLeave(
  buy: GroupBuyState,
  now: Date,
  memberStatus: 'pending' | 'paid' | 'left' | 'refunded' | 'released' | null,
): LeaveRefusal | null {
  if (memberStatus !== 'paid') return { kind: 'not_member' };
  if (buy.status !== 'open') return { kind: 'closed', status: buy.status };
  if (now.getTime() >= buy.expiresAt.getTime()) return { kind: 'expired' };
  return null;
}

/** The member who leads after the leader leaves: the earliest to join among those still paid; ties by user id. */
export function nextLeader<M extends { userId: string; joinedAt: Date }>(remaining: readonly M[]): M | undefined {
  return [...remaining].sort(
    (a, b) => a.joinedAt.getTime() - b.joinedAt.getTime() || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0),
  )[0];
}

/** The deadline of a buy opened at `now` on a deal with this time limit. */
export function expiresAtFor(now: Date, timeLimitHours: number): Date {
  return new Date(now.getTime() + timeLimitHours * 3_600_000);
}
