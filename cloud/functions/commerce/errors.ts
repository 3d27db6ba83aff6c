import { ErrorCode } from '../../../contract/errors';
import { CloudError } from '../../errors';

/** The coded failures of coupons, pooled orders and group buys, with what the shopper can do next. */
export const commerceErrors = {
  campaignNotRunning: () => new CloudError(ErrorCode.CAMPAIGN_NOT_RUNNING, '活动还没开始或已经结束，请留意下一场活动'),
  couponOutOfStock: () => new CloudError(ErrorCode.COUPON_OUT_OF_STOCK, '这张券已经被抢光了，看看其他优惠券吧'),
  couponLimit: (limit: number) => new CloudError(ErrorCode.COUPON_LIMIT, `这张券每人最多领 ${limit} 张，你已经领满了，快去拼单用掉吧`),
  thresholdNotMet: () => new CloudError(ErrorCode.COUPON_THRESHOLD, '拼单里的商品还没达到任何优惠券的门槛，再加点商品或领张券再确认吧'),
  groupBuyFull: () => new CloudError(ErrorCode.GROUP_BUY_CLOSED, '这个团已经满员了，你可以自己开一个团'),
  groupBuyClosed: (status: string) =>
    new CloudError(
      ErrorCode.GROUP_BUY_CLOSED,
      status === 'succeeded' ? '这个团已经拼成了，你可以自己开一个团' : '这个团已经关闭了，你可以自己开一个团',
    ),
  groupBuyLeftBefore: () => new CloudError(ErrorCode.GROUP_BUY_CLOSED, '你已经退出过这个团（款项已退回），可以自己开一个团'),
  groupBuyExpired: () => new CloudError(ErrorCode.GROUP_BUY_EXPIRED, '这个团已经过了截止时间，已付款的都会全额退回；你可以自己开一个团'),
  pooledClosed: (status: string) =>
    new CloudError(
      ErrorCode.GROUP_BUY_CLOSED,
      status === 'placed'
        ? '这个拼单已经下单了，可以再发起一个新的拼单'
        : '这个拼单已经有人确认付款，商品不能再改了；如需调整请等它截止后重新发起',
    ),
  pooledExpired: () => new CloudError(ErrorCode.GROUP_BUY_EXPIRED, '这个拼单已经过了截止时间，已付款的都会全额退回；可以重新发起一个拼单'),
  /** Two confirmations froze plans that want the same coupon; the loser retries on a fresh plan. */
  planStale: () => new CloudError(ErrorCode.CONFLICT_RETRY, '优惠券刚刚被另一个拼单用掉了，请刷新拼单后重试'),
};
