import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../../cloud/store/open';
import type { Store } from '../../cloud/store/store';
import { call } from '../../bench/lib/load';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/database';
import { BENCH_KEYS, startHostProcess, type HostProcess } from '../support/hostProcess';
import { expectSplitOnce, seedSplitScenario } from '../support/seedSplit';
import { at } from '../support/at';

const GROUPS = 3000;
const MEMBERS = 8;
const POOL_FEN = 1000;

/**
 * The split survives a host killed in the middle of it, and two runners of one slot split each
 * group once. Hosts run as real processes (cloud/main.ts) on the engine under test.
 */
describe(`pool split crash and duplication (${testEngine()})`, () => {
  let database: TestDatabase;
  let dataDir: string;
  const hosts: HostProcess[] = [];

  const settings = () => ({ DATABASE_URL: database.databaseUrl, DATA_DIR: dataDir, SPLIT_CHUNK_GROUPS: '100' });
  const withStore = async <T>(work: (store: Store) => Promise<T>): Promise<T> => {
    const store = await openStore({ databaseUrl: database.databaseUrl, dataDir });
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  };
  const runSplit = (host: HostProcess, slot: string) =>
    call<{ groupsSplit: number; totalFen: number }>(host.url, BENCH_KEYS, 'runPoolSplit', { slot }, undefined, true);

  beforeEach(async () => {
    database = await createTestDatabase();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'besties-crash-'));
    await withStore((store) => seedSplitScenario(store, { groups: GROUPS, members: MEMBERS, poolFen: POOL_FEN, now: new Date() }));
  });
  afterEach(async () => {
    await Promise.all(hosts.splice(0).map((h) => h.stop()));
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const expectSplitOnceOf = (slot: string) => withStore((store) => expectSplitOnce(store, slot, GROUPS, MEMBERS, POOL_FEN));

  it('finishes a split after the host is killed in the middle of it, paying nothing twice', async () => {
    // A slot that has come: an operator's split of a future slot is refused.
    const slot = new Date().toISOString();
    let firstProgress: () => void = () => undefined;
    const progressed = new Promise<void>((resolve) => (firstProgress = resolve));
    // The split's progress lines are logged at info level, as JSON.
    const victim = await startHostProcess({ ...settings(), LOG_LEVEL: 'info' }, (line) => {
      if (line.includes('"msg":"pool split progress"')) firstProgress();
    });
    hosts.push(victim);
    const doomed = runSplit(victim, slot);
    doomed.catch(() => undefined);
    await progressed;
    await victim.kill();
    await expect(doomed).rejects.toThrow();

    const partial = await withStore(
      async (store) => at(await store.query<{ n: number }>('select count(*) as n from splits where slot = $1', [slot]), 0).n,
    );
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(GROUPS);

    const survivor = await startHostProcess(settings());
    hosts.push(survivor);
    const rest = await runSplit(survivor, slot);
    expect(rest.groupsSplit).toBe(GROUPS - partial);
    expect(await runSplit(survivor, slot)).toMatchObject({ groupsSplit: 0, totalFen: 0 });
    await survivor.stop();
    await expectSplitOnceOf(slot);
  });

  it('splits each group once when the same slot runs twice at the same moment', async () => {
    // A slot that has come: an operator's split of a future slot is refused.
    const slot = new Date().toISOString();
    // Two processes on one server; the embedded engine belongs to one process, so there the two
    // runs come through one host at once.
    const first = await startHostProcess(settings());
    hosts.push(first);
    const second = testEngine() === 'postgres' ? await startHostProcess(settings()) : first;
    if (second !== first) hosts.push(second);
    const [a, b] = await Promise.all([runSplit(first, slot), runSplit(second, slot)]);
    expect(a.groupsSplit + b.groupsSplit).toBe(GROUPS);
    expect(a.totalFen + b.totalFen).toBe(GROUPS * POOL_FEN);
    await Promise.all(hosts.splice(0).map((h) => h.stop()));
    await expectSplitOnceOf(slot);
  });
});
