import { useCallback } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { noticeTarget, noticeText, type NotificationJson } from '../../../../contract/notifications';
import { StateView } from '../../../components/StateView';
import { useCursorPages } from '../../../hooks/useCursorPages';
import { useSessionGate } from '../../../hooks/useSessionGate';
import { callFunction, toCloudError } from '../../../services/api';
import { showUnreadBadge } from '../../../services/unreadBadge';
import { userMessage } from '../../../utils/errorMessage';
import { formatShortTime } from '../../../utils/time';
import './index.css';

/**
 * 通知: what happened while she was elsewhere (splits, red packets, group buys, pooled orders, a
 * removal), newest first. Tapping a notice marks it read and opens what it is about; 全部已读
 * clears them all. The 消息 tab's badge follows the count the server answers.
 */
export default function NoticesPage() {
  const session = useSessionGate();
  const fetchPage = useCallback(async (cursor: string | null) => {
    const { notifications, nextCursor, unreadCount } = await callFunction('myNotifications', cursor ? { cursor } : {});
    showUnreadBadge(unreadCount);
    return { items: notifications, nextCursor };
  }, []);
  const pages = useCursorPages<NotificationJson>(fetchPage, 'notificationId', session.ready);
  usePullDownRefresh(() => {
    void pages.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const markRead = async (params: { ids: string[] } | { all: true }) => {
    const readAt = new Date().toISOString();
    const ids = 'ids' in params ? new Set(params.ids) : null;
    pages.setItems((items) => items.map((n) => (n.readAt === null && (!ids || ids.has(n.notificationId)) ? { ...n, readAt } : n)));
    try {
      showUnreadBadge((await callFunction('markNotificationsRead', params)).unreadCount);
    } catch (error) {
      void Taro.showToast({ title: userMessage(toCloudError(error)), icon: 'none' });
    }
  };

  const open = (notice: NotificationJson) => {
    if (notice.readAt === null) void markRead({ ids: [notice.notificationId] });
    const target = noticeTarget(notice);
    if (target) void Taro.navigateTo({ url: target });
  };

  const unread = pages.items.some((n) => n.readAt === null);
  return (
    <View className='page notices-page'>
      <StateView
        loading={!session.ready || !pages.loaded}
        error={session.error ?? (pages.loaded ? null : pages.error)}
        hasData={pages.loaded}
        onRetry={session.error ? session.retry : () => void pages.reload()}
        empty={pages.loaded && pages.items.length === 0}
        emptyTitle='还没有通知'
        emptyHint='瓜分到账、红包解锁、拼团和拼单的结果都会在这里告诉你'
      >
        {unread && (
          <View className='notices-toolbar row row--between'>
            <Text className='muted'>点一条通知即标为已读</Text>
            <Button className='btn btn--small' id='notices-read-all' onClick={() => void markRead({ all: true })}>
              全部已读
            </Button>
          </View>
        )}
        {pages.items.map((notice) => {
          const text = noticeText(notice);
          const target = noticeTarget(notice);
          return (
            <View
              key={notice.notificationId}
              id={`notice-${notice.notificationId}`}
              className={`notice notice--${notice.kind} ${notice.readAt === null ? 'notice--unread' : ''}`}
              onClick={() => open(notice)}
            >
              <View className='row row--between'>
                <View className='row'>
                  {notice.readAt === null && <View className='notice__dot' />}
                  <Text className='notice__title'>{text.title}</Text>
                </View>
                <Text className='muted'>{formatShortTime(notice.createdAt)}</Text>
              </View>
              <Text className='muted notice__body'>{text.body}</Text>
              {target && <Text className='notice__link'>查看详情 ›</Text>}
            </View>
          );
        })}
        {pages.hasMore && (
          <Button className='btn btn--small' id='more-notices' loading={pages.loading} onClick={() => void pages.loadMore()}>
            加载更多
          </Button>
        )}
        {pages.error && pages.loaded && <Text className='error-text'>加载失败，请下拉刷新重试</Text>}
      </StateView>
    </View>
  );
}
