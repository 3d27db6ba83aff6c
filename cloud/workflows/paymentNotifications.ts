/**
 * A provider's notification, verified and applied once. WeChat repeats a notification until it
 * is answered with success, even after one was; Alipay likewise until it reads `success`. Each
 * is verified (signature, freshness) and decrypted by the provider's client, then applied by the
 * same conditional steps as a query's answer, so repeats, reorderings and a reconciler racing
 * it change nothing twice. Refunds it decides (money for something no longer waiting) are taken
 * to the provider by the reconciler, so that the answer stays fast.
 */
import { NotificationRejected } from '../payments/provider';
import { applyPaidInOneStatement, findPayment } from '../store/payments';
import { applyTrade } from './payments';
import { providerOf, recordRefund, type PaymentCallDeps } from './paymentCalls';
import { recordTransfer } from './withdrawals';

/**
 * Payments this host has seen paid, by provider and out_trade_no, the newest few thousand: what
 * a repeated notification is answered from. Losing it (a restart, another host) only costs a query.
 */
class RecentlyPaid {
  private readonly ids = new Set<string>();
  constructor(private readonly capacity: number) {}
  has(provider: string, id: string): boolean {
    return this.ids.has(`${provider}:${id}`);
  }
  add(provider: string, id: string): void {
    this.ids.add(`${provider}:${id}`);
    // A Set iterates in insertion order: the first key is the oldest.
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value as string);
  }
}

const recentlyPaid = new RecentlyPaid(10_000);

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
      const { outTradeNo, trade } = notification;
      if (trade.state === 'paid') {
        // WeChat repeats a notification even after it was answered: one this host applied (or
        // saw applied) is answered from memory. A paid payment never becomes unpaid again.
        if (recentlyPaid.has(providerName, outTradeNo)) return { ok: true, kind: 'payment', changed: false };
        // The common case (in time, the amount asked, not the last seat or part) in one statement.
        const fast = await applyPaidInOneStatement(
          deps.store,
          outTradeNo,
          providerName,
          { providerTradeId: trade.providerTradeId, paidFen: trade.amountFen },
          now,
        );
        if (fast === 'unknown') return { ok: true, kind: 'payment', changed: false };
        if (fast !== 'fallback') {
          recentlyPaid.add(providerName, outTradeNo);
          return { ok: true, kind: 'payment', changed: fast === 'applied' };
        }
      }
      const payment = await findPayment(deps.store, outTradeNo);
      // Signed by the provider but not ours (another system on the same merchant account): nothing to do.
      if (!payment || payment.provider !== providerName) return { ok: true, kind: 'payment', changed: false };
      const { changed } = await deps.store.transaction((tx) => applyTrade(tx, payment, trade, now));
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
