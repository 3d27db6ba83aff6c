import { useState } from 'react';
import { toCloudError } from '../services/api';
import { userMessage } from '../utils/errorMessage';

/**
 * One user action at a time on a page: which one is running (to show its spinner and disable
 * the others), and the last failure in words the user can act on. `after` runs whether the action
 * worked or not, e.g. to reload what it may have changed.
 */
export function useBusyAction(after?: () => Promise<unknown>) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (key: string, action: () => Promise<unknown>): Promise<void> => {
    setBusy(key);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(userMessage(toCloudError(e)));
    } finally {
      if (after) await after();
      setBusy(null);
    }
  };

  return { busy, error, setError, run };
}
