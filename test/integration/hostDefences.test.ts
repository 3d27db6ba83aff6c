import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { FixedClock } from '../../cloud/clock';
import { LOCAL_DEFAULTS, readConfig } from '../../cloud/config';
import { createHost, type Host } from '../../cloud/host/createHost';
import { startJobs } from '../../cloud/jobs/scheduler';
import { hashPassword } from '../../cloud/passwords';
import { countLoginAttemptRows } from '../../cloud/store/loginAttempts';
import { openStore } from '../../cloud/store/open';
import type { Store } from '../../cloud/store/store';
import { insertUser } from '../../cloud/store/users';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/database';
import { startHostProcess } from '../support/hostProcess';
import { at, firstOf } from '../support/at';

/**
 * The host's defences: login limits counted in the database, slow and greedy clients, production
 * settings, security headers and CORS. Several hosts with different settings share one database
 * here, as several hosts behind a balancer would.
 */

const APP = { id: 'defence-app', key: 'defence-key' };
const PASSWORD = 'right-password-1';
const clock = new FixedClock('2025-03-01T08:00:00Z');
let database: TestDatabase;
let store: Store;
const hosts: Host[] = [];

/**
 * Pages shaped like the builds (the H5 page has an inline viewport script, both name a script and
 * a stylesheet), so the headers are tested without depending on a build having run first.
 */
const pagesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'defence-pages-'));
function writePages(): void {
  const page = (inline: string) =>
    `<!doctype html><html><head><link rel="stylesheet" href="./app.css">${inline}</head><body><div id="root"></div><script src="./app.js"></script></body></html>`;
  for (const [dir, inline] of [
    ['h5', '<script>document.documentElement.style.fontSize = "20px";</script>'],
    ['console', ''],
  ] as const) {
    fs.mkdirSync(path.join(pagesDir, dir), { recursive: true });
    fs.writeFileSync(path.join(pagesDir, dir, 'index.html'), page(inline));
    fs.writeFileSync(path.join(pagesDir, dir, 'app.js'), 'document.getElementById("root").textContent = "ok";');
    fs.writeFileSync(path.join(pagesDir, dir, 'app.css'), 'body { margin: 0; }');
  }
}
writePages();

function baseEnv(): Record<string, string | undefined> {
  return {
    HOST: '127.0.0.1',
    PORT: '0',
    APP_ID: APP.id,
    APP_KEY: APP.key,
    MASTER_KEY: 'defence-master',
    DATABASE_URL: database.databaseUrl,
    DATA_DIR: ':memory:',
    DEMO: '0',
    H5_DIR: path.join(pagesDir, 'h5'),
    CONSOLE_DIR: path.join(pagesDir, 'console'),
    LOGIN_FAILURES_PER_ADDRESS: '8',
  };
}

/** A host on the shared database with these settings on top of the base ones; its URL. */
async function hostWith(env: Record<string, string>): Promise<{ url: string; host: Host }> {
  const config = readConfig({ ...baseEnv(), ...env });
  const host = await createHost(config, store, { clock, logLevel: process.env.TEST_LOG_LEVEL ?? 'silent' });
  await host.app.listen({ host: '127.0.0.1', port: 0 });
  hosts.push(host);
  return { url: `http://127.0.0.1:${(host.app.server.address() as AddressInfo).port}`, host };
}

async function login(url: string, username: string, password: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/1.1/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-lc-id': APP.id, 'x-lc-key': APP.key, ...headers },
    body: JSON.stringify({ username, password }),
  });
  const body = (await response.json()) as { code?: number; error?: string; sessionToken?: string };
  return { status: response.status, body, retryAfter: Number(response.headers.get('retry-after') ?? NaN) };
}

let main: string; // TRUST_PROXY off, no connection cap worth mentioning (the storm needs 300 sockets)
let proxied: string; // TRUST_PROXY on

