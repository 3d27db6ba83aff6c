import { useCallback } from 'react';
import type { WishlistItemJson, WishlistListName } from '../../../../contract/types';
import { useCursorPages } from '../../../hooks/useCursorPages';
import { callFunction } from '../../../services/api';

const PAGE_SIZE = 20;

/**
 * One list of a group, newest first, a page at a time (the server's cursor). Actions on an
 * item replace it in place with the server's answer, so the list never needs a full reload.
 */
export function useWishlist(groupId: string, list: WishlistListName, enabled: boolean) {
  const fetchPage = useCallback(
    (cursor: string | null) => callFunction('listWishlist', { groupId, list, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
    [groupId, list],
  );
  const { setItems, ...pages } = useCursorPages<WishlistItemJson>(fetchPage, 'itemId', enabled);

  return {
    ...pages,
    replaceItem: (item: WishlistItemJson) => setItems((current) => current.map((i) => (i.itemId === item.itemId ? item : i))),
    dropItem: (itemId: string) => setItems((current) => current.filter((i) => i.itemId !== itemId)),
  };
}
