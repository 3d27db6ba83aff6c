import Taro from '@tarojs/taro';
import type { AlipayPayParams, WechatPayParams } from '../../contract/payments';
import { wechatFailure, type CashierOutcome } from '../utils/cashierOutcome';

function isWechatParams(params: WechatPayParams | AlipayPayParams): params is WechatPayParams {
  return 'paySign' in params && 'package' in params;
}

/**
 * WeChat's cashier. The server's params go to `wx.requestPayment` exactly as answered (they are
 * signed together, so nothing may be added, dropped or reformatted). Taro passes this API through
 * unwrapped, and only newer WeChat versions answer a call without callbacks with a promise, so
 * the callbacks are given and the promise is made here.
 */
export function openCashier(params: WechatPayParams | AlipayPayParams): Promise<CashierOutcome> {
  if (!isWechatParams(params)) return Promise.resolve({ kind: 'failed', message: '这笔订单要用支付宝付款，请在支付宝小程序里支付' });
  return new Promise((resolve) => {
    try {
      void Taro.requestPayment({
        timeStamp: params.timeStamp,
        nonceStr: params.nonceStr,
        package: params.package,
        signType: params.signType,
        paySign: params.paySign,
        success: () => resolve({ kind: 'finished' }),
        fail: (error) => resolve(wechatFailure(error)),
      });
    } catch (error) {
      resolve(wechatFailure(error));
    }
  });
}
