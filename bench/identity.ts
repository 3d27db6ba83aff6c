import { call, lcHeaders, runLoad } from './lib/load';
import type { BenchTarget, Section } from './lib/report';

export const PARSE_SERVER_NOOP_PER_SECOND = 1850;

/** No-op `ping` and `me` (session lookup) through the real HTTP path. */
export async function benchIdentity(target: BenchTarget, seconds: number): Promise<Section> {
  const login = await fetch(`${target.url}/1.1/login`, {
    method: 'POST',
    headers: lcHeaders(target),
    body: JSON.stringify({ username: 'alice', password: 'demo1234' }),
  });
  const { sessionToken } = (await login.json()) as { sessionToken: string };
  await call(target.url, target, 'me', {}, sessionToken);

  const ping = await runLoad({ url: target.url, path: '/1.1/functions/ping', headers: lcHeaders(target), connections: 50, seconds });
  const me = await runLoad({ url: target.url, path: '/1.1/functions/me', headers: lcHeaders(target, sessionToken), connections: 50, seconds });
  const row = (name: string, r: typeof ping, target: number) => ({
    function: name,
    'calls/s': r.perSecond,
    'p50 ms': r.p50Ms,
    'p99 ms': r.p99Ms,
    'non-2xx': r.non2xx + r.errors,
    target: `≥ ${target}`,
    'vs Parse no-op (1,850/s)': `${(r.perSecond / PARSE_SERVER_NOOP_PER_SECOND).toFixed(1)}×`,
  });
  return {
    title: `Calls through the real HTTP path — ${target.engine}`,
    settings: `autocannon, 50 connections, ${seconds} s per function, host in its own process`,
    rows: [row('ping', ping, 10_000), row('me', me, 8_000)],
    notes: [],
  };
}
