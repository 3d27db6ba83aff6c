import { useState } from 'react';
import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro';
import { Avatar } from '../../../components/Avatar';
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
import { groupBuyUrl, h5ShareLink, Routes } from '../../../routes';
import { formatCountdown } from '../../../utils/countdown';
import { hostImageSrc } from '../../../utils/hostImage';
import { formatYuan } from '../../../utils/money';
import { joinGroupBuySheet } from '../checkoutSheets';
import { mySeat, outcomeOf, seatsLeft } from '../groupBuyView';
import { PaymentStatus } from '../PaymentStatus';
import { useWalletSpend } from '../useWalletSpend';
import { WalletSpend } from '../WalletSpend';
import '../shop.css';
import './index.css';

/** While a buy is open, how often its page asks for new seats. */
const POLL_MS = 4000;

/**
 * One group buy: the deal, seats taken with a progress bar, a live countdown to the deadline,
 * and what the viewer can do — join and pay (from a share), finish paying for a held seat,
 * invite friends, give her seat back — or how it ended. The page's path is also the share
 * card's, so a friend lands here to join.
 */
export default function GroupBuyPage() {
  const groupBuyId = useRouter().params.id ?? '';
  const session = useSessionGate();
  const buy = useCloudData(() => callFunction('getGroupBuy', { groupBuyId }), session.ready && !!groupBuyId, [groupBuyId]);
  const requestIds = useRequestIds();
  const wallet = useWalletSpend(session.ready);
  const [copied, setCopied] = useState(false);
  const confirmSheet = useConfirmSheet();

  // After an action (or a refusal: the buy may have filled meanwhile) show the buy as it now is.
  const action = useBusyAction(() => buy.reload());
  const payment = usePayment({
    onPaid: () => undefined,
    onSettled: () => Promise.all([buy.reload(), wallet.reload()]),
    subscribe: ['group_buy'],
  });
  const busy = action.busy ?? (payment.busy ? 'join' : null);
  const groupBuy = buy.data?.groupBuy ?? null;
  const isOpen = groupBuy?.status === 'open';
  // At the deadline the scheduler settles the buy within half a minute; ask again shortly after.
  const remainingMs = useCountdown(isOpen ? groupBuy.expiresAt : null, () => setTimeout(() => void buy.reload(), 2000));
  usePolling(buy.reload, POLL_MS, session.ready && isOpen);
  usePullDownRefresh(() => {
    void buy.reload().finally(() => Taro.stopPullDownRefresh());
  });
  useShareAppMessage(() => ({
    title: groupBuy
      ? `${formatYuan(groupBuy.deal.groupPriceFen)} 拼「${groupBuy.deal.product.title}」，还差 ${seatsLeft(groupBuy)} 人`
      : '一起拼团',
    path: groupBuyId ? groupBuyUrl(groupBuyId) : Routes.messages,
  }));

  /** Joining charges her, so it asks first, as opening a buy does. */
  const join = async (current: NonNullable<typeof groupBuy>) => {
    const walletFen = wallet.walletFenFor(current.deal.groupPriceFen);
    if (!(await confirmSheet.ask(joinGroupBuySheet(current, walletFen)))) return;
    const key = `join:${groupBuyId}`;
    await payment.pay(async () => {
      const answer = await callFunction('joinGroupBuy', {
        groupBuyId,
        requestId: requestIds.idFor(key),
        ...(walletFen ? { walletFen } : {}),
      });
      // The seat is held now: joining again after it was released is a new request.
      requestIds.done(key);
      return answer.payment;
    });
  };

  const leave = () =>
    action.run('leave', async () => {
      const { confirm } = await Taro.showModal({
        title: '退出拼团',
        content: '退出后你支付的钱会全额退回，确定退出吗？',
        confirmText: '退出',
        cancelText: '取消',
      });
      if (!confirm) return;
      const { refundedFen } = await callFunction('leaveGroupBuy', { groupBuyId });
      Taro.showToast({ title: `已退款 ${formatYuan(refundedFen)}`, icon: 'none' });
    });

  const copyLink = async () => {
    try {
      await Taro.setClipboardData({ data: h5ShareLink(groupBuyUrl(groupBuyId), window.location) });
      setCopied(true);
    } catch {
      action.setError('复制失败，请长按下面的链接手动复制');
    }
  };

  const seat = groupBuy ? mySeat(groupBuy, currentUserId()) : null;
  const outcome = groupBuy ? outcomeOf(groupBuy, seat) : null;
  const isH5 = process.env.TARO_ENV === 'h5';
  const emptySeats = groupBuy && isOpen ? seatsLeft(groupBuy) : 0;

  return (
    <View className='page group-buy-page'>
      <StateView
        loading={!session.ready || buy.loading}
        error={groupBuyId ? (session.error ?? buy.error) : '缺少拼团编号，请从分享或「拼团」页进入'}
        hasData={!!groupBuy}
        onRetry={session.error ? session.retry : buy.reload}
      >
        {groupBuy && outcome && (
          <>
            <View className='card row deal'>
              {hostImageSrc(groupBuy.deal.product.imageUrl) && (
                <Image className='deal__image' src={hostImageSrc(groupBuy.deal.product.imageUrl)!} mode='aspectFill' />
              )}
              <View className='grow'>
                <Text className='deal__title group-buy-title'>{groupBuy.deal.product.title}</Text>
                <Text className='muted'>{groupBuy.deal.product.shopName}</Text>
                <View className='row deal__prices'>
                  <Text className='price price--big'>{formatYuan(groupBuy.deal.groupPriceFen)}</Text>
                  <Text className='price--old'>{formatYuan(groupBuy.deal.product.priceFen)}</Text>
                </View>
                <Text className='hint'>{groupBuy.size} 人团</Text>
              </View>
            </View>

            <View className='card'>
              <Text className={`status-banner status-banner--${outcome.tone} group-buy-status`}>{outcome.title}</Text>
              <Text className='hint group-buy-detail'>{outcome.detail}</Text>
              <View className='progress'>
                <View
                  className='progress__fill'
                  style={{ width: `${Math.round((Math.min(groupBuy.seatsTaken, groupBuy.size) * 100) / groupBuy.size)}%` }}
                />
              </View>
              <Text className='muted group-buy-seats'>
                已拼 {groupBuy.seatsTaken}/{groupBuy.size} 人
              </Text>
              {isOpen && remainingMs !== null && <Text className='hint group-buy-countdown'>距截止 {formatCountdown(remainingMs)}</Text>}
              <View className='seats'>
                {groupBuy.members
                  .filter((m) => m.status !== 'left')
                  .map((m) => (
                    <View key={m.userId} className='seat'>
                      <Avatar nickname={m.nickname} colorKey={m.userId} />
                      <Text className='muted seat__name'>
                        {m.nickname}
                        {m.userId === groupBuy.leaderId ? '（团长）' : ''}
                      </Text>
                    </View>
                  ))}
                {Array.from({ length: emptySeats }, (_, i) => (
                  <View key={`empty-${i}`} className='seat--empty'>
                    ?
                  </View>
                ))}
              </View>
            </View>

            {action.error && <Text className='error-text card group-buy-error'>{action.error}</Text>}
            <PaymentStatus phase={payment.phase} onRetry={() => void payment.retry()} />

            {isOpen && seat !== 'paid' && seat !== 'left' && seat !== 'pending' && (
              <View className='card'>
                <WalletSpend
                  balanceFen={wallet.balanceFen}
                  on={wallet.on}
                  amountFen={groupBuy.deal.groupPriceFen}
                  disabled={busy !== null}
                  onToggle={wallet.toggle}
                />
                <Button
                  className='btn btn--primary'
                  id='join-group-buy'
                  loading={busy === 'join'}
                  disabled={busy !== null}
                  onClick={() => void join(groupBuy)}
                >
                  {formatYuan(groupBuy.deal.groupPriceFen)} 参团
                </Button>
                {isH5 && <Text className='hint'>演示环境：付款为模拟支付，不会真的扣钱。</Text>}
              </View>
            )}

            {isOpen && seat === 'pending' && (payment.phase.kind === 'idle' || payment.phase.kind === 'closed') && (
              <View className='card'>
                <Button
                  className='btn btn--primary'
                  id='resume-group-buy-payment'
                  loading={busy === 'join'}
                  disabled={busy !== null}
                  onClick={() => void payment.resume('group_buy', groupBuyId)}
                >
                  继续支付
                </Button>
              </View>
            )}

            {isOpen && seat === 'paid' && (
              <View className='card'>
                {isH5 ? (
                  <>
                    <Button className='btn btn--primary' id='copy-group-buy-link' onClick={() => void copyLink()}>
                      复制拼团链接，发给好友
                    </Button>
                    <Text className='invite-link group-buy-link' userSelect>
                      {h5ShareLink(groupBuyUrl(groupBuyId), window.location)}
                    </Text>
                    {copied && <Text className='success-text'>链接已复制，发给好友一起拼吧</Text>}
                  </>
                ) : (
                  <Button className='btn btn--primary' id='share-group-buy' openType='share'>
                    邀请好友参团
                  </Button>
                )}
                <Button
                  className='btn btn--danger'
                  id='leave-group-buy'
                  loading={busy === 'leave'}
                  disabled={busy !== null}
                  onClick={() => void leave()}
                >
                  退出拼团（全额退款）
                </Button>
              </View>
            )}

            {!isOpen && (
              <View className='card'>
                <Button className='btn' id='more-deals' onClick={() => void Taro.redirectTo({ url: Routes.deals })}>
                  看看其他拼团
                </Button>
              </View>
            )}
          </>
        )}
      </StateView>
      {confirmSheet.sheet}
    </View>
  );
}
