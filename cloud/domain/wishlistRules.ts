/**
 * Limits of the shared product list, as named constants. A campaign may later change some of
 * them; every check reads its threshold from here, never from a literal.
 */
export const WISHLIST_RULES = Object.freeze({
  /** Live items in one group, both lists together. */
  maxItemsPerGroup: 500,
  /** Characters in the note a member writes on an item. */
  noteMaxLength: 200,
  /** Shares into groups by one user in one campaign-time-zone day (share spam is a known abuse). */
  maxSharesPerUserPerDay: 50,
  /** Items or products per page. */
  pageSizeDefault: 20,
  pageSizeMax: 50,
  /** Characters of a catalog search query. */
  searchQueryMaxLength: 50,
});

export type WishlistList = 'group' | 'double11';
export const WISHLIST_LISTS: readonly WishlistList[] = ['group', 'double11'];
