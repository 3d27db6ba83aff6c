/**
 * The reconciler: asks the providers about every payment, refund and withdrawal still open past
 * `olderThanSeconds` (and every intent past its deadline), and finishes what their answers say.
 * A lost notification costs one run of it (every minute), never the money. Safe on several hosts
 * at once: each answer is applied by a conditional update, once.
 */
import { ProviderRejected, ProviderUnavailable } from '../payments/provider';
import { listRefundsToWork } from '../store/paymentRefunds';
import { listPaymentsToReconcile, touchPaymentChecked } from '../store/payments';
import { listWithdrawalsToWork } from '../store/withdrawals';
import { reconcilePayment, runRefund, type PaymentCallDeps } from './paymentCalls';
import { runWithdrawal } from './withdrawals';

/** Rows looked at per kind per run; the next run takes the rest. */
export const RECONCILE_BATCH = 200;

export interface ReconcileResult {
  checked: number;
  paid: number;
  closed: number;
  refunded: number;
}

export async function reconcilePayments(deps: PaymentCallDeps, now: Date, olderThanSeconds = 60): Promise<ReconcileResult> {
  const before = new Date(now.getTime() - olderThanSeconds * 1000);
  const result: ReconcileResult = { checked: 0, paid: 0, closed: 0, refunded: 0 };
  for (const payment of await listPaymentsToReconcile(deps.store, before, now, RECONCILE_BATCH)) {
    result.checked++;
    try {
      const changed = await reconcilePayment(deps, payment, now);
      if (changed === 'paid') result.paid++;
      if (changed === 'closed') result.closed++;
    } catch (error) {
      // A provider that does not answer, or refuses this one question, is asked again at the next
      // run; the rest of the run goes on (oldest first, one payment refused every time would
      // otherwise hold up every payment, refund and withdrawal behind it).
      if (!(error instanceof ProviderUnavailable || error instanceof ProviderRejected)) throw error;
    }
    await touchPaymentChecked(deps.store, payment.id, now);
  }
  for (const refund of await listRefundsToWork(deps.store, before, now, RECONCILE_BATCH)) {
    result.checked++;
    if ((await runRefund(deps, refund, now)) === 'succeeded') result.refunded++;
  }
  for (const withdrawal of await listWithdrawalsToWork(deps.store, before, now, RECONCILE_BATCH)) {
    result.checked++;
    await runWithdrawal(deps, withdrawal, now);
  }
  return result;
}
