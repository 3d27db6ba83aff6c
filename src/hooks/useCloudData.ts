import { useCallback, useEffect, useRef, useState } from 'react';
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
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(async () => {
    const ticket = ++latest.current;
    setLoading(true);
    try {
      const value = await loadRef.current();
      if (ticket !== latest.current) return;
      setData(value);
      setError(null);
    } catch (e) {
      if (ticket !== latest.current) return;
      setError(toCloudError(e));
    } finally {
      if (ticket === latest.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    if (enabled) void reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, reload, ...deps]);

  return { data, error, loading, reload };
}
