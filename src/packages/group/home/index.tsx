import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro';
import type { MemberJson } from '../../../../contract/types';
import { GroupStatusBadge } from '../../../components/GroupStatusBadge';
import { StateView } from '../../../components/StateView';
import { useBusyAction } from '../../../hooks/useBusyAction';
import { useCloudData } from '../../../hooks/useCloudData';
import { useSessionGate } from '../../../hooks/useSessionGate';
import { callFunction } from '../../../services/api';
import { currentUserId } from '../../../services/session';
import { Routes, dealsUrl, joinPathOf, pooledOrdersUrl, wishlistUrl } from '../../../routes';
import { formatYuan } from '../../../utils/money';
import { FeedTimeline } from './FeedTimeline';
import { InvitePanel, type Invite } from './InvitePanel';
import { MemberGrid } from './MemberGrid';
import { PoolCard } from './PoolCard';
import { useGroupFeed } from './useGroupFeed';
import './index.css';
import { activeGroupLine } from '../../../utils/campaignPhase';

async function confirm(title: string, content: string): Promise<boolean> {
  const { confirm: confirmed } = await Taro.showModal({ title, content, confirmText: '确定', cancelText: '取消' });
  return confirmed;
}

export default function GroupHomePage() {
  const groupId = useRouter().params.groupId ?? '';
  const session = useSessionGate();
  const group = useCloudData(() => callFunction('getGroup', { groupId }), session.ready && !!groupId, [groupId]);
  const pool = useCloudData(() => callFunction('groupPool', { groupId }), session.ready && !!groupId && !!group.data, [groupId]);
  // Something happened in the group (a join, a share, a purchase): members, status and pool may have changed.
  const feed = useGroupFeed(groupId, session.ready && !!groupId && !!group.data, () => {
    void group.reload();
    void pool.reload();
  });
  const [invite, setInvite] = useState<Invite | null>(null);
  const action = useBusyAction();
  const { busy } = action;

  usePullDownRefresh(() => {
    void Promise.all([group.reload(), pool.reload(), feed.refresh()]).finally(() => Taro.stopPullDownRefresh());
  });

  useShareAppMessage(() => {
    const name = group.data?.group.name ?? '小黑群';
    // Without an invitation the card can only open the app; the join page needs a code.
    return invite
      ? { title: `邀请你加入小黑群「${name}」`, path: invite.joinPath }
      : { title: '小黑群：和闺蜜一起逛、一起省', path: Routes.messages };
  });

  /** Runs one owner/member action with a busy flag and a readable error. */
  const act = action.run;

  const createInvite = () =>
    act('invite', async () => {
      const result = await callFunction('createInvite', { groupId });
      setInvite({ inviteCode: result.inviteCode, expiresAt: result.expiresAt, joinPath: joinPathOf(result) });
    });

  const removeMember = (member: MemberJson) =>
    act('remove', async () => {
      if (!(await confirm('移出成员', `确定把 ${member.nickname} 移出小黑群吗？`))) return;
      await callFunction('removeMember', { groupId, userId: member.userId });
      await Promise.all([group.reload(), feed.refresh()]);
    });

  const leave = () =>
    act('leave', async () => {
      if (!(await confirm('退出小黑群', '退出后需要好友重新邀请才能回来，确定退出吗？'))) return;
      await callFunction('leaveGroup', { groupId });
      void Taro.switchTab({ url: Routes.groups });
    });

  const dissolve = () =>
    act('dissolve', async () => {
      if (!(await confirm('解散小黑群', '解散后所有成员都会离开这个群，且不能恢复。确定解散吗？'))) return;
      await callFunction('dissolveGroup', { groupId });
      void Taro.switchTab({ url: Routes.groups });
    });

  const myUserId = currentUserId();
  const data = group.data;
  const isOwner = !!data && data.group.ownerId === myUserId;
  const isOpen = !!data && data.group.status !== 'dissolved';
  const missing = data ? Math.max(0, data.group.minMembers - data.group.memberCount) : 0;
  const isFull = !!data && data.group.memberCount >= data.group.maxMembers;
  // Red packets flow only while the campaign runs: paused or over, the header says so.
  const activeLine = activeGroupLine(pool.data?.campaignPhase ?? null);

  return (
    <View className='page group-home'>
      <StateView
        loading={!session.ready || group.loading}
        error={groupId ? (session.error ?? group.error) : '缺少群编号，请从「小黑群」列表进入'}
        hasData={!!data}
        onRetry={session.error ? session.retry : group.reload}
      >
        {data && (
          <>
            <View className='card group-summary'>
              <View className='row'>
                <Text className='group-summary__name'>{data.group.name}</Text>
                <GroupStatusBadge status={data.group.status} />
              </View>
              <Text className='muted'>
                {/* The pool card below is the pool's source of truth (getGroup's poolFen is a placeholder 0 on the server today). */}
                {data.group.memberCount}/{data.group.maxMembers} 人 · 群红包池 {formatYuan(pool.data?.poolFen ?? data.poolFen)}
              </Text>
              {data.group.status === 'forming' && (
                <View className='activation'>
                  <View className='activation__bar'>
                    <View
                      className='activation__fill'
                      style={{ width: `${Math.min(100, Math.round((data.group.memberCount * 100) / data.group.minMembers))}%` }}
                    />
                  </View>
                  <Text className='activation__text group-missing'>还差 {missing} 人激活，邀请好友一起来吧</Text>
                </View>
              )}
              {data.group.status === 'active' && (
                <Text className={`${activeLine.tone === 'success' ? 'success-text' : 'hint group-campaign-phase'} group-active`}>
                  {activeLine.text}
                </Text>
              )}
              {data.group.status === 'dissolved' && <Text className='error-text'>这个小黑群已经解散了</Text>}
            </View>

            {isOpen && (
              <View className='card'>
                {isFull ? (
                  <Text className='hint'>群已满 {data.group.maxMembers} 人，不能再邀请新成员了。</Text>
                ) : (
                  <Button
                    className='btn btn--primary'
                    id='invite-button'
                    loading={busy === 'invite'}
                    disabled={busy !== null}
                    onClick={() => void createInvite()}
                  >
                    邀请好友
                  </Button>
                )}
              </View>
            )}
            {invite && isOpen && <InvitePanel invite={invite} onClose={() => setInvite(null)} />}
            {action.error && <Text className='error-text action-error card'>{action.error}</Text>}

            <View
              className='card row wishlist-entry'
              id='open-wishlist'
              onClick={() => void Taro.navigateTo({ url: wishlistUrl(groupId) })}
            >
              <View className='grow'>
                <Text className='card__title'>商品共享清单</Text>
                <Text className='hint'>看看大家想买什么，分享宝贝赢红包</Text>
              </View>
              <Text className='wishlist-entry__arrow'>去看看 ›</Text>
            </View>

            <View
              className='card row wishlist-entry'
              id='open-pooled-orders'
              onClick={() => void Taro.navigateTo({ url: pooledOrdersUrl(groupId) })}
            >
              <View className='grow'>
                <Text className='card__title'>领券拼单</Text>
                <Text className='hint'>把大家想买的凑一单，满减券一起用，每人只付自己那份</Text>
              </View>
              <Text className='wishlist-entry__arrow'>去拼单 ›</Text>
            </View>

            <View className='card row wishlist-entry' id='open-deals' onClick={() => void Taro.navigateTo({ url: dealsUrl(groupId) })}>
              <View className='grow'>
                <Text className='card__title'>拼团</Text>
                <Text className='hint'>在群里开团，大家都能看到，一起拼团购价</Text>
              </View>
              <Text className='wishlist-entry__arrow'>去开团 ›</Text>
            </View>

            <PoolCard groupId={groupId} pool={pool.data} error={pool.error} onRetry={() => void pool.reload()} />

            <View className='card'>
              <Text className='card__title'>成员（{data.members.length}）</Text>
              <MemberGrid members={data.members} myUserId={myUserId} onRemove={isOwner && isOpen ? removeMember : undefined} />
            </View>

            <FeedTimeline events={feed.events} loaded={feed.loaded} error={feed.error} />

            {isOpen && (
              <View className='card'>
                {isOwner ? (
                  <Button className='btn btn--danger' id='dissolve-button' disabled={busy !== null} onClick={() => void dissolve()}>
                    解散小黑群
                  </Button>
                ) : (
                  <Button className='btn btn--danger' id='leave-button' disabled={busy !== null} onClick={() => void leave()}>
                    退出小黑群
                  </Button>
                )}
              </View>
            )}
          </>
        )}
      </StateView>
    </View>
  );
}
