import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { StateView } from '../../components/StateView';
import { useCloudData } from '../../hooks/useCloudData';
import { useReloadOnShow } from '../../hooks/useReloadOnShow';
import { useSessionGate } from '../../hooks/useSessionGate';
import { callFunction } from '../../services/api';
import { Routes } from '../../routes';
import { userMessage } from '../../utils/errorMessage';
import { CampaignCard } from './CampaignCard';
import './index.css';

/**
 * The Messages tab. Its "+" menu is the entry to creating a group; whether the entry is open
 * comes from the server (`me.canCreateGroup`), and when it is closed the server's reason is
 * shown in its place, so the user learns why and what they can do instead. A running
 * campaign's banner sits at the top and leads to its page.
 */
export default function MessagesPage() {
  const session = useSessionGate();
  const me = useCloudData(() => callFunction('me', {}), session.ready);
  const [menuOpen, setMenuOpen] = useState(false);
  useReloadOnShow(me.reload, session.ready);

  const canCreate = me.data?.canCreateGroup === true;
  const blockedReason = me.error
    ? userMessage(me.error)
    : me.data
      ? me.data.createBlockedReason || '你暂时不能创建小黑群'
      : '正在确认你能否创建小黑群…';

  const openCreate = () => {
    if (!canCreate) return;
    setMenuOpen(false);
    void Taro.navigateTo({ url: Routes.createGroup });
  };

  return (
    <View className='page messages-page'>
      <View className='messages-header row row--between'>
        <Text className='messages-header__title'>消息</Text>
        <View className='plus-button' id='plus-button' onClick={() => setMenuOpen((open) => !open)}>
          <Text className='plus-button__icon'>+</Text>
        </View>
      </View>

      {menuOpen && (
        <>
          <View className='menu-mask' onClick={() => setMenuOpen(false)} />
          <View className='plus-menu'>
            <View
              className={`plus-menu__item ${canCreate ? '' : 'plus-menu__item--disabled'}`}
              id='menu-create-group'
              onClick={openCreate}
            >
              <Text className='plus-menu__label'>创建小黑群</Text>
              {!canCreate && <Text className='plus-menu__reason create-blocked-reason'>{blockedReason}</Text>}
            </View>
          </View>
        </>
      )}

      <CampaignCard />

      <StateView
        loading={!session.ready}
        error={session.error}
        hasData={session.ready}
        onRetry={session.retry}
        empty
        emptyTitle='暂时没有新消息'
        emptyHint='点右上角的 + 创建小黑群；好友发来的邀请链接打开后就能加入。'
      />
    </View>
  );
}
