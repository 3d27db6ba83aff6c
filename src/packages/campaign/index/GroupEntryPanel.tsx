import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Routes } from '../../../routes';
import { useGroupEntry } from './useGroupEntry';

/**
 * The way into the campaign: create a group when the server allows it, otherwise why not and
 * what to do instead (join through a friend's invitation; groups joined are on the Groups tab).
 */
export function GroupEntryPanel({ accent }: { accent: string }) {
  const entry = useGroupEntry();

  return (
    <View className='card campaign-entry'>
      <Button
        className='btn btn--primary'
        id='campaign-entry'
        style={{ backgroundColor: accent, borderColor: accent }}
        disabled={entry.checking}
        onClick={entry.enter}
      >
        {entry.checking ? '正在确认…' : '创建或加入小黑群'}
      </Button>
      {entry.error && <Text className='error-text campaign-entry-error'>{entry.error}</Text>}
      {entry.blockedReason && (
        <View className='campaign-join-hint'>
          <Text className='campaign-join-hint__title'>你可以通过好友的邀请加入小黑群</Text>
          <Text className='hint campaign-blocked-reason'>{entry.blockedReason}</Text>
          <Text
            className='campaign-join-hint__link'
            id='campaign-open-groups'
            style={{ color: accent }}
            onClick={() => void Taro.switchTab({ url: Routes.groups })}
          >
            去「小黑群」看看我加入的群 ›
          </Text>
        </View>
      )}
    </View>
  );
}
