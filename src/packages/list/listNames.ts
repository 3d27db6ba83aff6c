import type { WishlistListName } from '../../../contract/types';

/** The two lists of a group, in tab order, with the words the user sees. */
export const LIST_TABS: ReadonlyArray<{ list: WishlistListName; label: string }> = [
  { list: 'group', label: '群共享清单' },
  { list: 'double11', label: '双11清单' },
];

export function listLabelOf(list: WishlistListName): string {
  return LIST_TABS.find((tab) => tab.list === list)?.label ?? list;
}

/** A list name from a page query; anything unknown means the group list. */
export function parseListName(value: string | undefined): WishlistListName {
  return value === 'double11' ? 'double11' : 'group';
}
