import { useRef, useState } from 'react';
import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import type { DealJson } from '../../../../contract/commerce';
import { useConfirmSheet } from '../../../components/ConfirmSheet';
import { StateView } from '../../../components/StateView';
import { useCloudData } from '../../../hooks/useCloudData';
import { usePayment } from '../../../hooks/usePayment';
import { useReloadOnShow } from '../../../hooks/useReloadOnShow';
import { useRequestIds } from '../../../hooks/useRequestIds';
import { useSessionGate } from '../../../hooks/useSessionGate';
import { callFunction } from '../../../services/api';
import { groupBuyUrl } from '../../../routes';
import { hostImageSrc } from '../../../utils/hostImage';
import { formatYuan } from '../../../utils/money';
import { walletSpendText } from '../../../utils/paymentView';
import { openGroupBuySheet } from '../checkoutSheets';
import { seatsLeft } from '../groupBuyView';
import { PaymentStatus } from '../PaymentStatus';
import { useWalletSpend } from '../useWalletSpend';
import { WalletSpend } from '../WalletSpend';
import '../shop.css';
import './index.css';

const STATUS_TEXT = { open: '拼团中', succeeded: '已成团', failed: '未成团' } as const;

/**
 * Group-buy deals (拼团) of the running campaign, and the buys the shopper is in. Opening a buy
 * charges the leader first — through WeChat Pay or Alipay in a mini-program, red-packet money
 * first if she chooses, the demo checkout on H5 — then the page of the new buy opens for sharing.
 */
export default function DealsPage() {
  const session = useSessionGate();
  // Opened from a group's home: the buy is opened in that group, and its feed tells of it.
  const groupId = useRouter().params.groupId;
  const deals = useCloudData(() => callFunction('listDeals', {}), session.ready);
  const mine = useCloudData(() => callFunction('myGroupBuys', {}), session.ready);
  const requestIds = useRequestIds();
  const wallet = useWalletSpend(session.ready);
  const confirmSheet = useConfirmSheet();
  // The deal being paid for, and the buy its payment opened (known once the call answered).
  const [opening, setOpening] = useState<string | null>(null);
  const openedBuyId = useRef<string | null>(null);
  const payment = usePayment({
    onPaid: () => {
      if (openedBuyId.current) void Taro.navigateTo({ url: groupBuyUrl(openedBuyId.current) });
      payment.reset();
    },
    onSettled: () => Promise.all([mine.reload(), wallet.reload()]),
    subscribe: ['group_buy'],
  });

  useReloadOnShow(() => Promise.all([deals.reload(), mine.reload(), wallet.reload()]), session.ready);
  usePullDownRefresh(() => {
    void Promise.all([deals.reload(), mine.reload(), wallet.reload()]).finally(() => Taro.stopPullDownRefresh());
  });

  const open = async (deal: DealJson) => {
    const walletFen = wallet.walletFenFor(deal.groupPriceFen);
    if (!(await confirmSheet.ask(openGroupBuySheet(deal, walletFen)))) return;
    const key = `open:${deal.dealId}`;
    setOpening(deal.dealId);
    openedBuyId.current = null;
    try {
      await payment.pay(async () => {
        const answer = await callFunction('openGroupBuy', {
          dealId: deal.dealId,
          requestId: requestIds.idFor(key),
          ...(groupId ? { groupId } : {}),
          ...(walletFen ? { walletFen } : {}),
        });
        // The buy exists now (its seat held until paid): a new tap is a new buy.
        requestIds.done(key);
        openedBuyId.current = answer.groupBuy.groupBuyId;
        return answer.payment;
      });
    } finally {
      setOpening(null);
    }
  };

  const list = deals.data?.deals ?? [];
  const myBuys = mine.data?.groupBuys ?? [];
  return (
    <View className='page deals-page'>
      {myBuys.length > 0 && (
        <View className='card my-group-buys'>
          <Text className='card__title'>我的拼团</Text>
          {myBuys.map((buy) => (
            <View
              key={buy.groupBuyId}
              className='row row--between my-group-buy'
              onClick={() => void Taro.navigateTo({ url: groupBuyUrl(buy.groupBuyId) })}
            >
              <View className='grow'>
                <Text className='deal__title'>{buy.deal.product.title}</Text>
                <Text className='muted'>
                  {STATUS_TEXT[buy.status]}
                  {buy.status === 'open' ? ` · 还差 ${seatsLeft(buy)} 人` : ''}
                </Text>
              </View>
              <Text className='muted'>查看 ›</Text>
            </View>
          ))}
        </View>
      )}

      <StateView
        loading={!session.ready || deals.loading}
        error={session.error ?? deals.error}
        hasData={!!deals.data}
        empty={!!deals.data && list.length === 0}
        emptyTitle={deals.data?.campaignId ? '这期活动没有拼团商品' : '现在没有进行中的活动'}
        emptyHint='活动开始后，这里会有团购价商品'
        onRetry={session.error ? session.retry : deals.reload}
      >
        <PaymentStatus phase={payment.phase} onRetry={() => void payment.retry()}>
          {openedBuyId.current && (payment.phase.kind === 'cancelled' || payment.phase.kind === 'failed') && (
            <Button
              className='btn'
              id='view-held-group-buy'
              onClick={() => void Taro.navigateTo({ url: groupBuyUrl(openedBuyId.current!) })}
            >
              查看这个团
            </Button>
          )}
        </PaymentStatus>
        {wallet.available && (
          <View className='card'>
            <WalletSpend balanceFen={wallet.balanceFen} on={wallet.on} amountFen={null} disabled={payment.busy} onToggle={wallet.toggle} />
          </View>
        )}
        {list.map((deal) => (
          <View key={deal.dealId} className='card row deal' id={`deal-${deal.dealId}`}>
            {hostImageSrc(deal.product.imageUrl) && (
              <Image className='deal__image' src={hostImageSrc(deal.product.imageUrl)!} mode='aspectFill' />
            )}
            <View className='grow deal__body'>
              <Text className='deal__title'>{deal.product.title}</Text>
              <Text className='muted'>{deal.product.shopName}</Text>
              <View className='row deal__prices'>
                <Text className='price price--big deal-price'>{formatYuan(deal.groupPriceFen)}</Text>
                <Text className='price--old'>{formatYuan(deal.product.priceFen)}</Text>
              </View>
              <Text className='hint'>
                {deal.size} 人团 · {deal.timeLimitHours} 小时内成团{deal.virtualCompletion ? ' · 到时未满平台补齐' : ''}
              </Text>
              {wallet.on && (
                <Text className='hint deal-left-to-pay'>
                  {walletSpendText(deal.groupPriceFen, wallet.walletFenFor(deal.groupPriceFen) ?? 0)}
                </Text>
              )}
            </View>
            <Button
              className='btn btn--small btn--primary open-group-buy'
              loading={opening === deal.dealId && payment.busy}
              disabled={payment.busy}
              onClick={() => void open(deal)}
            >
              开团
            </Button>
          </View>
        ))}
      </StateView>
      {confirmSheet.sheet}
    </View>
  );
}
