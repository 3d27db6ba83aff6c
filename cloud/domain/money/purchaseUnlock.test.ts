import { DEFAULT_REFUND_WINDOW_DAYS, purchaseUnlocksAt, refundWindowDaysOf, settlementSlotOf, splitSlotRefusal } from './purchaseUnlock';

describe('purchase packet unlock', () => {
  it('unlocks the refund window after payment, 7 days unless the campaign says otherwise', () => {
    expect(refundWindowDaysOf({})).toBe(DEFAULT_REFUND_WINDOW_DAYS);
    expect(refundWindowDaysOf({ refundWindowDays: 0 })).toBe(0);
    expect(refundWindowDaysOf({ refundWindowDays: 14 })).toBe(14);
    expect(purchaseUnlocksAt(new Date('2026-11-11T12:00:00Z'), 7).toISOString()).toBe('2026-11-18T12:00:00.000Z');
  });

  it('refuses future slots and slots outside the window and its settlement period', () => {
    const campaign = { startsAt: new Date('2026-10-19T16:00:00Z'), endsAt: new Date('2026-11-11T16:00:00Z'), config: {} };
    expect(settlementSlotOf(campaign).toISOString()).toBe('2026-11-18T16:00:00.000Z');
    const now = new Date('2026-12-01T00:00:00Z');
    expect(splitSlotRefusal(new Date('2026-11-01T12:00:00Z'), now, campaign)).toBeNull();
    expect(splitSlotRefusal(campaign.endsAt, now, campaign)).toBeNull();
    expect(splitSlotRefusal(new Date('2026-11-18T16:00:00Z'), now, campaign)).toBeNull();
    expect(splitSlotRefusal(new Date('2026-11-18T16:00:01Z'), now, campaign)).toContain('outside the campaign window');
    expect(splitSlotRefusal(new Date('2026-10-19T15:59:59Z'), now, campaign)).toContain('outside the campaign window');
    expect(splitSlotRefusal(new Date('2026-11-01T12:00:00Z'), new Date('2026-11-01T11:59:59Z'), campaign)).toContain('in the future');
    expect(splitSlotRefusal(new Date('2026-11-01T12:00:00Z'), now, null)).toContain('before any campaign started');
  });
});
