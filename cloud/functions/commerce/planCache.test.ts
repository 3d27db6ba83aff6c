import { planPooledOrders } from '../../domain/coupons';
import { mulberry32, randomInstance, type InstanceShape } from '../../domain/coupons/randomInstances';
import { cachedPlan, PLAN_CACHE_ENTRIES } from './planCache';

const SHAPE: InstanceShape = {
  members: 3,
  lines: 5,
  shops: 2,
  crossCoupons: 1,
  shopCoupons: 1,
  unitPricesFen: [9_900, 19_900, 29_900],
  maxQty: 2,
  crossTerms: [{ thresholdFen: 40_000, discountFen: 5_000 }],
  shopTerms: [{ thresholdFen: 29_900, discountFen: 3_000 }],
};

describe('cachedPlan', () => {
  const random = mulberry32(2018);

  it('answers what the planner answers, and the same answer again for the same input', () => {
    const input = randomInstance(random, SHAPE);
    const first = cachedPlan(input, { withShapley: true });
    expect(first).toEqual(planPooledOrders(input, { withShapley: true }));
    expect(cachedPlan(structuredClone(input), { withShapley: true })).toBe(first);
    // Without Shapley is a different question with a different answer shape.
    const plain = cachedPlan(input, { withShapley: false });
    expect(plain).not.toBe(first);
    expect(plain.ok && plain.plan.fairness).toBeNull();
  });

  it('keeps at most its limit, forgetting the least recently used first', () => {
    const kept = randomInstance(random, SHAPE);
    const keptPlan = cachedPlan(kept, { withShapley: false });
    const evicted = randomInstance(random, SHAPE);
    const evictedPlan = cachedPlan(evicted, { withShapley: false });
    for (let i = 0; i < PLAN_CACHE_ENTRIES - 1; i++) {
      // Touching `kept` keeps it recent while the cache fills with other carts.
      if (i % 50 === 0) expect(cachedPlan(kept, { withShapley: false })).toBe(keptPlan);
      cachedPlan(randomInstance(random, SHAPE), { withShapley: false });
    }
    expect(cachedPlan(kept, { withShapley: false })).toBe(keptPlan);
    const again = cachedPlan(evicted, { withShapley: false });
    expect(again).not.toBe(evictedPlan);
    expect(again).toEqual(evictedPlan);
  });
});
