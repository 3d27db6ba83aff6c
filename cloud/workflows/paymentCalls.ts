/**
 * The calls to WeChat Pay and Alipay, each outside any transaction: the intent was committed
 * before the call, and the answer is recorded in a transaction of its own after it. A host that
 * dies between the two leaves the intent; the reconciler (reconcilePayments) asks the provider
 * and finishes it, and the provider deduplicates the repeated call by our ids.
 */
import { ErrorCode } from '../../contract/errors';
import type { AlipayPayParams, WechatPayParams } from '../../contract/payments';
import { CloudError } from '../errors';
import { ProviderRejected, ProviderUnavailable, type PaymentProvider, type PaymentProviders, type RefundState } from '../payments/provider';
import { findRefund, recordRefundState, deferRefund, refundsOfPayment, type PaymentRefundRow } from '../store/paymentRefunds';
import { findPayment, setPaymentParams, setPaymentStatus, type PaymentRow } from '../store/payments';
import type { Services } from '../services';
import type { Store } from '../store/store';
import { applyTrade, closeIntent } from './payments';
import { lockPaymentTarget } from './paymentTargets';

export interface PaymentCallDeps {
  store: Store;
  payments: PaymentProviders;
  /** Where the providers send notifications: `${publicUrl}/hooks/<provider>`. */
  publicUrl: string;
}

/** What the payment workflows need of a host's services. */
export function paymentCallDeps(services: Pick<Services, 'store' | 'payments' | 'config'>): PaymentCallDeps {
  return { store: services.store, payments: services.payments, publicUrl: services.config.payments.publicUrl };
}

export const providerUnavailable = () =>
  new CloudError(
    ErrorCode.PROVIDER_UNAVAILABLE,
    '支付服务暂时不可用，请稍后用同一个请求重试（payment provider unavailable, safe to retry）',
  );
export const paymentFailed = (why: string) => new CloudError(ErrorCode.PAYMENT_FAILED, `支付未成功：${why}，请重新下单`);

export function providerOf(deps: Pick<PaymentCallDeps, 'payments'>, name: string): PaymentProvider {
  const provider = deps.payments.get(name as 'wechatpay' | 'alipay');
  // Taken out of PAYMENTS while its payments, refunds or withdrawals are still open: they wait
  // (retried with backoff) until it is configured again, rather than stopping everything else.
  if (!provider) throw new ProviderUnavailable(`payment provider ${name} is not configured on this host (PAYMENTS)`);
  return provider;
}

export const notifyUrlOf = (deps: Pick<PaymentCallDeps, 'publicUrl'>, provider: string) => `${deps.publicUrl}/hooks/${provider}`;

/** Later attempts of a call the provider did not answer: 1, 2, 4 … minutes, at most an hour apart. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60, 2 ** Math.min(attempts, 6)) * 60 * 1000;
}

/**
 * Creates the provider's order for a committed intent that has none yet, and records what the
 * cashier takes. The provider deduplicates by out_trade_no (our payment id), so a retried call
 * (the same requestId, or after a crash) gets the same order. 4042 when the provider does not
 * answer (the intent stays; a retry finishes it); 4040 when it refuses (the intent closes).
 */
export async function ensureProviderOrder(deps: PaymentCallDeps, payment: PaymentRow, description: string, now: Date): Promise<PaymentRow> {
  if (payment.status !== 'pending' || payment.params || payment.provider === 'demo') return payment;
  if (payment.expires_at <= now) throw paymentFailed('支付已超时');
  let params: WechatPayParams | AlipayPayParams;
  try {
    params = await providerOf(deps, payment.provider).createPayment({
      outTradeNo: payment.id,
      amountFen: payment.amount_fen,
      description,
      payerId: payment.payer_id ?? '',
      expiresAt: payment.expires_at,
      notifyUrl: notifyUrlOf(deps, payment.provider),
    });
  } catch (error) {
    if (error instanceof ProviderRejected) {
      await deps.store.transaction(async (tx) => {
        await lockPaymentTarget(tx, payment);
        const locked = await findPayment(tx, payment.id, true);
        if (locked) await closeIntent(tx, locked, now);
      });
      throw paymentFailed(`支付平台拒绝了这笔订单（${error.providerCode}）`);
    }
    if (error instanceof ProviderUnavailable) throw providerUnavailable();
    throw error;
  }
  await setPaymentParams(deps.store, payment.id, params);
  return (await findPayment(deps.store, payment.id))!;
}

