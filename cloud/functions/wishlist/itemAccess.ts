import { notFound } from '../../errors';
import type { GroupRow } from '../../store/groups';
import type { Queryable } from '../../store/store';
import { findItemView, type ItemViewRow } from '../../store/wishlist';
import type { ItemEventData } from '../../store/feed';
import { assertNotDissolved, memberGroup } from '../groups/access';
import { itemJson } from './json';

/**
 * Loads an item for a member of its group, in this order: 101 when the item does not exist (or
 * was removed, unless `includeRemoved`), 101/119 for its group as memberGroup says, 101 when the
 * group is dissolved (its list is read-only then).
 */
export async function memberItem(
  db: Queryable,
  itemId: string,
  userId: string,
  options: { includeRemoved?: boolean } = {},
): Promise<{ item: ItemViewRow; group: GroupRow; role: string }> {
  const item = await findItemView(db, itemId, userId);
  if (!item || (item.removed_at && !options.includeRemoved)) throw notFound('找不到这件宝贝，可能已被移出清单（item not found）');
  const { group, role } = await memberGroup(db, item.group_id, userId);
  assertNotDissolved(group);
  return { item, group, role };
}

/** What a feed event says about the item. */
export function itemEventData(item: ItemViewRow, extra: { shareId?: string } = {}): ItemEventData {
  const json = itemJson(item);
  return { itemId: json.itemId, list: json.list, title: json.title, productId: json.productId, ...extra };
}
