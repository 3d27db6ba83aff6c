import { at } from '../cloud/domain/at';
import { planPooledOrders, type PlannerInput } from '../cloud/domain/coupons';
import { DOUBLE_11_SHAPE, mulberry32, randomInstance } from '../cloud/domain/coupons/randomInstances';

/** Seeded so every run measures the same carts. */
const BENCH_SEED = 11_11_2018;
const INSTANCES = 200;

function percentile(sortedMs: number[], p: number): number {
  return at(sortedMs, Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1), 'timing');
}

function measure(name: string, targetMs: number, inputs: PlannerInput[], withShapley: boolean): Record<string, string | number> {
  const timesMs: number[] = [];
  let exactCount = 0;
  let gapSumPct = 0;
  let gapMaxPct = 0;
  for (const input of inputs) {
    const started = performance.now();
    const result = planPooledOrders(input, { withShapley });
    timesMs.push(performance.now() - started);
    if (!result.ok) throw new Error(result.error.message);
    const { plan } = result;
    if (plan.exact) exactCount++;
    const gapPct = plan.upperBoundFen === 0 ? 0 : (100 * (plan.upperBoundFen - plan.totalDiscountFen)) / plan.upperBoundFen;
    gapSumPct += gapPct;
    gapMaxPct = Math.max(gapMaxPct, gapPct);
  }
  timesMs.sort((a, b) => a - b);
  return {
    case: name,
    instances: inputs.length,
    'p50 (ms)': percentile(timesMs, 50).toFixed(2),
    'p99 (ms)': percentile(timesMs, 99).toFixed(2),
    'max (ms)': at(timesMs, timesMs.length - 1, 'timing').toFixed(2),
    'target p99 (ms)': targetMs,
    exact: `${exactCount}/${inputs.length}`,
    'mean gap to bound': `${(gapSumPct / inputs.length).toFixed(2)}%`,
    'max gap to bound': `${gapMaxPct.toFixed(2)}%`,
  };
}

/**
 * Planner latency on seeded Double 11-like carts (8 shops, 9.9–899 yuan items, 满400减50-style
 * allowances with and without caps, shop coupons): (a) 15 members × 60 lines × 10 coupons with
 * the heuristic, (b) 20 lines in exact mode, (c) the Shapley split on top of (a) and (b).
 */
export function benchPlanner(): { title: string; settings: string; rows: Array<Record<string, string | number>>; notes: string[] } {
  const random = mulberry32(BENCH_SEED);
  const large = Array.from({ length: INSTANCES }, () =>
    randomInstance(random, { ...DOUBLE_11_SHAPE, members: 15, lines: 60, crossCoupons: 4, shopCoupons: 6 }),
  );
  const exact = Array.from({ length: INSTANCES }, () =>
    randomInstance(random, { ...DOUBLE_11_SHAPE, members: 8, lines: 20, crossCoupons: 4, shopCoupons: 6 }),
  );
  const fewLarge = large.slice(0, 5);
  const fewExact = exact.slice(0, 20);
  const rows = [
    measure('(a) 15 members × 60 lines × 10 coupons, heuristic', 50, large, false),
    measure('(b) 8 members × 20 lines × 10 coupons, exact', 200, exact, false),
    measure('(c) as (a) with Shapley split', 0, fewLarge, true),
    measure('(d) as (b) with Shapley split', 0, fewExact, true),
  ];
  return {
    title: 'Pooled-order planner latency',
    settings: `planPooledOrders on ${INSTANCES} seeded random carts per case (seed ${BENCH_SEED}); 10 coupons = 4 cross-store + 6 shop; gap = (upper bound − found) / upper bound`,
    rows,
    notes: [
      'Exact mode proves optimality by branch and bound; a heuristic result is reported with an upper bound (cross-store coupons by whole discount levels over the cart total, plus per-shop coupon knapsacks capped by what the lines of each shop can earn), so the gap overstates the true distance to the optimum.',
      'Shapley rows plan every coalition of members: exactly for coalitions of at most 10 lines, by the quick heuristic above that (the plan reports which).',
    ],
  };
}

// `npx tsx bench/planner.ts` prints the section on its own.
if (process.argv[1]?.endsWith('bench/planner.ts')) {
  const section = benchPlanner();
  console.log(section.title);
  console.log(section.settings);
  console.table(section.rows);
  for (const note of section.notes) console.log(`- ${note}`);
}
