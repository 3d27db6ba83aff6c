import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { readConfig } from '../../cloud/config';
import { createHost, type Host } from '../../cloud/host/createHost';
import { hookSignature } from '../../cloud/host/hookRoutes';
import { seedDemo } from '../../cloud/seed/demo';
import { accountBalances, tableRowCounts } from '../../cloud/store/backupInfo';
import { openStore } from '../../cloud/store/open';
import type { Store } from '../../cloud/store/store';
import type { FunctionName, ParamsOf, ResultOf } from '../../contract/functions';
import { fixedClock } from '../support/clock';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/database';
import { seeded } from '../support/seeded';
import { at } from '../support/at';

/**
 * A backup taken with `npm run backup` and restored with `npm run restore` (the real entry
 * points, as child processes) brings back every fen: the ledger balances to the same sums, every
 * account and wallet holds what it held, every table has its rows, and sessions still log in.
 */

jest.setTimeout(240_000);

const KEYS = { APP_ID: 'backup-app', APP_KEY: 'backup-key', MASTER_KEY: 'backup-master', HOOK_SECRET: 'backup-hook-secret' };
const USERS = ['alice', 'bella', 'cathy', 'david', 'emma'];
const ROOT = path.resolve(__dirname, '../..');
/** The hosts' clock, the original's and the restored one's alike: it moves when the test moves it. */
const clock = fixedClock();

interface RunningHost {
  url: string;
  store: Store;
  host: Host;
  stop(): Promise<void>;
}

