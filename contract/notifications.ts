/**
 * The shoppers' message centre (通知): what happened to a user while she was elsewhere. Each
 * notification is written once per event, in the event's own transaction; the app lists them,
 * counts the unread ones for its badges and marks them read. WeChat one-time subscribe messages
 * carry the same notices out of the app for users who accepted them.
 */
import { formatFen } from './formatFen';

export const NOTIFICATION_KINDS = [
  'split_paid',
  'red_packet_arrived',
  'red_packet_unlocked',
  'group_buy_succeeded',
  'group_buy_failed',
  'pooled_order_closing',
  'pooled_order_placed',
  'pooled_order_expired',
  'removed_from_group',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** What each kind carries (ids for the link, amounts in fen, names as they were then). */
export interface NotificationPayloads {
  /** A split (瓜分) paid her `amountFen` from the group's pool. */
  split_paid: { groupId: string; groupName: string; amountFen: number; slot: string };
  /** A purchase red packet was reserved for her order through a groupmate's share. */
  red_packet_arrived: { groupId: string; groupName: string; amountFen: number; redPacketId: string };
  /** Her purchase packet passed the refund window and went into the group's pool. */
  red_packet_unlocked: { groupId: string; groupName: string; amountFen: number; redPacketId: string };
  group_buy_succeeded: { groupBuyId: string; title: string };
  /** The group buy failed at its deadline; what she paid goes back (`refundedFen`). */
  group_buy_failed: { groupBuyId: string; title: string; refundedFen: number };
  /** A pooled order she is in closes at `deadline` (sent NOTIFY_CLOSING_MINUTES before). */
  pooled_order_closing: { pooledOrderId: string; groupId: string; groupName: string; deadline: string };
  pooled_order_placed: { pooledOrderId: string; groupId: string; groupName: string };
  /** Its deadline passed before everyone paid; what she paid goes back. */
  pooled_order_expired: { pooledOrderId: string; groupId: string; groupName: string; refundedFen: number };
  removed_from_group: { groupId: string; groupName: string };
}

export type NotificationJson = {
  [K in NotificationKind]: {
    notificationId: string;
    kind: K;
    payload: NotificationPayloads[K];
    createdAt: string;
    readAt: string | null;
  };
}[NotificationKind];

/** Notifications per page of myNotifications (default and most). */
export const NOTIFICATIONS_PAGE = 20;
export const NOTIFICATIONS_PAGE_MAX = 50;
/** Ids one markNotificationsRead may name. */
export const MARK_READ_IDS_MAX = 100;
export { UNREAD_COUNT_CAP, badgeText } from './unreadBadge';
/** How long before a pooled order's deadline its members are reminded. */
export const NOTIFY_CLOSING_MINUTES = 30;

/**
 * Subscribe-message topics: one platform template each (WEAPP_SUBSCRIBE_TEMPLATES maps topic →
 * template id). A user accepts a topic's template, and its next notice of that topic is sent.
 */
export const SUBSCRIBE_TOPICS = ['money', 'group_buy', 'pooled_order', 'group'] as const;
export type SubscribeTopic = (typeof SUBSCRIBE_TOPICS)[number];

export const TOPIC_OF_KIND: Record<NotificationKind, SubscribeTopic> = {
  split_paid: 'money',
  red_packet_arrived: 'money',
  red_packet_unlocked: 'money',
  group_buy_succeeded: 'group_buy',
  group_buy_failed: 'group_buy',
  pooled_order_closing: 'pooled_order',
  pooled_order_placed: 'pooled_order',
  pooled_order_expired: 'pooled_order',
  removed_from_group: 'group',
};

/** The mini-programs whose subscribe messages are sent: WeChat's (订阅消息) and Alipay's (消息订阅). */
export const SUBSCRIBE_PLATFORMS = ['weapp', 'alipay'] as const;
export type SubscribePlatform = (typeof SUBSCRIBE_PLATFORMS)[number];

/** What `wx.requestSubscribeMessage` answers per template id. */
export type SubscribeResult = 'accept' | 'reject' | 'ban' | 'filter';

export interface NotificationFunctions {
  /** The caller's notifications, newest first, a page at a time. */
  myNotifications: {
    params: { cursor?: string; limit?: number };
    result: { notifications: NotificationJson[]; unreadCount: number; nextCursor: string | null };
  };
  /** Marks the named notifications (hers only) or all of them read. */
  markNotificationsRead: { params: { ids?: string[]; all?: boolean }; result: { unreadCount: number } };
  /** Unread notifications, capped at UNREAD_COUNT_CAP: cheap enough to poll for the badges. */
  unreadCount: { params: Record<string, never>; result: { unreadCount: number } };
  /**
   * The subscribe-message templates of this deployment for one platform (the one named, else the
   * caller's login's, else WeChat), by topic (empty: none configured).
   */
  subscribeTemplates: {
    params: { platform?: SubscribePlatform };
    result: { provider: SubscribePlatform | null; templates: Array<{ topic: SubscribeTopic; templateId: string }> };
  };
  /**
   * What `wx.requestSubscribeMessage` (or `my.requestSubscribeMessage`, with `platform: 'alipay'`)
   * answered: each accepted template allows one message through that platform.
   */
  acceptSubscriptions: {
    params: { templateIds: string[]; results: Record<string, SubscribeResult>; platform?: SubscribePlatform };
    result: { accepted: SubscribeTopic[] };
  };
}

/** A notice's kind with its payload (what the texts and links are made from). */
export type Notice = { [K in NotificationKind]: { kind: K; payload: NotificationPayloads[K] } }[NotificationKind];

/** A notice in words: a short title and a line of detail (Chinese, shown to shoppers). */
export function noticeText(notice: Notice): { title: string; body: string } {
  switch (notice.kind) {
    case 'split_paid':
      return { title: '瓜分到账', body: `「${notice.payload.groupName}」本轮瓜分，你分得 ¥${formatFen(notice.payload.amountFen)}` };
    case 'red_packet_arrived':
      return {
        title: '购物红包已到',
        body: `你在「${notice.payload.groupName}」下单得到 ¥${formatFen(notice.payload.amountFen)} 红包，确认收货后放入群红包池`,
      };
    case 'red_packet_unlocked':
      return {
        title: '红包已解锁',
        body: `¥${formatFen(notice.payload.amountFen)} 购物红包已放入「${notice.payload.groupName}」红包池，参与下一轮瓜分`,
      };
    case 'group_buy_succeeded':
      return { title: '拼团成功', body: `「${notice.payload.title}」拼团成功，订单已生成` };
    case 'group_buy_failed':
      return {
        title: '拼团未成功',
        body: `「${notice.payload.title}」未成团，¥${formatFen(notice.payload.refundedFen)} 已原路退回`,
      };
    case 'pooled_order_closing':
      return {
        title: '拼单即将截止',
        body: `「${notice.payload.groupName}」的拼单 ${NOTIFY_CLOSING_MINUTES} 分钟内截止，还没付款的快去付款`,
      };
    case 'pooled_order_placed':
      return { title: '拼单已下单', body: `「${notice.payload.groupName}」的拼单大家都付好了，已下单` };
    case 'pooled_order_expired':
      return {
        title: '拼单未成',
        body: `「${notice.payload.groupName}」的拼单到期未成，¥${formatFen(notice.payload.refundedFen)} 已原路退回`,
      };
    case 'removed_from_group':
      return { title: '你已被移出群', body: `你已被群主移出「${notice.payload.groupName}」` };
  }
}

/** The page a notice opens (a mini-program path), or null when there is nothing left to open. */
export function noticeTarget(notice: Notice): string | null {
  switch (notice.kind) {
    case 'split_paid':
      return `/packages/wallet/splits/index?groupId=${encodeURIComponent(notice.payload.groupId)}`;
    case 'red_packet_arrived':
    case 'red_packet_unlocked':
      return '/packages/wallet/home/index';
    case 'group_buy_succeeded':
    case 'group_buy_failed':
      return `/packages/shop/groupbuy/index?id=${encodeURIComponent(notice.payload.groupBuyId)}`;
    case 'pooled_order_closing':
    case 'pooled_order_placed':
    case 'pooled_order_expired':
      return `/packages/shop/pooled/index?id=${encodeURIComponent(notice.payload.pooledOrderId)}`;
    case 'removed_from_group':
      return null;
  }
}
