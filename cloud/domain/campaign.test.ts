import { DEFAULT_CAMPAIGN_CONFIG, campaignPhase, defaultWindow, isRunning, nextSplitAt, splitSlots } from './campaign';

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

describe('campaignPhase', () => {
  const phaseWindow = { startsAt: new Date('2025-10-20T00:00:00Z'), endsAt: new Date('2025-11-12T00:00:00Z') };
  const inside = new Date('2025-11-01T00:00:00Z');
  const after = new Date('2025-11-12T00:00:00Z');
  it('is running, paused or ended inside the window as the marketer set it', () => {
    expect(campaignPhase({ ...phaseWindow, status: 'published' }, inside)).toBe('running');
    expect(campaignPhase({ ...phaseWindow, status: 'paused' }, inside)).toBe('paused');
    expect(campaignPhase({ ...phaseWindow, status: 'ended' }, inside)).toBe('ended');
  });
  it('is ended from the close on, paused or not', () => {
    expect(campaignPhase({ ...phaseWindow, status: 'published' }, after)).toBe('ended');
    expect(campaignPhase({ ...phaseWindow, status: 'paused' }, after)).toBe('ended');
  });
  it('is none without a campaign, before its start, or for a draft', () => {
    expect(campaignPhase(undefined, inside)).toBe('none');
    expect(campaignPhase({ ...phaseWindow, status: 'published' }, new Date('2025-10-19T23:59:59Z'))).toBe('none');
    expect(campaignPhase({ ...phaseWindow, status: 'draft' }, inside)).toBe('none');
  });
});
