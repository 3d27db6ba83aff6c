/**
 * The editor's form state: what the marketer types (strings, yuan, percentages, local times),
 * and its conversion to and from the contract's CampaignInputJson (fen, ratios, ISO with offset).
 */
import { z } from 'zod';
import { campaignInput } from '../../contract/campaignSchema';
import type { CampaignInputJson, CampaignJson } from '../../contract/campaigns';
import type { FieldIssue } from './fieldErrors';
import { fenToInput, parsePercent, parseYuan, ratioToPercentInput } from './money';
import { dayjs, isoToLocal, isValidTimeZone, localToIso } from './time';
import { t } from './i18n';

export interface CampaignForm {
  campaignId?: string;
  name: string;
  slug: string;
  timeZone: string;
  /** Wall-clock "YYYY-MM-DDTHH:mm" in timeZone. */
  startsLocal: string;
  endsLocal: string;
  creatorGender: 'female' | 'male' | 'any';
  creatorMinTaoqi: string;
  minMembers: string;
  maxMembers: string;
  maxGroupsCreatedPerUser: string;
  maxGroupsJoinedPerUser: string;
  budgetYuan: string;
  sharePercent: string;
  shareMinYuan: string;
  shareMaxYuan: string;
  shareDailyCap: string;
  purchaseMode: 'perMille' | 'fixed';
  purchasePerMille: string;
  purchaseFixedYuan: string;
  purchaseCapYuan: string;
  /** Days an order can be refunded; its purchase packet unlocks after them (七天无理由退货). */
  refundWindowDays: string;
  splitPolicy: 'random' | 'equal';
  splitDailyAt: string[];
  finalSplit: boolean;
  grandBudgetYuan: string;
  grandWinners: string;
  grandCapYuan: string;
  title: string;
  bannerUrl: string;
  rulesText: string;
  primaryColor: string;
  backgroundColor: string;
}

/** Every path the editor can show a message beside (fields, then their sections). */
export const FIELD_PATHS = [
  'name',
  'slug',
  'timeZone',
  'startsAt',
  'endsAt',
  'rules',
  'rules.creatorGender',
  'rules.creatorMinTaoqi',
  'rules.minMembers',
  'rules.maxMembers',
  'rules.maxGroupsCreatedPerUser',
  'rules.maxGroupsJoinedPerUser',
  'money',
  'money.budgetFen',
  'money.shareReward',
  'money.shareReward.probability',
  'money.shareReward.minFen',
  'money.shareReward.maxFen',
  'money.shareReward.dailyCapPerUser',
  'money.purchaseReward',
  'money.purchaseReward.perMille',
  'money.purchaseReward.fixedFen',
  'money.purchaseReward.capFen',
  'money.refundWindowDays',
  'money.split',
  'money.split.policy',
  'money.split.dailyAt',
  'money.split.finalSplit',
  'money.grandPrize',
  'money.grandPrize.budgetFen',
  'money.grandPrize.winners',
  'money.grandPrize.capFen',
  'page',
  'page.title',
  'page.bannerUrl',
  'page.rulesText',
  'page.primaryColor',
  'page.backgroundColor',
] as const;

/** The contract path each form field fills (and beside which its messages show). */
export const FORM_FIELD_PATHS: Record<Exclude<keyof CampaignForm, 'campaignId'>, (typeof FIELD_PATHS)[number]> = {
  name: 'name',
  slug: 'slug',
  timeZone: 'timeZone',
  startsLocal: 'startsAt',
  endsLocal: 'endsAt',
  creatorGender: 'rules.creatorGender',
  creatorMinTaoqi: 'rules.creatorMinTaoqi',
  minMembers: 'rules.minMembers',
  maxMembers: 'rules.maxMembers',
  maxGroupsCreatedPerUser: 'rules.maxGroupsCreatedPerUser',
  maxGroupsJoinedPerUser: 'rules.maxGroupsJoinedPerUser',
  budgetYuan: 'money.budgetFen',
  sharePercent: 'money.shareReward.probability',
  shareMinYuan: 'money.shareReward.minFen',
  shareMaxYuan: 'money.shareReward.maxFen',
  shareDailyCap: 'money.shareReward.dailyCapPerUser',
  purchaseMode: 'money.purchaseReward',
  purchasePerMille: 'money.purchaseReward.perMille',
  purchaseFixedYuan: 'money.purchaseReward.fixedFen',
  purchaseCapYuan: 'money.purchaseReward.capFen',
  refundWindowDays: 'money.refundWindowDays',
  splitPolicy: 'money.split.policy',
  splitDailyAt: 'money.split.dailyAt',
  finalSplit: 'money.split.finalSplit',
  grandBudgetYuan: 'money.grandPrize.budgetFen',
  grandWinners: 'money.grandPrize.winners',
  grandCapYuan: 'money.grandPrize.capFen',
  title: 'page.title',
  bannerUrl: 'page.bannerUrl',
  rulesText: 'page.rulesText',
  primaryColor: 'page.primaryColor',
  backgroundColor: 'page.backgroundColor',
};

export type FormFieldName = keyof typeof FORM_FIELD_PATHS;

