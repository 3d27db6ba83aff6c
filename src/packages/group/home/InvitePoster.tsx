import { Image, Text, View } from '@tarojs/components';
import { StateView } from '../../../components/StateView';
import { useCloudData } from '../../../hooks/useCloudData';
import { callFunction } from '../../../services/api';
import { formatDate } from '../../../utils/time';
import { inviteQrImage } from './inviteQr';

/**
 * The invitation as a poster to screenshot or show: the group's name, who invites, and a code
 * that opens the join page (a QR code of the H5 link; on WeChat a mini-program code).
 */
export function InvitePoster({ invite }: { invite: { inviteCode: string; expiresAt: string; joinPath: string } }) {
  const poster = useCloudData(
    async () => {
      const [preview, qr] = await Promise.all([callFunction('previewInvite', { inviteCode: invite.inviteCode }), inviteQrImage(invite)]);
      return { group: preview.group, qr };
    },
    true,
    [invite.inviteCode],
  );
  return (
    <StateView loading={poster.loading} error={poster.error} hasData={!!poster.data} onRetry={() => void poster.reload()}>
      {poster.data && (
        <View className='invite-poster' id='invite-poster'>
          <View className='invite-poster__head'>
            <Text className='invite-poster__brand'>小黑群</Text>
            <Text className='invite-poster__slogan'>和闺蜜一起逛、一起省</Text>
          </View>
          <View className='invite-poster__body'>
            <Text className='invite-poster__inviter'>{poster.data.group.ownerNickname} 的小黑群</Text>
            <Text className='invite-poster__name'>{poster.data.group.name}</Text>
            <Text className='invite-poster__meta'>
              已有 {poster.data.group.memberCount}/{poster.data.group.maxMembers} 人 · 邀请码 {invite.inviteCode}
            </Text>
            <Image className='invite-poster__qr' id='invite-poster-qr' src={poster.data.qr.src} mode='aspectFit' showMenuByLongpress />
            <Text className='invite-poster__hint'>{poster.data.qr.hint}</Text>
            <Text className='invite-poster__expiry'>{formatDate(invite.expiresAt)} 前有效</Text>
          </View>
        </View>
      )}
    </StateView>
  );
}
