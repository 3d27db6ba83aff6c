import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import type { CampaignStatus } from '../../contract/campaigns';
import { settlementSlotOf } from './money/purchaseUnlock';
import type { PurchaseRewardRule, ShareRewardRule } from './money/rewards';
import type { SplitPolicy } from './money/split';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Everything a marketer configures about a campaign's money. Amounts in fen. */
export interface CampaignConfig {
  budgetFen: number;
  shareReward: ShareRewardRule;
  purchaseReward: PurchaseRewardRule;
  split: {
    policy: SplitPolicy;
    /** Local wall-clock times (HH:mm, in the campaign's time zone) of the daily splits. */
    dailyAt: string[];
    /** One more split when the window closes, so nothing stays in the pools. */
    finalSplit: boolean;
  };
  grandPrize: { budgetFen: number; winners: number; capFen: number };
  /** Days after payment that an order can still be refunded (default 7): purchase packets wait them out. */
  refundWindowDays?: number;
}

export interface Campaign {
  id: string;
  slug: string;
  name: string;
  status: CampaignStatus;
  startsAt: Date;
  /** When the window closes: the planned end, or the moment the campaign was ended if that came first (see closesAt). */
  endsAt: Date;
  timeZone: string;
  config: CampaignConfig;
}

/**
 * When a campaign closes: its planned end, or the moment it was ended when that came first. An
 * early end closes everything then: the last split, the settlement split after it, the grand prize.
 */
export function closesAt(plannedEnd: Date, endedAt: Date | null): Date {
  return endedAt && endedAt < plannedEnd ? endedAt : plannedEnd;
}

export const GRAND_PRIZE_CAP_FEN = 5_000_000; // 50,000 yuan

export const DEFAULT_CAMPAIGN_CONFIG: CampaignConfig = {
  budgetFen: 1_000_000,
  shareReward: { probability: 0.5, minFen: 100, maxFen: 888, dailyCapPerUser: 10 },
  purchaseReward: { perMille: 50, capFen: 2_000 },
  split: { policy: 'random', dailyAt: ['20:00'], finalSplit: true },
  grandPrize: { budgetFen: 10_000_000, winners: 3, capFen: GRAND_PRIZE_CAP_FEN },
};

/** The default window: Oct 20 00:00 to Nov 11 23:59:59 (end exclusive at Nov 12 00:00), local time. */
export function defaultWindow(year: number, timeZone: string): { startsAt: Date; endsAt: Date } {
  return {
    startsAt: dayjs.tz(`${year}-10-20 00:00`, timeZone).toDate(),
    endsAt: dayjs.tz(`${year}-11-12 00:00`, timeZone).toDate(),
  };
}

/** Rewards flow only while a published campaign's window contains `now`. */
export function isRunning(campaign: Pick<Campaign, 'status' | 'startsAt' | 'endsAt'>, now: Date): boolean {
  return campaign.status === 'published' && campaign.startsAt <= now && now < campaign.endsAt;
}

/** Where the campaign a shopper meets stands: running, paused by its marketer, over, or none at all. */
export type CampaignPhase = 'running' | 'paused' | 'ended' | 'none';

/**
 * The phase of `campaign` (the one running, else the latest that started: see findCampaignForSlot)
 * at `now`. A paused campaign whose window has closed is over; one not started yet is none.
 */
export function campaignPhase(campaign: Pick<Campaign, 'status' | 'startsAt' | 'endsAt'> | undefined, now: Date): CampaignPhase {
  if (!campaign || now < campaign.startsAt) return 'none';
  if (campaign.status === 'ended' || now >= campaign.endsAt) return 'ended';
  if (campaign.status === 'paused') return 'paused';
  return campaign.status === 'published' ? 'running' : 'none';
}

/**
 * The split slots of a campaign in (after, until]: each configured local time on every day of
 * the window, plus the close of the window when a final split is configured (and the settlement
 * split after it, when the refund window lets the last purchase packets unlock). A slot is an
 * instant; the same slot is the same split, however often it is run.
 */
export function splitSlots(campaign: Pick<Campaign, 'startsAt' | 'endsAt' | 'timeZone' | 'config'>, after: Date, until: Date): Date[] {
  const slots: Date[] = [];
  // Ended before it started: it never ran, and has nothing to split.
  if (campaign.endsAt <= campaign.startsAt) return slots;
  const lastDay = dayjs(campaign.endsAt).tz(campaign.timeZone).startOf('day');
  for (let day = dayjs(campaign.startsAt).tz(campaign.timeZone).startOf('day'); !day.isAfter(lastDay); day = day.add(1, 'day')) {
    for (const time of campaign.config.split.dailyAt) {
      const [hour, minute] = time.split(':').map(Number);
      const slot = dayjs
        .tz(`${day.format('YYYY-MM-DD')} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`, campaign.timeZone)
        .toDate();
      if (slot >= campaign.startsAt && slot < campaign.endsAt) slots.push(slot);
    }
  }
  if (campaign.config.split.finalSplit) {
    slots.push(campaign.endsAt);
    // Purchase packets of the last days unlock after the close, when their refund window is over:
    // one more split then pays them (nothing else is left in the pools by then).
    const settlement = settlementSlotOf(campaign);
    if (settlement > campaign.endsAt) slots.push(settlement);
  }
  return slots.filter((s) => s > after && s <= until).sort((a, b) => a.getTime() - b.getTime());
}

/** The first split slot after `now`, or null when none is left. */
export function nextSplitAt(campaign: Pick<Campaign, 'startsAt' | 'endsAt' | 'timeZone' | 'config'>, now: Date): Date | null {
  return splitSlots(campaign, now, new Date(campaign.endsAt.getTime() + 1))[0] ?? null;
}
