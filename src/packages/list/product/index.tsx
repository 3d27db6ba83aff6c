import { useState } from 'react';
import { Button, Image, ScrollView, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import type { UserRefJson, WishlistItemDetailJson } from '../../../../contract/types';
import { StateView } from '../../../components/StateView';
import { useCloudData } from '../../../hooks/useCloudData';
import { useRequestIds } from '../../../hooks/useRequestIds';
import { useSessionGate } from '../../../hooks/useSessionGate';
import { callFunction, toCloudError } from '../../../services/api';
import { currentUserId } from '../../../services/session';
import { pooledOrderUrl, pooledOrdersUrl } from '../../../routes';
import { userMessage } from '../../../utils/errorMessage';
import { hostImageSrc } from '../../../utils/hostImage';
import { formatYuan } from '../../../utils/money';
import { formatShortTime } from '../../../utils/time';
import { RedPacketPopup } from '../home/RedPacketPopup';
import { purchaseOutcome, shareOutcome, type RedPacketNotice } from '../home/rewardText';
import { peopleText } from './people';
import { slideAt } from './gallerySlide';
import '../chips.css';
import './index.css';

type Action = 'want' | 'share' | 'buy' | 'bought' | 'pool';

async function confirm(title: string, content: string): Promise<boolean> {
  const { confirm: confirmed } = await Taro.showModal({ title, content, confirmText: '确定', cancelText: '取消' });
  return confirmed;
}

function showError(error: unknown) {
  void Taro.showModal({ title: '没有成功', content: userMessage(toCloudError(error)), showCancel: false, confirmText: '知道了' });
}

function People({
  id,
  title,
  people,
  myUserId,
  empty,
}: {
  id: string;
  title: string;
  people: UserRefJson[];
  myUserId: string | null;
  empty: string;
}) {
  return (
    <View className='card product-people' id={id}>
      <Text className='product-people__title'>{title}</Text>
      {people.length === 0 ? (
        <Text className='muted'>{empty}</Text>
      ) : (
        <View className='row product-people__names'>
          {people.map((person) => (
            <Text key={person.userId} className='chip product-people__name'>
              {person.userId === myUserId ? '我' : person.nickname}
            </Text>
          ))}
        </View>
      )}
    </View>
  );
}

/**
 * The product page: one item of the group's list with its pictures, price and shop, who in the
 * group wants it or bought it, and every action on it in one place (want, share, buy, mark
 * bought, add to one of the group's pooled orders).
 */
export default function ProductPage() {
  const itemId = useRouter().params.itemId ?? '';
  const session = useSessionGate();
  const enabled = session.ready && !!itemId;
  const detail = useCloudData(() => callFunction('getWishlistItem', { itemId }), enabled, [itemId]);
  const [shown, setShown] = useState<WishlistItemDetailJson | null>(null);
  const [busy, setBusy] = useState<Action | null>(null);
  const [packet, setPacket] = useState<RedPacketNotice | null>(null);
  const [slide, setSlide] = useState(0);
  const requestIds = useRequestIds();
  const myUserId = currentUserId();
  // What an action answered is shown at once; a reload replaces it.
  const data = shown && shown.item.itemId === detail.data?.item.itemId ? shown : detail.data;

  usePullDownRefresh(() => {
    setShown(null);
    void detail.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const refresh = async () => {
    setShown(null);
    await detail.reload();
  };

  const actions: Record<Action, (current: WishlistItemDetailJson) => Promise<void>> = {
    want: async ({ item }) => {
      await callFunction('wantItem', { itemId: item.itemId, on: !item.wantedByMe });
      await refresh();
    },
    bought: async ({ item }) => {
      await callFunction('markBought', { itemId: item.itemId });
      await refresh();
    },
    share: async (current) => {
      const { item } = current;
      const key = `share:${item.itemId}`;
      const reply = await callFunction('shareItem', { groupId: item.groupId, itemId: item.itemId, requestId: requestIds.idFor(key) });
      requestIds.done(key);
      setShown({ ...current, item: { ...item, shareCount: item.shareCount + 1 } });
      const outcome = shareOutcome(reply);
      if ('packet' in outcome) setPacket(outcome.packet);
      else void Taro.showToast({ title: outcome.toast, icon: 'none', duration: 2500 });
    },
    buy: async ({ item }) => {
      if (!item.productId) return;
      const price = item.priceFen === null ? '' : ` ${formatYuan(item.priceFen)}`;
      if (!(await confirm('购买（演示下单）', `购买「${item.title}」${price}，数量 1？`))) return;
      const key = `buy:${item.itemId}`;
      const reply = await callFunction('simulateCheckout', {
        lines: [{ productId: item.productId, qty: 1, ...(item.lastShare ? { shareId: item.lastShare.shareId } : {}) }],
        requestId: requestIds.idFor(key),
      });
      requestIds.done(key);
      const outcome = purchaseOutcome(reply);
      if ('packet' in outcome) setPacket(outcome.packet);
      else void Taro.showToast({ title: outcome.toast, icon: 'none', duration: 2500 });
    },
    pool: async ({ item }) => {
      const { pooledOrders } = await callFunction('listPooledOrders', { groupId: item.groupId });
      const open = pooledOrders.filter((order) => order.status === 'open');
      if (open.length === 0) {
        if (await confirm('加入拼单', '群里还没有进行中的拼单，去发起一个？')) void Taro.navigateTo({ url: pooledOrdersUrl(item.groupId) });
        return;
      }
      let chosen = open[0]!;
      if (open.length > 1) {
        const { tapIndex } = await Taro.showActionSheet({
          itemList: open.map((order) => `${order.creatorNickname} 的拼单 · 截止 ${formatShortTime(order.deadline)}`),
        });
        chosen = open[tapIndex] ?? chosen;
      }
      await callFunction('addPooledLine', { pooledOrderId: chosen.pooledOrderId, itemId: item.itemId, qty: 1 });
      const { confirm: go } = await Taro.showModal({
        title: '已加入拼单',
        content: `已把「${item.title}」加入 ${chosen.creatorNickname} 的拼单，数量 1`,
        confirmText: '去看看',
        cancelText: '留在这里',
      });
      if (go) void Taro.navigateTo({ url: pooledOrderUrl(chosen.pooledOrderId) });
    },
  };

  const run = async (action: Action) => {
    if (busy || !data) return;
    setBusy(action);
    try {
      await actions[action](data);
    } catch (e) {
      // showActionSheet rejects when the sheet is dismissed: nothing was chosen, nothing to say.
      if ((e as { errMsg?: string } | null)?.errMsg?.includes('cancel')) return;
      showError(e);
    } finally {
      setBusy(null);
    }
  };
  const label = (action: Action, text: string) => (busy === action ? '…' : text);

  const item = data?.item;
  const images = (data?.images ?? []).map(hostImageSrc).filter((src): src is string => !!src);
  return (
    <View className='page product-page'>
      <StateView
        loading={!session.ready || (detail.loading && !data)}
        error={itemId ? (session.error ?? detail.error) : '缺少宝贝编号，请从共享清单进入'}
        hasData={!!data}
        onRetry={session.error ? session.retry : detail.reload}
      >
        {data && item && (
          <>
            <View className='product-gallery'>
              {images.length === 0 ? (
                <View className='product-gallery__none'>
                  <Text className='muted'>暂无图片</Text>
                </View>
              ) : (
                // A paging scroll view rather than Swiper: the main package carries a template for every
                // component the app uses anywhere, and Swiper's would cost the main package 6.5 KB.
                <ScrollView
                  className='product-gallery__strip'
                  scrollX
                  enhanced
                  pagingEnabled
                  showScrollbar={false}
                  onScroll={(e) => setSlide(slideAt(e.detail.scrollLeft, e.detail.scrollWidth, images.length))}
                >
                  {images.map((src, i) => (
                    <View className='product-gallery__slide' key={src}>
                      <Image className='product-gallery__image' id={`product-image-${i}`} src={src} mode='aspectFit' />
                    </View>
                  ))}
                </ScrollView>
              )}
              {images.length > 1 && (
                <Text className='product-gallery__count'>
                  {slide + 1}/{images.length}
                </Text>
              )}
            </View>

            <View className='card product-summary'>
              <Text className='product-price' id='product-price'>
                {item.priceFen === null ? '价格待确认' : formatYuan(item.priceFen)}
              </Text>
              <Text className='product-title' id='product-title'>
                {item.title}
              </Text>
              {item.shopName && (
                <Text className='muted product-shop' id='product-shop'>
                  {item.shopName}
                </Text>
              )}
              {!item.resolved && <Text className='hint'>商品库里暂时没有这件宝贝的详情</Text>}
              <Text className='muted product-by'>
                {item.addedBy.userId === myUserId ? '我' : item.addedBy.nickname} 添加 · {formatShortTime(item.createdAt)}
              </Text>
              {item.note && <Text className='hint product-note'>“{item.note}”</Text>}
              {item.lastShare && (
                <Text className='hint product-shared-by'>{item.lastShare.sharedBy.nickname} 分享了它，通过分享购买得红包</Text>
              )}
            </View>

            <People
              id='product-wanters'
              title={`想要的人 ${data.wanters.length}`}
              people={data.wanters}
              myUserId={myUserId}
              empty='还没有人说想要'
            />
            <People id='product-buyers' title='已买' people={data.buyers} myUserId={myUserId} empty='还没有人买' />
            {(data.wanters.length > 0 || data.buyers.length > 0) && (
              <Text className='muted product-people-summary'>{peopleText(data, myUserId)}</Text>
            )}

            <View className='product-actions'>
              <Text className={`chip want-toggle ${item.wantedByMe ? 'chip--on' : ''}`} id='product-want' onClick={() => void run('want')}>
                {label('want', item.wantedByMe ? '已想要' : '我也想要')}
              </Text>
              <Text className='chip share-button' id='product-share' onClick={() => void run('share')}>
                {label('share', '分享到群')}
              </Text>
              {item.productId && (
                <Text className='chip pool-button' id='product-pool' onClick={() => void run('pool')}>
                  {label('pool', '加入拼单')}
                </Text>
              )}
              {!item.bought && (
                <Text className='chip bought-button' id='product-bought' onClick={() => void run('bought')}>
                  {label('bought', '标记已买')}
                </Text>
              )}
              {item.productId && (
                <Button className='btn btn--primary product-buy' id='product-buy' onClick={() => void run('buy')}>
                  {label('buy', '购买')}
                </Button>
              )}
            </View>
          </>
        )}
      </StateView>
      {packet && <RedPacketPopup notice={packet} onClose={() => setPacket(null)} />}
    </View>
  );
}
