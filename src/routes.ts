/**
 * Every page route in one place. Tab pages and the H5 login page live in the main package;
 * group features live in subpackages loaded on demand in mini-programs: `packages/group`
 * (create, home, join), `packages/list` (the shared product list), `packages/wallet`
 * (wallet and pool split results), `packages/campaign` (the campaign page) and `packages/shop`
 * (coupon centre, pooled orders, group buys), `packages/orders` (我的订单),
 * `packages/me` (editing one's profile).
 */
export const Routes = {
  messages: '/pages/messages/index',
  groups: '/pages/groups/index',
  me: '/pages/me/index',
  login: '/pages/login/index',
  createGroup: '/packages/group/create/index',
  groupHome: '/packages/group/home/index',
  join: '/packages/group/join/index',
  wishlist: '/packages/list/home/index',
  addItem: '/packages/list/add/index',
  product: '/packages/list/product/index',
  wallet: '/packages/wallet/home/index',
  splits: '/packages/wallet/splits/index',
  campaign: '/packages/campaign/index/index',
  coupons: '/packages/shop/coupons/index',
  pooledOrders: '/packages/shop/pooledList/index',
  pooledOrder: '/packages/shop/pooled/index',
  deals: '/packages/shop/deals/index',
  groupBuy: '/packages/shop/groupbuy/index',
  orders: '/packages/orders/list/index',
  order: '/packages/orders/detail/index',
  notices: '/packages/notices/list/index',
  profile: '/packages/me/profile/index',
} as const;

export const TAB_ROUTES: readonly string[] = [Routes.messages, Routes.groups, Routes.me];

export function withQuery(route: string, query: Record<string, string | undefined>): string {
  const pairs = Object.entries(query)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
  return pairs.length ? `${route}?${pairs.join('&')}` : route;
}

export const groupHomeUrl = (groupId: string) => withQuery(Routes.groupHome, { groupId });
export const joinUrl = (inviteCode: string) => withQuery(Routes.join, { code: inviteCode });
export const wishlistUrl = (groupId: string, list?: string) => withQuery(Routes.wishlist, { groupId, list });
export const addItemUrl = (groupId: string, list: string) => withQuery(Routes.addItem, { groupId, list });
/** The product page of one item of a group's list. */
export const productUrl = (itemId: string) => withQuery(Routes.product, { itemId });
export const splitsUrl = (groupId: string) => withQuery(Routes.splits, { groupId });
/** Without a slug the campaign page shows the campaign running now. */
export const campaignUrl = (slug?: string) => withQuery(Routes.campaign, { slug });

export const pooledOrdersUrl = (groupId: string) => withQuery(Routes.pooledOrders, { groupId });
export const pooledOrderUrl = (pooledOrderId: string) => withQuery(Routes.pooledOrder, { id: pooledOrderId });
/** The deals; from a group, a buy opened there shows in its feed. */
export const dealsUrl = (groupId?: string) => withQuery(Routes.deals, { groupId });
/** A group buy's page; the same path is the share card friends open to join. */
export const groupBuyUrl = (groupBuyId: string) => withQuery(Routes.groupBuy, { id: groupBuyId });
/** One order of 我的订单: its kind (checkout, pooled, group_buy) and id. */
export const orderUrl = (kind: string, id: string) => withQuery(Routes.order, { kind, id });

/**
 * The in-app path of the join page for an invitation. The server returns it as `path`; it is
 * used when it points at our join page, and rebuilt from the code otherwise, so an older or
 * differently configured server still produces a working invitation.
 */
export function joinPathOf(invite: { inviteCode: string; path?: string }): string {
  const serverPath = (invite.path ?? '').trim();
  const normalised = serverPath.startsWith('/') ? serverPath : `/${serverPath}`;
  if (serverPath && normalised.startsWith(`${Routes.join}?`) && normalised.includes(encodeURIComponent(invite.inviteCode))) {
    return normalised;
  }
  return joinUrl(invite.inviteCode);
}

/** The H5 link a friend opens in a browser: this app's address with the page path in the hash. */
export function h5ShareLink(pagePath: string, location: { origin: string; pathname: string }): string {
  return `${location.origin}${location.pathname}#${pagePath}`;
}
