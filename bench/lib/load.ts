import autocannon from 'autocannon';

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

export interface LoadOptions {
  url: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  connections: number;
  /** Either a duration or a fixed number of requests (whichever ends first when both). */
  seconds?: number;
  amount?: number;
  /** Per-request customisation (different users, different targets). */
  setupRequest?: (request: { headers: Record<string, string>; body?: string }) => { headers: Record<string, string>; body?: string };
}

/** One bounded autocannon run against loopback; the rate is answers per second of the run. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  // autocannon notices the end of a run only at its next one-second tick, so its duration rounds
  // a short run up to whole seconds (10,000 calls in 3.1 s counted as 4 s). The rate here is
  // timed from the start to the last answer instead.
  const started = performance.now();
  let lastAnswer = started;
  const run = autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds ?? 10,
    amount: options.amount,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: options.path,
        headers: options.headers,
        body: options.body ?? '{}',
        ...(options.setupRequest ? { setupRequest: options.setupRequest as never } : {}),
      },
    ],
  });
  run.on('response', () => (lastAnswer = performance.now()));
  const result = await run;
  const seconds = (lastAnswer - started) / 1000 || result.duration || 1;
  return {
    requests: result.requests.total,
    perSecond: Math.round(result.requests.total / seconds),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

export function lcHeaders(keys: { appId: string; appKey: string }, session?: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-lc-id': keys.appId,
    'x-lc-key': keys.appKey,
    ...(session ? { 'x-lc-session': session } : {}),
  };
}

/** A call through plain HTTP (setup steps of benchmarks). */
export async function call<T>(
  url: string,
  keys: { appId: string; appKey: string; masterKey?: string },
  name: string,
  params: object,
  session?: string,
  master = false,
): Promise<T> {
  const headers = lcHeaders(master ? { appId: keys.appId, appKey: `${keys.masterKey},master` } : keys, session);
  const response = await fetch(`${url}/1.1/functions/${name}`, { method: 'POST', headers, body: JSON.stringify(params) });
  const body = (await response.json()) as { result: T; code?: number; error?: string };
  if (!response.ok) throw new Error(`${name} failed: ${response.status} ${JSON.stringify(body)}`);
  return body.result;
}
