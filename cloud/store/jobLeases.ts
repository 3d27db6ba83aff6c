import type { Queryable } from './store';

/**
 * The only writer of `job_leases`: one lease per (job, slot) of timed work. Every statement
 * reads and writes under the row's lock and uses the database's clock, so hosts with skewed
 * clocks, and any number of them at once, agree on who holds a lease.
 */

export interface LeaseRow {
  job: string;
  slot: string;
  holder: string;
  acquired_at: Date;
  expires_at: Date;
  done_at: Date | null;
  takeovers: number;
}

/**
 * Takes the lease when nobody has it, or when its holder let it run out without finishing it
 * (a crash): one upsert, so two hosts asking at once cannot both win — the second waits for the
 * first's row and then finds it held. Returns the lease when taken, undefined otherwise.
 */
export async function acquireLease(
  db: Queryable,
  job: string,
  slot: string,
  holder: string,
  leaseMs: number,
): Promise<LeaseRow | undefined> {
  const rows = await db.query<LeaseRow>(
    `insert into job_leases (job, slot, holder, acquired_at, expires_at)
     values ($1, $2, $3, now(), now() + $4::double precision * interval '1 millisecond')
     on conflict (job, slot) do update
       set holder = excluded.holder, acquired_at = excluded.acquired_at, expires_at = excluded.expires_at,
           takeovers = job_leases.takeovers + 1
       where job_leases.done_at is null and job_leases.expires_at <= now()
     returning job, slot, holder, acquired_at, expires_at, done_at, takeovers`,
    [job, slot, holder, leaseMs],
  );
  return rows[0];
}

/** Extends a lease its holder still has; false when it ran out and another host took it. */
export async function renewLease(db: Queryable, job: string, slot: string, holder: string, leaseMs: number): Promise<boolean> {
  const rows = await db.query(
    `update job_leases set expires_at = now() + $4::double precision * interval '1 millisecond'
     where job = $1 and slot = $2 and holder = $3 and done_at is null returning 1`,
    [job, slot, holder, leaseMs],
  );
  return rows.length > 0;
}

/** Marks the slot's work done: no host takes it again. */
export async function finishLease(db: Queryable, job: string, slot: string, holder: string): Promise<boolean> {
  const rows = await db.query(
    `update job_leases set done_at = now(), expires_at = now() where job = $1 and slot = $2 and holder = $3 and done_at is null returning 1`,
    [job, slot, holder],
  );
  return rows.length > 0;
}

/** Gives a lease back unfinished (the work failed): the next check of any host may take it. */
export async function releaseLease(db: Queryable, job: string, slot: string, holder: string): Promise<void> {
  await db.query(`update job_leases set expires_at = now() where job = $1 and slot = $2 and holder = $3 and done_at is null`, [
    job,
    slot,
    holder,
  ]);
}

export async function findLease(db: Queryable, job: string, slot: string): Promise<LeaseRow | undefined> {
  const rows = await db.query<LeaseRow>(
    `select job, slot, holder, acquired_at, expires_at, done_at, takeovers from job_leases where job = $1 and slot = $2`,
    [job, slot],
  );
  return rows[0];
}

/** Deletes leases finished before `before` (the sweep); returns how many. */
export async function pruneFinishedLeases(db: Queryable, before: Date): Promise<number> {
  const rows = await db.query(`delete from job_leases where done_at < $1 returning 1`, [before]);
  return rows.length;
}
