import { useRef } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useConfirmSheet } from '../../../components/ConfirmSheet';
import { StateView } from '../../../components/StateView';
import { useBusyAction } from '../../../hooks/useBusyAction';
import { useCloudData } from '../../../hooks/useCloudData';
import { useCountdown } from '../../../hooks/useCountdown';
import { usePayment } from '../../../hooks/usePayment';
import { usePolling } from '../../../hooks/usePolling';
import { useRequestIds } from '../../../hooks/useRequestIds';
import { useSessionGate } from '../../../hooks/useSessionGate';
import { callFunction } from '../../../services/api';
import { currentUserId } from '../../../services/session';
import { Routes } from '../../../routes';
import { formatCountdown } from '../../../utils/countdown';
import { formatYuan } from '../../../utils/money';
import { paidTotalFen } from '../../../utils/paymentView';
import { pooledConfirmSheet } from '../checkoutSheets';
import { PaymentStatus } from '../PaymentStatus';
import { confirmStateOf, memberMoney, paidNotice, pooledStatusText } from '../pooledView';
import { useWalletSpend } from '../useWalletSpend';
import { WalletSpend } from '../WalletSpend';
import { AddLines } from './AddLines';
import { MoneyTable } from './MoneyTable';
import { PlanCard } from './PlanCard';
import '../shop.css';
import './index.css';

/** While the order is open or waiting for payments, how often the page asks for changes. */
const POLL_MS = 4000;
/** Items offered from the shared list (the list's page size limit). */
const LIST_ITEMS = 50;

/**
 * One pooled order (领券拼单): a live countdown, the lines by member, the planner's orders and
 * coupons, who pays and saves what, and confirm-and-pay (WeChat Pay or Alipay in a mini-program,
 * red-packet money first if she chooses). Lines change only while it is open; the first
 * confirmation freezes the plan for everyone.
 */
