import type { FeedEventJson } from '../../../../contract/types';

export interface ShareRef {
  shareId: string;
  sharedBy: string;
  sharerNickname: string;
}

/**
 * For each item, the newest share by someone other than me, taken from the group feed's
 * `item_shared` events (the item JSON carries no share id). Buying through it gives me the
 * guaranteed packet; buying through my own share would be self-dealing and earns nothing.
 */
export function latestSharesByOthers(events: FeedEventJson[], myUserId: string | null): Map<string, ShareRef> {
  const byItem = new Map<string, ShareRef>();
  const oldestFirst = [...events].sort((a, b) => Number(a.eventId) - Number(b.eventId));
  for (const event of oldestFirst) {
    if (event.type !== 'item_shared' || !event.actorId || event.actorId === myUserId) continue;
    const { itemId, shareId } = event.data as { itemId?: unknown; shareId?: unknown };
    if (typeof itemId !== 'string' || typeof shareId !== 'string') continue;
    byItem.set(itemId, { shareId, sharedBy: event.actorId, sharerNickname: event.actorNickname ?? '' });
  }
  return byItem;
}
