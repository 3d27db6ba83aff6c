/**
 * The unread count as badges show it. Apart from the rest of the notices' contract so that the
 * tab pages, which only badge, carry nothing else of it in the mini-program's main package.
 */

/** The unread count stops counting here (the badge shows "99+"). */
export const UNREAD_COUNT_CAP = 100;

/** The badge's text for an unread count ('' for none). */
export function badgeText(unreadCount: number): string {
  if (unreadCount <= 0) return '';
  return unreadCount >= UNREAD_COUNT_CAP - 1 ? '99+' : String(unreadCount);
}
