import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Headers that carry credentials. A log line that includes request headers (an error logged with
 * its request, a debugging line) shows them as "[redacted]": logs are read by more people, and
 * kept longer, than the secrets they would otherwise leak.
 */
export const SECRET_HEADERS = ['authorization', 'x-lc-session', 'x-lc-sign', 'x-lc-key', 'x-hook-signature', 'cookie'] as const;

/** Fields that hold a secret wherever they appear in a logged object (one level deep). */
const SECRET_FIELDS = ['sessionToken', 'password', 'masterKey', 'hookSecret', 'secret'] as const;

export const REDACT_PATHS: string[] = [
  ...['req.headers', 'request.headers', 'headers', '*.headers'].flatMap((parent) => SECRET_HEADERS.map((name) => `${parent}["${name}"]`)),
  ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`]),
];

/**
 * One JSON line per event, through pino (Fastify's own logger): `level` as a name, `time` as ISO
 * text, secrets redacted. `destination` is for tests that read the lines back; the process logs
 * to stdout.
 */
export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
      base: { pid: process.pid },
    },
    // Synchronous writes: the lines before a process.exit (a failed start) must not be lost.
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

let processLogger: Logger | undefined;

/**
 * The process's logger. Start-up replaces it (setProcessLogger) once LOG_LEVEL is read; until then,
 * and in code run without a host (scripts, unit tests), it logs at `info` to stdout.
 */
export function processLog(): Logger {
  processLogger ??= createLogger({ level: process.env.LOG_LEVEL ?? 'info' });
  return processLogger;
}

export function setProcessLogger(logger: Logger): void {
  processLogger = logger;
}

/**
 * The logger of the work in progress. A request's handler, and whatever it calls (functions,
 * workflows, store), runs inside `withLogger(request.log, …)`, so a line logged anywhere below
 * carries the request id without a logger being passed through every signature; a scheduled job
 * runs inside one that carries its job run id. AsyncLocalStorage follows awaits and callbacks, so
 * work started by the call (a split's chunks) keeps the id too. Outside any, the process logger.
 */
const current = new AsyncLocalStorage<Logger>();

export function withLogger<T>(logger: Logger, work: () => T): T {
  return current.run(logger, work);
}

export function currentLogger(): Logger {
  return current.getStore() ?? processLog();
}

/**
 * A caller's own request id is kept when it is a short token of safe characters (so a proxy's or
 * client's id links their logs to ours); anything else — too long, spaces, quotes, control
 * characters that could forge log lines or headers — is replaced by a fresh one.
 */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && SAFE_REQUEST_ID.test(value) ? value : randomUUID();
}

/** A scheduled job's run: its lines carry `job` and `jobRunId` instead of a request id. */
export function jobRunLogger(job: string): Logger {
  return processLog().child({ job, jobRunId: randomUUID() });
}
