import { at } from '../at';
import { bruteForceBestFen } from './bruteForce';
import { crossStoreLevelBoundFen, type SpendRounding } from './crossLevelBound';
import { crossStoreDiscountFen, type CrossStoreTerms, type ShopTerms } from './couponValue';
import { planPooledOrders } from './index';
import { buildProblem } from './problem';
import { DOUBLE_11_SHAPE, mulberry32, randomInstance } from './randomInstances';
import { rootUpperBoundFen } from './rootBound';
import { shopMatchingFen } from './shopMatching';
import { shopPotentialFen } from './shopPotential';
import { suffixSpendRoundings } from './spendRounding';
import { crossStoreBoundFen, shopBoundFen } from './upperBound';

const random = mulberry32(11_11);
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const randomCrossTerms = (): CrossStoreTerms => {
  const thresholdFen = int(1, 12);
  const discountFen = int(1, 9);
  return {
    thresholdFen,
    discountFen,
    capFen: random() < 0.4 ? Infinity : int(1, 4) * discountFen + (random() < 0.3 ? int(1, discountFen) : 0),
  };
};
const randomShopTerms = (): ShopTerms => ({ thresholdFen: random() < 0.2 ? 0 : int(1, 20), discountFen: int(1, 9) });

/** Every way to put each of `count` items in one of `bins` bins, or in none (bin −1). */
function* assignments(count: number, bins: number): Generator<number[]> {
  const bin = Array<number>(count).fill(-1);
  for (;;) {
    yield bin;
    let k = 0;
    while (k < count && bin[k] === bins - 1) bin[k++] = -1;
    if (k === count) return;
    bin[k] = at(bin, k, 'bin') + 1;
  }
}

describe('cross-store level bound', () => {
  it('is the best split of the remaining spend over whole fen, and never above the fractional bound', () => {
    for (let trial = 0; trial < 1000; trial++) {
      const coupons = Array.from({ length: int(1, 3) }, randomCrossTerms);
      if (random() < 0.5) coupons.splice(1, 0, { ...at(coupons, 0, 'coupon') }); // identical neighbours form one group when uncapped
      const totalsFen = coupons.map(() => (random() < 0.3 ? 0 : int(0, 30)));
      const remainingFen = int(0, 25);
      let bestFen = 0;
      const split = (j: number, leftFen: number, sumFen: number): void => {
        if (j === coupons.length) {
          bestFen = Math.max(bestFen, sumFen);
          return;
        }
        for (let r = 0; r <= leftFen; r++)
          split(j + 1, leftFen - r, sumFen + crossStoreDiscountFen(at(coupons, j, 'coupon'), at(totalsFen, j, 'total') + r));
      };
      split(0, remainingFen, 0);
      const boundFen = crossStoreLevelBoundFen(coupons, totalsFen, remainingFen);
      expect(boundFen).toBe(bestFen);
      expect(boundFen).toBeLessThanOrEqual(crossStoreBoundFen(coupons, totalsFen, remainingFen));
    }
  });

  it('with spends rounded to subset sums, is never below a real placement of the remaining lines', () => {
    for (let trial = 0; trial < 1000; trial++) {
      const coupons = Array.from({ length: int(1, 3) }, randomCrossTerms);
      const totalsFen = coupons.map(() => int(0, 20));
      const amountsFen = Array.from({ length: int(0, 6) }, () => int(1, 15));
      const remainingFen = amountsFen.reduce((a, b) => a + b, 0);
      let bestFen = 0;
      for (const bin of assignments(amountsFen.length, coupons.length)) {
        const added = coupons.map(() => 0);
        bin.forEach((j, k) => j >= 0 && (added[j] = at(added, j, 'added') + at(amountsFen, k, 'amount')));
        bestFen = Math.max(
          bestFen,
          coupons.reduce((sum, c, j) => sum + crossStoreDiscountFen(c, at(totalsFen, j, 'total') + at(added, j, 'added')), 0),
        );
      }
      const roundSpend = suffixSpendRoundings(amountsFen)[0];
      expect(crossStoreLevelBoundFen(coupons, totalsFen, remainingFen, roundSpend)).toBeGreaterThanOrEqual(bestFen);
    }
  });
});

