import type { Services } from '../services';
import { paymentCallDeps } from '../workflows/paymentCalls';
import { reconcilePayments, type ReconcileResult } from '../workflows/reconcilePayments';
import { periodSlot, runLeased, type LeasedOutcome } from './leases';

export const PAYMENT_RECONCILE_INTERVAL_MS = 60 * 1000;

/**
 * The timed run of the payment reconciler, once a minute on one host of all (the lease). Hosts
 * without a real provider have nothing to ask and skip it.
 */
export async function runPaymentReconcile(
  deps: Pick<Services, 'store' | 'clock' | 'config' | 'payments'>,
): Promise<LeasedOutcome<ReconcileResult> | null> {
  if (deps.payments.size === 0) return null;
  const now = deps.clock.now();
  return runLeased(deps.store, 'payment-reconcile', periodSlot(now, PAYMENT_RECONCILE_INTERVAL_MS), deps.config.jobs.leaseMs, () =>
    reconcilePayments(paymentCallDeps(deps), now),
  );
}
