import { DEFAULT_CAMPAIGN_CONFIG, defaultWindow, isRunning, nextSplitAt, splitSlots } from './campaign';

const tz = 'Asia/Shanghai';
const window = defaultWindow(2026, tz);
const campaign = { ...window, timeZone: tz, status: 'published' as const, config: DEFAULT_CAMPAIGN_CONFIG };

describe('campaign time', () => {
  it('runs from Oct 20 00:00 to Nov 11 23:59:59 Beijing time', () => {
    expect(window.startsAt.toISOString()).toBe('2026-10-19T16:00:00.000Z');
    expect(window.endsAt.toISOString()).toBe('2026-11-11T16:00:00.000Z');
    expect(isRunning(campaign, new Date('2026-10-19T15:59:59Z'))).toBe(false);
    expect(isRunning(campaign, new Date('2026-10-19T16:00:00Z'))).toBe(true);
    expect(isRunning(campaign, new Date('2026-11-11T15:59:59Z'))).toBe(true);
    expect(isRunning(campaign, new Date('2026-11-11T16:00:00Z'))).toBe(false);
    expect(isRunning({ ...campaign, status: 'paused' }, new Date('2026-11-01T00:00:00Z'))).toBe(false);
  });

  it('splits daily at 20:00 Beijing time plus once at the close, and settles the last purchase packets when they unlock', () => {
    const slots = splitSlots(campaign, new Date(0), new Date('2027-01-01T00:00:00Z'));
    expect(slots).toHaveLength(23 + 1 + 1);
    expect(slots[0]?.toISOString()).toBe('2026-10-20T12:00:00.000Z');
    expect(slots[22]?.toISOString()).toBe('2026-11-11T12:00:00.000Z');
    expect(slots[23]?.toISOString()).toBe('2026-11-11T16:00:00.000Z');
    // The default 7-day refund window after the close.
    expect(slots[24]?.toISOString()).toBe('2026-11-18T16:00:00.000Z');
    expect(
      splitSlots({ ...campaign, config: { ...campaign.config, refundWindowDays: 0 } }, new Date(0), new Date('2027-01-01T00:00:00Z')),
    ).toHaveLength(24);
  });

  it('names the next split', () => {
    expect(nextSplitAt(campaign, new Date('2026-11-01T11:59:59Z'))?.toISOString()).toBe('2026-11-01T12:00:00.000Z');
    expect(nextSplitAt(campaign, new Date('2026-11-01T12:00:00Z'))?.toISOString()).toBe('2026-11-02T12:00:00.000Z');
    expect(nextSplitAt(campaign, new Date('2026-11-11T12:30:00Z'))?.toISOString()).toBe('2026-11-11T16:00:00.000Z');
    expect(nextSplitAt(campaign, new Date('2026-11-11T16:00:00Z'))).toBeNull();
  });
});
