import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { StateView } from '../../../components/StateView';
import { useCloudData } from '../../../hooks/useCloudData';
import { useSessionGate } from '../../../hooks/useSessionGate';
import { callFunction } from '../../../services/api';
import { Routes } from '../../../routes';
import { ProfileEditor } from './ProfileEditor';
import './index.css';

/** Back to 我的 (which reloads on show); straight there when this page was opened from a link. */
function backToMe(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.switchTab({ url: Routes.me });
}

/** 编辑资料, opened from 我的: the user's own nickname and avatar. */
export default function ProfilePage() {
  const session = useSessionGate();
  const me = useCloudData(() => callFunction('me', {}), session.ready);
  const user = me.data?.user;
  return (
    <View className='page profile-page'>
      <StateView
        loading={!session.ready || me.loading}
        error={session.error ?? me.error}
        hasData={!!me.data}
        onRetry={session.error ? session.retry : me.reload}
      >
        {user && (
          <ProfileEditor
            userId={user.objectId}
            nickname={user.nickname || user.username}
            avatarUrl={user.avatarUrl}
            onCancel={backToMe}
            onSaved={backToMe}
          />
        )}
      </StateView>
    </View>
  );
}
