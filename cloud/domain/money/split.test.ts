import fc from 'fast-check';
import { splitPool } from './split';
import { seeded } from '../../../test/support/seeded';

const members = (n: number) => Array.from({ length: n }, (_, i) => `u${i}`);

describe('pool split', () => {
  it('sums exactly and gives everyone at least 1 fen when the pool allows (random)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5_000_000 }), fc.integer({ min: 1, max: 15 }), fc.integer(), (pool, n, seed) => {
        const shares = splitPool(pool, members(n), 'random', seeded(seed));
        expect(shares.reduce((a, s) => a + s.amountFen, 0)).toBe(pool);
        if (pool >= n) shares.forEach((s) => expect(s.amountFen).toBeGreaterThanOrEqual(1));
        else expect(shares.filter((s) => s.amountFen === 1)).toHaveLength(pool);
      }),
    );
  });

  it("gives 'equal' parts that differ by at most 1 fen", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5_000_000 }), fc.integer({ min: 1, max: 15 }), (pool, n) => {
        const amounts = splitPool(pool, members(n), 'equal', () => 0).map((s) => s.amountFen);
        expect(amounts.reduce((a, b) => a + b, 0)).toBe(pool);
        expect(Math.max(...amounts) - Math.min(...amounts)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("gives every position the same expected share under 'random' (fixed seed)", () => {
    const random = seeded(20261111);
    const n = 8;
    const pool = 10_000;
    const runs = 20_000;
    const totals = new Array(n).fill(0);
    for (let r = 0; r < runs; r++) splitPool(pool, members(n), 'random', random).forEach((s, i) => (totals[i] += s.amountFen));
    const expected = pool / n;
    // Each share has a standard deviation of roughly pool/n; over 20,000 runs the mean of a
    // position is within ~1% of pool/n with overwhelming probability.
    for (const total of totals) expect(Math.abs(total / runs - expected) / expected).toBeLessThan(0.02);
  });

  it('refuses a split among nobody or with duplicate members', () => {
    expect(() => splitPool(10, [], 'equal', Math.random)).toThrow();
    expect(() => splitPool(10, ['a', 'a'], 'equal', Math.random)).toThrow();
  });
});
