import type { GroupBuyJson } from '../../../contract/commerce';

export type MySeat = GroupBuyJson['members'][number]['status'] | null;

/**
 * The caller's seat in a buy: held while her payment is on its way (pending), paid, given back,
 * refunded after a failure, or none.
 */
export function mySeat(groupBuy: GroupBuyJson, userId: string | null): MySeat {
  return groupBuy.members.find((m) => m.userId === userId)?.status ?? null;
}

export function seatsLeft(groupBuy: Pick<GroupBuyJson, 'size' | 'seatsTaken'>): number {
  return Math.max(0, groupBuy.size - groupBuy.seatsTaken);
}

export interface Outcome {
  tone: 'good' | 'bad' | 'open';
  title: string;
  detail: string;
}

/** What a buy's state means for the viewer, in words. */
export function outcomeOf(groupBuy: GroupBuyJson, seat: MySeat): Outcome {
  if (groupBuy.status === 'succeeded') {
    const how = groupBuy.outcome === 'virtual' ? '（到时未满，平台补齐成团）' : '';
    return {
      tone: 'good',
      title: '拼团成功',
      detail: seat === 'paid' ? `你以团购价拿下了这件商品${how}，商家会尽快发货` : `这个团已经拼成${how}，去开一个新团吧`,
    };
  }
  if (groupBuy.status === 'failed') {
    const why = groupBuy.outcome === 'abandoned' ? '大家都退出了' : '到截止时间人数未满';
    const refund = seat === 'refunded' || seat === 'left' ? '，你支付的钱已全额退回' : '';
    return { tone: 'bad', title: '拼团失败', detail: `${why}${refund}` };
  }
  const left = seatsLeft(groupBuy);
  if (seat === 'paid') return { tone: 'open', title: `还差 ${left} 人成团`, detail: '把团分享给好友，截止前拼满就成功；拼不满全额退款' };
  if (seat === 'left') return { tone: 'open', title: `还差 ${left} 人成团`, detail: '你已退出这个团，钱已全额退回' };
  if (seat === 'pending')
    return { tone: 'open', title: `还差 ${left} 人成团`, detail: '你的座位已保留，付款后才算参团；到时不付款座位会让给别人' };
  return { tone: 'open', title: `还差 ${left} 人成团`, detail: `参团只需团购价，截止前拼满 ${groupBuy.size} 人即成功，拼不满全额退款` };
}
