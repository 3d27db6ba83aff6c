import { useCallback } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { PaymentJson } from '../../../../contract/payments';
import { StateView } from '../../../components/StateView';
import { useCursorPages } from '../../../hooks/useCursorPages';
import { callFunction } from '../../../services/api';
import { paymentAmountText, paymentPurposeText, paymentStatusText } from '../../../utils/paymentView';
import { formatShortTime } from '../../../utils/time';

/** 支付记录: her payments, newest first, a page at a time: what for, how much, the red-packet part, the state. */
export function PaymentList({ enabled }: { enabled: boolean }) {
  const fetchPage = useCallback(async (cursor: string | null) => {
    const { payments, nextCursor } = await callFunction('myPayments', cursor ? { cursor } : {});
    return { items: payments, nextCursor };
  }, []);
  const pages = useCursorPages<PaymentJson>(fetchPage, 'paymentId', enabled);

  return (
    <StateView
      loading={!pages.loaded}
      error={pages.error}
      hasData={pages.loaded}
      empty={pages.loaded && pages.items.length === 0}
      emptyTitle='还没有支付记录'
      emptyHint='开团、参团和拼单付款后会记在这里'
      onRetry={() => void pages.reload()}
    >
      {pages.items.map((p) => (
        <View key={p.paymentId} className='row row--between wallet-entry payment-record' id={`payment-${p.paymentId}`}>
          <View className='grow'>
            <Text className='wallet-entry__label'>{paymentPurposeText(p.purpose)}</Text>
            <Text className='muted payment-record__amounts'>{paymentAmountText(p)}</Text>
            <Text className='muted'>{formatShortTime(p.createdAt)}</Text>
          </View>
          <Text className={`record-status record-status--${p.status} payment-status`}>{paymentStatusText(p.status)}</Text>
        </View>
      ))}
      {pages.hasMore && (
        <Button className='btn btn--small' id='more-payments' loading={pages.loading} onClick={() => void pages.loadMore()}>
          加载更多
        </Button>
      )}
      {pages.error && pages.loaded && <Text className='error-text'>加载失败，请下拉刷新重试</Text>}
    </StateView>
  );
}
