import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { acquireLease, finishLease, releaseLease, renewLease } from '../store/jobLeases';
import type { Store } from '../store/store';

/**
 * Timed work runs on every host, and each (job, slot) must run once across them: a host runs a
 * slot only while it holds the slot's lease in the database. The lease is renewed while the work
 * runs (a third of its duration apart), so a lease runs out only when its holder stopped — killed,
 * frozen or cut off from the database — and then the next host to check takes it and does the
 * work. The work itself is idempotent per slot (splits per slot and group, refunds per order,
 * deletes of what is past), so a takeover finishes what the dead host left and repeats nothing;
 * the lease saves the other hosts from doing it all again at the same moment.
 */

export type LeasedOutcome<T> = { ran: true; result: T } | { ran: false };

/** Who holds a lease: the machine, the process, and a random part for this acquisition. */
function newHolder(): string {
  return `${os.hostname()}/${process.pid}/${randomBytes(4).toString('hex')}`;
}

/** The process id in a holder (tests and operators find the host from it). */
export function holderPid(holder: string): number {
  return Number(holder.split('/')[1]);
}

/** The slot of periodic work (expiry, sweep) that `now` falls in: the period's start. */
export function periodSlot(now: Date, periodMs: number): string {
  return new Date(Math.floor(now.getTime() / periodMs) * periodMs).toISOString();
}

/**
 * Runs `work` if this host gets the lease on (job, slot); otherwise another host holds it or it
 * is done, and this returns `{ ran: false }`. Failed work gives the lease back, so that any
 * host's next check tries again.
 */
export async function runLeased<T>(
  store: Store,
  job: string,
  slot: string,
  leaseMs: number,
  work: () => Promise<T>,
): Promise<LeasedOutcome<T>> {
  const holder = newHolder();
  const lease = await acquireLease(store, job, slot, holder, leaseMs);
  if (!lease) return { ran: false };
  if (lease.takeovers > 0) console.log(`${job} ${slot}: lease taken over (the previous holder stopped before finishing)`);

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let renewing: Promise<void> = Promise.resolve();
  const heartbeat = () => {
    timer = setTimeout(() => {
      renewing = renewLease(store, job, slot, holder, leaseMs)
        .then((held) => {
          // Another host took it (this one stalled past the lease): the work stays safe to
          // finish, since both runs skip what the other wrote.
          if (!held) console.error(`${job} ${slot}: lease lost to another host`);
        })
        .catch((error: Error) => console.error(`${job} ${slot}: lease renewal failed: ${error.message}`))
        .finally(() => {
          if (!stopped) heartbeat();
        });
    }, leaseMs / 3);
    timer.unref();
  };
  heartbeat();
  try {
    const result = await work();
    stopped = true;
    clearTimeout(timer);
    await renewing;
    await finishLease(store, job, slot, holder);
    return { ran: true, result };
  } catch (error) {
    stopped = true;
    clearTimeout(timer);
    await renewing;
    await releaseLease(store, job, slot, holder).catch(() => undefined);
    throw error;
  }
}
