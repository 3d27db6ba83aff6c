import type { ResultOf } from '../../../../contract/functions';
import { noRewardText } from '../../../utils/campaignPhase';
import { formatYuan } from '../../../utils/money';

/** What the red-packet pop-up shows. */
export interface RedPacketNotice {
  title: string;
  amountFen: number;
  caption: string;
}

/**
 * What the user sees after sharing: a red packet when the draw gave one, otherwise a toast that
 * says why none came (the campaign paused or over, the budget spent, the day's cap, …); plain
 * bad luck stays quiet.
 */
export function shareOutcome(reply: ResultOf<'shareItem'>): { packet: RedPacketNotice } | { toast: string } {
  if (reply.redPacket) {
    return { packet: { title: '分享红包', amountFen: reply.redPacket.amountFen, caption: '已放入群红包池，下次瓜分时大家一起分' } };
  }
  const why = noRewardText(reply.noRewardReason);
  return { toast: why ? `已分享到群里。${why}` : '已分享到群里' };
}

/**
 * After a purchase: the guaranteed packets for buying what a groupmate shared. They are
 * reserved now and join the group's pool at the next split.
 */
export function purchaseOutcome(reply: ResultOf<'simulateCheckout'>): { packet: RedPacketNotice } | { toast: string } {
  const totalFen = reply.redPackets.reduce((sum, packet) => sum + packet.amountFen, 0);
  if (reply.redPackets.length === 0) return { toast: `已下单，共 ${formatYuan(reply.order.totalFen)}` };
  return {
    packet: {
      title: '好友分享购买红包',
      amountFen: totalFen,
      caption: `好友分享购买红包 ${formatYuan(totalFen)}，退货期过后放入群红包池，之后随瓜分到账`,
    },
  };
}