beforeAll(async () => {
  database = await createTestDatabase();
  store = await openStore(readConfig(baseEnv()));
  const hash = await hashPassword(PASSWORD);
  for (const username of ['owner', 'victim', 'timed', 'proxied']) {
    await insertUser(store, { username, passwordHash: hash, nickname: username, gender: 'unknown', taoqi: 0, roles: [] }, clock.now());
  }
  main = (await hostWith({ MAX_CONNECTIONS_PER_ADDRESS: '1000' })).url;
  proxied = (await hostWith({ TRUST_PROXY: '1' })).url;
});

afterAll(async () => {
  for (const host of hosts) await host.app.close();
  await store.close();
  await database.drop();
  fs.rmSync(pagesDir, { recursive: true, force: true });
});

// Every test starts past every login window: the clock is the only thing that moves them.
beforeEach(() => clock.advance(60 * 60 * 1000));

describe(`login limits (${testEngine()})`, () => {
  it('checks at most the free failures of 300 concurrent wrong passwords; the rest wait (429)', async () => {
    const results = await Promise.all(Array.from({ length: 300 }, (_, i) => login(main, 'victim', `wrong-${i}`)));
    const checked = results.filter((r) => r.status === 400 && r.body.code === 210).length;
    const limited = results.filter((r) => r.status === 429 && r.body.code === 429);
    // Every wrong password that reached the check answered 210; none of the others did.
    console.log(`300 concurrent wrong passwords: ${checked} reached the password check, ${limited.length} answered 429`);
    expect(checked).toBeLessThanOrEqual(5);
    expect(checked).toBeGreaterThanOrEqual(1);
    expect(checked + limited.length).toBe(300);
    expect(at(limited, 0).body.error).toMatch(/请 \d+ 秒后再试.*too many failed logins/);
    expect(at(limited, 0).retryAfter).toBeGreaterThanOrEqual(1);
  });

  it('backs off exponentially up to a minute, and the owner gets in once the wait is over', async () => {
    // From ever new addresses (through a trusted proxy), so that only the username's limit acts.
    let n = 0;
    const guess = (password = 'guess') => login(proxied, 'owner', password, { 'x-forwarded-for': `192.0.2.${n++}` });
    for (let i = 0; i < 5; i++) expect((await guess()).status).toBe(400);
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      const refused = await guess();
      expect(refused.status).toBe(429);
      waits.push(refused.retryAfter);
      clock.advance(refused.retryAfter * 1000);
      expect((await guess()).status).toBe(400);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
    // The owner, right now: wait for the announced time (never 15 minutes), then in.
    const blocked = await guess(PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.retryAfter).toBeLessThanOrEqual(60);
    clock.advance(blocked.retryAfter * 1000);
    const ok = await guess(PASSWORD);
    expect(ok.status).toBe(200);
    expect(ok.body.sessionToken).toBeTruthy();
    // A success starts the username over.
    expect((await guess()).status).toBe(400);
  });

  it('spends the same time on an unknown username as on a wrong password for a real one', async () => {
    const known: number[] = [];
    const unknown: number[] = [];
    const timed = async (username: string) => {
      // Past every window, so that each sample reaches the password check.
      clock.advance(16 * 60 * 1000);
      const started = process.hrtime.bigint();
      const result = await login(main, username, 'not-the-password');
      expect(result.status).toBe(400);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    await timed('timed');
    await timed('nobody-at-all');
    for (let i = 0; i < 15; i++) {
      known.push(await timed('timed'));
      unknown.push(await timed(`nobody-${i}`));
    }
    const median = (values: number[]) =>
      at(
        [...values].sort((a, b) => a - b),
        Math.floor(values.length / 2),
      );
    const ratio = median(known) / median(unknown);
    console.log(`wrong password: real user ${median(known).toFixed(1)} ms, unknown user ${median(unknown).toFixed(1)} ms (median of 15)`);
    // Before: 33 ms against 3 ms (ratio 11). Now both run one scrypt.
    expect(ratio).toBeGreaterThan(0.6);
    expect(ratio).toBeLessThan(1.6);
  });

  it('limits one address over many usernames, by the socket address unless TRUST_PROXY is set', async () => {
    // TRUST_PROXY off: X-Forwarded-For is anyone's to write, so it changes nothing.
    const spoofed = [];
    for (let i = 0; i < 10; i++) spoofed.push((await login(main, `spray-${i}`, 'x', { 'x-forwarded-for': `198.51.100.${i}` })).status);
    expect(spoofed).toEqual([400, 400, 400, 400, 400, 400, 400, 400, 429, 429]);

    // Behind a trusted proxy the header names the client: different clients are counted apart …
    const apart = [];
    for (let i = 0; i < 10; i++) apart.push((await login(proxied, `spray2-${i}`, 'x', { 'x-forwarded-for': `198.51.100.${i}` })).status);
    expect(apart).toEqual(Array(10).fill(400));
    // … and one client is limited, whatever the usernames.
    const one = [];
    for (let i = 0; i < 10; i++) one.push((await login(proxied, `spray3-${i}`, 'x', { 'x-forwarded-for': '203.0.113.7' })).status);
    expect(one).toEqual([400, 400, 400, 400, 400, 400, 400, 400, 429, 429]);
    // A success does not count against the address.
    clock.advance(16 * 60 * 1000);
    for (let i = 0; i < 10; i++) expect((await login(proxied, 'proxied', PASSWORD, { 'x-forwarded-for': '203.0.113.8' })).status).toBe(200);
    expect((await login(proxied, 'spray4', 'x', { 'x-forwarded-for': '203.0.113.8' })).status).toBe(400);
  });

  it('lets a crowd behind one address log in at the same moment: only failures count against it', async () => {
    // More users than the address may fail for (8 here), all logging in at once through one NAT.
    const hash = await hashPassword(PASSWORD);
    const names = Array.from({ length: 30 }, (_, i) => `crowd-${i}`);
    for (const username of names) {
      await insertUser(store, { username, passwordHash: hash, nickname: username, gender: 'unknown', taoqi: 0, roles: [] }, clock.now());
    }
    const answers = await Promise.all(names.map((username) => login(proxied, username, PASSWORD, { 'x-forwarded-for': '203.0.113.50' })));
    expect(answers.map((answer) => answer.status)).toEqual(Array(names.length).fill(200));
    // The address still has its whole failure budget.
    const failures = [];
    for (let i = 0; i < 9; i++)
      failures.push((await login(proxied, `crowd-wrong-${i}`, 'x', { 'x-forwarded-for': '203.0.113.50' })).status);
    expect(failures).toEqual([400, 400, 400, 400, 400, 400, 400, 400, 429]);
  });

  it('prunes old attempt rows on the session sweep', async () => {
    await login(main, 'prune-me', 'x');
    expect(await countLoginAttemptRows(store)).toBeGreaterThan(0);
    clock.advance(60 * 60 * 1000);
    const jobs = startJobs(at(hosts, 0).deps);
    await jobs.stop();
    expect(await countLoginAttemptRows(store)).toBe(0);
  });
});

/** Opens a raw socket from `localAddress`; resolves once connected. */
function rawSocket(url: string, localAddress = '127.0.0.1'): Promise<net.Socket & { closedAt?: number }> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket: net.Socket & { closedAt?: number } = net.connect({ host: '127.0.0.1', port: Number(port), localAddress });
    socket.resume();
    socket.on('error', () => undefined);
    socket.on('close', () => (socket.closedAt = Date.now()));
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

const until = async (condition: () => boolean, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return condition();
};

describe(`slow and greedy clients (${testEngine()})`, () => {
  let url: string;
  beforeAll(async () => {
    url = (
      await hostWith({
        HEADERS_TIMEOUT_SECONDS: '0.5',
        REQUEST_TIMEOUT_SECONDS: '1',
        KEEP_ALIVE_TIMEOUT_SECONDS: '0.5',
        IDLE_TIMEOUT_SECONDS: '5',
        MAX_CONNECTIONS_PER_ADDRESS: '10',
      })
    ).url;
  });

  it('drops a client that announces a body and never sends it, and one that sends nothing', async () => {
    const started = Date.now();
    const slowBody = await rawSocket(url);
    slowBody.write(
      `POST /1.1/functions/ping HTTP/1.1\r\nHost: x\r\nX-LC-Id: ${APP.id}\r\nX-LC-Key: ${APP.key}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`,
    );
    const silent = await rawSocket(url);
    const slowHeaders = await rawSocket(url);
    slowHeaders.write('GET /1.1/date HTTP/1.1\r\nHost: x\r\n');
    expect(await until(() => Boolean(slowBody.closedAt && silent.closedAt && slowHeaders.closedAt), 5000)).toBe(true);
    // Within the 1 s request timeout plus Node's check interval.
    expect(slowBody.closedAt! - started).toBeLessThan(2500);
    expect(silent.closedAt! - started).toBeLessThan(2500);
  });

  it('caps connections per address, and other clients are still answered while slow ones hang on', async () => {
    // 127.0.0.2 is loopback too, but another address to the host.
    const greedy = await Promise.all(Array.from({ length: 15 }, () => rawSocket(url, '127.0.0.2')));
    for (const socket of greedy) socket.write('POST /1.1/functions/ping HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{');
    expect(await until(() => greedy.filter((s) => s.closedAt).length >= 5, 2000)).toBe(true);
    expect(greedy.filter((s) => s.closedAt).length).toBe(5);
    const started = Date.now();
    const response = await fetch(`${url}/1.1/date`);
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(500);
    // The ten it kept are dropped at the request timeout; the address may connect again.
    expect(await until(() => greedy.every((s) => s.closedAt), 5000)).toBe(true);
    const again = await rawSocket(url, '127.0.0.2');
    again.write('GET /1.1/date HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    const reply = await new Promise<string>((resolve) => {
      let text = '';
      again.on('data', (chunk) => (text += chunk.toString()));
      again.on('close', () => resolve(text));
    });
    expect(reply).toMatch(/^HTTP\/1.1 200/);
  });
});

