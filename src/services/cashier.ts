import type { AlipayPayParams, WechatPayParams } from '../../contract/payments';
import type { CashierOutcome } from '../utils/cashierOutcome';

/**
 * H5 has no platform cashier: its shoppers log in with a password and pay through the demo
 * provider, whose payments come back already paid (no params). A payment that does need a
 * cashier is one only a mini-program can finish. The WeChat and Alipay builds use
 * cashier.weapp.ts and cashier.alipay.ts instead.
 */
export async function openCashier(_params: WechatPayParams | AlipayPayParams): Promise<CashierOutcome> {
  return { kind: 'failed', message: '网页版不能完成这笔支付，请在微信或支付宝小程序里支付' };
}
