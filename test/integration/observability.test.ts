import { createHost } from '../../cloud/host/createHost';
import { createLogger, setProcessLogger } from '../../cloud/observability/logger';
import { seedDemoGroup } from '../../cloud/seed/demoGroup';
import { fixedClock } from '../support/clock';
import { testEngine } from '../support/database';
import { startTestHost, type TestHost } from '../support/host';
import { seeded } from '../support/seeded';
import { leading } from '../support/at';

// Logs and metrics as an operator sees them: JSON lines carrying the request id of the call that
// wrote them, and Prometheus text behind METRICS_TOKEN whose counters move with the calls made.

const TOKEN = 'metrics-test-token-0123456789';
const logLines: Array<Record<string, unknown>> = [];
let host: TestHost;

beforeAll(async () => {
  // The host logs through the process logger; the test reads its lines back from here.
  setProcessLogger(createLogger({ level: 'info', destination: { write: (line: string) => void logLines.push(JSON.parse(line)) } }));
  host = await startTestHost({ demo: true, clock: fixedClock(), random: seeded(11), metricsToken: TOKEN, logLevel: 'info' });
  await seedDemoGroup(host.host.deps);
});
afterAll(async () => {
  await host.stop();
});

/** One sample of the text format: `name{label="value",…} number`. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A small parser of Prometheus' text exposition format (what the scrape returns). */
function parseMetrics(text: string): { samples: Sample[]; types: Map<string, string> } {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.startsWith('# TYPE ')) {
      const [, , name, type] = leading(line.split(' '), 4);
      types.set(name, type);
      continue;
    }
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key = '', value = ''] of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[key] = value.replace(/\\"/g, '"').replace(/\\n/g, '\n').replace(/\\\\/g, '\\');
    }
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return { samples, types };
}

function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return found.reduce((sum, s) => sum + s.value, 0);
}

async function scrape(): Promise<ReturnType<typeof parseMetrics>> {
  const response = await fetch(`${host.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseMetrics(await response.text());
}

async function call(name: string, params: unknown, options: { master?: boolean; requestId?: string } = {}): Promise<Response> {
  return fetch(`${host.url}/1.1/functions/${name}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-lc-id': host.appId,
      'x-lc-key': options.master ? `${host.masterKey},master` : host.appKey,
      ...(options.requestId ? { 'x-request-id': options.requestId } : {}),
    },
    body: JSON.stringify(params),
  });
}