export default function PooledOrderPage() {
  const pooledOrderId = useRouter().params.id ?? '';
  const session = useSessionGate();
  const order = useCloudData(() => callFunction('getPooledOrder', { pooledOrderId }), session.ready && !!pooledOrderId, [pooledOrderId]);
  const groupId = order.data?.pooledOrder.groupId ?? '';
  const items = useCloudData(() => callFunction('listWishlist', { groupId, limit: LIST_ITEMS }), session.ready && !!groupId, [groupId]);
  const requestIds = useRequestIds();
  const wallet = useWalletSpend(session.ready);
  const confirmSheet = useConfirmSheet();
  // One change at a time; afterwards the page shows the order as it now is (others may have changed it too).
  const action = useBusyAction(() => order.reload());
  // The confirm call's answer, for the packets a payment that placed the orders earned (known only
  // when it was paid at once; a payment finished at the cashier is told by its amount).
  const answered = useRef<{ paymentId: string; paidFen: number; redPackets: ReadonlyArray<{ amountFen: number }> } | null>(null);
  const payment = usePayment({
    onPaid: (paid) => {
      const reply = answered.current?.paymentId === paid.paymentId ? answered.current : { paidFen: paidTotalFen(paid), redPackets: [] };
      const notice = paidNotice(reply);
      if ('toast' in notice) Taro.showToast({ title: notice.toast, icon: 'none' });
      else void Taro.showModal({ title: notice.title, content: notice.content, showCancel: false, confirmText: '好的' });
    },
    onSettled: () => Promise.all([order.reload(), wallet.reload()]),
    subscribe: ['pooled_order', 'money'],
  });
  const busyKey = action.busy ?? (payment.busy ? 'confirm' : null);

  const view = order.data;
  const status = view?.pooledOrder.status;
  const live = status === 'open' || status === 'confirming';
  const reload = order.reload;
  const remainingMs = useCountdown(live ? view!.pooledOrder.deadline : null, () => setTimeout(() => void reload(), 2000));
  usePolling(reload, POLL_MS, session.ready && live && busyKey === null);
  usePullDownRefresh(() => {
    void Promise.all([reload(), items.reload()]).finally(() => Taro.stopPullDownRefresh());
  });

  const setQty = (itemId: string, qty: number) => action.run(itemId, () => callFunction('addPooledLine', { pooledOrderId, itemId, qty }));
  const removeLine = (lineId: string) => action.run(lineId, () => callFunction('removePooledLine', { pooledOrderId, lineId }));
  const confirm = async (dueFen: number) => {
    const walletFen = wallet.walletFenFor(dueFen);
    if (!(await confirmSheet.ask(pooledConfirmSheet(dueFen, walletFen)))) return;
    const key = `confirm:${pooledOrderId}`;
    await payment.pay(async () => {
      const result = await callFunction('confirmPooledOrder', {
        pooledOrderId,
        requestId: requestIds.idFor(key),
        ...(walletFen ? { walletFen } : {}),
      });
      requestIds.done(key);
      answered.current = { paymentId: result.payment.paymentId, paidFen: result.paidFen, redPackets: result.redPackets };
      return result.payment;
    });
  };

  const myUserId = currentUserId();
  const me = view?.members.find((m) => m.userId === myUserId);
  const rows = view ? memberMoney(view) : [];
  const mine = rows.find((r) => r.userId === myUserId);
  const banner = view ? pooledStatusText(view) : null;
  const confirmState = view ? confirmStateOf(view, myUserId, Date.now()) : null;

  return (
    <View className='page pooled-page'>
      <StateView
        loading={!session.ready || order.loading}
        error={pooledOrderId ? (session.error ?? order.error) : '缺少拼单编号，请从小黑群的「领券拼单」进入'}
        hasData={!!view}
        onRetry={session.error ? session.retry : order.reload}
      >
        {view && banner && (
          <>
            <View className='card'>
              <Text className={`status-banner status-banner--${banner.tone} pooled-status`}>{banner.title}</Text>
              <Text className='hint'>{banner.detail}</Text>
              {live && remainingMs !== null && <Text className='hint pooled-countdown'>距截止 {formatCountdown(remainingMs)}</Text>}
            </View>

            {mine && (
              <View className='card my-saving-card'>
                <Text className='muted'>我的商品 {formatYuan(mine.amountFen)}，一起拼能省</Text>
                <Text className='plan__amount plan__amount--saving my-saving'>{formatYuan(mine.discountFen)}</Text>
                {mine.standaloneDiscountFen !== null && (
                  <Text className='hint my-saving-compare'>
                    {mine.standaloneDiscountFen === 0
                      ? '自己单独下单凑不到任何券的门槛'
                      : `自己单独下单只能省 ${formatYuan(mine.standaloneDiscountFen)}`}
                  </Text>
                )}
              </View>
            )}

            <View className='card'>
              <Text className='card__title'>最省方案</Text>
              <PlanCard view={view} />
            </View>

            {rows.length > 0 && (
              <View className='card'>
                <Text className='card__title'>谁付多少、省多少</Text>
                <MoneyTable rows={rows} myUserId={myUserId} />
              </View>
            )}

            {action.error && <Text className='error-text card pooled-error'>{action.error}</Text>}
            <PaymentStatus phase={payment.phase} onRetry={() => void payment.retry()} />

            {confirmState?.kind === 'can_pay' && (
              <View className='card'>
                <WalletSpend
                  balanceFen={wallet.balanceFen}
                  on={wallet.on}
                  amountFen={confirmState.dueFen}
                  disabled={busyKey !== null}
                  onToggle={wallet.toggle}
                />
                <Button
                  className='btn btn--primary'
                  id='confirm-pooled-order'
                  loading={busyKey === 'confirm'}
                  disabled={busyKey !== null}
                  onClick={() => void confirm(confirmState.dueFen)}
                >
                  确认并支付 {formatYuan(confirmState.dueFen)}
                </Button>
                {process.env.TARO_ENV === 'h5' && <Text className='hint'>演示环境：付款为模拟支付，不会真的扣钱。</Text>}
              </View>
            )}
            {confirmState?.kind === 'pending' && (payment.phase.kind === 'idle' || payment.phase.kind === 'closed') && (
              <View className='card'>
                <Text className='hint pooled-pending'>你的付款还没完成，截止前付好才算数</Text>
                <Button
                  className='btn btn--primary'
                  id='resume-pooled-payment'
                  disabled={busyKey !== null}
                  onClick={() => void payment.resume('pooled_order', pooledOrderId)}
                >
                  继续支付 {formatYuan(confirmState.dueFen)}
                </Button>
              </View>
            )}
            {confirmState?.kind === 'paid' && me?.payment === 'paid' && (
              <Text className='success-text card pooled-paid'>
                你已付款 {formatYuan(me.dueFen ?? 0)}
                {status === 'placed' ? '，订单已提交' : '，等其他人付款'}
              </Text>
            )}
            {confirmState?.kind === 'no_saving' && <Text className='hint card'>凑到券的门槛后才能确认付款。</Text>}

            {status === 'open' && (
              <View className='card'>
                <Text className='card__title'>从群清单加商品</Text>
                <AddLines
                  items={items.data?.items ?? null}
                  myLines={me?.lines ?? []}
                  busyKey={busyKey}
                  onSetQty={(id, qty) => void setQty(id, qty)}
                  onRemove={(id) => void removeLine(id)}
                />
                <Text className='hint pooled-coupons-link' onClick={() => void Taro.navigateTo({ url: Routes.coupons })}>
                  券不够？去领券中心 ›
                </Text>
              </View>
            )}
          </>
        )}
      </StateView>
      {confirmSheet.sheet}
    </View>
  );
}
