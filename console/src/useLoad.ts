import { useCallback, useEffect, useRef, useState } from 'react';
import { latestRequest } from '../../contract/latestRequest';
import { ApiError } from './api';

export interface Loaded<T> {
  data: T | null;
  error: ApiError | null;
  /** True on the first load only; a reload keeps showing the old data. */
  loading: boolean;
  reloading: boolean;
  reload(): Promise<void>;
}

/** Loads once per `key` and on reload(); the latest answer wins. */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [reloading, setReloading] = useState(false);
  const [requests] = useState(latestRequest);
  const loadRef = useRef(load);
  loadRef.current = load;

  const run = useCallback(
    async (first: boolean) => {
      const isLatest = requests.begin();
      if (first) setLoading(true);
      else setReloading(true);
      try {
        const value = await loadRef.current();
        if (!isLatest()) return;
        setData(value);
        setError(null);
      } catch (e) {
        if (!isLatest()) return;
        setError(e instanceof ApiError ? e : new ApiError(0, String(e)));
      } finally {
        if (isLatest()) {
          setLoading(false);
          setReloading(false);
        }
      }
    },
    [requests],
  );

  useEffect(() => {
    setData(null);
    void run(true);
  }, [key, run]);

  return { data, error, loading, reloading, reload: () => run(false) };
}
