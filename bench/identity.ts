import { startBareServer } from './bare';
import { call, lcHeaders, runLoad, type LoadResult } from './lib/load';
import type { BenchTarget, Section } from './lib/report';

export const PARSE_SERVER_NOOP_PER_SECOND = 1850;

/**
 * No-op `ping` and `me` (session lookup) through the real HTTP path, each beside the same call to
 * a bare node:http server answering the same wire with nothing behind it (bench/bareServer.ts):
 * the ratio is the share of the floor the host reaches, measured minutes apart on one machine.
 */
export async function benchIdentity(target: BenchTarget, seconds: number): Promise<Section> {
  const login = await fetch(`${target.url}/1.1/login`, {
    method: 'POST',
    headers: lcHeaders(target),
    body: JSON.stringify({ username: 'alice', password: 'demo1234' }),
  });
  const { sessionToken } = (await login.json()) as { sessionToken: string };
  await call(target.url, target, 'me', {}, sessionToken);

  const bare = await startBareServer(target);
  const load = (url: string, name: string, token?: string) =>
    runLoad({ url, path: `/1.1/functions/${name}`, headers: lcHeaders(target, token), connections: 50, seconds });
  let results: Array<{ name: string; host: LoadResult; bare: LoadResult; target: number }>;
  try {
    const barePing = await load(bare.url, 'ping');
    const ping = await load(target.url, 'ping');
    const bareMe = await load(bare.url, 'me', bare.sessionToken);
    const me = await load(target.url, 'me', sessionToken);
    results = [
      { name: 'ping', host: ping, bare: barePing, target: 10_000 },
      { name: 'me', host: me, bare: bareMe, target: 8_000 },
    ];
  } finally {
    await bare.stop();
  }
  const rows = results.map((r) => ({
    function: r.name,
    'calls/s': r.host.perSecond,
    'p50 ms': r.host.p50Ms,
    'p99 ms': r.host.p99Ms,
    'non-2xx': r.host.non2xx + r.host.errors,
    target: `≥ ${r.target}`,
    'bare node:http calls/s': r.bare.perSecond,
    'vs bare node:http': `${(r.host.perSecond / r.bare.perSecond).toFixed(2)}×`,
    'vs Parse no-op (1,850/s)': `${(r.host.perSecond / PARSE_SERVER_NOOP_PER_SECOND).toFixed(1)}×`,
  }));
  return {
    title: `Calls through the real HTTP path — ${target.engine}`,
    settings: `autocannon, 50 connections, ${seconds} s per run, host in its own process; each call first against a bare node:http server answering the same wire (signature, JSON body, result shape, session looked up in memory), then against the host`,
    rows,
    notes: [],
  };
}
