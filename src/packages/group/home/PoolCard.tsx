import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ResultOf } from '../../../../contract/functions';
import type { CloudError } from '../../../services/cloudError';
import { splitsUrl } from '../../../routes';
import { userMessage } from '../../../utils/errorMessage';
import { formatYuan } from '../../../utils/money';
import { pendingPacketText } from '../../../utils/pendingPacket';
import { formatShortTime } from '../../../utils/time';
import { formatCountdown } from '../../../utils/countdown';
import { noSplitLine } from '../../../utils/campaignPhase';
import { useCountdown } from '../../../hooks/useCountdown';

interface Props {
  groupId: string;
  pool: ResultOf<'groupPool'> | null;
  error: CloudError | null;
  onRetry: () => void;
}

/**
 * The group's red-packet pool: what is in it, the guaranteed packets waiting to unlock (each
 * with its date: they join the pool at the first split after their order's refund window), a
 * live countdown to the next split, and the way to past split results.
 */
export function PoolCard({ groupId, pool, error, onRetry }: Props) {
  // When the countdown runs out the scheduler splits the pool; reload to show the result.
  const remainingMs = useCountdown(pool?.nextSplitAt ?? null, () => setTimeout(onRetry, 3000));

  return (
    <View className='card pool-card'>
      <View className='row row--between'>
        <Text className='card__title'>群红包池</Text>
        <Text className='pool-card__link' id='open-splits' onClick={() => void Taro.navigateTo({ url: splitsUrl(groupId) })}>
          瓜分记录 ›
        </Text>
      </View>
      {!pool && error && (
        <View>
          <Text className='error-text pool-error'>{userMessage(error)}</Text>
          <Text className='pool-card__link' onClick={onRetry}>
            重试
          </Text>
        </View>
      )}
      {!pool && !error && <Text className='muted'>加载中…</Text>}
      {pool && (
        <>
          <View className='row pool-card__amounts'>
            <View className='grow'>
              <Text className='pool-card__amount pool-amount'>{formatYuan(pool.poolFen)}</Text>
              <Text className='muted'>池中金额</Text>
            </View>
            <View className='grow'>
              <Text className='pool-card__amount pool-card__amount--pending pool-pending'>{formatYuan(pool.pendingFen)}</Text>
              <Text className='muted'>待解锁（购买红包）</Text>
            </View>
          </View>
          {pool.pending.map((packet) => (
            <Text key={packet.redPacketId} className='hint pool-pending-item'>
              {pendingPacketText(packet.amountFen, packet.unlocksAt)}
            </Text>
          ))}
          {remainingMs !== null ? (
            <Text className='hint pool-countdown'>距下次瓜分 {formatCountdown(remainingMs)}</Text>
          ) : (
            <Text className='hint pool-countdown'>{noSplitLine(pool.campaignPhase)}</Text>
          )}
          {pool.campaign && <Text className='hint'>{pool.campaign.name}</Text>}
          {pool.lastSplit && (
            <Text className='hint pool-last-split'>
              上次瓜分 {formatShortTime(pool.lastSplit.slot)}，共 {formatYuan(pool.lastSplit.totalFen)}
            </Text>
          )}
        </>
      )}
    </View>
  );
}
