import type { ResultOf } from '../../contract/functions';

export type CampaignPhase = ResultOf<'groupPool'>['campaignPhase'];

/**
 * The line under an active group's name: red packets only while the campaign runs; paused or
 * over, it says so rather than promising packets. Unknown (the pool not loaded yet): no promise.
 */
export function activeGroupLine(phase: CampaignPhase | null): { tone: 'success' | 'hint'; text: string } {
  switch (phase) {
    case 'running':
      return { tone: 'success', text: '小黑群已激活，分享和购买都能赢红包' };
    case 'paused':
      return { tone: 'hint', text: '小黑群已激活。活动暂停中，分享和购买暂时不发红包，恢复后继续' };
    case 'ended':
      return { tone: 'hint', text: '小黑群已激活。本期活动已结束，分享和购买不再发红包' };
    case 'none':
      return { tone: 'hint', text: '小黑群已激活。现在没有进行中的活动，分享和购买暂不发红包' };
    default:
      return { tone: 'success', text: '小黑群已激活' };
  }
}

/** The pool card's line when no split is coming. */
export function noSplitLine(phase: CampaignPhase): string {
  if (phase === 'paused') return '活动暂停中，恢复后继续瓜分';
  if (phase === 'ended') return '本期活动已结束，没有后续瓜分了';
  if (phase === 'running') return '活动已没有后续瓜分';
  return '当前没有进行中的活动，暂不瓜分';
}

type ShareReply = ResultOf<'shareItem'>;

/** Why a share earned no red packet, in words; null when there is nothing worth saying (no luck, a retry). */
export function noRewardText(reason: ShareReply['noRewardReason']): string | null {
  switch (reason) {
    case 'paused':
      return '活动暂停中，这次分享没有红包，恢复后再分享就有机会';
    case 'ended':
      return '本期活动已结束，分享不再发红包';
    case 'no_campaign':
    case 'campaign_changed':
      return '现在没有进行中的活动，这次分享没有红包';
    case 'group_not_active':
      return '小黑群满 4 人激活后，分享才能赢红包';
    case 'already_drawn':
      return '这件宝贝你已经抽过分享红包了，换一件分享试试';
    case 'daily_cap':
      return '今天的分享红包次数用完了，明天再来';
    case 'budget_exhausted':
      return '本次活动的红包已经发完了';
    default:
      return null;
  }
}
