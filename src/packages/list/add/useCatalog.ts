import { useCallback, useState } from 'react';
import type { ProductJson } from '../../../../contract/types';
import { useCursorPages } from '../../../hooks/useCursorPages';
import { callFunction } from '../../../services/api';

const PAGE_SIZE = 20;

/** The catalog, searched by words and/or a category, a page at a time. */
export function useCatalog(enabled: boolean) {
  const [filter, setFilter] = useState<{ query: string; category: string }>({ query: '', category: '' });
  const fetchPage = useCallback(
    async (cursor: string | null) => {
      const page = await callFunction('listProducts', {
        limit: PAGE_SIZE,
        ...(filter.query ? { query: filter.query } : {}),
        ...(filter.category ? { category: filter.category } : {}),
        ...(cursor ? { cursor } : {}),
      });
      return { items: page.products, nextCursor: page.nextCursor };
    },
    [filter],
  );
  const pages = useCursorPages<ProductJson>(fetchPage, 'productId', enabled);

  return {
    filter,
    products: pages.items,
    loaded: pages.loaded,
    loading: pages.loading,
    error: pages.error,
    hasMore: pages.hasMore,
    search: (query: string, category: string) => setFilter({ query: query.trim(), category }),
    retry: pages.reload,
    loadMore: pages.loadMore,
  };
}
