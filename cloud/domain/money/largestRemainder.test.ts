import fc from 'fast-check';
import { at } from '../at';
import { largestRemainder } from './largestRemainder';

describe('largest remainder', () => {
  it('splits 100 fen three ways as 34/33/33, ties to the earlier part', () => {
    expect(largestRemainder(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(largestRemainder(5, [3, 1])).toEqual([4, 1]);
    expect(largestRemainder(0, [1, 2])).toEqual([0, 0]);
  });

  it('gives leftover fen to the largest remainders, ties to the earlier position', () => {
    expect(largestRemainder(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(largestRemainder(5000, [30000, 10000, 10000])).toEqual([3000, 1000, 1000]);
    expect(largestRemainder(100, [1, 2, 3])).toEqual([17, 33, 50]);
    expect(largestRemainder(0, [5, 7])).toEqual([0, 0]);
  });

  it('handles weights beyond 2^53', () => {
    const parts = largestRemainder(7, [2n ** 70n, 2n ** 70n, 1n]);
    expect(parts).toEqual([4, 3, 0]);
  });

  it('always sums to the whole, for any weights', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 20 }),
        (total, weights) => {
          fc.pre(weights.some((w) => w > 0));
          const parts = largestRemainder(total, weights);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          const weightSum = weights.reduce((a, b) => a + b, 0);
          weights.forEach((w, i) => expect(Math.abs(at(parts, i, 'part') - (total * w) / weightSum)).toBeLessThan(1));
        },
      ),
    );
  });

  it('splits nothing by all-zero weights (or none) into zeros', () => {
    expect(largestRemainder(0, [0, 0])).toEqual([0, 0]);
    expect(largestRemainder(0, [0n, 0n, 0n])).toEqual([0, 0, 0]);
    expect(largestRemainder(0, [])).toEqual([]);
  });

  it('refuses impossible splits loudly', () => {
    expect(() => largestRemainder(1, [])).toThrow();
    expect(() => largestRemainder(1, [0, 0])).toThrow();
    expect(() => largestRemainder(1, [0n, 0n])).toThrow();
    expect(() => largestRemainder(-1, [1])).toThrow();
    expect(() => largestRemainder(1.5, [1])).toThrow();
    expect(() => largestRemainder(1, [1, -1])).toThrow();
    expect(() => largestRemainder(1, [0.5, 1])).toThrow();
    expect(() => largestRemainder(1, [1n, -1n])).toThrow();
  });
});
