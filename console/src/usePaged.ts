import { useCallback, useEffect, useRef, useState } from 'react';
import { latestRequest } from '../../contract/latestRequest';
import { ApiError } from './api';

export interface Page<T> {
  rows: T[];
  nextCursor: string | null;
}

export interface Paged<T> {
  /** Every row loaded so far, pages in order. */
  rows: T[];
  /** True while the first page loads (a reload keeps the old rows on screen). */
  loading: boolean;
  loadingMore: boolean;
  reloading: boolean;
  /** The first page failed: nothing to show. */
  error: ApiError | null;
  /** A later page failed: the rows loaded so far stay. */
  moreError: ApiError | null;
  hasMore: boolean;
  loadMore(): Promise<void>;
  reload(): Promise<void>;
}

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(0, String(e)));

/**
 * A list loaded a page at a time through a cursor ("加载更多"): the first page once per `key` and
 * on reload(), further pages on loadMore(). The latest request wins, so a page that arrives after
 * a reload (or after the key changed) is dropped instead of being appended to the wrong list.
 */
export function usePaged<T>(loadPage: (cursor: string | undefined) => Promise<Page<T>>, key: string): Paged<T> {
  const [rows, setRows] = useState<T[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [reloading, setReloading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [moreError, setMoreError] = useState<ApiError | null>(null);
  const [requests] = useState(latestRequest);
  const loadRef = useRef(loadPage);
  loadRef.current = loadPage;

  const first = useCallback(
    async (initial: boolean) => {
      const isLatest = requests.begin();
      if (initial) setLoading(true);
      else setReloading(true);
      setLoadingMore(false);
      setMoreError(null);
      try {
        const page = await loadRef.current(undefined);
        if (!isLatest()) return;
        setRows(page.rows);
        setNextCursor(page.nextCursor);
        setError(null);
      } catch (e) {
        if (!isLatest()) return;
        setError(asApiError(e));
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
    setRows([]);
    setNextCursor(null);
    void first(true);
  }, [key, first]);

  const loadMore = async () => {
    // A reload in flight replaces the list; a page asked for meanwhile would belong to the old one.
    if (!nextCursor || loadingMore || loading || reloading) return;
    const isLatest = requests.begin();
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await loadRef.current(nextCursor);
      if (!isLatest()) return;
      setRows((shown) => [...shown, ...page.rows]);
      setNextCursor(page.nextCursor);
    } catch (e) {
      if (!isLatest()) return;
      setMoreError(asApiError(e));
    } finally {
      if (isLatest()) setLoadingMore(false);
    }
  };

  return {
    rows,
    loading,
    loadingMore,
    reloading,
    error,
    moreError,
    hasMore: nextCursor !== null,
    loadMore,
    reload: () => first(false),
  };
}
