import type { WishlistItemDetailJson } from '../../../../contract/types';

/** One line under the lists: how many want it and who bought it, in words ("我" for the viewer). */
export function peopleText(detail: Pick<WishlistItemDetailJson, 'wanters' | 'buyers'>, myUserId: string | null): string {
  const name = (person: { userId: string; nickname: string }) => (person.userId === myUserId ? '我' : person.nickname);
  const parts: string[] = [];
  if (detail.wanters.length > 0) parts.push(`${detail.wanters.length} 人想要`);
  if (detail.buyers.length > 0) parts.push(`${detail.buyers.map(name).join('、')} 已买`);
  return parts.join('，');
}
