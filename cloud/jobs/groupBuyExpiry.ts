import type { Services } from '../services';
import { runCommerceExpiry as settleDue, type ExpiryResult } from '../workflows/commerceExpiry';
import { paymentCallDeps } from '../workflows/paymentCalls';
import { periodSlot, runLeased, type LeasedOutcome } from './leases';

/**
 * The timed run of the commerce expiry: the scheduler calls it at every check with the time of
 * the check. One host of all runs each check period's (the lease); what it settles, and why
 * running it twice or on several hosts is safe anyway, is the workflow's
 * (cloud/workflows/commerceExpiry.ts), which the operator's function runs as well.
 */
export function runCommerceExpiry(deps: Pick<Services, 'store' | 'clock' | 'config' | 'payments'>): Promise<LeasedOutcome<ExpiryResult>> {
  const now = deps.clock.now();
  return runLeased(deps.store, 'commerce-expiry', periodSlot(now, deps.config.jobs.checkMs), deps.config.jobs.leaseMs, () =>
    settleDue(paymentCallDeps(deps), now),
  );
}