/**
 * Asks the provider about a pending payment and applies the answer. Past its deadline and still
 * unpaid, the provider's order is closed first (so it can no longer be paid), then the hold is
 * released. Answers what changed.
 */
export async function reconcilePayment(deps: PaymentCallDeps, payment: PaymentRow, now: Date): Promise<'paid' | 'closed' | null> {
  if (payment.provider === 'demo' || !payment.params) {
    // Never created at the provider (its creation failed and was not retried): nothing can arrive.
    if (payment.expires_at > now) return null;
    return deps.store.transaction(async (tx) => (await applyTrade(tx, payment, { state: 'closed' }, now)).changed);
  }
  const provider = providerOf(deps, payment.provider);
  let trade = await provider.queryPayment(payment.id);
  if (trade.state === 'pending' && payment.expires_at <= now) {
    try {
      await provider.closePayment(payment.id);
    } catch (error) {
      // Refused because it was paid meanwhile (WeChat ORDERPAID): the query below sees the payment.
      if (!(error instanceof ProviderRejected)) throw error;
    }
    // It may have been paid between the query and the close: ask once more.
    trade = await provider.queryPayment(payment.id);
    if (trade.state === 'pending') trade = { state: 'closed' };
  }
  const settled = trade;
  return deps.store.transaction(async (tx) => (await applyTrade(tx, payment, settled, now)).changed);
}

/**
 * Takes one refund to the provider (or asks about one it accepted) and records the answer; when
 * every refund of the payment has succeeded the payment is refunded. Answers the refund's state,
 * or 'deferred' when the provider did not answer (tried again later, with backoff).
 */
export async function runRefund(deps: PaymentCallDeps, refund: PaymentRefundRow, now: Date): Promise<RefundState['state'] | 'deferred'> {
  const payment = await findPayment(deps.store, refund.payment_id);
  if (!payment) throw new Error(`refund ${refund.id} has no payment`);
  const provider = providerOf(deps, payment.provider);
  const ask = () =>
    provider.refund({
      outTradeNo: payment.id,
      outRefundNo: refund.id,
      refundFen: refund.amount_fen,
      totalFen: payment.provider_paid_fen ?? payment.amount_fen,
      reason: refund.reason,
      notifyUrl: notifyUrlOf(deps, payment.provider),
    });
  let state: RefundState;
  try {
    if (refund.status === 'pending') state = await ask();
    else {
      try {
        state = await provider.queryRefund(refund.id, payment.id);
      } catch (error) {
        // The provider does not know it (the accepting answer was lost before it was recorded
        // there): ask again with the same out_refund_no, which it deduplicates.
        if (!(error instanceof ProviderRejected)) throw error;
        state = await ask();
      }
    }
  } catch (error) {
    if (error instanceof ProviderRejected) {
      state = { state: 'failed', reason: `${error.providerCode}: ${error.message}` };
    } else if (error instanceof ProviderUnavailable) {
      await deferRefund(deps.store, refund.id, new Date(now.getTime() + retryDelayMs(refund.attempts)));
      return 'deferred';
    } else throw error;
  }
  await recordRefund(deps.store, refund.id, state, now);
  return state.state;
}

/** Records a refund's state (from a call, a query or a notification), once. */
export async function recordRefund(store: Store, refundId: string, state: RefundState, now: Date): Promise<void> {
  await store.transaction(async (tx) => {
    const refund = await findRefund(tx, refundId, true);
    if (!refund) return;
    const status = state.state;
    const changed = await recordRefundState(
      tx,
      refundId,
      {
        status,
        providerRefundId: status === 'failed' ? null : state.providerRefundId,
        failReason: status === 'failed' ? state.reason : undefined,
      },
      now,
    );
    if (!changed || status !== 'succeeded') return;
    const all = await refundsOfPayment(tx, refund.payment_id);
    if (all.every((r) => r.status === 'succeeded')) await setPaymentStatus(tx, refund.payment_id, 'refunding', 'refunded');
  });
}

/** Runs the refunds of one payment that wait for a call now (after a function that decided them commits). */
export async function runRefundsOf(deps: PaymentCallDeps, paymentIds: readonly string[], now: Date): Promise<void> {
  for (const paymentId of paymentIds) {
    for (const refund of await refundsOfPayment(deps.store, paymentId)) {
      if (refund.status === 'pending') await runRefund(deps, refund, now);
    }
  }
}
