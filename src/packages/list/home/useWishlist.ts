import { useCallback, useEffect, useRef, useState } from 'react';
import type { WishlistItemJson, WishlistListName } from '../../../../contract/types';
import { callFunction, toCloudError, type CloudError } from '../../../services/api';

const PAGE_SIZE = 20;

/**
 * One list of a group, newest first, a page at a time (the server's cursor). Actions on an
 * item replace it in place with the server's answer, so the list never needs a full reload.
 */
export function useWishlist(groupId: string, list: WishlistListName, enabled: boolean) {
  const [items, setItems] = useState<WishlistItemJson[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<CloudError | null>(null);
  // Answers for a list the user has since switched away from are dropped.
  const ticket = useRef(0);

  const loadPage = useCallback(
    async (cursor: string | null) => {
      const mine = ++ticket.current;
      setLoading(true);
      try {
        const page = await callFunction('listWishlist', { groupId, list, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) });
        if (mine !== ticket.current) return;
        setItems((current) => (cursor ? [...current, ...page.items.filter((i) => !current.some((c) => c.itemId === i.itemId))] : page.items));
        setNextCursor(page.nextCursor);
        setLoaded(true);
        setError(null);
      } catch (e) {
        if (mine === ticket.current) setError(toCloudError(e));
      } finally {
        if (mine === ticket.current) setLoading(false);
      }
    },
    [groupId, list],
  );

  useEffect(() => {
    setItems([]);
    setLoaded(false);
    setNextCursor(null);
    if (enabled) void loadPage(null);
  }, [enabled, loadPage]);

  return {
    items,
    loaded,
    loading,
    error,
    hasMore: nextCursor !== null,
    reload: () => loadPage(null),
    loadMore: () => (nextCursor && !loading ? loadPage(nextCursor) : Promise.resolve()),
    replaceItem: (item: WishlistItemJson) => setItems((current) => current.map((i) => (i.itemId === item.itemId ? item : i))),
    dropItem: (itemId: string) => setItems((current) => current.filter((i) => i.itemId !== itemId)),
  };
}
