import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProductJson } from '../../../../contract/types';
import { callFunction, toCloudError, type CloudError } from '../../../services/api';

const PAGE_SIZE = 20;

/** The catalog, searched by words and/or a category, a page at a time. */
export function useCatalog(enabled: boolean) {
  const [filter, setFilter] = useState<{ query: string; category: string }>({ query: '', category: '' });
  const [products, setProducts] = useState<ProductJson[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<CloudError | null>(null);
  const ticket = useRef(0);

  const loadPage = useCallback(
    async (cursor: string | null) => {
      const mine = ++ticket.current;
      setLoading(true);
      try {
        const page = await callFunction('listProducts', {
          limit: PAGE_SIZE,
          ...(filter.query ? { query: filter.query } : {}),
          ...(filter.category ? { category: filter.category } : {}),
          ...(cursor ? { cursor } : {}),
        });
        if (mine !== ticket.current) return;
        setProducts((current) => (cursor ? [...current, ...page.products] : page.products));
        setNextCursor(page.nextCursor);
        setLoaded(true);
        setError(null);
      } catch (e) {
        if (mine === ticket.current) setError(toCloudError(e));
      } finally {
        if (mine === ticket.current) setLoading(false);
      }
    },
    [filter],
  );

  useEffect(() => {
    if (enabled) void loadPage(null);
  }, [enabled, loadPage]);

  return {
    filter,
    products,
    loaded,
    loading,
    error,
    hasMore: nextCursor !== null,
    search: (query: string, category: string) => setFilter({ query: query.trim(), category }),
    retry: () => loadPage(null),
    loadMore: () => (nextCursor && !loading ? loadPage(nextCursor) : Promise.resolve()),
  };
}
