import { useCallback, useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { badgeText } from '../../../contract/unreadBadge';
import type { FeedEventJson } from '../../../contract/types';
import { Avatar } from '../../components/Avatar';
import { GroupStatusBadge } from '../../components/GroupStatusBadge';
import { StateView } from '../../components/StateView';
import { useCloudData } from '../../hooks/useCloudData';
import { usePolling } from '../../hooks/usePolling';
import { useReloadOnShow } from '../../hooks/useReloadOnShow';
import { useSessionGate } from '../../hooks/useSessionGate';
import { callFunction } from '../../services/api';
import { refreshUnreadBadge } from '../../services/unreadBadge';
import { groupHomeUrl, Routes } from '../../routes';
import { userMessage } from '../../utils/errorMessage';
import { messagesEmptyHint } from '../../utils/messagesEmpty';
import { formatShortTime } from '../../utils/time';
import { CampaignCard } from './CampaignCard';
import { groupActivityRows } from './groupActivity';
import './index.css';

/** How often the unread count is asked for while the Messages tab is in front. */
const UNREAD_POLL_MS = 15_000;

/** My groups, each with its newest event (one small feed read per group: a user is in at most a dozen). */
async function loadGroupActivity() {
  const { groups } = await callFunction('listMyGroups', {});
  const newest = await Promise.all(groups.map((g) => callFunction('groupFeed', { groupId: g.groupId, limit: 1 })));
  const newestEventOf = new Map<string, FeedEventJson>();
  groups.forEach((g, i) => {
    const event = newest[i]?.events[0];
    if (event) newestEventOf.set(g.groupId, event);
  });
  return groupActivityRows(groups, newestEventOf);
}

/**
 * The Messages tab. Its "+" menu is the entry to creating a group; whether the entry is open
 * comes from the server (`me.canCreateGroup`), and when it is closed the server's reason is
 * shown in its place, so the user learns why and what they can do instead. A running
 * campaign's banner sits at the top and leads to its page. Below it, my groups read like
 * conversations: what happened last in each, the liveliest first.
 */
export default function MessagesPage() {
  const session = useSessionGate();
  const me = useCloudData(() => callFunction('me', {}), session.ready);
  const activity = useCloudData(loadGroupActivity, session.ready);
  const [menuOpen, setMenuOpen] = useState(false);
  useReloadOnShow(me.reload, session.ready);
  useReloadOnShow(activity.reload, session.ready);
  const rows = activity.data ?? [];
  const [unread, setUnread] = useState<number | null>(null);
  const refreshUnread = useCallback(async () => {
    try {
      setUnread(await refreshUnreadBadge());
    } catch {
      // The count is a hint: a failed look leaves the last one shown, the next show or poll asks again.
    }
  }, []);
  useEffect(() => {
    if (session.ready) void refreshUnread();
  }, [session.ready, refreshUnread]);
  useDidShow(() => {
    if (session.ready) void refreshUnread();
  });
  usePolling(refreshUnread, UNREAD_POLL_MS, session.ready);

  const canCreate = me.data?.canCreateGroup === true;
  const blockedReason = me.error
    ? userMessage(me.error)
    : me.data
      ? me.data.createBlockedReason || '你暂时不能创建小黑群'
      : '正在确认你能否创建小黑群…';

  const openCreate = () => {
    if (!canCreate) return;
    setMenuOpen(false);
    void Taro.navigateTo({ url: Routes.createGroup });
  };

  return (
    <View className='page messages-page'>
      <View className='messages-header row row--between'>
        <Text className='messages-header__title'>消息</Text>
        <View className='plus-button' id='plus-button' onClick={() => setMenuOpen((open) => !open)}>
          <Text className='plus-button__icon'>+</Text>
        </View>
      </View>

      {menuOpen && (
        <>
          <View className='menu-mask' onClick={() => setMenuOpen(false)} />
          <View className='plus-menu'>
            <View className={`plus-menu__item ${canCreate ? '' : 'plus-menu__item--disabled'}`} id='menu-create-group' onClick={openCreate}>
              <Text className='plus-menu__label'>创建小黑群</Text>
              {!canCreate && <Text className='plus-menu__reason create-blocked-reason'>{blockedReason}</Text>}
            </View>
          </View>
        </>
      )}

      <CampaignCard />

      <View className='activity-row row notices-entry' id='notices-entry' onClick={() => void Taro.navigateTo({ url: Routes.notices })}>
        <View className='notices-entry__icon'>
          <Text className='notices-entry__glyph'>通</Text>
        </View>
        <View className='grow activity-row__text'>
          <View className='row row--between'>
            <Text className='activity-row__name'>通知</Text>
            {!!unread && <Text className='unread-badge notices-entry__badge'>{badgeText(unread)}</Text>}
          </View>
          <Text className='muted activity-row__latest'>
            {unread ? `${unread >= 99 ? '99+' : unread} 条未读通知` : '瓜分到账、红包、拼团和拼单的消息'}
          </Text>
        </View>
      </View>

      <StateView
        loading={!session.ready || activity.loading}
        error={session.error ?? activity.error}
        hasData={!!activity.data}
        onRetry={session.error ? session.retry : activity.reload}
        empty={rows.length === 0}
        emptyTitle='暂时没有新消息'
        emptyHint={messagesEmptyHint(me.data ? me.data.canCreateGroup : null)}
      >
        <View className='activity-list'>
          {rows.map(({ group, latest, at }) => (
            <View
              key={group.groupId}
              className='activity-row row'
              id={`activity-${group.groupId}`}
              onClick={() => void Taro.navigateTo({ url: groupHomeUrl(group.groupId) })}
            >
              <Avatar nickname={group.name} colorKey={group.groupId} />
              <View className='grow activity-row__text'>
                <View className='row row--between'>
                  <View className='row activity-row__title'>
                    <Text className='activity-row__name'>{group.name}</Text>
                    <GroupStatusBadge status={group.status} />
                  </View>
                  <Text className='muted'>{formatShortTime(at)}</Text>
                </View>
                <Text className='muted activity-row__latest'>{latest ?? '还没有动态，邀请好友来逛逛吧'}</Text>
              </View>
            </View>
          ))}
        </View>
      </StateView>
    </View>
  );
}
