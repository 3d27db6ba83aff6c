import type { CampaignPageView } from '../../../contract/campaigns';
import { formatYuan } from '../../../contract/formatFen';
import { formatShortTime } from '../../utils/time';

/**
 * The campaign's rules in plain words for shoppers. The numbers come from the campaign's
 * published configuration, so the page never promises what the server will not pay. Amounts
 * print with thousands separators ("¥50,000.00"), as in the console that previews this page.
 */

/** One line per kind of red packet. */
export function rewardLines(rewards: CampaignPageView['rewards']): string[] {
  const { shareMinFen, shareMaxFen, purchaseCapFen, grandPrizeCapFen } = rewards;
  const shareRange = shareMinFen === shareMaxFen ? formatYuan(shareMinFen) : `${formatYuan(shareMinFen)}–${formatYuan(shareMaxFen)}`;
  return [
    `分享红包：在群里分享好物，有机会获得 ${shareRange} 的随机红包`,
    `购买红包：买下群友分享的商品，必得红包，最高 ${formatYuan(purchaseCapFen)}`,
    `免单大奖：把商品加入双十一清单并买下群友分享的商品，有机会获得订单金额全返，最高 ${formatYuan(grandPrizeCapFen)}`,
  ];
}

const GENDER_WORD: Record<'female' | 'male', string> = { female: '女生', male: '男生' };

/** Who may create a group, and what everyone else can do instead. */
export function creatorRuleText(rules: Pick<CampaignPageView['rules'], 'creatorGender' | 'creatorMinTaoqi'>): string {
  const who = rules.creatorGender ? GENDER_WORD[rules.creatorGender] : '用户';
  if (rules.creatorMinTaoqi <= 0 && !rules.creatorGender) return '所有人都可以创建小黑群';
  const threshold = rules.creatorMinTaoqi > 0 ? `淘气值达到 ${rules.creatorMinTaoqi} 的` : '';
  return `${threshold}${who}可以创建小黑群；其他人可以通过好友的邀请加入`;
}

/** How big a group is. */
export function groupSizeText(rules: Pick<CampaignPageView['rules'], 'minMembers' | 'maxMembers'>): string {
  return `每个小黑群 ${rules.minMembers}–${rules.maxMembers} 人：满 ${rules.minMembers} 人激活后开始发红包，最多 ${rules.maxMembers} 人`;
}

/** Why a campaign shows no countdowns: not started, paused or over. Null while it runs. */
export function notRunningText(view: Pick<CampaignPageView, 'running' | 'status' | 'startsAt'>, nowMs: number): string | null {
  if (view.running) return null;
  if (view.status === 'paused') return '活动暂停中，稍后再来看看';
  if (nowMs < new Date(view.startsAt).getTime()) return `活动将于 ${formatShortTime(view.startsAt)} 开始`;
  return '活动已结束';
}
