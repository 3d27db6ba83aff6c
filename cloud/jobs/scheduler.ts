import { splitSlots } from '../domain/campaign';
import type { Services } from '../services';
import { listActiveCampaigns } from '../store/campaigns';
import { deleteExpiredSessions } from '../store/users';
import { pruneLoginAttempts } from '../store/loginAttempts';
import { completedSplitSlots } from '../store/splits';
import { runPoolSplit } from '../workflows/poolSplit';
import { runCommerceExpiry } from './groupBuyExpiry';
import { PAYMENT_RECONCILE_INTERVAL_MS, runPaymentReconcile } from './paymentReconcile';
import { periodSlot, runLeased } from './leases';
import { runNotificationJob } from './notifications';
import { pruneFinishedLeases } from '../store/jobLeases';
import { currentLogger } from '../observability/logger';
import { recordJobLag, trackJobRun } from '../observability/metrics';

/** How often housekeeping and due splits are looked at (the split check: JOB_CHECK_SECONDS). */
export const SESSION_SWEEP_INTERVAL_MS = 60 * 60 * 1000;
export const SPLIT_CHECK_INTERVAL_MS = 30 * 1000;
/** Finished job leases are kept this long (a record of who ran what), then swept. */
export const FINISHED_LEASES_KEPT_MS = 7 * 24 * 60 * 60 * 1000;
/** Slots one check catches up at most (a host down for weeks catches up over several checks). */
export const MAX_SLOTS_PER_CHECK = 50;

export interface Jobs {
  stop(): Promise<void>;
}

/**
 * Runs every split slot that is due and not completed, oldest first — at start (catching up
 * slots missed while the host was down) and then every half minute. Safe on several hosts at
 * once: a slot and group are split once whoever runs them (see workflows/poolSplit.ts).
 */
export async function runDueSplits(deps: Pick<Services, 'store' | 'clock' | 'random' | 'config'>): Promise<number> {
  const now = deps.clock.now();
  const completed = new Set((await completedSplitSlots(deps.store)).map((slot) => slot.getTime()));
  let ran = 0;
  for (const campaign of await listActiveCampaigns(deps.store)) {
    for (const slot of splitSlots(campaign, new Date(campaign.startsAt.getTime() - 1), now)) {
      if (completed.has(slot.getTime()) || ran >= MAX_SLOTS_PER_CHECK) continue;
      recordJobLag('pool split', now.getTime() - slot.getTime());
      const leased = await runLeased(deps.store, 'pool-split', slot.toISOString(), deps.config.jobs.leaseMs, () =>
        runPoolSplit(deps.store, slot, { now, random: deps.random, chunkGroups: deps.config.splitChunkGroups }),
      );
      // Another host holds the slot's lease or finished it (see leases.ts).
      if (!leased.ran) continue;
      const result = leased.result;
      if (result && result.groupsSplit > 0)
        currentLogger().info({ slot, groups: result.groupsSplit, fen: result.totalFen }, 'pool split done');
      ran++;
    }
  }
  return ran;
}

/**
 * Timed work of the host. Every job is safe to run on several hosts at once and to run twice:
 * it is keyed by what it does, not by who runs it. Each (job, slot) still runs on one host of
 * all, the holder of its lease; a dead holder's lease runs out and another host finishes.
 */
export function startJobs(deps: Services): Jobs {
  let running: Promise<unknown> = Promise.resolve();
  const guarded = (name: string, job: () => Promise<unknown>) => () => {
    // One job at a time per host; a slow split delays the next check instead of overlapping it.
    // trackJobRun counts, times and logs the run (with a job run id) and never throws.
    const dueAt = Date.now();
    running = running.then(() => trackJobRun(name, dueAt, job));
  };
  const sweep = guarded('session sweep', async () => {
    const now = deps.clock.now();
    await runLeased(deps.store, 'session-sweep', periodSlot(now, SESSION_SWEEP_INTERVAL_MS), deps.config.jobs.leaseMs, async () => {
      await deleteExpiredSessions(deps.store, now);
      // Login-attempt rows past every window they could still count in.
      const { forgetAfterMs, addressWindowMs } = deps.config.loginLimits;
      await pruneLoginAttempts(deps.store, new Date(now.getTime() - Math.max(forgetAfterMs, addressWindowMs)), now);
      await pruneFinishedLeases(deps.store, new Date(now.getTime() - FINISHED_LEASES_KEPT_MS));
    });
  });
  const splits = guarded('pool split', () => runDueSplits(deps));
  // Group buys and pooled orders past their deadline: refunds, at the split's cadence.
  const expiry = guarded('commerce expiry', () => runCommerceExpiry(deps));
  // Payments, refunds and withdrawals whose notification did not come: asked about every minute.
  const reconcile = guarded('payment reconcile', () => runPaymentReconcile(deps));
  // Reminders before pooled orders close, and the subscribe messages of the outbox.
  const notices = guarded('notifications', () => runNotificationJob(deps));
  const checkMs = deps.config.jobs.checkMs;
  const timers = [
    setInterval(sweep, SESSION_SWEEP_INTERVAL_MS),
    setInterval(splits, checkMs),
    setInterval(expiry, checkMs),
    setInterval(reconcile, PAYMENT_RECONCILE_INTERVAL_MS),
    setInterval(notices, checkMs),
  ];
  for (const timer of timers) timer.unref();
  sweep();
  splits();
  expiry();
  return {
    stop: async () => {
      for (const timer of timers) clearInterval(timer);
      await running;
    },
  };
}
