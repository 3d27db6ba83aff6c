import { useCallback } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import type { MyOrderJson } from '../../../../contract/orders';
import { StateView } from '../../../components/StateView';
import { useCursorPages } from '../../../hooks/useCursorPages';
import { useReloadOnShow } from '../../../hooks/useReloadOnShow';
import { useSessionGate } from '../../../hooks/useSessionGate';
import { callFunction } from '../../../services/api';
import { orderUrl } from '../../../routes';
import { formatShortTime } from '../../../utils/time';
import { KIND_LABELS, moneyLine, orderTitle, redPacketLine, stateView } from '../orderView';
import '../orders.css';

type Row = MyOrderJson & { key: string };

/** 我的订单: checkouts, pooled orders and group buys in one list, newest first, a page at a time. */
export default function OrdersPage() {
  const session = useSessionGate();
  const fetchPage = useCallback(async (cursor: string | null) => {
    const page = await callFunction('myOrders', cursor ? { cursor } : {});
    return { items: page.orders.map((o) => ({ ...o, key: `${o.kind}:${o.id}` })), nextCursor: page.nextCursor };
  }, []);
  const orders = useCursorPages<Row>(fetchPage, 'key', session.ready);
  useReloadOnShow(orders.reload, session.ready);
  usePullDownRefresh(() => {
    void orders.reload().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => void orders.loadMore());

  return (
    <View className='page orders-page'>
      <StateView
        loading={!session.ready || orders.loading}
        error={session.error ?? orders.error}
        hasData={orders.loaded}
        onRetry={session.error ? session.retry : () => void orders.reload()}
        empty={orders.loaded && orders.items.length === 0}
        emptyTitle='还没有订单'
        emptyHint='在共享清单里下单、参加拼单或拼团后，订单会出现在这里'
      >
        {orders.items.map((order) => {
          const state = stateView(order);
          const packet = redPacketLine(order);
          return (
            <View
              key={order.key}
              className='card order-row'
              id={`order-${order.kind}-${order.id}`}
              onClick={() => void Taro.navigateTo({ url: orderUrl(order.kind, order.id) })}
            >
              <View className='row row--between order-row__head'>
                <View className='row grow'>
                  <Text className='order-kind'>{KIND_LABELS[order.kind]}</Text>
                  <Text className='order-title'>{orderTitle(order)}</Text>
                </View>
                <Text className={`order-state order-state--${state.tone}`}>{state.label}</Text>
              </View>
              <Text className='order-money'>{moneyLine(order)}</Text>
              {packet && <Text className='order-packet'>{packet}</Text>}
              <Text className='muted order-meta'>
                {formatShortTime(order.createdAt)}
                {order.groupName ? ` · ${order.groupName}` : ''}
              </Text>
            </View>
          );
        })}
        {orders.hasMore && (
          <Button className='btn load-more' id='orders-more' loading={orders.loading} onClick={() => void orders.loadMore()}>
            加载更多
          </Button>
        )}
      </StateView>
    </View>
  );
}
