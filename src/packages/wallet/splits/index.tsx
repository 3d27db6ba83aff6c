import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { StateView } from '../../../components/StateView';
import { useCloudData } from '../../../hooks/useCloudData';
import { useSessionGate } from '../../../hooks/useSessionGate';
import { callFunction } from '../../../services/api';
import { currentUserId } from '../../../services/session';
import { formatYuan } from '../../../utils/money';
import { formatShortTime } from '../../../utils/time';
import './index.css';

/** The group pool's past splits, newest first: each member's share, and who had the best luck. */
export default function SplitsPage() {
  const groupId = useRouter().params.groupId ?? '';
  const session = useSessionGate();
  const splits = useCloudData(() => callFunction('listSplits', { groupId }), session.ready && !!groupId, [groupId]);
  usePullDownRefresh(() => {
    void splits.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const myUserId = currentUserId();
  const list = splits.data?.splits ?? [];
  return (
    <View className='page splits-page'>
      <StateView
        loading={!session.ready || splits.loading}
        error={groupId ? (session.error ?? splits.error) : '缺少群编号，请从小黑群主页进入'}
        hasData={!!splits.data}
        onRetry={session.error ? session.retry : splits.reload}
        empty={!!splits.data && list.length === 0}
        emptyTitle='还没有瓜分过'
        emptyHint='群红包池会在每天的瓜分时间分给群里每个人，到时再来看看'
      >
        {list.map((split) => (
          <View key={split.slot} className='card split'>
            <View className='row row--between'>
              <Text className='card__title'>{formatShortTime(split.slot)} 瓜分</Text>
              <Text className='split__total'>共 {formatYuan(split.totalFen)}</Text>
            </View>
            {split.shares.map((share) => (
              <View key={share.userId} className={`row row--between split-share ${share.userId === myUserId ? 'split-share--mine' : ''}`}>
                <View className='row'>
                  <Text className='split-share__name'>
                    {share.nickname || '成员'}
                    {share.userId === myUserId ? '（我）' : ''}
                  </Text>
                  {share.userId === split.bestUserId && <Text className='split-best'>手气最佳</Text>}
                </View>
                <Text className='split-share__amount'>{formatYuan(share.amountFen)}</Text>
              </View>
            ))}
          </View>
        ))}
      </StateView>
    </View>
  );
}
