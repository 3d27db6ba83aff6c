import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { StateView } from '../../../components/StateView';
import { useCloudData } from '../../../hooks/useCloudData';
import { useReloadOnShow } from '../../../hooks/useReloadOnShow';
import { useSessionGate } from '../../../hooks/useSessionGate';
import { callFunction } from '../../../services/api';
import { splitsUrl } from '../../../routes';
import { formatYuan } from '../../../utils/money';
import { pendingPacketText } from '../../../utils/pendingPacket';
import { formatShortTime } from '../../../utils/time';
import { signedYuan } from '../signedYuan';
import { PaymentList } from './PaymentList';
import { WithdrawalList } from './WithdrawalList';
import { WithdrawCard } from './WithdrawCard';
import './index.css';

const TABS = [
  { key: 'entries', label: '收支明细' },
  { key: 'withdrawals', label: '提现记录' },
  { key: 'payments', label: '支付记录' },
] as const;
type Tab = (typeof TABS)[number]['key'];

/**
 * My balance and every movement of it, newest first (a split links to its group's results);
 * withdrawing it (提现) with the record of withdrawals, and the record of my payments.
 */
export default function WalletPage() {
  const session = useSessionGate();
  const wallet = useCloudData(() => callFunction('myWallet', {}), session.ready);
  const withdrawals = useCloudData(() => callFunction('myWithdrawals', {}), session.ready);
  const [tab, setTab] = useState<Tab>('entries');
  const reloadAll = () => Promise.all([wallet.reload(), withdrawals.reload()]);
  useReloadOnShow(reloadAll, session.ready);
  usePullDownRefresh(() => {
    void reloadAll().finally(() => Taro.stopPullDownRefresh());
  });

  const data = wallet.data;
  return (
    <View className='page wallet-page'>
      <StateView
        loading={!session.ready || wallet.loading}
        error={session.error ?? wallet.error}
        hasData={!!data}
        onRetry={session.error ? session.retry : wallet.reload}
      >
        {data && (
          <>
            <View className='card wallet-balance'>
              <Text className='muted'>余额</Text>
              <Text className='wallet-balance__amount wallet-balance-amount'>{formatYuan(data.balanceFen)}</Text>
              <Text className='hint'>群红包池瓜分到的钱和大奖会放到这里</Text>
            </View>
            {data.pending.length > 0 && (
              <View className='card wallet-pending'>
                <Text className='card__title'>待解锁的购买红包</Text>
                {data.pending.map((packet) => (
                  <Text key={packet.redPacketId} className='wallet-pending__item'>
                    {pendingPacketText(packet.amountFen, packet.unlocksAt)}
                  </Text>
                ))}
                <Text className='hint'>订单过了退货期（或确认完成）后解锁，在之后的瓜分放入群红包池；期间退款则红包作废</Text>
              </View>
            )}
            <WithdrawCard balanceFen={data.balanceFen} withdrawals={withdrawals.data?.withdrawals ?? null} onChanged={reloadAll} />
            <View className='card'>
              <View className='wallet-tabs'>
                {TABS.map((t) => (
                  <Text
                    key={t.key}
                    className={`wallet-tabs__tab ${tab === t.key ? 'wallet-tabs__tab--on' : ''}`}
                    id={`wallet-tab-${t.key}`}
                    onClick={() => setTab(t.key)}
                  >
                    {t.label}
                  </Text>
                ))}
              </View>
              {tab === 'withdrawals' && (
                <StateView
                  loading={withdrawals.loading}
                  error={withdrawals.error}
                  hasData={!!withdrawals.data}
                  onRetry={() => void withdrawals.reload()}
                >
                  <WithdrawalList withdrawals={withdrawals.data?.withdrawals ?? []} onChanged={reloadAll} />
                </StateView>
              )}
              {tab === 'payments' && <PaymentList enabled={session.ready} />}
              {tab === 'entries' &&
                (data.entries.length === 0 ? (
                  <View className='wallet-empty'>
                    <Text className='muted'>还没有收支记录。在小黑群里分享、购买，等群红包池瓜分吧</Text>
                  </View>
                ) : (
                  data.entries.map((entry) => (
                    <View
                      key={entry.entryId}
                      className='row row--between wallet-entry'
                      onClick={() => entry.groupId && void Taro.navigateTo({ url: splitsUrl(entry.groupId) })}
                    >
                      <View className='grow'>
                        <Text className='wallet-entry__label'>{entry.label}</Text>
                        <Text className='muted'>{formatShortTime(entry.createdAt)}</Text>
                      </View>
                      <Text className={`wallet-entry__amount ${entry.amountFen < 0 ? 'wallet-entry__amount--out' : ''}`}>
                        {signedYuan(entry.amountFen)}
                      </Text>
                    </View>
                  ))
                ))}
            </View>
          </>
        )}
      </StateView>
    </View>
  );
}
