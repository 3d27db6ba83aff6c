import { useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import type { WishlistItemJson } from '../../../../contract/types';
import { useConfirmSheet } from '../../../components/ConfirmSheet';
import { StateView } from '../../../components/StateView';
import { useCloudData } from '../../../hooks/useCloudData';
import { useReloadOnShow } from '../../../hooks/useReloadOnShow';
import { useSessionGate } from '../../../hooks/useSessionGate';
import { callFunction, toCloudError } from '../../../services/api';
import { currentUserId } from '../../../services/session';
import { askToSubscribe, loadSubscribeTemplates } from '../../../services/subscribe';
import { addItemUrl } from '../../../routes';
import { userMessage } from '../../../utils/errorMessage';
import { LIST_TABS, parseListName } from '../listNames';
import { useRequestIds } from '../../../hooks/useRequestIds';
import { buySheet } from './buySheet';
import { latestSharesByOthers } from './latestShares';
import { RedPacketPopup } from './RedPacketPopup';
import { purchaseOutcome, shareOutcome, type RedPacketNotice } from './rewardText';
import { useWishlist } from './useWishlist';
import { WishlistItemCard, type ItemAction } from './WishlistItemCard';
import '../chips.css';
import './index.css';

/** The feed page that is searched for share ids: the server's largest. */
const FEED_LOOKBACK = 100;

async function confirm(title: string, content: string): Promise<boolean> {
  const { confirm: confirmed } = await Taro.showModal({ title, content, confirmText: '确定', cancelText: '取消' });
  return confirmed;
}

/** Server messages can be long (they say what to do next), so they go in a modal, not a toast. */
function showError(error: unknown) {
  void Taro.showModal({ title: '没有成功', content: userMessage(toCloudError(error)), showCancel: false, confirmText: '知道了' });
}

export default function WishlistPage() {
  const params = useRouter().params;
  const groupId = params.groupId ?? '';
  const [list, setList] = useState(() => parseListName(params.list));
  const session = useSessionGate();
  const enabled = session.ready && !!groupId;
  const group = useCloudData(() => callFunction('getGroup', { groupId }), enabled, [groupId]);
  const wishlist = useWishlist(groupId, list, enabled && !!group.data);
  const feed = useCloudData(() => callFunction('groupFeed', { groupId, limit: FEED_LOOKBACK }), enabled && !!group.data, [groupId]);
  const requestIds = useRequestIds();
  const confirmSheet = useConfirmSheet();
  const [busy, setBusy] = useState<{ itemId: string; action: ItemAction } | null>(null);
  const [packet, setPacket] = useState<RedPacketNotice | null>(null);

  const refreshAll = () => Promise.all([wishlist.reload(), feed.reload()]);
  // Coming back from the add page (or from anywhere): items may have been added meanwhile.
  useReloadOnShow(refreshAll, enabled && !!group.data);
  usePullDownRefresh(() => {
    void refreshAll().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => void wishlist.loadMore());

  const myUserId = currentUserId();
  const sharesByOthers = latestSharesByOthers(feed.data?.events ?? [], myUserId);

  const actions: Record<ItemAction, (item: WishlistItemJson) => Promise<void>> = {
    want: async (item) => {
      const result = await callFunction('wantItem', { itemId: item.itemId, on: !item.wantedByMe });
      wishlist.replaceItem(result.item);
    },
    bought: async (item) => {
      const result = await callFunction('markBought', { itemId: item.itemId });
      wishlist.replaceItem(result.item);
    },
    remove: async (item) => {
      if (!(await confirm('移出清单', `确定把「${item.title}」移出清单吗？`))) return;
      await callFunction('removeWishlistItem', { itemId: item.itemId });
      wishlist.dropItem(item.itemId);
    },
    share: async (item) => {
      // Within her tap: the split and red packets her share leads to may reach her as WeChat messages.
      await askToSubscribe(['money']);
      const key = `share:${item.itemId}`;
      const reply = await callFunction('shareItem', { groupId, itemId: item.itemId, requestId: requestIds.idFor(key) });
      requestIds.done(key);
      wishlist.replaceItem({ ...item, shareCount: item.shareCount + 1 });
      const outcome = shareOutcome(reply);
      if ('packet' in outcome) setPacket(outcome.packet);
      else void Taro.showToast({ title: outcome.toast, icon: 'none', duration: 2500 });
    },
    buy: async (item) => {
      if (!item.productId) return;
      const share = sharesByOthers.get(item.itemId);
      if (!(await confirmSheet.ask(buySheet(item, share?.sharerNickname ?? null)))) return;
      const key = `buy:${item.itemId}`;
      const reply = await callFunction('simulateCheckout', {
        lines: [{ productId: item.productId, qty: 1, ...(share ? { shareId: share.shareId } : {}) }],
        requestId: requestIds.idFor(key),
      });
      requestIds.done(key);
      const outcome = purchaseOutcome(reply);
      if ('packet' in outcome) setPacket(outcome.packet);
      else void Taro.showToast({ title: outcome.toast, icon: 'none', duration: 2500 });
    },
  };

  useEffect(loadSubscribeTemplates, []);

  const onAction = async (action: ItemAction, item: WishlistItemJson) => {
    setBusy({ itemId: item.itemId, action });
    try {
      await actions[action](item);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(null);
    }
  };

  const data = group.data;
  return (
    <View className='page wishlist-page'>
      <StateView
        loading={!session.ready || group.loading}
        error={groupId ? (session.error ?? group.error) : '缺少群编号，请从小黑群主页进入'}
        hasData={!!data}
        onRetry={session.error ? session.retry : group.reload}
      >
        {data && (
          <>
            <View className='card wishlist-header'>
              <Text className='wishlist-header__group'>{data.group.name}</Text>
              {data.group.status !== 'active' && (
                <Text className='hint'>小黑群满 {data.group.minMembers} 人激活后，分享和购买才能赢红包</Text>
              )}
              <View className='row tabs'>
                {LIST_TABS.map((tab) => (
                  <Text
                    key={tab.list}
                    id={`tab-${tab.list}`}
                    className={`tab ${tab.list === list ? 'tab--on' : ''}`}
                    onClick={() => setList(tab.list)}
                  >
                    {tab.label}
                  </Text>
                ))}
              </View>
              {data.group.status !== 'dissolved' && (
                <Button
                  className='btn btn--primary'
                  id='add-item-button'
                  onClick={() => void Taro.navigateTo({ url: addItemUrl(groupId, list) })}
                >
                  添加宝贝
                </Button>
              )}
            </View>

            {wishlist.error && wishlist.loaded && <Text className='error-text card'>{userMessage(wishlist.error)}</Text>}
            <StateView
              loading={!wishlist.loaded}
              error={wishlist.loaded ? null : wishlist.error}
              hasData={wishlist.loaded}
              onRetry={() => void wishlist.reload()}
              empty={wishlist.loaded && wishlist.items.length === 0}
              emptyTitle={list === 'double11' ? '双11清单还是空的' : '清单还是空的'}
              emptyHint='粘贴商品链接或淘口令，或者从商品库里挑一件，大家都能看到'
            >
              <View className='wishlist-items'>
                {wishlist.items.map((item) => (
                  <WishlistItemCard
                    key={item.itemId}
                    item={item}
                    myUserId={myUserId}
                    isGroupOwner={data.group.ownerId === myUserId}
                    shareByOther={sharesByOthers.get(item.itemId)}
                    busy={busy?.itemId === item.itemId ? busy.action : null}
                    onAction={(action, target) => void onAction(action, target)}
                  />
                ))}
              </View>
              {wishlist.hasMore && (
                <Button className='btn load-more' id='load-more' loading={wishlist.loading} onClick={() => void wishlist.loadMore()}>
                  加载更多
                </Button>
              )}
              {!wishlist.hasMore && wishlist.items.length > 0 && <Text className='muted list-end'>没有更多了</Text>}
            </StateView>
          </>
        )}
      </StateView>
      {packet && <RedPacketPopup notice={packet} onClose={() => setPacket(null)} />}
      {confirmSheet.sheet}
    </View>
  );
}
