import type {
  FeedEventJson,
  Gender,
  GroupJson,
  MemberJson,
  ProductJson,
  RedPacketJson,
  Role,
  ShareJson,
  UserJson,
  WishlistItemDetailJson,
  WishlistItemJson,
  WishlistListName,
} from './types';
import type { MoneyFunctions } from './money';
import type { CampaignFunctions } from './campaigns';
import type { CommerceFunctions } from './commerce';
import type { PaymentAdminFunctions, PaymentFunctions } from './payments';
import type { NotificationFunctions } from './notifications';
import type { MerchandisingFunctions } from './merchandising';
import type { OrderFunctions } from './orders';

/**
 * Every cloud function: its params and its result. The app calls them through a typed wrapper
 * around AV.Cloud.run; the cloud registers a handler for each name.
 */
export interface CloudFunctions
  extends
    MoneyFunctions,
    CampaignFunctions,
    CommerceFunctions,
    PaymentFunctions,
    PaymentAdminFunctions,
    NotificationFunctions,
    MerchandisingFunctions,
    OrderFunctions {
  ping: { params: Record<string, never>; result: { pong: true; time: string } };
  me: {
    params: Record<string, never>;
    result: { user: UserJson; canCreateGroup: boolean; createBlockedReason?: string };
  };
  importUsers: {
    params: {
      users: Array<{
        username: string;
        password?: string;
        nickname?: string;
        gender: Gender;
        taoqi: number;
        roles?: Role[];
      }>;
    };
    result: { created: number; updated: number };
  };
  /** Ends the calling session on the server (the token answers 211 afterwards). */
  logout: { params: Record<string, never>; result: { loggedOut: true } };
  /** Ends every session of the caller, this one included. */
  logoutEverywhere: { params: Record<string, never>; result: { sessionsEnded: number } };
  createGroup: { params: { name: string; requestId: string }; result: { group: GroupJson } };
  getGroup: {
    params: { groupId: string };
    result: { group: GroupJson; members: MemberJson[]; poolFen: number };
  };
  /** Each group with its newest feed event (the Messages tab's latest line), null before any. */
  listMyGroups: { params: Record<string, never>; result: { groups: Array<GroupJson & { latestEvent: FeedEventJson | null }> } };
  createInvite: {
    params: { groupId: string };
    result: { inviteCode: string; expiresAt: string; path: string };
  };
  revokeInvite: { params: { inviteCode: string }; result: { revoked: true } };
  previewInvite: {
    params: { inviteCode: string };
    result: {
      group: { groupId: string; name: string; memberCount: number; maxMembers: number; ownerNickname: string; status: string };
      alreadyMember: boolean;
    };
  };
  /** WeChat: the mini-program code (a picture, base64) that opens the invitation's join page. */
  inviteWxaCode: { params: { inviteCode: string }; result: { contentType: string; imageBase64: string } };
  joinGroup: { params: { inviteCode: string }; result: { group: GroupJson } };
  leaveGroup: { params: { groupId: string }; result: { group: GroupJson } };
  removeMember: { params: { groupId: string; userId: string }; result: { group: GroupJson } };
  dissolveGroup: { params: { groupId: string }; result: { group: GroupJson } };
  groupFeed: {
    params: { groupId: string; after?: string; limit?: number };
    result: { events: FeedEventJson[]; cursor: string | null };
  };
  listProducts: {
    params: { query?: string; category?: string; cursor?: string; limit?: number };
    result: { products: ProductJson[]; nextCursor: string | null };
  };
  /** Operator import of a real catalog: upsert by productId; rows that fail are reported, the rest imported. */
  importProducts: {
    params: { format: 'json' | 'csv'; data: string | Array<Record<string, unknown>> };
    result: {
      received: number;
      created: number;
      updated: number;
      rejectedCount: number;
      /** Row numbers count data rows from 1 (the CSV header is not a row). At most 500 are listed. */
      rejected: Array<{ row: number; productId: string | null; reason: string }>;
    };
  };
  /** Exactly one of link, shareCode or productId. Both link and shareCode accept any pasted text. */
  addWishlistItem: {
    params: {
      groupId: string;
      link?: string;
      shareCode?: string;
      productId?: string;
      list?: WishlistListName;
      note?: string;
      requestId: string;
    };
    /** `merged`: the product was already on that list, so the caller joined the existing entry. */
    result: { item: WishlistItemJson; merged: boolean };
  };
  /** `ownerId`: only items that member added (with list 'double11': her Double 11 list). Newest first. */
  listWishlist: {
    params: { groupId: string; list?: WishlistListName; ownerId?: string; cursor?: string; limit?: number };
    result: { items: WishlistItemJson[]; nextCursor: string | null };
  };
  wantItem: { params: { itemId: string; on: boolean }; result: { item: WishlistItemJson } };
  /** The product page: one item with its pictures and the members who want or bought it. */
  getWishlistItem: { params: { itemId: string }; result: WishlistItemDetailJson };
  markBought: { params: { itemId: string }; result: { item: WishlistItemJson } };
  removeWishlistItem: { params: { itemId: string }; result: { removed: true; itemId: string } };
  shareItem: {
    params: { groupId: string; itemId: string; requestId: string };
    /**
     * `noRewardReason` says why no packet came, and the app tells the user: the campaign is
     * `paused`, `ended`, there is none (`no_campaign`) or it changed during the share
     * (`campaign_changed`); the group is not active yet; this item's draw was used; the daily
     * cap; no luck; the budget is gone (`budget_exhausted`).
     */
    result: {
      share: ShareJson;
      redPacket: RedPacketJson | null;
      noRewardReason?: ShareNoRewardReason;
    };
  };
}

export type ShareNoRewardReason =
  | 'paused'
  | 'ended'
  | 'no_campaign'
  | 'campaign_changed'
  | 'group_not_active'
  | 'already_drawn'
  | 'daily_cap'
  | 'no_luck'
  | 'budget_exhausted';

export type FunctionName = keyof CloudFunctions;
export type ParamsOf<N extends FunctionName> = CloudFunctions[N]['params'];
export type ResultOf<N extends FunctionName> = CloudFunctions[N]['result'];
