/**
 * How a platform cashier (or WeChat's confirm-receipt sheet) closed, in the app's terms:
 * - finished: it closed saying paid, or not sure; only the server knows, so the page asks it;
 * - cancelled: the shopper closed it on purpose; the payment is still open and can be retried;
 * - failed: it could not take the money; the message says what to do.
 */
export type CashierOutcome = { kind: 'finished' } | CashierRefusal;
export type CashierRefusal = { kind: 'cancelled' } | { kind: 'failed'; message: string };

/**
 * Confirming receipt of a WeChat merchant transfer: `confirmed` (WeChat takes it from there),
 * cancelled or failed as above, `outdated` (this WeChat is too old to have the sheet) or
 * `elsewhere` (not in WeChat at all).
 */
export type TransferOutcome = { kind: 'confirmed' } | CashierRefusal | { kind: 'outdated' } | { kind: 'elsewhere' };

const TRY_AGAIN = '支付没有完成，请重新支付';

function errMsgOf(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { errMsg, errorMessage, message } = error as { errMsg?: unknown; errorMessage?: unknown; message?: unknown };
    for (const text of [errMsg, errorMessage, message]) if (typeof text === 'string') return text;
  }
  return typeof error === 'string' ? error : '';
}

/**
 * A WeChat API that failed (`wx.requestPayment`, `wx.requestMerchantTransfer`): WeChat reports the
 * shopper's own cancel as a failure whose errMsg says "cancel" ("requestPayment:fail cancel").
 */
export function wechatFailure(error: unknown): CashierRefusal {
  const errMsg = errMsgOf(error);
  if (/cancel/i.test(errMsg)) return { kind: 'cancelled' };
  if (/network|timeout|网络/i.test(errMsg)) return { kind: 'failed', message: '网络不太好，支付没有完成，请重新支付' };
  return { kind: 'failed', message: TRY_AGAIN };
}

/**
 * `my.tradePay` answers success for every way the cashier closes, with a resultCode (a string
 * in Alipay's docs, sometimes under `response`): 9000 paid; 8000 and 6004 not known yet; 6001
 * cancelled by the shopper (99 too: she left to reset her password); 6002 network; 4000 failed.
 */
export function alipayResult(result: unknown): CashierOutcome {
  const holder = (result ?? {}) as { resultCode?: unknown; response?: { resultCode?: unknown } };
  const code = String(holder.resultCode ?? holder.response?.resultCode ?? '');
  switch (code) {
    case '9000':
    case '8000':
    case '6004':
      return { kind: 'finished' };
    case '6001':
    case '99':
      return { kind: 'cancelled' };
    case '6002':
      return { kind: 'failed', message: '网络连接出错，支付没有完成，请重新支付' };
    default:
      return { kind: 'failed', message: TRY_AGAIN };
  }
}

/** `my.tradePay` itself failed (no permission, bad trade number): the cashier never opened. */
export function alipayFailure(error: unknown): CashierOutcome {
  // An Alipay failure can carry a resultCode too, e.g. when the promise wrapper rejects.
  const holder = (error ?? {}) as { resultCode?: unknown };
  if (holder.resultCode !== undefined) return alipayResult(error);
  return { kind: 'failed', message: '支付宝没能打开收银台，请稍后重新支付' };
}
