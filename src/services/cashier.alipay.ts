import Taro from '@tarojs/taro';
import type { AlipayPayParams, WechatPayParams } from '../../contract/payments';
import { alipayFailure, alipayResult, type CashierOutcome } from '../utils/cashierOutcome';

/** Alipay's cashier: `my.tradePay` with the trade number the server created. */
export async function openCashier(params: WechatPayParams | AlipayPayParams): Promise<CashierOutcome> {
  if (!('tradeNO' in params)) return { kind: 'failed', message: '这笔订单要用微信付款，请在微信小程序里支付' };
  try {
    return alipayResult(await Taro.tradePay({ tradeNO: params.tradeNO }));
  } catch (error) {
    return alipayFailure(error);
  }
}
