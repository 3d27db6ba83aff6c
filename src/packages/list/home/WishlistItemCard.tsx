import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { WishlistItemJson } from '../../../../contract/types';
import { formatYuan } from '../../../utils/money';
import { formatShortTime } from '../../../utils/time';
import { hostImageSrc } from '../../../utils/hostImage';
import { productUrl } from '../../../routes';
import type { ShareRef } from './latestShares';

export type ItemAction = 'want' | 'share' | 'buy' | 'bought' | 'remove';

interface Props {
  item: WishlistItemJson;
  myUserId: string | null;
  isGroupOwner: boolean;
  /** The newest share of this item by a groupmate, if the feed shows one. */
  shareByOther: ShareRef | undefined;
  /** The action under way on this item, if any. */
  busy: ItemAction | null;
  onAction: (action: ItemAction, item: WishlistItemJson) => void;
}

/** One entry of the shared list: the product, who added it, who wants it, and what one can do with it. */
export function WishlistItemCard({ item, myUserId, isGroupOwner, shareByOther, busy, onAction }: Props) {
  const image = hostImageSrc(item.imageUrl);
  const mine = item.addedBy.userId === myUserId;
  const canRemove = mine || isGroupOwner;
  const act = (action: ItemAction) => () => {
    if (!busy) onAction(action, item);
  };
  const label = (action: ItemAction, text: string) => (busy === action ? '…' : text);
  const openProduct = () => void Taro.navigateTo({ url: productUrl(item.itemId) });

  return (
    <View className='card wish-item' id={`item-${item.itemId}`}>
      <View className='row wish-item__top' onClick={openProduct}>
        {image ? (
          <Image className='wish-item__image' src={image} mode='aspectFill' />
        ) : (
          <View className='wish-item__image wish-item__image--none'>
            <Text className='muted'>暂无图片</Text>
          </View>
        )}
        <View className='grow wish-item__body'>
          <Text className='wish-item__title'>{item.title}</Text>
          {item.shopName && <Text className='muted wish-item__shop'>{item.shopName}</Text>}
          <Text className='wish-item__price'>{item.priceFen === null ? '价格待确认' : formatYuan(item.priceFen)}</Text>
          <Text className='muted wish-item__by'>
            {mine ? '我' : item.addedBy.nickname} 添加 · {formatShortTime(item.createdAt)}
          </Text>
        </View>
      </View>
      {item.note && <Text className='hint wish-item__note'>“{item.note}”</Text>}
      {!item.resolved && <Text className='hint'>商品库里暂时没有这件宝贝的详情</Text>}
      {item.bought && (
        <Text className='success-text wish-item__bought'>
          ✓ {item.boughtBy ? `${item.boughtBy.userId === myUserId ? '我' : item.boughtBy.nickname} ` : ''}已买
        </Text>
      )}
      {shareByOther && <Text className='hint wish-item__shared-by'>{shareByOther.sharerNickname} 分享了它，通过分享购买得红包</Text>}
      <View className='row wish-item__actions'>
        <Text className={`chip want-toggle ${item.wantedByMe ? 'chip--on' : ''}`} onClick={act('want')}>
          {label('want', item.wantedByMe ? '已想要' : '我也想要')} {item.wantCount}
        </Text>
        <Text className='chip share-button' onClick={act('share')}>
          {label('share', '分享到群')}
        </Text>
        {item.productId && (
          <Text className='chip chip--primary buy-button' onClick={act('buy')}>
            {label('buy', '购买')}
          </Text>
        )}
        {!item.bought && (
          <Text className='chip bought-button' onClick={act('bought')}>
            {label('bought', '标记已买')}
          </Text>
        )}
        {canRemove && (
          <Text className='chip chip--danger remove-button' onClick={act('remove')}>
            {label('remove', '移出')}
          </Text>
        )}
      </View>
    </View>
  );
}
