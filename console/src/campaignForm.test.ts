import { beforeAll, describe, expect, it } from '@jest/globals';
import { setLang } from './i18n';
import type { CampaignJson } from '../../contract/campaigns';
import {
  campaignFormSchema,
  checkDraft,
  FIELD_PATHS,
  FORM_FIELD_PATHS,
  formFieldOf,
  formFromCampaign,
  formToInput,
  newCampaignForm,
  type CampaignForm,
} from './campaignForm';

const NOW = new Date('2026-09-01T04:00:00Z');
const form = (changes: Partial<CampaignForm> = {}): CampaignForm => ({
  ...newCampaignForm(NOW),
  name: 'Double 11',
  slug: 'double11-test',
  ...changes,
});

/** What react-hook-form's zod resolver gets: the issues by form field, or the draft. */
function resolve(values: CampaignForm) {
  const result = campaignFormSchema.safeParse(values);
  if (result.success) return { draft: result.data, errors: {} };
  const errors: Record<string, string[]> = {};
  for (const issue of result.error.issues) (errors[issue.path.join('.')] ??= []).push(issue.message);
  return { draft: null, errors };
}

// The English wording is checked here; the Chinese in the test that switches.
beforeAll(() => setLang('en'));

describe('the campaign form', () => {
  it('starts a new campaign on the coming Double 11 in Beijing time', () => {
    const f = newCampaignForm(NOW);
    expect(f.startsLocal).toBe('2026-10-20T00:00');
    expect(f.endsLocal).toBe('2026-11-12T00:00');
    expect(newCampaignForm(new Date('2026-11-20T00:00:00Z')).startsLocal).toBe('2027-10-20T00:00');
  });

  it('converts yuan, percentages and local times into the contract draft', () => {
    const { input, errors } = formToInput(
      form({ budgetYuan: '5,000', shareMaxYuan: '2.5', sharePercent: '12.5', purchaseMode: 'fixed', purchaseFixedYuan: '1.05' }),
    );
    expect(errors).toEqual({});
    expect(input).toMatchObject({
      slug: 'double11-test',
      startsAt: '2026-10-20T00:00:00+08:00',
      timeZone: 'Asia/Shanghai',
      rules: { creatorGender: 'female', minMembers: 4, maxMembers: 15 },
      money: {
        budgetFen: 500_000,
        shareReward: { probability: 0.125, minFen: 100, maxFen: 250, dailyCapPerUser: 10 },
        purchaseReward: { fixedFen: 105, capFen: 2_000 },
        refundWindowDays: 7,
      },
    });
  });

  it('round-trips a saved campaign', () => {
    const { input } = formToInput(form());
    const saved = {
      ...input!,
      campaignId: 'c'.repeat(24),
      status: 'draft',
      version: 0,
      hasUnpublishedChanges: true,
      createdAt: '',
      updatedAt: '',
      publishedAt: null,
    } as CampaignJson;
    expect(formFromCampaign(saved)).toEqual({ ...form(), campaignId: 'c'.repeat(24) });
  });

  it('names every form field by a path the editor shows messages at', () => {
    for (const path of Object.values(FORM_FIELD_PATHS)) expect(FIELD_PATHS).toContain(path);
    expect(formFieldOf('money.split.dailyAt.1')).toBe('splitDailyAt');
    expect(formFieldOf('money.purchaseReward.capFen')).toBe('purchaseCapYuan');
    expect(formFieldOf('money.purchaseReward')).toBe('purchaseMode');
    expect(formFieldOf('money.split')).toBeNull();
  });
});

describe('the form schema (react-hook-form resolver)', () => {
  it('gives the draft when the function would accept it', () => {
    const { draft, errors } = resolve(form());
    expect(errors).toEqual({});
    expect(draft).toMatchObject({ name: 'Double 11', money: { budgetFen: 1_000_000 } });
  });

  it('refuses what cannot be converted, at the form field', () => {
    const { draft, errors } = resolve(form({ budgetYuan: '1.234', minMembers: 'four', sharePercent: '150', startsLocal: '' }));
    expect(draft).toBeNull();
    expect(errors).toEqual({
      budgetYuan: ['enter an amount in yuan, e.g. 8.88 (at most 2 decimals)'],
      minMembers: ['enter a whole number'],
      sharePercent: ['enter a percentage between 0 and 100'],
      startsLocal: ['enter a date and time'],
    });
  });

  it('says so in Chinese when the console is in Chinese', () => {
    setLang('zh-CN');
    try {
      const { errors } = resolve(form({ minMembers: 'four' }));
      expect(errors).toEqual({ minMembers: ['请填整数'] });
    } finally {
      setLang('en');
    }
  });

  it("refuses what saveCampaign's schema refuses, with its words, at the form field", () => {
    const { errors } = resolve(
      form({ primaryColor: 'red', slug: 'X', maxMembers: '99', grandCapYuan: '60000', splitDailyAt: ['20:00', '25:00'] }),
    );
    expect(errors).toEqual({
      slug: ['slug 必须是 3-40 位小写字母、数字或 -'],
      maxMembers: ['maxMembers 最多 50'],
      grandCapYuan: ['grandPrize.capFen 太大了', '大奖上限为 50,000 元（5000000 分）'],
      splitDailyAt: ['瓜分时间格式为 HH:mm，例如 20:00'],
      primaryColor: ['primaryColor 必须是颜色值，例如 #ff4f4f'],
    });
  });

  it('checks a draft exactly as the function does', () => {
    const { input } = formToInput(form({ name: '   ' }));
    expect(checkDraft(input!)).toEqual([{ path: 'name', message: 'name 活动名称不能为空' }]);
  });
});
