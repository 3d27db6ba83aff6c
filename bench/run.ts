/**
 * `npm run bench`: every benchmark on both engines in one run, written to docs/BENCHMARKS.md.
 * Starts its own PostgreSQL cluster (fsync on) and host processes on 127.0.0.1; everything it
 * starts, it stops. BENCH_SECONDS shortens or lengthens the timed runs (default 10);
 * BENCH_SPLIT_GROUPS sizes the split benchmark (default 100,000 groups), BENCH_IMPORT_USERS the
 * LeanCloud import (default 100,000 users).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFakeWeixin } from '../test/support/fakeWeixin';
import { benchIdentity } from './identity';
import { benchJoins } from './joins';
import { benchRewards } from './rewards';
import { benchSplit } from './split';
import { benchWishlist } from './wishlist';
import { benchOrders } from './orders';
import { benchPlanner } from './planner';
import { BENCH_KEYS, startHostProcess } from '../test/support/hostProcess';
import { writeReport, type Section } from './lib/report';
import { postmasterPidOf } from './lib/cpu';
import { benchClientBuilds } from './builds';
import { benchLeanCloudImport } from './leancloudImport';
import { benchPayments } from './payments';
import { benchUnreadCount } from './notifications';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const splitGroups = Number(process.env.BENCH_SPLIT_GROUPS ?? 100_000);
const importUsers = Number(process.env.BENCH_IMPORT_USERS ?? 100_000);

async function benchEngine(
  engine: 'pglite' | 'postgres',
  databaseUrl: string | undefined,
  postmasterPid: number | undefined,
  sections: Section[],
): Promise<void> {
  const fakeWeixin = await startFakeWeixin({ appId: 'wx-bench', secret: 'wx-bench-secret' });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'besties-bench-'));
  const host = await startHostProcess({
    DEMO: '1',
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    WEAPP_APPID: 'wx-bench',
    WEAPP_SECRET: 'wx-bench-secret',
    WEAPP_CODE2SESSION_URL: fakeWeixin.url,
  });
  const target = { url: host.url, ...BENCH_KEYS, engine, cpu: { hostPid: host.pid, postmasterPid } };
  try {
    console.log(`[${engine}] host ready in ${host.readyMs} ms`);
    sections.push(await benchIdentity(target, seconds));
    console.log(`[${engine}] ping/me done`);
    sections.push(await benchUnreadCount(target, seconds));
    console.log(`[${engine}] unread count done`);
    sections.push(await benchJoins(target, fakeWeixin));
    console.log(`[${engine}] joins done`);
    sections.push(await benchRewards(target, fakeWeixin));
    console.log(`[${engine}] rewards done`);
    sections.push(await benchWishlist(target));
    console.log(`[${engine}] wishlist done`);
    sections.push(await benchOrders(target));
    console.log(`[${engine}] orders done`);
    sections.push({
      title: `Host process — ${engine}`,
      settings: 'RSS after the runs above; start-up time on a fresh data directory (embedded: includes initdb)',
      rows: [{ 'ready after (ms)': host.readyMs, 'RSS (MB)': Math.round(host.rssKB() / 1024) }],
      notes: [],
    });
  } finally {
    await host.stop();
    await fakeWeixin.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const sections: Section[] = [benchPlanner()];
  console.log('planner done');
  await benchEngine('pglite', undefined, undefined, sections);
  sections.push(await benchPayments('pglite', undefined));
  console.log('[pglite] payments done');
  sections.push(await benchSplit('pglite', undefined, undefined, splitGroups));
  console.log('[pglite] split done');

  const pgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'besties-bench-pg-'));
  const pgUrl = execFileSync('bash', ['scripts/pg-cluster.sh', 'start', pgDir], { encoding: 'utf8' }).trim();
  try {
    const postmasterPid = postmasterPidOf(path.join(pgDir, 'data'));
    await benchEngine('postgres', pgUrl, postmasterPid, sections);
    sections.push(await benchPayments('postgres', pgUrl));
    console.log('[postgres] payments done');
    sections.push(await benchSplit('postgres', pgUrl, postmasterPid, splitGroups));
    console.log('[postgres] split done');
    sections.push(await benchLeanCloudImport(pgUrl, importUsers));
    console.log('LeanCloud import done');
  } finally {
    spawnSync('bash', ['scripts/pg-cluster.sh', 'stop', pgDir], { stdio: 'inherit' });
  }

  if (process.env.BENCH_SKIP_BUILDS !== '1') sections.push(...benchClientBuilds());

  const pgVersion = execFileSync('postgres', ['--version'], { encoding: 'utf8' }).trim();
  writeReport(path.resolve('docs/BENCHMARKS.md'), sections, [
    `Engines: embedded PGlite (in the host process, data directory on disk) and ${pgVersion} (throwaway cluster on loopback, fsync on, pool of 10 connections)`,
    'Load generator: autocannon in the benchmark process; the host runs in its own process (`cloud/main.ts`, log level error)',
    'Parse Server 7.5 on PostgreSQL 15, measured earlier on this kind of machine: no-op cloud function ~1,850 calls/s (p50 9 ms); the ratio column divides by that figure (it was not re-run here)',
  ]);
  console.log('Wrote docs/BENCHMARKS.md');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
