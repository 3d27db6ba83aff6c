import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatDate } from '../../../utils/time';
import { h5ShareLink } from '../../../routes';
import { InvitePoster } from './InvitePoster';

export interface Invite {
  inviteCode: string;
  expiresAt: string;
  /** The join page path with the code, e.g. /packages/group/join/index?code=… */
  joinPath: string;
}

/**
 * What to do with a fresh invitation. In a mini-program it becomes a share card (the page's
 * onShareAppMessage answers with the join path); on H5 it is a link to copy into a chat; on
 * every platform it can also be a poster with a code to scan (InvitePoster).
 * Invitations carry no reward: rewarding shares to outside chats is against platform rules.
 */
export function InvitePanel({ invite, onClose }: { invite: Invite; onClose: () => void }) {
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const [showPoster, setShowPoster] = useState(false);
  const isH5 = process.env.TARO_ENV === 'h5';
  const link = isH5 ? h5ShareLink(invite.joinPath, window.location) : '';

  const copy = async () => {
    try {
      await Taro.setClipboardData({ data: link });
      setCopyState('copied');
    } catch {
      setCopyState('failed');
    }
  };

  return (
    <View className='card invite-panel'>
      <View className='row row--between'>
        <Text className='card__title'>邀请好友加入</Text>
        <Text className='muted' onClick={onClose}>
          收起
        </Text>
      </View>
      <Text className='hint'>
        邀请码 <Text className='invite-code'>{invite.inviteCode}</Text>，{formatDate(invite.expiresAt)} 前有效
      </Text>
      {isH5 ? (
        <>
          <Text className='invite-link' userSelect>
            {link}
          </Text>
          <Button className='btn btn--primary' id='copy-invite-link' onClick={() => void copy()}>
            复制邀请链接
          </Button>
          {copyState === 'copied' && <Text className='success-text invite-copied'>链接已复制，发给好友吧</Text>}
          {copyState === 'failed' && <Text className='error-text'>复制失败，请长按上面的链接手动复制</Text>}
        </>
      ) : (
        <Button className='btn btn--primary' id='share-invite' openType='share'>
          发给好友
        </Button>
      )}
      <Button className='btn' id='invite-poster-button' onClick={() => setShowPoster((shown) => !shown)}>
        {showPoster ? '收起海报' : '生成邀请海报'}
      </Button>
      {showPoster && <InvitePoster invite={invite} />}
    </View>
  );
}
