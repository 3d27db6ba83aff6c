import { Image, Text, View } from '@tarojs/components';
import { avatarColorOf, initialsOf } from '../utils/initials';
import './Avatar.css';

interface Props {
  nickname: string | null | undefined;
  avatarUrl?: string | null;
  /** Any stable id, for the fallback colour. */
  colorKey: string;
  size?: 'small' | 'large';
}

/** A round picture, or the nickname's first character on a colour that belongs to that person. */
export function Avatar({ nickname, avatarUrl, colorKey, size = 'small' }: Props) {
  const className = `avatar avatar--${size}`;
  if (avatarUrl) return <Image className={className} src={avatarUrl} mode='aspectFill' />;
  return (
    <View className={className} style={{ backgroundColor: avatarColorOf(colorKey) }}>
      <Text className='avatar__initial'>{initialsOf(nickname)}</Text>
    </View>
  );
}
