import { useCallback, useEffect, useState } from 'react';
import { latestRequest } from '../../contract/latestRequest';
import { toCloudError, type CloudError } from '../services/api';

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A list the server hands out a page at a time behind a cursor. `fetchPage` is the query: when
 * it changes (the caller memoises it on what it depends on), the list starts again from the
 * first page. Later pages are appended, leaving out items already shown, told apart by their
 * `key` field (a new item may push one onto the next page). Answers to a query the user has
 * since left are dropped.
 */
export function useCursorPages<T>(fetchPage: (cursor: string | null) => Promise<CursorPage<T>>, key: keyof T, enabled: boolean) {
  const [items, setItems] = useState<T[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<CloudError | null>(null);
  const [requests] = useState(latestRequest);

  const loadPage = useCallback(
    async (cursor: string | null) => {
      const isLatest = requests.begin();
      setLoading(true);
      try {
        const page = await fetchPage(cursor);
        if (!isLatest()) return;
        setItems((current) => {
          if (!cursor) return page.items;
          const shown = new Set(current.map((item) => item[key]));
          return [...current, ...page.items.filter((item) => !shown.has(item[key]))];
        });
        setNextCursor(page.nextCursor);
        setLoaded(true);
        setError(null);
      } catch (e) {
        if (isLatest()) setError(toCloudError(e));
      } finally {
        if (isLatest()) setLoading(false);
      }
    },
    [fetchPage, key, requests],
  );

  useEffect(() => {
    setItems([]);
    setLoaded(false);
    setNextCursor(null);
    if (enabled) void loadPage(null);
  }, [enabled, loadPage]);

  return {
    items,
    setItems,
    loaded,
    loading,
    error,
    hasMore: nextCursor !== null,
    reload: () => loadPage(null),
    loadMore: () => (nextCursor && !loading ? loadPage(nextCursor) : Promise.resolve()),
  };
}
