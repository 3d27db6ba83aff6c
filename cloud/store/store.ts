/**
 * One small interface over the two engines (embedded PGlite, PostgreSQL server). Everything above
 * the store speaks plain PostgreSQL through it; nothing above it knows which engine runs.
 */
export interface Queryable {
  /** Runs one parameterised statement and returns its rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

export type Engine = 'pglite' | 'postgres';

export interface Store extends Queryable {
  readonly engine: Engine;
  /**
   * Runs `work` in one transaction. Serialization failures and deadlocks are retried a bounded
   * number of times (the work must therefore be free of outside side effects) and then surface
   * as a retryable conflict (4009).
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Multi-statement SQL without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Messages between the hosts on one database (LISTEN/NOTIFY on the server engine), for what a
   * host keeps in memory and another host's change makes stale. `onMessage` receives every payload
   * sent on `channel`, this host's own included; `onGap` runs when messages may have been missed
   * (the listening connection was lost and is back). Resolves once listening; the returned
   * function stops it.
   */
  listen?(channel: string, onMessage: (payload: string) => void, onGap?: () => void): Promise<() => void>;
  /** Sends `payload` (under 8000 bytes) to every listener of `channel` on this database. */
  notify?(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
  /** How busy the engine is right now, read by the metrics on each scrape. */
  stats?(): StoreStats;
}

/** PostgreSQL: the pool's connections and the requests waiting for one. PGlite: its statement queue. */
export interface StoreStats {
  connections?: { total: number; idle: number; waiting: number };
  queuedStatements?: number;
}

/** Channel names are identifiers in LISTEN: kept to a plain form that needs no quoting. */
export function checkChannel(channel: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`bad channel name ${channel}`);
  return channel;
}

/** PostgreSQL's bigint arrives as text; money and counts fit in a double only below 2^53. */
export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`bigint ${text} is outside the safe integer range`);
  return value;
}

export const INT8_OID = 20;

/** SQLSTATEs after which re-running the whole transaction is the correct response. */
export const RETRYABLE_SQLSTATES = new Set(['40001', '40P01']);
export const MAX_TRANSACTION_ATTEMPTS = 4;

export function sqlState(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

/**
 * A row that a statement must return (a `returning` of an insert, the row of an id just read in
 * the same transaction). Its absence is a broken invariant, never a user's mistake: it fails with
 * a code the host logs, instead of a TypeError from destructuring `undefined`. Reads where absence
 * is an expected answer use `firstRow` and map it to a coded error (101 …) themselves.
 */
export class MissingRowError extends Error {
  readonly code = 'ROW_MISSING';
  constructor(what: string) {
    super(`expected a row: ${what}`);
    this.name = 'MissingRowError';
  }
}

export function oneRow<T>(rows: readonly T[], what: string): T {
  const row = rows[0];
  if (row === undefined) throw new MissingRowError(what);
  return row;
}

export function firstRow<T>(rows: readonly T[]): T | undefined {
  return rows[0];
}
