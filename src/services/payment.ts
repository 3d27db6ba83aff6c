import type { AlipayPayParams, PaymentJson, WechatPayParams } from '../../contract/payments';
import type { CashierOutcome } from '../utils/cashierOutcome';
import { userMessage } from '../utils/errorMessage';
import type { CloudError } from './cloudError';
import { ErrorCode } from './errorCodes';

/** How often the page asks whether a payment has arrived, and for how long before it stops asking. */
export const PAYMENT_CHECK_INTERVAL_MS = 1500;
export const PAYMENT_CHECK_LIMIT_MS = 60_000;

/**
 * Where a payment stands on the page, from the money-taking call to paid:
 * ordering (the call is on its way) → cashier (WeChat's or Alipay's sheet is open) → checking
 * (支付中…: the server waits for the provider's word) → paid. The other ends: cancelled or failed
 * at the cashier (the payment is still open: pay again with the same params), unconfirmed (no
 * word within the limit: look again), closed (start again), unavailable (4042: the same call
 * again, same requestId), refused (any other refusal of the call).
 */
export type PayPhase =
  | { kind: 'idle' }
  | { kind: 'ordering' }
  | { kind: 'cashier'; payment: PaymentJson }
  | { kind: 'checking'; payment: PaymentJson }
  | { kind: 'paid'; payment: PaymentJson }
  | { kind: 'cancelled'; payment: PaymentJson }
  | { kind: 'failed'; payment: PaymentJson; message: string }
  | { kind: 'unconfirmed'; payment: PaymentJson }
  | { kind: 'closed'; message: string }
  | { kind: 'unavailable' }
  | { kind: 'refused'; message: string };

/** The outside world of a payment on the page, passed in so the steps can be tested without a phone or a clock. */
export interface PaymentDeps {
  openCashier(params: WechatPayParams | AlipayPayParams): Promise<CashierOutcome>;
  getPayment(paymentId: string): Promise<PaymentJson>;
  now(): number;
  wait(ms: number): Promise<void>;
  /** True once the page is gone: no more asking. */
  stopped(): boolean;
}

type Show = (phase: PayPhase) => void;

const CLOSED = '支付已关闭，请重新下单';
const REFUNDED = '这笔支付已退款，请重新下单';

/** A payment the provider is done with, as its final phase. */
function settledPhase(payment: PaymentJson): PayPhase | null {
  switch (payment.status) {
    case 'paid':
      return { kind: 'paid', payment };
    case 'closed':
      return { kind: 'closed', message: CLOSED };
    case 'refunding':
    case 'refunded':
      return { kind: 'closed', message: REFUNDED };
    case 'pending':
      return null;
  }
}

/** A refused money-taking call: 4042 may be retried as it was, 4040 means starting again. */
export function phaseOfCallError(error: CloudError): PayPhase {
  if (error.code === ErrorCode.PROVIDER_UNAVAILABLE) return { kind: 'unavailable' };
  if (error.code === ErrorCode.PAYMENT_FAILED) return { kind: 'closed', message: CLOSED };
  return { kind: 'refused', message: userMessage(error) };
}

/**
 * Asks the server about a payment until the provider has settled it or the limit has passed.
 * A failed question (a network blip) is asked again; a closed payment (4040) ends it.
 */
export async function checkPayment(payment: PaymentJson, deps: PaymentDeps, show: Show): Promise<PayPhase> {
  show({ kind: 'checking', payment });
  const deadline = deps.now() + PAYMENT_CHECK_LIMIT_MS;
  for (let first = true; ; first = false) {
    if (!first) await deps.wait(PAYMENT_CHECK_INTERVAL_MS);
    if (deps.stopped()) return { kind: 'unconfirmed', payment };
    try {
      const latest = await deps.getPayment(payment.paymentId);
      const settled = settledPhase(latest);
      if (settled) return settled;
    } catch (error) {
      if ((error as CloudError | null)?.code === ErrorCode.PAYMENT_FAILED) return { kind: 'closed', message: CLOSED };
    }
    if (deps.now() >= deadline) return { kind: 'unconfirmed', payment };
  }
}

async function throughCashier(
  payment: PaymentJson,
  params: WechatPayParams | AlipayPayParams,
  deps: PaymentDeps,
  show: Show,
): Promise<PayPhase> {
  show({ kind: 'cashier', payment });
  const outcome = await deps.openCashier(params);
  if (outcome.kind === 'cancelled') return { kind: 'cancelled', payment };
  if (outcome.kind === 'failed') return { kind: 'failed', payment, message: outcome.message };
  return checkPayment(payment, deps, show);
}

/**
 * From the payment a money-taking call answered to its end on this page. Paid already (the
 * demo provider, or the wallet paid it all): done. Pending with params: the platform cashier,
 * then the server's word. Pending without params (nothing for a cashier): the server's word.
 */
export async function settlePayment(payment: PaymentJson, deps: PaymentDeps, show: Show): Promise<PayPhase> {
  const settled = settledPhase(payment);
  if (settled) return settled;
  if (payment.params) return throughCashier(payment, payment.params, deps, show);
  return checkPayment(payment, deps, show);
}

/**
 * Pays again after a cancel or a failure, with the params the server first answered, while the
 * payment is still open: past its expiry it is closed, and the server is asked first in case it
 * was paid or closed meanwhile (a cancel reported after the money went through). A payment
 * found again in the records may come without params; then the server's latest ones are used.
 */
export async function payAgain(payment: PaymentJson, deps: PaymentDeps, show: Show): Promise<PayPhase> {
  if (deps.now() >= new Date(payment.expiresAt).getTime()) return { kind: 'closed', message: CLOSED };
  show({ kind: 'checking', payment });
  let latest: PaymentJson | null = null;
  try {
    latest = await deps.getPayment(payment.paymentId);
    const settled = settledPhase(latest);
    if (settled) return settled;
  } catch (error) {
    if ((error as CloudError | null)?.code === ErrorCode.PAYMENT_FAILED) return { kind: 'closed', message: CLOSED };
    // Not known: the cashier is the one to say whether it can still be paid.
  }
  const params = payment.params ?? latest?.params ?? null;
  if (!params) return checkPayment(payment, deps, show);
  return throughCashier(payment, params, deps, show);
}
