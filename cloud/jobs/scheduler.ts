import type { HostDeps } from '../host/context';
import { deleteExpiredSessions } from '../store/users';

/** How often housekeeping runs. */
export const SESSION_SWEEP_INTERVAL_MS = 60 * 60 * 1000;

export interface Jobs {
  stop(): void;
}

/**
 * Timed work of the host. Every job is safe to run on several hosts at once and to run twice:
 * it is keyed by what it does, not by who runs it.
 */
export function startJobs(deps: HostDeps): Jobs {
  const sweep = async () => {
    try {
      await deleteExpiredSessions(deps.store, deps.clock.now());
    } catch (error) {
      console.error('session sweep failed:', error);
    }
  };
  const timer = setInterval(() => void sweep(), SESSION_SWEEP_INTERVAL_MS);
  timer.unref();
  void sweep();
  return { stop: () => clearInterval(timer) };
}
