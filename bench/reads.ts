/**
 * `npm run bench:reads`: only the reads of the screens opened most (listWishlist's first page,
 * groupFeed, getGroup, and the page of 50) at 50 connections, and on request the sections of the
 * full run that measure what those reads cost elsewhere (the order history, the unread badge, and
 * the writes the read versions add to: shares with their draw, joins), printed, not written to
 * docs/BENCHMARKS.md — a short run to compare changes. Options (environment):
 * - BENCH_ENGINES: `pglite`, `postgres` or `pglite,postgres` (default both);
 * - BENCH_CASES: a comma-separated subset of listWishlist, listWishlist50, listWishlistBusy, groupFeed, getGroup,
 *   myOrders, unreadCount, shareItem, joins (default listWishlist, groupFeed, getGroup, listWishlist50);
 * - BENCH_WISHLIST_SECONDS: seconds per timed run (default 5); BENCH_ROUNDS: runs per case (default 1);
 * - BENCH_BASELINE: the path of another checkout (its node_modules in place): its host runs beside
 *   this one, each on its own database with the same seed, and every case runs on both in turn
 *   (A B A B …), so the two are compared under the same machine load;
 * - HOST_NODE_ARGS: extra node flags for the host processes, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCH_KEYS, startHostProcess, type HostProcess } from '../test/support/hostProcess';
import { startFakeWeixin } from '../test/support/fakeWeixin';
import { benchJoins } from './joins';
import { createDatabaseOn } from './lib/databases';
import type { LoadResult } from './lib/load';
import type { BenchTarget, Section } from './lib/report';
import { benchUnreadCount } from './notifications';
import { benchOrders } from './orders';
import { benchRewards } from './rewards';
import { READ_CASES, measureRead, readRow, seed, type ReadCase, type Seeded } from './wishlist';

type FakeWeixin = Awaited<ReturnType<typeof startFakeWeixin>>;

/** Whole sections of the full run, each seeding what it needs on the host it is given. */
const SECTION_CASES: Record<string, (target: BenchTarget, fakeWeixin: FakeWeixin) => Promise<Section>> = {
  myOrders: (target) => benchOrders(target),
  unreadCount: (target) => benchUnreadCount(target, Number(process.env.BENCH_WISHLIST_SECONDS ?? 5)),
  shareItem: (target, fakeWeixin) => benchRewards(target, fakeWeixin),
  joins: (target, fakeWeixin) => benchJoins(target, fakeWeixin),
};

const engines = (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',') as Array<'pglite' | 'postgres'>;
const requested = (process.env.BENCH_CASES ?? 'listWishlist,groupFeed,getGroup,listWishlist50').split(',');
const cases = requested.filter((which) => which in READ_CASES) as ReadCase[];
const sectionCases = requested.filter((which) => which in SECTION_CASES);
const rounds = Number(process.env.BENCH_ROUNDS ?? 1);
const baseline = process.env.BENCH_BASELINE;

for (const which of requested)
  if (!(which in READ_CASES) && !(which in SECTION_CASES))
    throw new Error(`unknown case ${which}; known: ${[...Object.keys(READ_CASES), ...Object.keys(SECTION_CASES)].join(', ')}`);

interface Side {
  label: string;
  host: HostProcess;
  target: BenchTarget;
  /** The read cases' group; absent when only whole sections run. */
  seeded: Seeded | undefined;
  cleanup: () => Promise<void>;
}

async function startSide(
  label: string,
  checkout: string,
  engine: 'pglite' | 'postgres',
  adminUrl: string | undefined,
  fakeWeixin: FakeWeixin,
): Promise<Side> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'besties-reads-'));
  const database = adminUrl ? await createDatabaseOn(adminUrl) : undefined;
  const host = await startHostProcess(
    {
      DEMO: '1',
      DATA_DIR: dataDir,
      DATABASE_URL: database?.url,
      WEAPP_APPID: 'wx-bench',
      WEAPP_SECRET: 'wx-bench-secret',
      WEAPP_CODE2SESSION_URL: fakeWeixin.url,
    },
    undefined,
    checkout,
  );
  const target: BenchTarget = { url: host.url, ...BENCH_KEYS, engine, cpu: { hostPid: host.pid } };
  const started = Date.now();
  const seeded = cases.length > 0 ? await seed(target) : undefined;
  console.log(`[${engine} ${label}] host ready in ${host.readyMs} ms, seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return {
    label,
    host,
    target,
    seeded,
    cleanup: async () => {
      await host.stop();
      await database?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function benchEngine(engine: 'pglite' | 'postgres', adminUrl: string | undefined): Promise<void> {
  const sides: Side[] = [];
  const fakeWeixin = await startFakeWeixin({ appId: 'wx-bench', secret: 'wx-bench-secret' });
  try {
    if (baseline) sides.push(await startSide('baseline', baseline, engine, adminUrl, fakeWeixin));
    sides.push(await startSide('this checkout', '.', engine, adminUrl, fakeWeixin));
    const results = new Map<string, LoadResult[]>();
    for (const which of cases) {
      for (let round = 0; round < rounds; round++) {
        for (const side of sides) {
          const result = await measureRead(side.target, side.seeded!, which);
          const key = `${which}\u0000${side.label}`;
          results.set(key, [...(results.get(key) ?? []), result]);
          console.log(`[${engine} ${side.label}] ${JSON.stringify(readRow(which, engine, result))}`);
        }
      }
    }
    if (cases.length > 0) console.log(`\n${engine}: median of ${rounds} run(s) per case`);
    if (cases.length > 0)
      console.table(
        cases.flatMap((which) =>
          sides.map((side) => {
            const runs = results.get(`${which}\u0000${side.label}`) ?? [];
            return {
              case: READ_CASES[which].call,
              host: side.label,
              'calls/s': median(runs.map((r) => r.perSecond)),
              'p50 ms': median(runs.map((r) => r.p50Ms)),
              'p99 ms': median(runs.map((r) => r.p99Ms)),
              'non-2xx': runs.reduce((n, r) => n + r.non2xx + r.errors, 0),
            };
          }),
        ),
      );
    for (const which of sectionCases) {
      for (let round = 0; round < rounds; round++) {
        for (const side of sides) {
          const section = await SECTION_CASES[which]!(side.target, fakeWeixin);
          console.log(`\n[${engine} ${side.label}] ${section.title}`);
          console.table(section.rows);
        }
      }
    }
  } finally {
    for (const side of sides) await side.cleanup();
    await fakeWeixin.close();
  }
}

async function main(): Promise<void> {
  if (engines.includes('pglite')) await benchEngine('pglite', undefined);
  if (engines.includes('postgres')) {
    const pgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'besties-reads-pg-'));
    const pgUrl = execFileSync('bash', ['scripts/pg-cluster.sh', 'start', pgDir], { encoding: 'utf8' }).trim();
    try {
      await benchEngine('postgres', pgUrl);
    } finally {
      spawnSync('bash', ['scripts/pg-cluster.sh', 'stop', pgDir], { stdio: 'inherit' });
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