describe('suffix spend roundings', () => {
  it('round each spend up to the smallest subset sum of the lines from that depth on', () => {
    for (let trial = 0; trial < 200; trial++) {
      const amountsFen = Array.from({ length: int(0, 7) }, () => int(1, 20));
      const roundings: SpendRounding[] = suffixSpendRoundings(amountsFen);
      for (let depth = 0; depth <= amountsFen.length; depth++) {
        const suffix = amountsFen.slice(depth);
        const sums: number[] = [];
        for (let mask = 0; mask < 1 << suffix.length; mask++) sums.push(suffix.reduce((sum, a, k) => (mask & (1 << k) ? sum + a : sum), 0));
        const spends = Array.from({ length: 150 }, (_, k) => k + 1);
        expect(spends.map((fen) => at(roundings, depth, 'rounding')(fen))).toEqual(
          spends.map((fen) => Math.min(Infinity, ...sums.filter((s) => s >= fen))),
        );
      }
    }
  });
});

describe('shop bounds', () => {
  it('the shop bound is never below a real placement of the remaining lines, and the potential is exact', () => {
    for (let trial = 0; trial < 1000; trial++) {
      const coupons = Array.from({ length: int(1, 4) }, randomShopTerms).sort(
        (a, b) => b.discountFen - a.discountFen || a.thresholdFen - b.thresholdFen,
      );
      const blocksFen = Array.from({ length: int(0, 3) }, () => int(0, 20));
      const amountsFen = Array.from({ length: int(0, 4) }, () => int(1, 20));
      // Lines go to an existing block, to a new block of their own group, or nowhere.
      const binCount = blocksFen.length + amountsFen.length;
      let bestFen = 0;
      for (const bin of assignments(amountsFen.length, binCount)) {
        const totals = [...blocksFen, ...amountsFen.map(() => 0)];
        bin.forEach((b, k) => b >= 0 && (totals[b] = at(totals, b, 'block') + at(amountsFen, k, 'amount')));
        bestFen = Math.max(bestFen, shopMatchingFen(coupons, totals));
      }
      const remainingFen = amountsFen.reduce((a, b) => a + b, 0);
      expect(shopBoundFen(coupons, blocksFen, remainingFen, amountsFen.length)).toBeGreaterThanOrEqual(bestFen);
      if (blocksFen.length === 0) expect(shopPotentialFen(coupons, amountsFen)).toBe(bestFen);
    }
  });
});

describe('root bound', () => {
  it('is never below the brute-force optimum on small Double 11-like carts', () => {
    for (let trial = 0; trial < 300; trial++) {
      const input = randomInstance(random, {
        ...DOUBLE_11_SHAPE,
        shops: int(1, 3),
        members: int(1, 3),
        lines: int(1, 6),
        crossCoupons: int(0, 2),
        shopCoupons: int(0, 3),
      });
      const problem = buildProblem(input);
      expect(rootUpperBoundFen(problem)).toBeGreaterThanOrEqual(bruteForceBestFen(problem));
    }
  });
});

describe('exact planner on small Double 11-like carts', () => {
  it('returns the brute-force optimum, proven, with lines large against the thresholds', () => {
    for (let trial = 0; trial < 200; trial++) {
      const input = randomInstance(random, {
        ...DOUBLE_11_SHAPE,
        shops: int(1, 3),
        members: int(1, 3),
        lines: int(3, 6),
        crossCoupons: int(1, 3),
        shopCoupons: int(0, 3),
      });
      const result = planPooledOrders(input, { withShapley: false });
      if (!result.ok) throw new Error(result.error.message);
      expect(result.plan.exact).toBe(true);
      expect(result.plan.totalDiscountFen).toBe(bruteForceBestFen(buildProblem(input)));
    }
  });
});
