import { Text, View } from '@tarojs/components';
import type { MemberJson } from '../../../../contract/types';
import { Avatar } from '../../../components/Avatar';

interface Props {
  members: MemberJson[];
  myUserId: string | null;
  /** Set when I own the group: members other than me get a remove action. */
  onRemove?: (member: MemberJson) => void;
}

export function MemberGrid({ members, myUserId, onRemove }: Props) {
  return (
    <View className='member-grid'>
      {members.map((member) => (
        <View key={member.userId} className='member' id={`member-${member.userId}`}>
          <Avatar nickname={member.nickname} avatarUrl={member.avatarUrl} colorKey={member.userId} />
          <Text className='member__name'>
            {member.nickname}
            {member.userId === myUserId ? '（我）' : ''}
          </Text>
          {member.role === 'owner' && <Text className='member__role'>群主</Text>}
          {onRemove && member.role !== 'owner' && member.userId !== myUserId && (
            <Text className='member__remove' onClick={() => onRemove(member)}>
              移出
            </Text>
          )}
        </View>
      ))}
    </View>
  );
}
