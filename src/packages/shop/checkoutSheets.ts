import type { DealJson, GroupBuyJson } from '../../../contract/commerce';
import type { SheetRequest } from '../../components/ConfirmSheet';
import { formatYuan } from '../../utils/money';
import { walletSpendText } from '../../utils/paymentView';
import { seatsLeft } from './groupBuyView';

/** The payment line: what is charged, and how red-packet money covers part of it. */
function paymentLine(amountFen: number, walletFen: number | null | undefined, what: string): string {
  return walletFen ? `${what}：${walletSpendText(amountFen, walletFen)}` : `${what} ${formatYuan(amountFen)}`;
}

/** Opening a group buy: the leader pays first, and gets it back if the buy does not fill. */
export function openGroupBuySheet(deal: DealJson, walletFen: number | null | undefined): SheetRequest {
  return {
    title: `开一个 ${deal.size} 人团：${deal.product.title}`,
    amount: formatYuan(deal.groupPriceFen),
    lines: [
      paymentLine(deal.groupPriceFen, walletFen, '先支付团购价'),
      `${deal.timeLimitHours} 小时内拼满 ${deal.size} 人即成功，拼不满全额退款。`,
    ],
    confirmText: '支付开团',
  };
}

/** Joining someone's group buy: the same terms, with the seats still open and the deadline. */
export function joinGroupBuySheet(
  groupBuy: Pick<GroupBuyJson, 'deal' | 'size' | 'seatsTaken'>,
  walletFen: number | null | undefined,
): SheetRequest {
  const left = seatsLeft(groupBuy);
  return {
    title: `参加 ${groupBuy.size} 人团：${groupBuy.deal.product.title}`,
    amount: formatYuan(groupBuy.deal.groupPriceFen),
    lines: [
      paymentLine(groupBuy.deal.groupPriceFen, walletFen, '支付团购价'),
      left > 1 ? `你参团后还差 ${left - 1} 人，截止前拼满即成功，拼不满全额退款。` : '你是最后一位，参团即成团。',
    ],
    confirmText: '支付参团',
  };
}

/** Confirming a pooled order: her part, and that the lines freeze for everyone. */
export function pooledConfirmSheet(dueFen: number, walletFen: number | null | undefined): SheetRequest {
  return {
    title: '确认拼单并付款',
    amount: formatYuan(dueFen),
    lines: [paymentLine(dueFen, walletFen, '支付你的部分'), '确认后拼单的商品就不能再改了；截止前大家都付款才下单，否则全额退款。'],
    confirmText: '确认支付',
  };
}
