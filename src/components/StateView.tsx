import type { ReactNode } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { CloudError } from '../services/cloudError';
import { Routes } from '../routes';
import { isRetryable, problemTitle, userMessage } from '../utils/errorMessage';
import './StateView.css';

interface Props {
  loading: boolean;
  error: CloudError | string | null;
  /** True when there is data to show (stale data stays visible while reloading). */
  hasData: boolean;
  empty?: boolean;
  emptyTitle?: string;
  emptyHint?: string;
  onRetry?: () => void;
  children?: ReactNode;
}

/** Leaves a dead end for the group list, the one page every user can always open. */
function goToGroups(): void {
  void Taro.switchTab({ url: Routes.groups });
}

/**
 * The loading, error and empty states every page needs, in one place. A failure that may pass
 * (no network, a server error) offers 重试; a refusal that will not (the group or item is gone,
 * the user is no longer a member, the link is stale) says so and offers the way back to the
 * group list instead of a retry that can only fail again.
 */
export function StateView(props: Props) {
  const { loading, error, hasData, empty, emptyTitle, emptyHint, onRetry, children } = props;
  if (!hasData && error) {
    const message = typeof error === 'string' ? error : userMessage(error);
    const retryable = typeof error === 'string' || isRetryable(error);
    return (
      <View className={`state state--error ${retryable ? 'state--retryable' : 'state--dead-end'}`}>
        <Text className='state__title'>{typeof error === 'string' ? '加载失败' : problemTitle(error)}</Text>
        <Text className='state__hint state-error-message'>{message}</Text>
        {retryable && onRetry && (
          <Button className='btn btn--small state-retry' onClick={onRetry}>
            重试
          </Button>
        )}
        {!retryable && (
          <Button className='btn btn--small state-exit' id='state-exit' onClick={goToGroups}>
            回到小黑群列表
          </Button>
        )}
      </View>
    );
  }
  if (!hasData && loading) {
    return (
      <View className='state state--loading'>
        <Text className='state__hint'>加载中…</Text>
      </View>
    );
  }
  if (empty) {
    return (
      <View className='state state--empty'>
        <Text className='state__title'>{emptyTitle ?? '这里还什么都没有'}</Text>
        {emptyHint && <Text className='state__hint'>{emptyHint}</Text>}
      </View>
    );
  }
  return <>{children}</>;
}
