import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { DEFAULT_CAMPAIGN_CONFIG, type Campaign } from '../domain/campaign';
import { countCampaigns, insertPublishedCampaign } from '../store/campaigns';
import { seedDemoCommerce } from './demoCommerce';
import type { Store } from '../store/store';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * Demo mode runs a campaign whose window contains today, so that every reward path — the share
 * draw, the guaranteed packet, the split — can be tried the moment the host is up.
 */
export async function seedDemoCampaign(store: Store, now: Date, timeZone: string): Promise<Campaign | null> {
  if ((await countCampaigns(store)) > 0) return null;
  const today = dayjs(now).tz(timeZone).startOf('day');
  return store.transaction(async (tx) => {
    const campaign = await insertPublishedCampaign(
      tx,
      {
        slug: 'double11-demo',
        name: '双十一小黑群 · 分享购买赢回血红包（演示）',
        startsAt: today.subtract(7, 'day').toDate(),
        endsAt: today.add(30, 'day').toDate(),
        timeZone,
        config: { ...DEFAULT_CAMPAIGN_CONFIG, shareReward: { ...DEFAULT_CAMPAIGN_CONFIG.shareReward, probability: 0.6 } },
      },
      now,
    );
    await seedDemoCommerce(tx, campaign, now);
    return campaign;
  });
}
