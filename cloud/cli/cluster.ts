/**
 * `npm run cluster [-- N]`: N hosts (default 3) in demo mode on one throwaway PostgreSQL cluster,
 * behind a round-robin proxy on 127.0.0.1 (PORT, default 3000), for trying several hosts as one
 * and for the multi-host tests. Ctrl-C stops the hosts, the proxy and the database.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startRoundRobinProxy } from '../cluster/roundRobinProxy';

const MAX_HOSTS = 16;
const READY_TIMEOUT_MS = 120_000;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`a host exited with ${child.exitCode} before it was ready`);
    try {
      if ((await fetch(`${url}/1.1/date`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} was not ready after ${READY_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 3);
  if (!Number.isInteger(count) || count < 1 || count > MAX_HOSTS) {
    console.error(`usage: npm run cluster -- [hosts 1-${MAX_HOSTS}]`);
    process.exit(2);
  }
  const pgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'besties-cluster-pg-'));
  console.log('Starting a throwaway PostgreSQL cluster…');
  const databaseUrl = execFileSync('bash', ['scripts/pg-cluster.sh', 'start', pgDir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
  const hosts: Array<{ url: string; child: ChildProcess }> = [];
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const host of hosts) host.child.kill('SIGTERM');
    await Promise.all(hosts.map((h) => (h.child.exitCode === null ? new Promise((resolve) => h.child.once('exit', resolve)) : undefined)));
    execFileSync('bash', ['scripts/pg-cluster.sh', 'stop', pgDir], { stdio: 'inherit' });
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    // Started together on purpose: start-up on a fresh database must be safe with several hosts.
    for (let i = 0; i < count; i++) {
      const port = await freePort();
      const child = spawn(process.execPath, ['--import', 'tsx', 'cloud/main.ts'], {
        env: {
          ...process.env,
          DEMO: process.env.DEMO ?? '1',
          DATABASE_URL: databaseUrl,
          HOST: '127.0.0.1',
          PORT: String(port),
          TRUST_PROXY: '1',
          LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      hosts.push({ url: `http://127.0.0.1:${port}`, child });
    }
    await Promise.all(hosts.map((h) => waitReady(h.url, h.child)));
    const proxy = await startRoundRobinProxy(
      hosts.map((h) => h.url),
      Number(process.env.PORT ?? 3000),
    );
    for (const host of hosts) {
      host.child.once('exit', (code) => {
        if (!stopping) console.error(`host ${host.url} (pid ${host.child.pid}) exited with ${code}; the proxy skips it`);
      });
    }
    console.log(`\n${count} hosts on one PostgreSQL (${databaseUrl}) behind ${proxy.url}`);
    for (const host of hosts) console.log(`  host ${host.url}  pid ${host.child.pid}`);
    console.log(`Open ${proxy.url}/ (H5 app) or point the SDK's serverURL there. Ctrl-C stops everything.`);
  } catch (error) {
    console.error('The cluster could not start:', error instanceof Error ? error.message : error);
    await stop(1);
  }
}

void main();
