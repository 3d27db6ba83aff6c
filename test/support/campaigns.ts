import type { CampaignInputJson } from '../../contract/campaigns';

/**
 * A valid campaign for tests that create their own: rewards, splits and a page like the demo's,
 * in the window given (place it after the demo campaign's, which runs from a week before the
 * test clock's start to a month after, so that the two do not overlap).
 */
export function sampleCampaign(slug: string, startsAt: Date, endsAt: Date): CampaignInputJson {
  return {
    slug,
    name: '春季小黑群',
    startsAt: startsAt.toISOString(),
    endsAt: endsAt.toISOString(),
    timeZone: 'Asia/Shanghai',
    rules: {
      creatorGender: 'female',
      creatorMinTaoqi: 600,
      minMembers: 4,
      maxMembers: 15,
      maxGroupsCreatedPerUser: 3,
      maxGroupsJoinedPerUser: 10,
    },
    money: {
      budgetFen: 500_000,
      shareReward: { probability: 0.5, minFen: 100, maxFen: 888, dailyCapPerUser: 10 },
      purchaseReward: { perMille: 50, capFen: 2000 },
      split: { policy: 'random', dailyAt: ['20:00'], finalSplit: true },
      grandPrize: { budgetFen: 5_000_000, winners: 1, capFen: 5_000_000 },
    },
    page: { title: '春天一起买', bannerUrl: '', rulesText: '分享得红包', primaryColor: '#ff4f4f', backgroundColor: '#fff5f0' },
  };
}
