import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import type { Gender } from '../../../contract/types';
import { Avatar } from '../../components/Avatar';
import { StateView } from '../../components/StateView';
import { useCloudData } from '../../hooks/useCloudData';
import { useReloadOnShow } from '../../hooks/useReloadOnShow';
import { useSessionGate } from '../../hooks/useSessionGate';
import { callFunction, toCloudError } from '../../services/api';
import { goToLogin, logOut, needsPasswordLogin } from '../../services/session';
import { Routes } from '../../routes';
import { userMessage } from '../../utils/errorMessage';
import './index.css';

const GENDER_LABELS: Record<Gender, string> = { female: '女', male: '男', unknown: '未知' };

export default function MePage() {
  const session = useSessionGate();
  const me = useCloudData(() => callFunction('me', {}), session.ready);
  const [loggingOut, setLoggingOut] = useState(false);

  useReloadOnShow(me.reload, session.ready);
  usePullDownRefresh(() => {
    void me.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const onLogOut = async () => {
    setLoggingOut(true);
    try {
      await logOut();
      goToLogin();
    } catch (e) {
      Taro.showToast({ title: userMessage(toCloudError(e)), icon: 'none' });
    } finally {
      setLoggingOut(false);
    }
  };

  const user = me.data?.user;
  return (
    <View className='page me-page'>
      <StateView
        loading={!session.ready || me.loading}
        error={session.error ?? me.error}
        hasData={!!me.data}
        onRetry={session.error ? session.retry : me.reload}
      >
        {user && me.data && (
          <>
            <View className='card row me-profile'>
              <Avatar nickname={user.nickname || user.username} avatarUrl={user.avatarUrl} colorKey={user.objectId} size='large' />
              <View className='grow me-profile__text'>
                <Text className='me-nickname'>{user.nickname || user.username}</Text>
                <Text className='muted me-username'>@{user.username}</Text>
              </View>
              <Button className='btn btn--small' id='edit-profile' onClick={() => void Taro.navigateTo({ url: Routes.profile })}>
                编辑资料
              </Button>
            </View>

            <View className='card'>
              <View className='row row--between me-fact'>
                <Text>性别</Text>
                <Text className='me-gender'>{GENDER_LABELS[user.gender] ?? user.gender}</Text>
              </View>
              <View className='row row--between me-fact'>
                <Text>淘气值</Text>
                <Text className='me-taoqi'>{user.taoqi}</Text>
              </View>
            </View>

            <View className='card row row--between me-link' id='wallet-link' onClick={() => void Taro.navigateTo({ url: Routes.wallet })}>
              <Text>我的钱包</Text>
              <Text className='muted'>查看余额和明细 ›</Text>
            </View>

            <View className='card row row--between me-link' id='orders-link' onClick={() => void Taro.navigateTo({ url: Routes.orders })}>
              <Text>我的订单</Text>
              <Text className='muted'>下单、拼单、拼团 ›</Text>
            </View>

            <View className='card row row--between me-link' id='coupons-link' onClick={() => void Taro.navigateTo({ url: Routes.coupons })}>
              <Text>领券中心</Text>
              <Text className='muted'>跨店满减券、店铺券 ›</Text>
            </View>

            <View className='card row row--between me-link' id='deals-link' onClick={() => void Taro.navigateTo({ url: Routes.deals })}>
              <Text>拼团</Text>
              <Text className='muted'>团购价开团、参团 ›</Text>
            </View>

            <View className='card'>
              <Text className='card__title'>创建小黑群</Text>
              {me.data.canCreateGroup ? (
                <Text className='success-text me-can-create'>你可以创建小黑群，邀请好友一起逛。</Text>
              ) : (
                <Text className='error-text me-cannot-create'>
                  {me.data.createBlockedReason || '你暂时不能创建小黑群，可以加入好友的群。'}
                </Text>
              )}
            </View>

            {needsPasswordLogin && (
              <View className='card'>
                <Button className='btn btn--danger' id='logout-button' loading={loggingOut} disabled={loggingOut} onClick={onLogOut}>
                  退出登录
                </Button>
              </View>
            )}
          </>
        )}
      </StateView>
    </View>
  );
}
