import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import type { BenchTarget } from './lib/report';

export interface BareServer {
  url: string;
  sessionToken: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts bench/bareServer.ts in its own process with the target's keys; resolves once it listens. */
export async function startBareServer(target: Pick<BenchTarget, 'appId' | 'appKey' | 'masterKey'>): Promise<BareServer> {
  const port = await freePort();
  const sessionToken = 'bare-session-token-0123456789abcd';
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.resolve('bench/bareServer.ts'), String(port), target.appId, target.appKey, target.masterKey, sessionToken],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bare server exited with ${code}`)));
    child.stdout!.once('data', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${port}`,
    sessionToken,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
