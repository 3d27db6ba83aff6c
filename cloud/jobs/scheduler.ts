import { splitSlots } from '../domain/campaign';
import type { HostDeps } from '../host/context';
import { listActiveCampaigns } from '../store/campaigns';
import { deleteExpiredSessions } from '../store/users';
import { pruneLoginAttempts } from '../store/loginAttempts';
import { runPoolSplit } from './poolSplit';
import { runCommerceExpiry } from './groupBuyExpiry';

/** How often housekeeping and due splits are looked at. */
export const SESSION_SWEEP_INTERVAL_MS = 60 * 60 * 1000;
export const SPLIT_CHECK_INTERVAL_MS = 30 * 1000;
/** Slots one check catches up at most (a host down for weeks catches up over several checks). */
export const MAX_SLOTS_PER_CHECK = 50;

export interface Jobs {
  stop(): Promise<void>;
}

/**
 * Runs every split slot that is due and not completed, oldest first — at start (catching up
 * slots missed while the host was down) and then every half minute. Safe on several hosts at
 * once: a slot and group are split once whoever runs them (see poolSplit.ts).
 */
export async function runDueSplits(deps: Pick<HostDeps, 'store' | 'clock' | 'random' | 'config'>): Promise<number> {
  const now = deps.clock.now();
  const completed = new Set(
    (await deps.store.query<{ slot: Date }>('select slot from split_runs where completed_at is not null')).map((r) => r.slot.getTime()),
  );
  let ran = 0;
  for (const campaign of await listActiveCampaigns(deps.store)) {
    for (const slot of splitSlots(campaign, new Date(campaign.startsAt.getTime() - 1), now)) {
      if (completed.has(slot.getTime()) || ran >= MAX_SLOTS_PER_CHECK) continue;
      const result = await runPoolSplit(deps.store, slot, { now, random: deps.random, chunkGroups: deps.config.splitChunkGroups });
      if (result && result.groupsSplit > 0) console.log(`split ${slot.toISOString()}: ${result.groupsSplit} groups, ${result.totalFen} fen`);
      ran++;
    }
  }
  return ran;
}

/**
 * Timed work of the host. Every job is safe to run on several hosts at once and to run twice:
 * it is keyed by what it does, not by who runs it.
 */
export function startJobs(deps: HostDeps): Jobs {
  let running: Promise<unknown> = Promise.resolve();
  const guarded = (name: string, job: () => Promise<unknown>) => () => {
    // One job at a time per host; a slow split delays the next check instead of overlapping it.
    running = running.then(job).catch((error) => console.error(`${name} failed:`, error));
  };
  const sweep = guarded('session sweep', async () => {
    const now = deps.clock.now();
    await deleteExpiredSessions(deps.store, now);
    // Login-attempt rows past every window they could still count in.
    const { forgetAfterMs, addressWindowMs } = deps.config.loginLimits;
    await pruneLoginAttempts(deps.store, new Date(now.getTime() - Math.max(forgetAfterMs, addressWindowMs)), now);
  });
  const splits = guarded('pool split', () => runDueSplits(deps));
  // Group buys and pooled orders past their deadline: refunds, at the split's cadence.
  const expiry = guarded('commerce expiry', () => runCommerceExpiry(deps.store, deps.clock.now()));
  const timers = [setInterval(sweep, SESSION_SWEEP_INTERVAL_MS), setInterval(splits, SPLIT_CHECK_INTERVAL_MS), setInterval(expiry, SPLIT_CHECK_INTERVAL_MS)];
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
