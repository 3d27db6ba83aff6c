import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics, type Metric } from 'prom-client';
import { observeLedger } from '../store/ledger';
import { countOrdersByStatus } from '../store/orderCounts';
import type { Store } from '../store/store';
import { jobRunLogger, processLog, withLogger } from './logger';

/**
 * Prometheus metrics of this process, served by `GET /metrics` (cloud/host/server.ts). One
 * registry per process: the ledger and the scheduler report into it from wherever they run.
 * Every label has a bounded set of values (function names the host knows, error codes, route
 * patterns, job names, posting kinds, order states), so a caller cannot grow the series.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const functionCalls = new Counter({
  name: 'besties_function_calls_total',
  help: 'Cloud function calls, by function (names the host does not know share "unknown")',
  labelNames: ['function'],
  registers: [registry],
});
const functionErrors = new Counter({
  name: 'besties_function_errors_total',
  help: 'Cloud function calls that answered an error, by function and error code (1: internal error)',
  labelNames: ['function', 'code'],
  registers: [registry],
});
const functionDuration = new Histogram({
  name: 'besties_function_duration_seconds',
  help: 'Cloud function call time, access check to answer, by function',
  labelNames: ['function'],
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});
const readCacheLookups = new Counter({
  name: 'besties_read_cache_lookups_total',
  help: 'Read cache lookups of the most-read screens: hit (the stored answer was current) or miss (read from the database)',
  labelNames: ['outcome'],
  registers: [registry],
});

/** One lookup of the host's read cache (cloud/readCache.ts). */
export function recordReadCacheLookup(hit: boolean): void {
  readCacheLookups.inc({ outcome: hit ? 'hit' : 'miss' });
}

const httpRequests = new Counter({
  name: 'besties_http_requests_total',
  help: 'HTTP requests by method, route pattern ("unmatched" when no route) and status',
  labelNames: ['method', 'route', 'status'],
  registers: [registry],
});
const httpDuration = new Histogram({
  name: 'besties_http_request_duration_seconds',
  help: 'HTTP request time by method and route pattern',
  labelNames: ['method', 'route'],
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});
const jobRuns = new Counter({
  name: 'besties_job_runs_total',
  help: 'Scheduled job runs started, by job',
  labelNames: ['job'],
  registers: [registry],
});
const jobFailures = new Counter({
  name: 'besties_job_failures_total',
  help: 'Scheduled job runs that failed, by job',
  labelNames: ['job'],
  registers: [registry],
});
const jobLag = new Gauge({
  name: 'besties_job_lag_seconds',
  help: "How late the job's latest run started after its work was due (pool_split: after the split slot)",
  labelNames: ['job'],
  registers: [registry],
});
const jobDuration = new Histogram({
  name: 'besties_job_duration_seconds',
  help: 'Scheduled job run time, by job',
  labelNames: ['job'],
  buckets: [0.01, 0.1, 0.5, 1, 5, 15, 60, 300],
  registers: [registry],
});
const ledgerPostings = new Counter({
  name: 'besties_ledger_postings_total',
  help: 'Ledger postings written, by kind (counted when written: a transaction retried or rolled back afterwards counts too)',
  labelNames: ['kind'],
  registers: [registry],
});
const ledgerFen = new Counter({
  name: 'besties_ledger_moved_fen_total',
  help: 'Fen moved by ledger postings (the sum of their credits), by kind',
  labelNames: ['kind'],
  registers: [registry],
});

// Gauges read from the stores a host serves, on each scrape. A process normally has one store;
// test processes that run several hosts report their sum. Counted per store: two hosts may share
// one, and the first to close must not take it from the other.
const watchers = new Map<Store, number>();
const stores = watchers.keys.bind(watchers);

