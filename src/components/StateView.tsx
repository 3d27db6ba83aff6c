import type { ReactNode } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { CloudError } from '../services/cloudError';
import { userMessage } from '../utils/errorMessage';
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

/** The loading, error and empty states every page needs, in one place. */
export function StateView(props: Props) {
  const { loading, error, hasData, empty, emptyTitle, emptyHint, onRetry, children } = props;
  if (!hasData && error) {
    const message = typeof error === 'string' ? error : userMessage(error);
    return (
      <View className='state state--error'>
        <Text className='state__title'>加载失败</Text>
        <Text className='state__hint state-error-message'>{message}</Text>
        {onRetry && (
          <Button className='btn btn--small' onClick={onRetry}>
            重试
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
