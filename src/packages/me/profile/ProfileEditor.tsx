import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { nicknameProblem, NICKNAME_MAX_CHARS } from '../../../../contract/profile';
import { Avatar } from '../../../components/Avatar';
import { toCloudError } from '../../../services/api';
import { saveProfile } from '../../../services/session';
import { userMessage } from '../../../utils/errorMessage';
import { chooseAvatarPicture } from './avatarImage';
import { pictureFileToDataUrl } from './avatarFile';

const isWeapp = process.env.TARO_ENV === 'weapp';

interface Props {
  userId: string;
  nickname: string;
  avatarUrl: string;
  onSaved: () => void;
  onCancel: () => void;
}

/**
 * Edits the user's nickname and avatar. WeChat hands over its own avatar and nickname through
 * the chooseAvatar button and a nickname input; H5 and Alipay pick a picture from the phone.
 */
export function ProfileEditor({ userId, nickname: initialNickname, avatarUrl: initialAvatar, onSaved, onCancel }: Props) {
  const [nickname, setNickname] = useState(initialNickname);
  const [avatarUrl, setAvatarUrl] = useState(initialAvatar);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const takePicture = async (pick: () => Promise<string | null>) => {
    setError(null);
    try {
      const picture = await pick();
      if (picture) setAvatarUrl(picture);
    } catch (e) {
      setError(e instanceof Error ? e.message : '图片读取失败，请换一张');
    }
  };

  const save = async () => {
    const trimmed = nickname.trim();
    if (nicknameProblem(trimmed)) {
      setError(trimmed ? `昵称最多 ${NICKNAME_MAX_CHARS} 个字` : '昵称不能为空');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await saveProfile({
        ...(trimmed !== initialNickname ? { nickname: trimmed } : {}),
        ...(avatarUrl !== initialAvatar ? { avatarUrl } : {}),
      });
      Taro.showToast({ title: '资料已保存', icon: 'success' });
      onSaved();
    } catch (e) {
      setError(userMessage(toCloudError(e)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='card profile-editor'>
      <Text className='card__title'>编辑资料</Text>
      <View className='row profile-editor__avatar'>
        <Avatar nickname={nickname || initialNickname} avatarUrl={avatarUrl} colorKey={userId} size='large' />
        {isWeapp ? (
          <Button
            className='btn btn--small profile-editor__pick'
            openType='chooseAvatar'
            onChooseAvatar={(e) => void takePicture(() => pictureFileToDataUrl(String(e.detail.avatarUrl)))}
          >
            使用微信头像
          </Button>
        ) : (
          <Button className='btn btn--small profile-editor__pick' id='choose-avatar' onClick={() => void takePicture(chooseAvatarPicture)}>
            更换头像
          </Button>
        )}
      </View>
      <Text className='label'>昵称</Text>
      <Input
        className='input'
        id='nickname-input'
        type={isWeapp ? 'nickname' : 'text'}
        maxlength={NICKNAME_MAX_CHARS}
        placeholder={`1–${NICKNAME_MAX_CHARS} 个字`}
        value={nickname}
        onInput={(e) => setNickname(e.detail.value)}
        onBlur={(e) => setNickname(e.detail.value)}
      />
      {error && <Text className='error-text profile-error'>{error}</Text>}
      <Button className='btn btn--primary' id='save-profile' loading={busy} disabled={busy} onClick={() => void save()}>
        保存
      </Button>
      <Button className='btn' id='cancel-profile' disabled={busy} onClick={onCancel}>
        取消
      </Button>
    </View>
  );
}
