import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { at } from '../cloud/domain/at';
import { BENCH_KEYS, startHostProcess } from '../test/support/hostProcess';
import { call, lcHeaders, runLoad, type LoadResult } from './lib/load';
import type { BenchTarget, Section } from './lib/report';

/**
 * 我的订单 under load: one shopper with a history of checkouts, pooled-order parts and group-buy
 * seats (seeded through the API), then `myOrders` (first page, a later page) and `getMyOrder`
 * under 50 connections. `npx tsx bench/orders.ts` runs just this on both engines and prints it.
 */
export const ORDERS_BENCH = Object.freeze({
  checkouts: 200,
  groupBuys: 5,
  /** Other shoppers' checkouts in the same tables, so the reads cut one user's rows from many. */
  othersCheckouts: 800,
  others: 8,
  setupConcurrency: 8,
  connections: 50,
  seconds: Number(process.env.BENCH_ORDERS_SECONDS ?? 5),
});

const PASSWORD = 'bench1234';

async function loginAs(target: BenchTarget, username: string): Promise<string> {
  const response = await fetch(`${target.url}/1.1/login`, {
    method: 'POST',
    headers: lcHeaders(target),
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const body = (await response.json()) as { sessionToken?: string };
  if (!response.ok || !body.sessionToken) throw new Error(`login ${username} failed: ${response.status}`);
  return body.sessionToken;
}

async function inBatches(count: number, limit: number, work: (index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, count) }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

interface Seeded {
  session: string;
  secondPage: string;
  detail: { kind: string; id: string };
}

async function seed(target: BenchTarget): Promise<Seeded> {
  const cfg = ORDERS_BENCH;
  const run = Date.now().toString(36);
  const usernames = Array.from({ length: cfg.others + 1 }, (_, i) => `bo${run}_${i}`);
  await call(
    target.url,
    target,
    'importUsers',
    { users: usernames.map((username) => ({ username, password: PASSWORD, gender: 'female', taoqi: 700 })) },
    undefined,
    true,
  );
  const sessions = await Promise.all(usernames.map((u) => loginAs(target, u)));
  const session = at(sessions, 0, 'the measured shopper');
  const { products } = await call<{ products: Array<{ productId: string }> }>(target.url, target, 'listProducts', { limit: 50 }, session);
  const productId = (i: number) => at(products, i % products.length, 'product').productId;
  const checkout = (who: string, i: number) =>
    call(
      target.url,
      target,
      'simulateCheckout',
      {
        lines: [
          { productId: productId(i), qty: 1 + (i % 3) },
          { productId: productId(i + 7), qty: 1 },
        ],
        requestId: `bench-${run}-c-${i}`,
      },
      who,
    );
  await inBatches(cfg.checkouts, cfg.setupConcurrency, (i) => checkout(session, i));
  await inBatches(cfg.othersCheckouts, cfg.setupConcurrency, (i) => checkout(at(sessions, 1 + (i % cfg.others), 'other'), 10_000 + i));
  const { deals } = await call<{ deals: Array<{ dealId: string }> }>(target.url, target, 'listDeals', {}, session);
  for (let i = 0; i < Math.min(cfg.groupBuys, deals.length); i++) {
    await call(
      target.url,
      target,
      'openGroupBuy',
      { dealId: at(deals, i, 'deal').dealId, requestId: `bench-${run}-gb-${i}`, provider: 'demo' },
      session,
    );
  }
  const first = await call<{ orders: Array<{ kind: string; id: string }>; nextCursor: string | null }>(
    target.url,
    target,
    'myOrders',
    {},
    session,
  );
  if (!first.nextCursor) throw new Error('the seeded history fits on one page');
  const checkoutRow = first.orders.find((o) => o.kind === 'checkout');
  if (!checkoutRow) throw new Error('no checkout on the first page');
  return { session, secondPage: first.nextCursor, detail: { kind: checkoutRow.kind, id: checkoutRow.id } };
}

export async function benchOrders(target: BenchTarget): Promise<Section> {
  const cfg = ORDERS_BENCH;
  const started = Date.now();
  const seeded = await seed(target);
  const seedSeconds = (Date.now() - started) / 1000;
  const measure = (name: string, params: object) =>
    runLoad({
      url: target.url,
      path: `/1.1/functions/${name}`,
      headers: lcHeaders(target, seeded.session),
      body: JSON.stringify(params),
      connections: cfg.connections,
      seconds: cfg.seconds,
    });
  const row = (label: string, r: LoadResult) => ({
    call: label,
    'calls/s': r.perSecond,
    'p50 ms': r.p50Ms,
    'p99 ms': r.p99Ms,
    'non-2xx': r.non2xx + r.errors,
  });
  const rows = [
    row('myOrders (first page, 20)', await measure('myOrders', {})),
    row('myOrders (second page, 20)', await measure('myOrders', { cursor: seeded.secondPage })),
    row('getMyOrder (a checkout)', await measure('getMyOrder', seeded.detail)),
    // The same load on an existing one-statement per-user list, to read the rows above against.
    row('myPayments (reference)', await measure('myPayments', {})),
  ];
  return {
    title: `我的订单 reads — ${target.engine}`,
    settings: `autocannon, ${cfg.connections} connections, ${cfg.seconds} s per call, one shopper's session; ${cfg.checkouts} checkouts and ${cfg.groupBuys} group-buy seats of hers among ${cfg.othersCheckouts} other checkouts`,
    rows,
    notes: [`Seeded through the API in ${seedSeconds.toFixed(1)} s.`],
  };
}

/** Just this benchmark, on both engines, printed (not written to docs/BENCHMARKS.md). */
async function main(): Promise<void> {
  const engines: Array<'pglite' | 'postgres'> = (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',') as never;
  for (const engine of engines) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'besties-bench-orders-'));
    const pgDir = engine === 'postgres' ? fs.mkdtempSync(path.join(os.tmpdir(), 'besties-bench-orders-pg-')) : null;
    const pgUrl = pgDir ? execFileSync('bash', ['scripts/pg-cluster.sh', 'start', pgDir], { encoding: 'utf8' }).trim() : undefined;
    const host = await startHostProcess({ DEMO: '1', DATA_DIR: dataDir, DATABASE_URL: pgUrl });
    try {
      const section = await benchOrders({ url: host.url, ...BENCH_KEYS, engine, cpu: { hostPid: host.pid, postmasterPid: undefined } });
      console.log(section.title);
      console.log(section.settings);
      console.table(section.rows);
    } finally {
      await host.stop();
      if (pgDir) spawnSync('bash', ['scripts/pg-cluster.sh', 'stop', pgDir], { stdio: 'inherit' });
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

if (process.argv[1]?.endsWith('orders.ts')) void main();