/**
 * The form field that fills a contract path: the field of the path itself or of its nearest
 * ancestor ("money.split.dailyAt.1" → splitDailyAt); null for a section as a whole ("money.split").
 */
export function formFieldOf(path: string): FormFieldName | null {
  let best: FormFieldName | null = null;
  let bestLength = -1;
  for (const [field, fieldPath] of Object.entries(FORM_FIELD_PATHS) as Array<[FormFieldName, string]>) {
    const covers = path === fieldPath || path.startsWith(`${fieldPath}.`);
    if (covers && fieldPath.length > bestLength) [best, bestLength] = [field, fieldPath.length];
  }
  return best;
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** A new campaign: the brief's defaults (Oct 20 – Nov 11 of the coming Double 11, Beijing time). */
export function newCampaignForm(now: Date = new Date()): CampaignForm {
  const local = dayjs(now).tz(DEFAULT_TIME_ZONE);
  const year = local.isBefore(dayjs.tz(`${local.year()}-11-12 00:00`, DEFAULT_TIME_ZONE)) ? local.year() : local.year() + 1;
  return {
    name: '',
    slug: '',
    timeZone: DEFAULT_TIME_ZONE,
    startsLocal: `${year}-10-20T00:00`,
    endsLocal: `${year}-11-12T00:00`,
    creatorGender: 'female',
    creatorMinTaoqi: '600',
    minMembers: '4',
    maxMembers: '15',
    maxGroupsCreatedPerUser: '3',
    maxGroupsJoinedPerUser: '5',
    budgetYuan: '10000',
    sharePercent: '50',
    shareMinYuan: '1',
    shareMaxYuan: '8.88',
    shareDailyCap: '10',
    purchaseMode: 'perMille',
    purchasePerMille: '50',
    purchaseFixedYuan: '1',
    purchaseCapYuan: '20',
    refundWindowDays: '7',
    splitPolicy: 'random',
    splitDailyAt: ['20:00'],
    finalSplit: true,
    grandBudgetYuan: '100000',
    grandWinners: '3',
    grandCapYuan: '50000',
    title: '双十一小黑群 · 分享购买赢回血红包',
    bannerUrl: '',
    rulesText:
      '1. 和闺蜜组建小黑群，4 人即可激活。\n2. 在群里分享商品，有机会获得随机现金红包。\n3. 购买群友分享的商品，必得红包。\n4. 每晚 20:00 瓜分群红包池。',
    primaryColor: '#ff4d4f',
    backgroundColor: '#fff5f5',
  };
}

export function formFromCampaign(c: CampaignJson): CampaignForm {
  const { rules, money, page } = c;
  const fixed = money.purchaseReward.fixedFen;
  return {
    campaignId: c.campaignId,
    name: c.name,
    slug: c.slug,
    timeZone: c.timeZone,
    startsLocal: isoToLocal(c.startsAt, c.timeZone),
    endsLocal: isoToLocal(c.endsAt, c.timeZone),
    creatorGender: rules.creatorGender ?? 'any',
    creatorMinTaoqi: String(rules.creatorMinTaoqi),
    minMembers: String(rules.minMembers),
    maxMembers: String(rules.maxMembers),
    maxGroupsCreatedPerUser: String(rules.maxGroupsCreatedPerUser),
    maxGroupsJoinedPerUser: String(rules.maxGroupsJoinedPerUser),
    budgetYuan: fenToInput(money.budgetFen),
    sharePercent: ratioToPercentInput(money.shareReward.probability),
    shareMinYuan: fenToInput(money.shareReward.minFen),
    shareMaxYuan: fenToInput(money.shareReward.maxFen),
    shareDailyCap: String(money.shareReward.dailyCapPerUser),
    purchaseMode: fixed !== undefined && fixed !== null ? 'fixed' : 'perMille',
    purchasePerMille: String(money.purchaseReward.perMille ?? 50),
    purchaseFixedYuan: fenToInput(fixed ?? 100),
    purchaseCapYuan: fenToInput(money.purchaseReward.capFen),
    refundWindowDays: String(money.refundWindowDays ?? 7),
    splitPolicy: money.split.policy,
    splitDailyAt: [...money.split.dailyAt],
    finalSplit: money.split.finalSplit,
    grandBudgetYuan: fenToInput(money.grandPrize.budgetFen),
    grandWinners: String(money.grandPrize.winners),
    grandCapYuan: fenToInput(money.grandPrize.capFen),
    title: page.title,
    bannerUrl: page.bannerUrl,
    rulesText: page.rulesText,
    primaryColor: page.primaryColor,
    backgroundColor: page.backgroundColor,
  };
}

/**
 * The draft to send, or the fields that cannot even be converted (a yuan amount with three
 * decimals, a time that is not a time), by contract path. Ranges and formats are then checked by
 * the function's own schema (campaignFormSchema); rules across fields and uniqueness are the
 * server's to judge, and its 142 issues land beside the same fields.
 */
export function formToInput(form: CampaignForm): { input: CampaignInputJson | null; errors: Record<string, string[]> } {
  const errors: Record<string, string[]> = {};
  const fail = (path: string, message: string) => {
    (errors[path] ??= []).push(message);
  };
  const int = (path: string, text: string): number => {
    const trimmed = text.trim();
    if (!/^-?\d+$/.test(trimmed)) {
      fail(path, t('enter a whole number'));
      return 0;
    }
    return Number(trimmed);
  };
  const fen = (path: string, text: string): number => {
    const value = parseYuan(text);
    if (value === null) {
      fail(path, t('enter an amount in yuan, e.g. 8.88 (at most 2 decimals)'));
      return 0;
    }
    return value;
  };
  const timeZone = form.timeZone.trim();
  if (!isValidTimeZone(timeZone)) fail('timeZone', t('unknown time zone (use an IANA name such as Asia/Shanghai)'));
  const startsAt = localToIso(form.startsLocal, timeZone);
  if (!startsAt) fail('startsAt', t('enter a date and time'));
  const endsAt = localToIso(form.endsLocal, timeZone);
  if (!endsAt) fail('endsAt', t('enter a date and time'));
  const probability = parsePercent(form.sharePercent);
  if (probability === null) fail('money.shareReward.probability', t('enter a percentage between 0 and 100'));

  const input: CampaignInputJson = {
    ...(form.campaignId ? { campaignId: form.campaignId } : {}),
    slug: form.slug.trim(),
    name: form.name.trim(),
    startsAt: startsAt ?? '',
    endsAt: endsAt ?? '',
    timeZone,
    rules: {
      creatorGender: form.creatorGender === 'any' ? null : form.creatorGender,
      creatorMinTaoqi: int('rules.creatorMinTaoqi', form.creatorMinTaoqi),
      minMembers: int('rules.minMembers', form.minMembers),
      maxMembers: int('rules.maxMembers', form.maxMembers),
      maxGroupsCreatedPerUser: int('rules.maxGroupsCreatedPerUser', form.maxGroupsCreatedPerUser),
      maxGroupsJoinedPerUser: int('rules.maxGroupsJoinedPerUser', form.maxGroupsJoinedPerUser),
    },
    money: {
      budgetFen: fen('money.budgetFen', form.budgetYuan),
      shareReward: {
        probability: probability ?? 0,
        minFen: fen('money.shareReward.minFen', form.shareMinYuan),
        maxFen: fen('money.shareReward.maxFen', form.shareMaxYuan),
        dailyCapPerUser: int('money.shareReward.dailyCapPerUser', form.shareDailyCap),
      },
      purchaseReward:
        form.purchaseMode === 'fixed'
          ? {
              fixedFen: fen('money.purchaseReward.fixedFen', form.purchaseFixedYuan),
              capFen: fen('money.purchaseReward.capFen', form.purchaseCapYuan),
            }
          : {
              perMille: int('money.purchaseReward.perMille', form.purchasePerMille),
              capFen: fen('money.purchaseReward.capFen', form.purchaseCapYuan),
            },
      split: {
        policy: form.splitPolicy,
        dailyAt: form.splitDailyAt.map((t) => t.trim()).filter((t) => t !== ''),
        finalSplit: form.finalSplit,
      },
      grandPrize: {
        budgetFen: fen('money.grandPrize.budgetFen', form.grandBudgetYuan),
        winners: int('money.grandPrize.winners', form.grandWinners),
        capFen: fen('money.grandPrize.capFen', form.grandCapYuan),
      },
      refundWindowDays: int('money.refundWindowDays', form.refundWindowDays),
    },
    page: {
      title: form.title,
      bannerUrl: form.bannerUrl.trim(),
      rulesText: form.rulesText,
      primaryColor: form.primaryColor.trim(),
      backgroundColor: form.backgroundColor.trim(),
    },
  };
  return { input: Object.keys(errors).length > 0 ? null : input, errors };
}

/**
 * The editor's schema for react-hook-form: converts what was typed (formToInput), then checks
 * the draft with saveCampaign's own schema (contract/campaignSchema.ts), so the form refuses
 * what the function would refuse, with the same words. Each message goes to the form field that
 * fills its path; one about a whole section goes to the form's root. The output is the draft.
 */
export const campaignFormSchema = z
  .custom<CampaignForm>((value) => typeof value === 'object' && value !== null)
  .transform((form, ctx): CampaignInputJson => {
    const { input, errors } = formToInput(form);
    const issues: FieldIssue[] = input
      ? checkDraft(input)
      : Object.entries(errors).flatMap(([path, messages]) => messages.map((message) => ({ path, message })));
    if (issues.length === 0 && input) return input;
    const unplaced: string[] = [];
    for (const issue of issues) {
      const field = formFieldOf(issue.path);
      if (field) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field], message: issue.message });
      else unplaced.push(issue.path ? `${issue.path}: ${issue.message}` : issue.message);
    }
    if (unplaced.length > 0) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['root'], message: unplaced.join('; ') });
    return z.NEVER;
  });

/** The issues saveCampaign's schema finds in a draft, by contract path inside the draft. */
export function checkDraft(input: CampaignInputJson): FieldIssue[] {
  const checked = campaignInput.safeParse(input);
  if (checked.success) return [];
  return checked.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}