/** A host on a given database (a server database, or an embedded data directory on disk). */
async function openHost(target: { databaseUrl?: string; dataDir: string }, demo: boolean): Promise<RunningHost> {
  const config = readConfig({
    ...KEYS,
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: target.databaseUrl,
    DATA_DIR: target.dataDir,
    DEMO: demo ? '1' : '0',
    H5_DIR: path.join(target.dataDir, 'no-h5'),
    CONSOLE_DIR: path.join(target.dataDir, 'no-console'),
  });
  const store = await openStore(config);
  try {
    if (demo) await seedDemo(store, clock);
    // Random numbers below every demo probability: each share draws a packet, so the seed moves money.
    const random = seeded(7);
    // One line: timeIsInjected.test.ts finds the clock on the line that creates the host.
    // prettier-ignore
    const host = await createHost(config, store, { clock, random: () => random() * 0.05, logLevel: process.env.TEST_LOG_LEVEL ?? 'silent' });
    await host.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = host.app.server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      store,
      host,
      stop: async () => {
        await host.app.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** A cloud function over the wire, as a client would call it (X-LC-Key, or the master key). */
async function call<N extends FunctionName>(
  h: RunningHost,
  name: N,
  params: ParamsOf<N>,
  as: { session?: string; master?: boolean } = {},
): Promise<ResultOf<N>> {
  const response = await fetch(`${h.url}/1.1/functions/${name}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-lc-id': KEYS.APP_ID,
      'x-lc-key': as.master ? `${KEYS.MASTER_KEY},master` : KEYS.APP_KEY,
      ...(as.session ? { 'x-lc-session': as.session } : {}),
    },
    body: JSON.stringify(params),
  });
  const body = (await response.json()) as { result?: ResultOf<N>; code?: number; error?: string };
  if (!response.ok) throw new Error(`${name}: ${response.status} ${body.code} ${body.error}`);
  return body.result as ResultOf<N>;
}

async function login(h: RunningHost, username: string): Promise<string> {
  const response = await fetch(`${h.url}/1.1/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-lc-id': KEYS.APP_ID, 'x-lc-key': KEYS.APP_KEY },
    body: JSON.stringify({ username, password: 'demo1234' }),
  });
  const body = (await response.json()) as { sessionToken: string };
  expect(response.status).toBe(200);
  return body.sessionToken;
}

async function sendHook(h: RunningHost, body: object): Promise<number> {
  const raw = JSON.stringify(body);
  const response = await fetch(`${h.url}/hooks/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hook-signature': hookSignature(KEYS.HOOK_SECRET, raw) },
    body: raw,
  });
  return response.status;
}

/** Runs `node --import tsx cloud/cli/<name>.ts args` as `npm run <name>` does, on the given settings. */
function cli(name: 'backup' | 'restore', args: string[], env: { databaseUrl?: string; dataDir: string }) {
  return new Promise<{ code: number | null; stdout: string; stderr: string; ms: number }>((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, `cloud/cli/${name}.ts`), ...args], {
      cwd: ROOT,
      // DATABASE_URL empty (not absent) so a .env in the tree cannot point the embedded case at a server.
      env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: env.databaseUrl ?? '', DATA_DIR: env.dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

interface Snapshot {
  ledger: ResultOf<'ledgerCheck'>;
  wallets: Record<string, number>;
  balances: Record<string, number>;
  rows: Record<string, number>;
}

async function snapshot(h: RunningHost, tokens: Map<string, string>): Promise<Snapshot> {
  const wallets: Record<string, number> = {};
  for (const [name, token] of tokens) wallets[name] = (await call(h, 'myWallet', {}, { session: token })).balanceFen;
  return {
    ledger: await call(h, 'ledgerCheck', {}, { master: true }),
    wallets,
    balances: await accountBalances(h.store),
    rows: await tableRowCounts(h.store),
  };
}

/** Money moves every way the ledger knows: a share packet, a purchase reserved and unlocked, a split, a second share left in the pool. */
async function seedMoney(h: RunningHost, tokens: Map<string, string>): Promise<void> {
  for (const name of USERS) tokens.set(name, await login(h, name));
  const as = (name: string) => ({ session: tokens.get(name)! });
  const userId = async (name: string) => (await call(h, 'me', {}, as(name))).user.objectId;
  let seq = 0;
  const rid = () => `backup-${Date.now()}-${++seq}`;

  const { group } = await call(h, 'createGroup', { name: '备份测试群', requestId: rid() }, as('alice'));
  const { inviteCode } = await call(h, 'createInvite', { groupId: group.groupId }, as('alice'));
  for (const name of ['bella', 'cathy', 'david']) await call(h, 'joinGroup', { inviteCode }, as(name));
  const { products } = await call(h, 'listProducts', { limit: 3 }, as('alice'));
  expect(products.length).toBeGreaterThanOrEqual(2);

  const { item } = await call(
    h,
    'addWishlistItem',
    { groupId: group.groupId, productId: at(products, 0).productId, requestId: rid() },
    as('alice'),
  );
  const shared = await call(h, 'shareItem', { groupId: group.groupId, itemId: item.itemId, requestId: rid() }, as('alice'));
  expect(shared.redPacket).not.toBeNull();

  const bought = await call(
    h,
    'simulateCheckout',
    { lines: [{ productId: at(products, 0).productId, qty: 1, shareId: shared.share.shareId }], requestId: rid() },
    as('bella'),
  );
  expect(bought.redPackets).toHaveLength(1);
  expect(
    await sendHook(h, {
      type: 'completed',
      orderId: bought.order.orderId,
      userId: await userId('bella'),
      timestamp: clock.now().getTime(),
    }),
  ).toBe(200);

  // A slot a second ahead, reached by moving the clock past it.
  const slot = new Date(clock.now().getTime() + 1000).toISOString();
  clock.advance(1100);
  const split = await call(h, 'runPoolSplit', { slot }, { master: true });
  expect(split.groupsSplit).toBeGreaterThanOrEqual(1);

  const { item: second } = await call(
    h,
    'addWishlistItem',
    { groupId: group.groupId, productId: at(products, 1).productId, requestId: rid() },
    as('bella'),
  );
  const again = await call(h, 'shareItem', { groupId: group.groupId, itemId: second.itemId, requestId: rid() }, as('bella'));
  expect(again.redPacket).not.toBeNull();
  // A group that never became active, and a user outside every group: tables with rows of every kind.
  await call(h, 'createGroup', { name: '还在组建', requestId: rid() }, as('emma'));
}

describe(`backup and restore through the CLI (${testEngine()})`, () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'besties-backup-'));
  const databases: TestDatabase[] = [];
  const hosts: RunningHost[] = [];

  afterAll(async () => {
    for (const h of hosts) await h.stop().catch(() => undefined);
    for (const d of databases) await d.drop().catch(() => undefined);
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  /** A fresh, empty database on the engine under test: a server database, or a new data directory. */
  async function freshTarget(name: string): Promise<{ databaseUrl?: string; dataDir: string }> {
    const database = await createTestDatabase();
    databases.push(database);
    return { databaseUrl: database.databaseUrl, dataDir: path.join(scratch, name) };
  }

  it('restores every balance, every row and the balanced ledger into a fresh database', async () => {
    const source = await freshTarget('source');
    const original = await openHost(source, true);
    hosts.push(original);
    const tokens = new Map<string, string>();
    await seedMoney(original, tokens);
    const before = await snapshot(original, tokens);
    expect(before.ledger.balanced).toBe(true);
    expect(before.ledger.entries).toBeGreaterThan(0);
    expect(Object.values(before.wallets).some((fen) => fen > 0)).toBe(true);
    expect(Object.values(before.balances).filter((fen) => fen !== 0).length).toBeGreaterThan(3);

    const file = path.join(scratch, 'besties.backup');
    if (!source.databaseUrl) {
      // The embedded database is one process's: a backup while a host has it open is refused.
      const refused = await cli('backup', [file], source);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/in use by process \d+/);
      expect(fs.existsSync(file)).toBe(false);
      await original.stop();
      hosts.splice(hosts.indexOf(original), 1);
    }
    // On a server the host keeps running: pg_dump takes a consistent snapshot beside it.
    const backup = await cli('backup', [file], source);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(new RegExp(`tables: ${Object.keys(before.rows).length}, ${sumOf(before.rows)} rows`));
    expect(fs.statSync(file).size).toBeGreaterThan(0);
    if (source.databaseUrl) await original.stop().then(() => hosts.splice(hosts.indexOf(original), 1));

    const target = await freshTarget('restored');
    const restore = await cli('restore', [file], target);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(new RegExp(`tables: ${Object.keys(before.rows).length}, ${sumOf(before.rows)} rows`));
    // What an operator reads: size, tables, time.
    console.log(
      `${testEngine()}: backup ${backup.ms} ms (${fs.statSync(file).size} bytes), restore ${restore.ms} ms, both including node start\n${backup.stdout}\n${restore.stdout}`,
    );

    // A second restore over it is refused without --force, and replaces it with --force.
    const again = await cli('restore', [file], target);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/--force/);
    const forced = await cli('restore', [file, '--force'], target);
    expect(forced.stderr).toBe('');
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/replacing what was there/);

    const restored = await openHost(target, false);
    hosts.push(restored);
    const after = await snapshot(restored, tokens);
    expect(after.ledger).toEqual(before.ledger);
    expect(after.wallets).toEqual(before.wallets);
    expect(after.balances).toEqual(before.balances);
    expect(after.rows).toEqual(before.rows);
  });

  it('refuses a backup of the other engine, a missing file and a missing database, with a message and a non-zero exit', async () => {
    const target = await freshTarget('other');
    const foreign = path.join(scratch, 'foreign.backup');
    // The first bytes of the other engine's format are enough for restore to tell them apart.
    fs.writeFileSync(foreign, target.databaseUrl ? Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]) : Buffer.from('PGDMP\x01\x0e\x00'));
    const wrongEngine = await cli('restore', [foreign], target);
    expect(wrongEngine.code).toBe(1);
    expect(wrongEngine.stderr).toMatch(target.databaseUrl ? /backup of the embedded database/ : /pg_dump archive/);

    const missing = await cli('restore', [path.join(scratch, 'nothing-here')], target);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/does not exist/);

    const usage = await cli('backup', [], target);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/usage: npm run backup/);

    if (!target.databaseUrl) {
      const nothing = await cli('backup', [path.join(scratch, 'empty.backup')], { dataDir: path.join(scratch, 'never-created') });
      expect(nothing.code).toBe(1);
      expect(nothing.stderr).toMatch(/no embedded database/);
    }
  });
});

function sumOf(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}
