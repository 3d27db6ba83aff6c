import { BUDGET_BUCKETS, BUDGET_REFILL_FEN, bucketOf, bucketsOfBudget, budgetAccountIds, refillFen } from './budgetBuckets';
import { accountKindOf } from './posting';

describe('budget buckets', () => {
  it('spreads shares over every bucket, the same share always to the same one', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) seen.add(bucketOf(`share${i.toString(36).padStart(6, '0')}`));
    expect(seen.size).toBe(BUDGET_BUCKETS);
    expect(bucketOf('abc123')).toBe(bucketOf('abc123'));
  });

  it('names the budget first and its buckets after it, all of kind budget', () => {
    const ids = budgetAccountIds('c1');
    expect(ids[0]).toBe('budget:c1');
    expect(ids).toHaveLength(BUDGET_BUCKETS + 1);
    expect([...ids].sort()).toEqual(ids);
    expect(ids.every((id) => accountKindOf(id) === 'budget')).toBe(true);
    expect(bucketsOfBudget('budget:c1')).toEqual(ids.slice(1));
    expect(bucketsOfBudget('budget:c1:3')).toBeNull();
    expect(bucketsOfBudget('grand:c1')).toBeNull();
  });

  it('refills a chunk, at least the packet, never more than the budget holds', () => {
    expect(refillFen(1_000_000, 500)).toBe(BUDGET_REFILL_FEN);
    expect(refillFen(1_000_000, BUDGET_REFILL_FEN + 1)).toBe(BUDGET_REFILL_FEN + 1);
    expect(refillFen(300, 500)).toBe(300);
    expect(refillFen(0, 500)).toBe(0);
  });
});
