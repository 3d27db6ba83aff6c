import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runPoolSplit } from '../cloud/workflows/poolSplit';
import { checkLedger } from '../cloud/workflows/ledgerCheck';
import { openStore } from '../cloud/store/open';
import { seedSplitScenario } from '../test/support/seedSplit';
import { databasePerUnitMs, perUnitMs, startCpuMeter } from './lib/cpu';
import { createDatabaseOn } from './lib/databases';
import type { Section } from './lib/report';

/**
 * Split throughput (瓜分): 100,000 active groups × 8 and × 15 members, each pool funded, one
 * slot split with the real job (set-based, chunks of 2,000 groups; two chunks in flight on
 * PostgreSQL, one on PGlite), on a fresh database per run.
 */
export async function benchSplit(
  engine: 'pglite' | 'postgres',
  adminUrl: string | undefined,
  postmasterPid: number | undefined,
  groups: number,
): Promise<Section> {
  const rows: Section['rows'] = [];
  for (const members of [8, 15]) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'besties-split-'));
    const database = adminUrl ? await createDatabaseOn(adminUrl) : null;
    const store = await openStore({ databaseUrl: database?.url, dataDir });
    try {
      const now = new Date();
      const seedStarted = performance.now();
      await seedSplitScenario(store, { groups, members, poolFen: 1_000, now });
      const seedSeconds = (performance.now() - seedStarted) / 1000;
      const meter = startCpuMeter({ postmasterPid });
      const started = performance.now();
      const result = await runPoolSplit(store, new Date(now.getTime() + 1000), { now, random: Math.random });
      const seconds = (performance.now() - started) / 1000;
      const cpu = meter.stop();
      const ledger = await checkLedger(store);
      rows.push({
        groups,
        members,
        'member shares': groups * members,
        'split (s)': seconds.toFixed(1),
        'shares/s': Math.round((groups * members) / seconds),
        'CPU ms per 1,000 shares: job': perUnitMs(cpu.benchMs, (groups * members) / 1000),
        database: databasePerUnitMs(cpu, (groups * members) / 1000, 'job'),
        'groups split': result?.groupsSplit ?? 0,
        'ledger balanced': ledger.balanced ? 'yes' : 'NO',
        'seed (s)': seedSeconds.toFixed(1),
      });
    } finally {
      await store.close();
      await database?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return {
    title: `Pool split throughput — ${engine}`,
    settings: `runPoolSplit over ${groups.toLocaleString('en')} active groups with funded pools, random policy, chunks of 2,000 groups per transaction (${engine === 'postgres' ? 'two at a time' : 'one at a time'}); CPU: what ${engine === 'pglite' ? "the job's process, with the embedded database in it," : "the job's process (computing the shares) and the database server (postmaster and all its children)"} used during the split, per 1,000 shares; targets ≥ 100,000 shares/s (PostgreSQL), ≥ 50,000/s (PGlite)`,
    rows,
    notes: [],
  };
}
