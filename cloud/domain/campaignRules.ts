import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { CAMPAIGN_LIMITS } from '../../contract/campaignLimits';
import type { CampaignInputJson } from '../../contract/campaigns';

dayjs.extend(utc);
dayjs.extend(timezone);

export interface CampaignProblem {
  field: string;
  message: string;
}

/**
 * Rules that span fields, in plain words a marketer understands (in Chinese, the console's language). Field types and ranges are
 * checked by the function's schema first; these come after, in the order a form reads.
 */
export function campaignProblems(
  input: CampaignInputJson,
  overlapping: Array<{ name: string; startsAt: Date; endsAt: Date }>,
): CampaignProblem[] {
  const problems: CampaignProblem[] = [];
  const start = new Date(input.startsAt);
  const end = new Date(input.endsAt);
  if (!(end > start)) problems.push({ field: 'endsAt', message: '结束时间早于开始时间：活动必须在开始之后结束。' });
  else if (end.getTime() - start.getTime() > CAMPAIGN_LIMITS.maxWindowDays * 86_400_000) {
    problems.push({ field: 'endsAt', message: `活动最长 ${CAMPAIGN_LIMITS.maxWindowDays} 天。` });
  }
  if (!isTimeZone(input.timeZone))
    problems.push({ field: 'timeZone', message: `“${input.timeZone}”不是时区，请使用 Asia/Shanghai 这样的时区名。` });
  for (const other of overlapping) {
    problems.push({
      field: 'startsAt',
      message: `时间与活动“${other.name}”重叠（${other.startsAt.toISOString()} – ${other.endsAt.toISOString()}），两个活动不能同时进行。`,
    });
  }
  const { rules, money } = input;
  if (rules.minMembers > rules.maxMembers)
    problems.push({
      field: 'rules.maxMembers',
      message: '群人数上限不能小于成群（激活）所需人数。',
    });
  if (money.shareReward.minFen > money.shareReward.maxFen)
    problems.push({ field: 'money.shareReward.maxFen', message: '分享红包的最大金额不能小于最小金额。' });
  if ((money.purchaseReward.fixedFen === undefined) === (money.purchaseReward.perMille === undefined)) {
    problems.push({
      field: 'money.purchaseReward',
      message: '购买红包请在固定金额和按千分比之间二选一，不能都填或都不填。',
    });
  }
  if (money.budgetFen < money.shareReward.maxFen)
    problems.push({ field: 'money.budgetFen', message: '预算连一个最大金额的分享红包都付不起。' });
  if (money.grandPrize.winners > 0 && money.grandPrize.budgetFen < money.grandPrize.capFen) {
    problems.push({
      field: 'money.grandPrize.budgetFen',
      message: '大奖预算不足以支付一名中奖者的大奖上限。',
    });
  }
  const times = money.split.dailyAt;
  if (new Set(times).size !== times.length) problems.push({ field: 'money.split.dailyAt', message: '每个瓜分时间只能出现一次。' });
  if (times.length === 0 && !money.split.finalSplit)
    problems.push({ field: 'money.split', message: '红包池永远不会被瓜分：请添加每日瓜分时间或结束时瓜分。' });
  return problems;
}

function isTimeZone(name: string): boolean {
  try {
    return Boolean(dayjs().tz(name).format());
  } catch {
    return false;
  }
}
