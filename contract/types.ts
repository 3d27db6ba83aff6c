/**
 * Shapes that cross the wire, shared by the app (types only, so nothing lands in the bundle) and
 * the cloud functions. Money is integer fen; times are ISO 8601 strings with an offset.
 */
export type Gender = 'female' | 'male' | 'unknown';
/**
 * marketer: manages campaigns, coupons, deals and products; viewer: sees the dashboard (stats)
 * and the audit log only; operator: a label for operators' accounts. Only the master key grants roles.
 */
export type Role = 'marketer' | 'viewer' | 'operator';

export interface UserJson {
  objectId: string;
  username: string;
  nickname: string;
  avatarUrl: string;
  gender: Gender;
  taoqi: number;
  roles: Role[];
  createdAt: string;
  updatedAt: string;
  sessionToken?: string;
}

export type GroupStatus = 'forming' | 'active' | 'dissolved';

export interface GroupJson {
  groupId: string;
  name: string;
  ownerId: string;
  memberCount: number;
  status: GroupStatus;
  createdAt: string;
  minMembers: number;
  maxMembers: number;
}

export interface MemberJson {
  userId: string;
  nickname: string;
  avatarUrl: string;
  role: 'owner' | 'member';
  joinedAt: string;
}

export interface FeedEventJson {
  eventId: string;
  type: string;
  actorId: string | null;
  actorNickname: string | null;
  subjectId: string | null;
  subjectNickname: string | null;
  data: Record<string, unknown>;
  createdAt: string;
}

/** A catalog product. `productId` is the Taobao/Tmall item id; `imageUrl` may be a path on the host. */
export interface ProductJson {
  productId: string;
  title: string;
  shopName: string;
  priceFen: number;
  imageUrl: string | null;
  category: string;
}

/** The group's shared list, or a member's Double 11 list (owned by the member who added the item). */
export type WishlistListName = 'group' | 'double11';

export interface UserRefJson {
  userId: string;
  nickname: string;
}

/**
 * One entry of a shared list. An unresolved item is one we recognised (an item id or a share code)
 * but could not find in the catalog: it has a fallback title and no price or image.
 */
export interface WishlistItemJson {
  itemId: string;
  groupId: string;
  list: WishlistListName;
  productId: string | null;
  /**
   * What identifies the product: 'item_id' (Taobao/Tmall id), 'share_code' (淘口令) or
   * 'short_link' (the token of an m.tb.cn share link, `h.<token>`).
   */
  refKind: 'item_id' | 'share_code' | 'short_link';
  itemRef: string;
  resolved: boolean;
  /** A canonical Taobao link built from the item id (never the pasted text); null for share codes. */
  link: string | null;
  title: string;
  shopName: string;
  priceFen: number | null;
  imageUrl: string | null;
  note: string;
  addedBy: UserRefJson;
  wantCount: number;
  wantedByMe: boolean;
  bought: boolean;
  boughtBy: UserRefJson | null;
  boughtAt: string | null;
  shareCount: number;
  /** The newest share of this item by another member: buying through it earns the guaranteed red packet. */
  lastShare: { shareId: string; sharedBy: UserRefJson } | null;
  createdAt: string;
}

/** The product page's item: the list entry, its pictures (first is the list's), who wants it and who bought it. */
export interface WishlistItemDetailJson {
  item: WishlistItemJson;
  images: string[];
  /** Members who want it, earliest first (the adder counts as wanting her own item only if she said so). */
  wanters: UserRefJson[];
  /** Who marked it bought (at most one today: the first marker is kept). */
  buyers: UserRefJson[];
}

export interface ShareJson {
  shareId: string;
  groupId: string;
  itemId: string;
  sharedBy: UserRefJson;
  createdAt: string;
}

export interface RedPacketJson {
  redPacketId: string;
  amountFen: number;
}
