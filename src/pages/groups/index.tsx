import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Avatar } from '../../components/Avatar';
import { GroupStatusBadge } from '../../components/GroupStatusBadge';
import { StateView } from '../../components/StateView';
import { useCloudData } from '../../hooks/useCloudData';
import { useReloadOnShow } from '../../hooks/useReloadOnShow';
import { useSessionGate } from '../../hooks/useSessionGate';
import { callFunction } from '../../services/api';
import { groupHomeUrl } from '../../routes';
import './index.css';

/** The Groups tab: every group I belong to, newest activity first as the server orders them. */
export default function GroupsPage() {
  const session = useSessionGate();
  const groups = useCloudData(() => callFunction('listMyGroups', {}), session.ready);
  useReloadOnShow(groups.reload, session.ready);
  usePullDownRefresh(() => {
    void groups.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const list = groups.data?.groups ?? [];
  return (
    <View className='page groups-page'>
      <StateView
        loading={!session.ready || groups.loading}
        error={session.error ?? groups.error}
        hasData={!!groups.data}
        onRetry={session.error ? session.retry : groups.reload}
        empty={list.length === 0}
        emptyTitle='还没有加入小黑群'
        emptyHint='打开好友发来的邀请就能加入；符合条件的话，也可以在「消息」页点 + 自己创建一个。'
      >
        <View className='group-list'>
          {list.map((group) => (
            <View
              key={group.groupId}
              className='group-row row'
              id={`group-${group.groupId}`}
              onClick={() => void Taro.navigateTo({ url: groupHomeUrl(group.groupId) })}
            >
              <Avatar nickname={group.name} colorKey={group.groupId} />
              <View className='grow group-row__text'>
                <View className='row'>
                  <Text className='group-row__name'>{group.name}</Text>
                  <GroupStatusBadge status={group.status} />
                </View>
                <Text className='muted'>
                  {group.memberCount}/{group.maxMembers} 人
                  {group.status === 'forming' ? ` · 还差 ${Math.max(0, group.minMembers - group.memberCount)} 人激活` : ''}
                </Text>
              </View>
              <Text className='muted'>›</Text>
            </View>
          ))}
        </View>
      </StateView>
    </View>
  );
}
