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
 * Rules that span fields, in plain words a marketer understands. Field types and ranges are
 * checked by the function's schema first; these come after, in the order a form reads.
 */
export function campaignProblems(
  input: CampaignInputJson,
  overlapping: Array<{ name: string; startsAt: Date; endsAt: Date }>,
): CampaignProblem[] {
  const problems: CampaignProblem[] = [];
  const start = new Date(input.startsAt);
  const end = new Date(input.endsAt);
  if (!(end > start)) problems.push({ field: 'endsAt', message: 'The end is before the start: the campaign must end after it starts.' });
  else if (end.getTime() - start.getTime() > CAMPAIGN_LIMITS.maxWindowDays * 86_400_000) {
    problems.push({ field: 'endsAt', message: `A campaign runs at most ${CAMPAIGN_LIMITS.maxWindowDays} days.` });
  }
  if (!isTimeZone(input.timeZone))
    problems.push({ field: 'timeZone', message: `"${input.timeZone}" is not a time zone; use a name such as Asia/Shanghai.` });
  for (const other of overlapping) {
    problems.push({
      field: 'startsAt',
      message: `This window overlaps the campaign "${other.name}" (${other.startsAt.toISOString()} – ${other.endsAt.toISOString()}); campaigns cannot run at the same time.`,
    });
  }
  const { rules, money } = input;
  if (rules.minMembers > rules.maxMembers)
    problems.push({
      field: 'rules.maxMembers',
      message: 'The largest group size must be at least the size at which a group becomes active.',
    });
  if (money.shareReward.minFen > money.shareReward.maxFen)
    problems.push({ field: 'money.shareReward.maxFen', message: 'The largest share red packet must be at least the smallest.' });
  if ((money.purchaseReward.fixedFen === undefined) === (money.purchaseReward.perMille === undefined)) {
    problems.push({
      field: 'money.purchaseReward',
      message: 'Give the purchase red packet either as a fixed amount or as a per-mille of the line, not both.',
    });
  }
  if (money.budgetFen < money.shareReward.maxFen)
    problems.push({ field: 'money.budgetFen', message: 'The budget cannot pay even one share red packet of the largest amount.' });
  if (money.grandPrize.winners > 0 && money.grandPrize.budgetFen < money.grandPrize.capFen) {
    problems.push({
      field: 'money.grandPrize.budgetFen',
      message: 'The grand-prize budget cannot cover the grand prize cap for one winner.',
    });
  }
  const times = money.split.dailyAt;
  if (new Set(times).size !== times.length) problems.push({ field: 'money.split.dailyAt', message: 'Each split time may appear once.' });
  if (times.length === 0 && !money.split.finalSplit)
    problems.push({ field: 'money.split', message: 'Pools would never be split: add a daily split time or the final split.' });
  return problems;
}

function isTimeZone(name: string): boolean {
  try {
    return Boolean(dayjs().tz(name).format());
  } catch {
    return false;
  }
}
