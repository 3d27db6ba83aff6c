import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export interface HostProcess {
  url: string;
  pid: number;
  /** Milliseconds from spawn until `GET /1.1/date` answered. */
  readyMs: number;
  rssKB(): number;
  stop(): Promise<void>;
  /** Ends the process at once, as a crash would (no graceful shutdown). */
  kill(): Promise<void>;
}

export const BENCH_KEYS = { appId: 'bench-app', appKey: 'bench-key', masterKey: 'bench-master' };

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Runs the real host (`cloud/main.ts`) as its own process, so that the load generator in this
 * process does not share its event loop, and waits until it answers.
 */
export async function startHostProcess(
  env: Record<string, string | undefined>,
  onLine?: (line: string) => void,
  /** Another checkout whose host to run (a benchmark's baseline); this one by default. */
  checkout = '.',
): Promise<HostProcess> {
  // A caller that must know the address before the host starts (its PUBLIC_URL) names the port.
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const started = Date.now();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...((env.HOST_NODE_ARGS ?? process.env.HOST_NODE_ARGS)?.split(' ').filter(Boolean) ?? []),
      '--import',
      'tsx',
      path.resolve(checkout, 'cloud/main.ts'),
    ],
    {
      cwd: path.resolve(checkout),
      env: { ...process.env, ...BENCH_KEYS_ENV, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'error', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let pending = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) onLine?.(line);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`host exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/1.1/date`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('host did not become ready in 120 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const readyMs = Date.now() - started;
  return {
    url,
    pid: child.pid!,
    readyMs,
    rssKB: () => {
      const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
    kill: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

const BENCH_KEYS_ENV = { APP_ID: BENCH_KEYS.appId, APP_KEY: BENCH_KEYS.appKey, MASTER_KEY: BENCH_KEYS.masterKey };
