import Taro from '@tarojs/taro';
import { badgeText } from '../../contract/unreadBadge';
import { callFunction } from './api';

/** The 消息 tab's position in the tab bar (src/app.config.ts). */
const MESSAGES_TAB_INDEX = 0;

/**
 * Shows an unread count on the 消息 tab (a red badge, "99+" past 98), or takes the badge away at
 * zero. The tab bar may be absent (a page opened from a share card): then there is nothing to mark.
 */
export function showUnreadBadge(unreadCount: number): void {
  const text = badgeText(unreadCount);
  const done = text ? Taro.setTabBarBadge({ index: MESSAGES_TAB_INDEX, text }) : Taro.removeTabBarBadge({ index: MESSAGES_TAB_INDEX });
  void Promise.resolve(done).catch(() => undefined);
}

/** Asks the server for the unread count (a cheap call, fine to poll), badges the tab and answers it. */
export async function refreshUnreadBadge(): Promise<number> {
  const { unreadCount } = await callFunction('unreadCount', {});
  showUnreadBadge(unreadCount);
  return unreadCount;
}