describe(`observability (${testEngine()})`, () => {
  it('counts calls, errors by code and latency per function, and requests per route', async () => {
    const before = (await scrape()).samples;
    expect((await call('ledgerCheck', {}, { master: true })).status).toBe(200);
    expect((await call('ledgerCheck', {})).status).toBe(403); // 119: master key needed
    expect((await call('runPoolSplit', { slot: 'tomorrow' }, { master: true })).status).toBe(400); // 142
    expect((await call('noSuchFunction-' + Date.now(), {})).status).toBe(404); // 101, an unknown name
    const { samples, types } = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}) => value(samples, name, labels) - value(before, name, labels);

    expect(delta('besties_function_calls_total', { function: 'ledgerCheck' })).toBe(2);
    expect(delta('besties_function_calls_total', { function: 'runPoolSplit' })).toBe(1);
    expect(delta('besties_function_errors_total', { function: 'ledgerCheck', code: '119' })).toBe(1);
    expect(delta('besties_function_errors_total', { function: 'ledgerCheck' })).toBe(1);
    expect(delta('besties_function_errors_total', { function: 'runPoolSplit', code: '142' })).toBe(1);
    // Names the host does not know share one label value: a caller cannot grow the series.
    expect(delta('besties_function_calls_total', { function: 'unknown' })).toBe(1);
    expect(delta('besties_function_errors_total', { function: 'unknown', code: '101' })).toBe(1);
    expect(samples.some((s) => s.labels.function?.startsWith('noSuchFunction'))).toBe(false);

    expect(types.get('besties_function_duration_seconds')).toBe('histogram');
    const buckets = samples.filter((s) => s.name === 'besties_function_duration_seconds_bucket' && s.labels.function === 'ledgerCheck');
    expect(buckets.length).toBeGreaterThan(5);
    expect(buckets.find((s) => s.labels.le === '+Inf')!.value).toBe(
      value(samples, 'besties_function_duration_seconds_count', { function: 'ledgerCheck' }),
    );
    expect(delta('besties_function_duration_seconds_count', { function: 'ledgerCheck' })).toBe(2);

    const route = { method: 'POST', route: '/1.1/functions/:name' };
    expect(delta('besties_http_requests_total', { ...route, status: '200' })).toBe(1);
    expect(delta('besties_http_requests_total', { ...route, status: '403' })).toBe(1);
    expect(delta('besties_http_requests_total', { ...route, status: '400' })).toBe(1);
    expect(delta('besties_http_requests_total', { ...route, status: '404' })).toBe(1);
    // The first scrape is counted by the time of the second.
    expect(delta('besties_http_requests_total', { method: 'GET', route: '/metrics', status: '200' })).toBeGreaterThanOrEqual(1);

    // The database: the pool's counters on the server engine, PGlite's statement queue otherwise.
    if (host.store.engine === 'postgres') {
      expect(value(samples, 'besties_db_pool_connections')).toBeGreaterThanOrEqual(1);
      expect(samples.some((s) => s.name === 'besties_db_pool_idle_connections')).toBe(true);
      expect(samples.some((s) => s.name === 'besties_db_pool_waiting_requests')).toBe(true);
    } else {
      expect(samples.some((s) => s.name === 'besties_db_queued_statements')).toBe(true);
      expect(samples.some((s) => s.name === 'besties_db_pool_connections')).toBe(false);
    }
    // Process defaults are on.
    expect(value(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(types.get('besties_orders')).toBe('gauge');
    expect(types.get('besties_job_lag_seconds')).toBe('gauge');
  });

  it('answers 401 to a wrong token and has no /metrics without METRICS_TOKEN', async () => {
    expect((await fetch(`${host.url}/metrics`, { headers: { authorization: 'Bearer wrong-token' } })).status).toBe(401);
    expect((await fetch(`${host.url}/metrics`)).status).toBe(401);
    // One line: timeIsInjected.test.ts finds the clock on the line that creates the host.
    // prettier-ignore
    const withoutToken = await createHost({ ...host.config, metricsToken: undefined }, host.store, { clock: host.clock, logLevel: 'silent' });
    try {
      const url = await withoutToken.app.listen({ host: '127.0.0.1', port: 0 });
      expect((await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
    } finally {
      await withoutToken.app.close();
    }
  });

  it('gives every call a request id, echoed in the answer and on its log lines', async () => {
    const own = await call('ledgerCheck', {}, { master: true, requestId: 'ops-trace-42' });
    expect(own.headers.get('x-request-id')).toBe('ops-trace-42');
    expect(logLines.filter((line) => line.requestId === 'ops-trace-42').map((line) => line.msg)).toContain('request completed');

    const unsafe = await call('ledgerCheck', {}, { master: true, requestId: 'has spaces and "quotes"' });
    const generated = unsafe.headers.get('x-request-id')!;
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    const line = logLines.find((l) => l.requestId === generated && l.msg === 'request completed');
    expect(line).toMatchObject({ method: 'POST', route: '/1.1/functions/:name', status: 200, level: 'info' });
    // No credential reaches a log line.
    const text = logLines.map((l) => JSON.stringify(l)).join('\n');
    expect(text).not.toContain(host.masterKey);
    expect(text).not.toContain(TOKEN);
  });

  it('passes the request id to the work a call starts, and counts the ledger postings it writes', async () => {
    // The demo group's pool is split at tonight's 20:00 (Beijing): the clock moves past it and the
    // operator runs the split.
    (host.clock as ReturnType<typeof fixedClock>).set('2025-11-05T12:30:00.000Z');
    const before = (await scrape()).samples;
    const response = await call('runPoolSplit', { slot: '2025-11-05T12:00:00.000Z' }, { master: true, requestId: 'split-by-operator' });
    expect(response.status).toBe(200);
    const { result } = await response.json();
    expect(result.groupsSplit).toBeGreaterThan(0);
    expect(logLines.filter((line) => line.msg === 'pool split progress').at(-1)).toMatchObject({
      requestId: 'split-by-operator',
      groups: result.groupsSplit,
    });

    const after = (await scrape()).samples;
    const delta = (name: string, labels: Record<string, string> = {}) => value(after, name, labels) - value(before, name, labels);
    expect(delta('besties_ledger_postings_total', { kind: 'split' })).toBeGreaterThan(0);
    expect(delta('besties_ledger_moved_fen_total', { kind: 'split' })).toBe(result.totalFen);
  });
});