describe(`headers, CORS and probes (${testEngine()})`, () => {
  it('serves the H5 app with a policy that allows exactly what its page loads', async () => {
    const page = await fetch(`${main}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const policy = page.headers.get('content-security-policy')!;
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("connect-src 'self'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    // The inline viewport script runs only if its hash is in script-src.
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(inline.length).toBeGreaterThan(0);
    for (const script of inline) {
      expect(policy).toContain(`'sha256-${crypto.createHash('sha256').update(script).digest('base64')}'`);
    }
    expect(policy).not.toContain('unsafe-eval');
    // Every script and stylesheet the page names comes from the same origin and loads.
    const assets = [...html.matchAll(/(?:src|href)="(\.?\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(1);
    for (const asset of assets) {
      const response = await fetch(new URL(asset, `${main}/`));
      expect(response.status).toBe(200);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-type')).toMatch(/javascript|css/);
      await response.arrayBuffer();
    }
  });

  it('serves the console page with the same headers', async () => {
    const page = await fetch(`${main}/console/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    await page.text();
  });

  it('sends no policy with a 304, so a page reloaded from the cache keeps its own', async () => {
    // node:http, as a browser revalidates: fetch does not hand a 304 to its caller.
    const get = (headers: Record<string, string>) =>
      new Promise<http.IncomingMessage>((resolve, reject) => {
        http
          .get(`${main}/console/`, { headers }, (res) => {
            res.resume();
            resolve(res);
          })
          .on('error', reject);
      });
    const first = await get({});
    expect(first.statusCode).toBe(200);
    const again = await get({ 'if-none-match': String(first.headers.etag), 'if-modified-since': String(first.headers['last-modified']) });
    expect(again.statusCode).toBe(304);
    // The browser merges a 304's headers into the cached page's: "default-src 'none'" here
    // stopped the console's script on every reload.
    expect(again.headers['content-security-policy']).toBeUndefined();
    expect(again.headers['x-content-type-options']).toBe('nosniff');
  });

  it('gives API answers nosniff and a policy that loads nothing', async () => {
    const response = await fetch(`${main}/1.1/date`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    const refused = await login(main, '', '');
    expect(refused.status).toBe(400);
  });

  it('allows cross-origin callers only as configured', async () => {
    const preflight = (url: string, origin: string) =>
      fetch(`${url}/1.1/functions/ping`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-lc-id' },
      });
    // Not demo, no CORS_ORIGINS: same origin only.
    expect((await preflight(main, 'https://elsewhere.example')).headers.get('access-control-allow-origin')).toBeNull();
    const listed = (await hostWith({ CORS_ORIGINS: 'https://shop.example, https://admin.example' })).url;
    expect((await preflight(listed, 'https://shop.example')).headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect((await preflight(listed, 'https://elsewhere.example')).headers.get('access-control-allow-origin')).toBeNull();
    const demo = (await hostWith({ DEMO: '1' })).url;
    expect((await preflight(demo, 'http://192.168.1.20:10086')).headers.get('access-control-allow-origin')).toBe(
      'http://192.168.1.20:10086',
    );
  });

  it('answers /healthz and /readyz without credentials, and /readyz 503 when the database is not ready', async () => {
    expect((await fetch(`${main}/healthz`)).status).toBe(200);
    const ready = await fetch(`${main}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    const latest = firstOf(
      await store.query<{ version: number; name: string }>('select version, name from schema_migrations order by version desc limit 1'),
    );
    await store.query('delete from schema_migrations where version = $1', [latest.version]);
    try {
      const pending = await fetch(`${main}/readyz`);
      expect(pending.status).toBe(503);
      expect(await pending.json()).toMatchObject({ status: 'migrations pending', missing: [latest.version] });
    } finally {
      await store.query('insert into schema_migrations (version, name) values ($1, $2)', [latest.version, latest.name]);
    }
    // A host whose database is gone.
    const lost = await openStore(readConfig(baseEnv()));
    const host = await createHost(readConfig(baseEnv()), lost, { clock, logLevel: 'silent' });
    await lost.close();
    await host.app.listen({ host: '127.0.0.1', port: 0 });
    const lostUrl = `http://127.0.0.1:${(host.app.server.address() as AddressInfo).port}`;
    try {
      const response = await fetch(`${lostUrl}/readyz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'database unreachable' });
      expect((await fetch(`${lostUrl}/healthz`)).status).toBe(200);
    } finally {
      await host.app.close();
    }
  });
});

describe('production mode, through the real process', () => {
  const runMain = (env: Record<string, string>) =>
    new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('cloud/main.ts')], {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, HOST: '127.0.0.1', PORT: '0', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      child.on('exit', (code) => resolve({ code, output }));
    });

  it('refuses to start with a local-default master key, naming the setting', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'defences-'));
    try {
      const result = await runMain({
        NODE_ENV: 'production',
        DATA_DIR: dataDir,
        APP_KEY: 'a-real-app-key-of-some-length',
        MASTER_KEY: LOCAL_DEFAULTS.MASTER_KEY,
        HOOK_SECRET: 'a-real-hook-secret-of-some-length',
      });
      expect(result.code).not.toBe(0);
      expect(result.output).toContain('MASTER_KEY is the local default');
      expect(result.output).not.toContain('host ready');
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('never prints the master key or the hook secret in the banner', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'defences-'));
    const lines: string[] = [];
    const db = await createTestDatabase();
    const proc = await startHostProcess(
      {
        DATABASE_URL: db.databaseUrl,
        DATA_DIR: dataDir,
        MASTER_KEY: LOCAL_DEFAULTS.MASTER_KEY,
        HOOK_SECRET: 'a-set-hook-secret-value',
        DEMO: '0',
      },
      (line) => lines.push(line),
    );
    try {
      expect((await fetch(`${proc.url}/healthz`)).status).toBe(200);
      expect(await until(() => lines.some((line) => line.includes('Hook secret')), 5000)).toBe(true);
      const banner = lines.join('\n');
      expect(banner).toContain('(local default — set MASTER_KEY)');
      expect(banner).not.toContain(LOCAL_DEFAULTS.MASTER_KEY);
      expect(banner).not.toContain('a-set-hook-secret-value');
    } finally {
      await proc.stop();
      await db.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
