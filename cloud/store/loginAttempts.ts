import { oneRow, type Queryable } from './store';

/**
 * The only writer of `login_attempts`. Every claim is one upsert whose decision is made under
 * the row lock and read back with RETURNING, so N concurrent guesses on any number of hosts
 * sharing the database are counted one by one: none can slip through between a read and a write.
 */

export interface UsernameRule {
  /** Claims allowed before the row starts to block. */
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A row untouched this long starts over. */
  forgetAfterMs: number;
}

export interface Claim {
  granted: boolean;
  /** When a refused caller may try again (granted claims: irrelevant). */
  retryAt: Date;
}

// The delay after the n-th unresolved attempt: base · 2^(n − free), capped. The exponent is
// capped too, so that a row hammered for days cannot overflow the arithmetic.
const DELAY_MS = (failures: string) =>
  `least($6::double precision, $5::double precision * power(2::double precision, least(${failures} - $4::integer, 40)))`;
const BLOCK_AFTER = (failures: string) =>
  `case when ${failures} >= $4::integer then $2::timestamptz + ${DELAY_MS(failures)} * interval '1 millisecond' end`;

/**
 * Claims one password check for a username. The claim counts as a failure until
 * `forgetUsername` clears it (a correct password), so concurrent guesses see each other at once.
 * From the `freeFailures`-th unresolved attempt on, the next one must wait an exponentially
 * growing delay: guessing slows to about one try per `maxDelayMs`, while the owner is at most
 * that long away from logging in (never locked out).
 */
export async function claimUsernameAttempt(db: Queryable, key: string, now: Date, rule: UsernameRule): Promise<Claim> {
  const fresh = `a.updated_at + $3::double precision * interval '1 millisecond' <= $2::timestamptz`;
  const open = `(a.blocked_until is null or a.blocked_until <= $2::timestamptz)`;
  const rows = await db.query<{ granted: boolean; blocked_until: Date | null }>(
    `insert into login_attempts as a (key, failures, blocked_until, window_started_at, granted, updated_at)
     values ($1, 1, ${BLOCK_AFTER('1')}, $2::timestamptz, true, $2::timestamptz)
     on conflict (key) do update set
       failures = case when ${fresh} then 1 when ${open} then a.failures + 1 else a.failures end,
       blocked_until = case
         when ${fresh} then ${BLOCK_AFTER('1')}
         when ${open} then ${BLOCK_AFTER('(a.failures + 1)')}
         else a.blocked_until end,
       window_started_at = case when ${fresh} then $2::timestamptz else a.window_started_at end,
       granted = ${fresh} or ${open},
       updated_at = $2::timestamptz
     returning granted, blocked_until`,
    [key, now, rule.forgetAfterMs, rule.freeFailures, rule.baseDelayMs, rule.maxDelayMs],
  );
  const row = oneRow(rows, 'the claimed username row');
  return { granted: row.granted, retryAt: row.blocked_until ?? now };
}

/**
 * Claims one password check for a client address: granted while the window holds fewer than
 * `limit` failed checks and fewer than `maxInFlight` unresolved ones, whatever the usernames.
 * The claim is resolved by `resolveAddressAttempt`: a failure then counts, anything else not.
 * So failures per window stay under `limit + maxInFlight`, and many users behind one address
 * may log in at the same moment.
 */
export async function claimAddressAttempt(
  db: Queryable,
  key: string,
  now: Date,
  rule: { limit: number; windowMs: number; maxInFlight: number },
): Promise<Claim> {
  const expired = `a.window_started_at + $3::double precision * interval '1 millisecond' <= $2::timestamptz`;
  const open = `(a.failures < $4::integer and a.in_flight < $5::integer)`;
  const row = oneRow(
    await db.query<{ granted: boolean; window_started_at: Date }>(
      `insert into login_attempts as a (key, failures, in_flight, blocked_until, window_started_at, granted, updated_at)
       values ($1, 0, 1, null, $2::timestamptz, true, $2::timestamptz)
       on conflict (key) do update set
         failures = case when ${expired} then 0 else a.failures end,
         in_flight = case when ${expired} then 1 when ${open} then a.in_flight + 1 else a.in_flight end,
         window_started_at = case when ${expired} then $2::timestamptz else a.window_started_at end,
         granted = ${expired} or ${open},
         updated_at = $2::timestamptz
       returning granted, window_started_at`,
      [key, now, rule.windowMs, rule.limit, rule.maxInFlight],
    ),
    'the claimed address row',
  );
  return { granted: row.granted, retryAt: new Date(row.window_started_at.getTime() + rule.windowMs) };
}

/** Resolves an address claim: a failed password counts toward the window, anything else is handed back. */
export async function resolveAddressAttempt(db: Queryable, key: string, failed: boolean): Promise<void> {
  await db.query('update login_attempts set in_flight = greatest(in_flight - 1, 0), failures = failures + $2::integer where key = $1', [
    key,
    failed ? 1 : 0,
  ]);
}

/** A correct password: the username starts over. */
export async function forgetAttempts(db: Queryable, key: string): Promise<void> {
  await db.query('delete from login_attempts where key = $1', [key]);
}

/** Rows untouched since `before` and no longer blocking anything; run by the hourly sweep. */
export async function pruneLoginAttempts(db: Queryable, before: Date, now: Date): Promise<number> {
  const rows = await db.query(
    'delete from login_attempts where updated_at <= $1 and (blocked_until is null or blocked_until <= $2) returning key',
    [before, now],
  );
  return rows.length;
}

/** How many rows the table holds (tests and operators). */
export async function countLoginAttemptRows(db: Queryable): Promise<number> {
  return oneRow(await db.query<{ n: number }>('select count(*)::int as n from login_attempts'), 'a count').n;
}
