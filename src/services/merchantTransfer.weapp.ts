import Taro from '@tarojs/taro';
import type { WithdrawalJson } from '../../contract/payments';
import { wechatFailure, type TransferOutcome } from '../utils/cashierOutcome';

type TransferParams = NonNullable<WithdrawalJson['params']>;

interface WechatTransfer {
  requestMerchantTransfer?: (options: TransferParams & { success: () => void; fail: (error: unknown) => void }) => void;
}

declare const wx: WechatTransfer;

/**
 * WeChat's own sheet where the user confirms receiving a merchant transfer (the transfer pays
 * out only after this). Taro does not wrap it, so `wx` is called directly, once the running
 * WeChat is known to have it.
 */
export function confirmTransfer(params: TransferParams): Promise<TransferOutcome> {
  if (typeof wx.requestMerchantTransfer !== 'function' || !Taro.canIUse('requestMerchantTransfer'))
    return Promise.resolve({ kind: 'outdated' });
  return new Promise((resolve) => {
    wx.requestMerchantTransfer!({
      mchId: params.mchId,
      appId: params.appId,
      package: params.package,
      success: () => resolve({ kind: 'confirmed' }),
      fail: (error) => resolve(wechatFailure(error)),
    });
  });
}
