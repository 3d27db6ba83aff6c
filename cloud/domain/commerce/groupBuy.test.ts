import { checkJoin, checkLeave, expiresAtFor, expiryOutcome, isComplete, isDue, nextLeader } from './groupBuy';

const now = new Date('2026-11-11T12:00:00Z');
const open = { status: 'open' as const, outcome: null, size: 3, seatsTaken: 1, expiresAt: new Date('2026-11-12T12:00:00Z') };

describe('group-buy rules', () => {
  it('lets a newcomer take a free seat of an open buy before its deadline', () => {
    expect(checkJoin(open, now, null)).toBeNull();
  });

  it('checks refusals in order: left before, expired failure, closed, deadline, seats', () => {
    expect(checkJoin({ ...open, seatsTaken: 3 }, now, 'left')).toEqual({ kind: 'left_before' });
    expect(checkJoin({ ...open, status: 'failed', outcome: 'expired' }, now, 'refunded')).toEqual({ kind: 'expired' });
    expect(checkJoin({ ...open, status: 'failed', outcome: 'expired' }, now, null)).toEqual({ kind: 'expired' });
    expect(checkJoin({ ...open, status: 'failed', outcome: 'abandoned' }, now, null)).toEqual({ kind: 'closed', status: 'failed' });
    expect(checkJoin({ ...open, status: 'succeeded', seatsTaken: 3 }, now, null)).toEqual({ kind: 'closed', status: 'succeeded' });
    expect(checkJoin({ ...open, seatsTaken: 3 }, open.expiresAt, null)).toEqual({ kind: 'expired' });
    expect(checkJoin({ ...open, seatsTaken: 3 }, now, null)).toEqual({ kind: 'full' });
  });

  it('treats the deadline instant itself as past', () => {
    expect(checkJoin(open, new Date(open.expiresAt.getTime() - 1), null)).toBeNull();
    expect(checkJoin(open, open.expiresAt, null)).toEqual({ kind: 'expired' });
    expect(isDue(open, open.expiresAt)).toBe(true);
    expect(isDue(open, now)).toBe(false);
    expect(isDue({ ...open, status: 'failed' }, open.expiresAt)).toBe(false);
  });

  it('completes at N paid seats; a seat held for a payment on its way does not count', () => {
    expect(isComplete({ size: 3 }, 2)).toBe(false);
    expect(isComplete({ size: 3 }, 3)).toBe(true);
  });

  it('fails at the deadline unless the deal completes virtually with at least one payer', () => {
    expect(expiryOutcome(2, false)).toEqual({ status: 'failed', outcome: 'expired' });
    expect(expiryOutcome(2, true)).toEqual({ status: 'succeeded', outcome: 'virtual' });
    expect(expiryOutcome(0, true)).toEqual({ status: 'failed', outcome: 'expired' });
  });

  it('lets only paid members leave, and only while open and before the deadline', () => {
    expect(checkLeave(open, now, 'paid')).toBeNull();
    expect(checkLeave(open, now, null)).toEqual({ kind: 'not_member' });
    expect(checkLeave(open, now, 'left')).toEqual({ kind: 'not_member' });
    expect(checkLeave({ ...open, status: 'succeeded' }, now, 'paid')).toEqual({ kind: 'closed', status: 'succeeded' });
    expect(checkLeave(open, open.expiresAt, 'paid')).toEqual({ kind: 'expired' });
  });

  it('hands the lead to the earliest remaining joiner, ties by user id', () => {
    const t = (s: number) => new Date(now.getTime() + s * 1000);
    expect(
      nextLeader([
        { userId: 'c', joinedAt: t(3) },
        { userId: 'b', joinedAt: t(2) },
        { userId: 'a', joinedAt: t(2) },
      ])?.userId,
    ).toBe('a');
    expect(nextLeader([])).toBeUndefined();
  });

  it('sets the deadline from the time limit', () => {
    expect(expiresAtFor(now, 24).toISOString()).toBe('2026-11-12T12:00:00.000Z');
  });
});
