import { useCallback, useEffect, useRef, useState } from 'react';
import { latestRequest } from '../../contract/latestRequest';
import { toCloudError, type CloudError } from '../services/api';

export interface CloudData<T> {
  data: T | null;
  error: CloudError | null;
  loading: boolean;
  /** Loads again; keeps showing the old data meanwhile. Resolves when done (for pull-down). */
  reload: () => Promise<void>;
}

/**
 * Loads one thing from the cloud once `enabled`, and keeps loading / error / data apart so
 * every page can show all three states. Answers to stale requests are dropped.
 */
export function useCloudData<T>(load: () => Promise<T>, enabled: boolean, deps: readonly unknown[] = []): CloudData<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<CloudError | null>(null);
  const [loading, setLoading] = useState(enabled);
  const [requests] = useState(latestRequest);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(async () => {
    const isLatest = requests.begin();
    setLoading(true);
    try {
      const value = await loadRef.current();
      if (!isLatest()) return;
      setData(value);
      setError(null);
    } catch (e) {
      if (!isLatest()) return;
      setError(toCloudError(e));
    } finally {
      if (isLatest()) setLoading(false);
    }
  }, [requests]);

  useEffect(() => {
    if (enabled) void reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps are the inputs of its request, spread in
  }, [enabled, reload, ...deps]);

  return { data, error, loading, reload };
}
