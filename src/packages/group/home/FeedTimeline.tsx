import { Text, View } from '@tarojs/components';
import type { FeedEventJson } from '../../../../contract/types';
import type { CloudError } from '../../../services/cloudError';
import { userMessage } from '../../../utils/errorMessage';
import { formatShortTime } from '../../../utils/time';
import { describeFeedEvent } from '../../../utils/feedText';

interface Props {
  events: FeedEventJson[];
  loaded: boolean;
  error: CloudError | null;
}

export function FeedTimeline({ events, loaded, error }: Props) {
  return (
    <View className='card feed'>
      <Text className='card__title'>群动态</Text>
      {error && !loaded && <Text className='error-text'>{userMessage(error)}</Text>}
      {!loaded && !error && <Text className='muted'>加载中…</Text>}
      {loaded && events.length === 0 && <Text className='muted'>还没有动态</Text>}
      {events.map((event) => (
        <View key={event.eventId} className='feed-item row'>
          <View className='feed-item__dot' />
          <View className='grow'>
            <Text className='feed-item__text'>{describeFeedEvent(event)}</Text>
            <Text className='muted feed-item__time'>{formatShortTime(event.createdAt)}</Text>
          </View>
        </View>
      ))}
    </View>
  );
}
