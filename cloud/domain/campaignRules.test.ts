import type { CampaignInputJson } from '../../contract/campaigns';
import { campaignProblems } from './campaignRules';

const validInput: CampaignInputJson = {
  slug: 'double11-2026',
  name: '双十一小黑群',
  startsAt: '2026-10-20T00:00:00+08:00',
  endsAt: '2026-11-12T00:00:00+08:00',
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
    budgetFen: 1_000_000,
    shareReward: { probability: 0.5, minFen: 100, maxFen: 888, dailyCapPerUser: 10 },
    purchaseReward: { perMille: 50, capFen: 2_000 },
    split: { policy: 'random', dailyAt: ['20:00'], finalSplit: true },
    grandPrize: { budgetFen: 10_000_000, winners: 3, capFen: 5_000_000 },
  },
  page: { title: '分享购买赢回血红包', bannerUrl: '', rulesText: '规则', primaryColor: '#ff4f4f', backgroundColor: '#fff5f0' },
};

const fieldsOf = (input: CampaignInputJson, overlapping: Parameters<typeof campaignProblems>[1] = []) =>
  campaignProblems(input, overlapping).map((p) => p.field);

describe('campaign rules a marketer must respect', () => {
  it('accepts the default campaign', () => {
    expect(campaignProblems(validInput, [])).toEqual([]);
  });

  it.each([
    ['the end before the start', { endsAt: '2026-10-19T00:00:00+08:00' }, 'endsAt'],
    ['a window longer than 120 days', { endsAt: '2027-03-01T00:00:00+08:00' }, 'endsAt'],
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }, 'timeZone'],
    ['min group size above max', { rules: { ...validInput.rules, minMembers: 16 } }, 'rules.maxMembers'],
    [
      'share min above max',
      { money: { ...validInput.money, shareReward: { ...validInput.money.shareReward, minFen: 900 } } },
      'money.shareReward.maxFen',
    ],
    [
      'both fixed and per-mille purchase packets',
      { money: { ...validInput.money, purchaseReward: { fixedFen: 100, perMille: 50, capFen: 2000 } } },
      'money.purchaseReward',
    ],
    ['a budget below one packet', { money: { ...validInput.money, budgetFen: 500 } }, 'money.budgetFen'],
    [
      'a grand-prize budget below its cap',
      { money: { ...validInput.money, grandPrize: { budgetFen: 100, winners: 1, capFen: 5_000_000 } } },
      'money.grandPrize.budgetFen',
    ],
    [
      'duplicate split times',
      { money: { ...validInput.money, split: { policy: 'equal' as const, dailyAt: ['20:00', '20:00'], finalSplit: true } } },
      'money.split.dailyAt',
    ],
    [
      'no split at all',
      { money: { ...validInput.money, split: { policy: 'equal' as const, dailyAt: [], finalSplit: false } } },
      'money.split',
    ],
  ])('names %s', (_name, change, field) => {
    expect(fieldsOf({ ...validInput, ...change } as CampaignInputJson)).toContain(field);
  });

  it('refuses a window that overlaps another campaign, naming it', () => {
    const problems = campaignProblems(validInput, [
      { name: '去年的活动', startsAt: new Date('2026-10-01T00:00:00Z'), endsAt: new Date('2026-10-25T00:00:00Z') },
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toContain('去年的活动');
  });
});
