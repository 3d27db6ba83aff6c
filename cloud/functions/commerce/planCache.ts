import { planPooledOrders, type PlannerInput, type PlannerResult } from '../../domain/coupons';

/** Plans remembered per host: a pooled order's members poll its page every few seconds. */
export const PLAN_CACHE_ENTRIES = 500;

const cache = new Map<string, PlannerResult>();

/**
 * planPooledOrders, remembered by its input. The planner is pure (no clock, no randomness), so
 * the same lines and coupons always give the same plan; without this, every member's poll of an
 * open pooled order would re-run an exact search of up to a few hundred milliseconds. Least
 * recently used entries go first.
 */
export function cachedPlan(input: PlannerInput, options: { withShapley: boolean }): PlannerResult {
  const key = JSON.stringify([input, options.withShapley]);
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const result = planPooledOrders(input, options);
  cache.set(key, result);
  if (cache.size > PLAN_CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  return result;
}
