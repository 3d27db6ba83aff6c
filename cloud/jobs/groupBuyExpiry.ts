import type { Store } from '../store/store';
import { runCommerceExpiry as settleDue, type ExpiryResult } from '../workflows/commerceExpiry';

/**
 * The timed run of the commerce expiry: the scheduler calls it every half minute with the time of
 * the check. What it settles, and why running it twice or on several hosts is safe, is the
 * workflow's (cloud/workflows/commerceExpiry.ts), which the operator's function runs as well.
 */
export function runCommerceExpiry(store: Store, now: Date): Promise<ExpiryResult> {
  return settleDue(store, now);
}
