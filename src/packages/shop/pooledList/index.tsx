import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { StateView } from '../../../components/StateView';
import { useCloudData } from '../../../hooks/useCloudData';
import { useReloadOnShow } from '../../../hooks/useReloadOnShow';
import { useRequestIds } from '../../../hooks/useRequestIds';
import { useSessionGate } from '../../../hooks/useSessionGate';
import { callFunction, toCloudError } from '../../../services/api';
import { pooledOrderUrl, Routes } from '../../../routes';
import { userMessage } from '../../../utils/errorMessage';
import { formatYuan } from '../../../utils/money';
import { formatShortTime } from '../../../utils/time';
import '../shop.css';
import './index.css';

/** Deadlines a member can pick when starting a pooled order. */
const DEADLINE_CHOICES = [
  { hours: 1, label: '1小时' },
  { hours: 3, label: '3小时' },
  { hours: 12, label: '12小时' },
  { hours: 24, label: '1天' },
] as const;

const STATUS_TEXT = { open: '进行中', confirming: '等付款', placed: '已下单', expired: '已截止' } as const;

/**
 * A group's pooled orders (领券拼单): the ones in progress to join, the closed ones for the
 * record, and a way to start one with a deadline.
 */
export default function PooledListPage() {
  const groupId = useRouter().params.groupId ?? '';
  const session = useSessionGate();
  const orders = useCloudData(() => callFunction('listPooledOrders', { groupId }), session.ready && !!groupId, [groupId]);
  const requestIds = useRequestIds();
  const [hours, setHours] = useState<number>(3);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);

  useReloadOnShow(orders.reload, session.ready && !!groupId);
  usePullDownRefresh(() => {
    void orders.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const start = async () => {
    const key = `start:${groupId}:${hours}`;
    setStarting(true);
    setStartError(null);
    try {
      const deadline = new Date(Date.now() + hours * 3_600_000).toISOString();
      const view = await callFunction('startPooledOrder', { groupId, deadline, requestId: requestIds.idFor(key) });
      requestIds.done(key);
      void Taro.navigateTo({ url: pooledOrderUrl(view.pooledOrder.pooledOrderId) });
    } catch (e) {
      setStartError(userMessage(toCloudError(e)));
    } finally {
      setStarting(false);
    }
  };

  const list = orders.data?.pooledOrders ?? [];
  return (
    <View className='page pooled-list-page'>
      <StateView
        loading={!session.ready || orders.loading}
        error={groupId ? (session.error ?? orders.error) : '缺少群编号，请从小黑群进入'}
        hasData={!!orders.data}
        onRetry={session.error ? session.retry : orders.reload}
      >
        <View className='card'>
          <Text className='card__title'>发起拼单</Text>
          <Text className='hint'>大家把清单里想买的商品凑进一个拼单，系统算出怎么拆单、用哪些券最省，每人只付自己那份。</Text>
          <Text className='label'>截止时间</Text>
          <View className='chips'>
            {DEADLINE_CHOICES.map((choice) => (
              <Text
                key={choice.hours}
                className={`chip ${hours === choice.hours ? 'chip--on' : ''} deadline-chip`}
                onClick={() => setHours(choice.hours)}
              >
                {choice.label}
              </Text>
            ))}
          </View>
          <Button className='btn btn--primary' id='start-pooled-order' loading={starting} disabled={starting} onClick={() => void start()}>
            发起拼单
          </Button>
          {startError && <Text className='error-text start-error'>{startError}</Text>}
          <Text className='hint pooled-coupons-link' onClick={() => void Taro.navigateTo({ url: Routes.coupons })}>
            还没领券？先去领券中心 ›
          </Text>
        </View>

        {list.length === 0 ? (
          <View className='card'>
            <Text className='muted'>群里还没有拼单。发起一个，叫上大家一起凑单吧</Text>
          </View>
        ) : (
          <View className='card'>
            <Text className='card__title'>群里的拼单</Text>
            {list.map((order) => (
              <View
                key={order.pooledOrderId}
                className='row row--between pooled-order-row'
                onClick={() => void Taro.navigateTo({ url: pooledOrderUrl(order.pooledOrderId) })}
              >
                <View className='grow'>
                  <Text className='pooled-order-row__title'>
                    {order.creatorNickname} 发起 · {STATUS_TEXT[order.status]}
                  </Text>
                  <Text className='muted'>
                    {order.memberCount} 人 · {order.lineCount} 件 · {formatYuan(order.totalAmountFen)} · {formatShortTime(order.deadline)}{' '}
                    截止
                  </Text>
                </View>
                <Text className='muted'>{order.status === 'open' ? '去加购 ›' : '查看 ›'}</Text>
              </View>
            ))}
          </View>
        )}
      </StateView>
    </View>
  );
}
