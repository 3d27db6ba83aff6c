import type { WishlistItemJson } from '../../../../contract/types';
import type { SheetRequest } from '../../../components/ConfirmSheet';
import { formatYuan } from '../../../utils/money';

/** The checkout sheet for buying one listed item (the demo checkout), naming a groupmate's share when it earns a packet. */
export function buySheet(item: Pick<WishlistItemJson, 'title' | 'priceFen'>, sharerNickname: string | null): SheetRequest {
  return {
    title: `购买「${item.title}」`,
    ...(item.priceFen === null ? {} : { amount: formatYuan(item.priceFen) }),
    lines: ['数量 1（演示下单，不会真的扣钱）', ...(sharerNickname ? [`通过 ${sharerNickname} 的分享购买，群里能得好友分享购买红包`] : [])],
    confirmText: '确认下单',
  };
}
