/**
 * A provider's notification, verified and applied once. WeChat repeats a notification until it
 * is answered with success, even after one was; Alipay likewise until it reads `success`. Each
 * is verified (signature, freshness) and decrypted by the provider's client, then applied by the
 * same conditional steps as a query's answer, so repeats, reorderings and a reconciler racing
 * it change nothing twice. Refunds it decides (money for something no longer waiting) are taken
 * to the provider by the reconciler, so that the answer stays fast.
 */
import { NotificationRejected } from '../payments/provider';
import { findPayment } from '../store/payments';
import { applyTrade } from './payments';
import { providerOf, recordRefund, type PaymentCallDeps } from './paymentCalls';
import { recordTransfer } from './withdrawals';

export type NotificationOutcome = { ok: true; kind: 'payment' | 'refund' | 'transfer'; changed: boolean } | { ok: false; reason: string };

export async function handleNotification(
  deps: PaymentCallDeps,
  providerName: 'wechatpay' | 'alipay',
  headers: Record<string, string | string[] | undefined>,
  rawBody: string,
  now: Date,
): Promise<NotificationOutcome> {
  let notification;
  try {
    notification = providerOf(deps, providerName).parseNotification(headers, rawBody);
  } catch (error) {
    if (error instanceof NotificationRejected) return { ok: false, reason: error.message };
    throw error;
  }
  switch (notification.kind) {
    case 'payment': {
      const payment = await findPayment(deps.store, notification.outTradeNo);
      // Signed by the provider but not ours (another system on the same merchant account): nothing to do.
      if (!payment || payment.provider !== providerName) return { ok: true, kind: 'payment', changed: false };
      // Already paid (WeChat repeats a notification even after it was answered): a paid payment
      // only ever moves on to refunding, so this read alone settles it, without a transaction.
      if (notification.trade.state === 'paid' && payment.status !== 'pending' && payment.status !== 'closed') {
        return { ok: true, kind: 'payment', changed: false };
      }
      const { changed } = await deps.store.transaction((tx) => applyTrade(tx, payment, notification.trade, now));
      return { ok: true, kind: 'payment', changed: changed !== null };
    }
    case 'refund':
      await recordRefund(deps.store, notification.outRefundNo, notification.refund, now);
      return { ok: true, kind: 'refund', changed: true };
    case 'transfer':
      await recordTransfer(deps.store, notification.outBillNo, notification.transfer, now);
      return { ok: true, kind: 'transfer', changed: true };
  }
}