const poolGauges: Array<Gauge> = [
  poolGauge('besties_db_pool_connections', 'PostgreSQL pool: open connections', (c) => c.total),
  poolGauge('besties_db_pool_idle_connections', 'PostgreSQL pool: idle connections', (c) => c.idle),
  poolGauge('besties_db_pool_waiting_requests', 'PostgreSQL pool: requests waiting for a connection', (c) => c.waiting),
];
const queuedStatements = new Gauge({
  name: 'besties_db_queued_statements',
  help: 'Embedded PGlite: statements queued or running on its single connection',
  registers: [],
  collect() {
    this.set(sum((store) => store.stats?.().queuedStatements));
  },
});
// Payments are not in this build yet: when they come, payment states belong beside these.
new Gauge({
  name: 'besties_orders',
  help: 'Orders by state (paid, partially_refunded, refunded), counted in the database on each scrape',
  labelNames: ['state'],
  registers: [registry],
  async collect() {
    this.reset();
    for (const store of stores()) {
      try {
        for (const row of await countOrdersByStatus(store)) this.inc({ state: row.status }, row.count);
      } catch (error) {
        // A scrape while the database is away still serves the other metrics; /readyz says why.
        processLog().warn({ err: error }, 'metrics: orders could not be counted');
      }
    }
  },
});

function poolGauge(name: string, help: string, read: (c: { total: number; idle: number; waiting: number }) => number): Gauge {
  return new Gauge({
    name,
    help,
    registers: [],
    collect() {
      this.set(
        sum((store) => {
          const connections = store.stats?.().connections;
          return connections && read(connections);
        }),
      );
    },
  });
}

function sum(read: (store: Store) => number | undefined): number {
  let total = 0;
  for (const store of stores()) total += read(store) ?? 0;
  return total;
}

function registerOnce(metric: Metric): void {
  if (!registry.getSingleMetric((metric as unknown as { name: string }).name)) registry.registerMetric(metric);
}

let ledgerObserved = false;

/**
 * A host's store reports into the metrics until the returned function is called: the pool gauges
 * (PostgreSQL) or the queued-statement gauge (PGlite) appear once a store of that engine is
 * watched, and ledger postings are counted from then on.
 */
export function watchStore(store: Store): () => void {
  watchers.set(store, (watchers.get(store) ?? 0) + 1);
  if (store.engine === 'postgres') for (const gauge of poolGauges) registerOnce(gauge);
  else registerOnce(queuedStatements);
  if (!ledgerObserved) {
    ledgerObserved = true;
    observeLedger({
      posted: (kind, postings, fen) => {
        ledgerPostings.inc({ kind }, postings);
        ledgerFen.inc({ kind }, fen);
      },
    });
  }
  let watching = true;
  return () => {
    if (!watching) return;
    watching = false;
    const left = (watchers.get(store) ?? 1) - 1;
    if (left > 0) watchers.set(store, left);
    else watchers.delete(store);
  };
}

/** One cloud function call. `fn` must already be bounded (a known name or "unknown"). */
export function recordFunctionCall(fn: string, seconds: number, errorCode: number | undefined): void {
  functionCalls.inc({ function: fn });
  functionDuration.observe({ function: fn }, seconds);
  if (errorCode !== undefined) functionErrors.inc({ function: fn, code: String(errorCode) });
}

export function recordHttpRequest(method: string, route: string, status: number, seconds: number): void {
  httpRequests.inc({ method, route, status: String(status) });
  httpDuration.observe({ method, route }, seconds);
}

function jobLabel(job: string): string {
  return job.replace(/[^a-z0-9]+/gi, '_').toLowerCase();
}

/** How late a job's work started: now − when it was due (a split slot, a timer's tick). */
export function recordJobLag(job: string, lagMs: number): void {
  jobLag.set({ job: jobLabel(job) }, Math.max(0, lagMs) / 1000);
}

/**
 * Runs one scheduled job: counted, timed, its lag since `dueAtMs` recorded, and every line it
 * logs carrying its job run id. A failure is logged and counted, never thrown: the next tick
 * runs the job again.
 */
export async function trackJobRun(job: string, dueAtMs: number, work: () => Promise<unknown>): Promise<void> {
  const label = jobLabel(job);
  const log = jobRunLogger(label);
  const started = Date.now();
  jobRuns.inc({ job: label });
  recordJobLag(job, started - dueAtMs);
  try {
    await withLogger(log, work);
  } catch (error) {
    jobFailures.inc({ job: label });
    log.error({ err: error }, `${job} failed`);
  } finally {
    jobDuration.observe({ job: label }, (Date.now() - started) / 1000);
  }
}

/** The Prometheus text of every metric above and the process's defaults. */
export async function metricsText(): Promise<{ contentType: string; body: string }> {
  return { contentType: registry.contentType, body: await registry.metrics() };
}
