import { useRef, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { StateView } from '../../../components/StateView';
import { useCloudData } from '../../../hooks/useCloudData';
import { useSessionGate } from '../../../hooks/useSessionGate';
import { callFunction, toCloudError } from '../../../services/api';
import { groupHomeUrl, Routes } from '../../../routes';
import { userMessage } from '../../../utils/errorMessage';
import { newRequestId } from '../../../utils/requestId';
import { createViewOf } from './eligibilityView';
import { GROUP_NAME_MAX_LENGTH, validateGroupName } from './groupName';
import './index.css';

export default function CreateGroupPage() {
  const session = useSessionGate();
  const me = useCloudData(() => callFunction('me', {}), session.ready);
  const [name, setName] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // One requestId per intended group: a retry after a lost answer reuses it, so the server
  // creates the group once; editing the name makes it a different group, hence a new id.
  const requestIdRef = useRef<{ name: string; id: string } | null>(null);

  const onNameInput = (value: string) => {
    setName(value);
    setError(null);
  };

  const submit = async () => {
    const check = validateGroupName(name);
    if (!check.ok) {
      setError(check.message);
      return;
    }
    if (!requestIdRef.current || requestIdRef.current.name !== check.name) {
      requestIdRef.current = { name: check.name, id: newRequestId() };
    }
    setSubmitting(true);
    setError(null);
    try {
      const { group } = await callFunction('createGroup', { name: check.name, requestId: requestIdRef.current.id });
      void Taro.redirectTo({ url: groupHomeUrl(group.groupId) });
    } catch (e) {
      setError(userMessage(toCloudError(e)));
    } finally {
      setSubmitting(false);
    }
  };

  const view = me.data ? createViewOf(me.data) : null;
  return (
    <View className='page create-page'>
      <StateView
        loading={!session.ready || me.loading}
        error={session.error ?? me.error}
        hasData={!!me.data}
        onRetry={session.error ? session.retry : me.reload}
      >
        {view?.kind === 'blocked' && (
          <View className='card create-blocked' id='create-blocked'>
            <Text className='card__title'>{view.title}</Text>
            <Text className='create-blocked__reason create-blocked-reason'>{view.reason}</Text>
            <Text className='hint'>{view.instead}</Text>
            <Text className='create-blocked__back' id='create-blocked-back' onClick={() => void Taro.switchTab({ url: Routes.messages })}>
              回到消息 ›
            </Text>
          </View>
        )}
        {view?.kind === 'form' && (
          <View className='card'>
            <Text className='card__title'>给小黑群起个名字</Text>
            <Input
              className='input'
              placeholderClass='input-placeholder'
              id='group-name-input'
              placeholder='例如：双十一剁手小分队'
              maxlength={GROUP_NAME_MAX_LENGTH}
              value={name}
              onInput={(e) => onNameInput(e.detail.value)}
              onConfirm={() => void submit()}
            />
            <Text className='muted create-counter'>
              {Array.from(name.trim()).length}/{GROUP_NAME_MAX_LENGTH}
            </Text>
            <Text className='hint'>建好后邀请好友加入，满 4 人即可激活，最多 15 人。</Text>
            {error && <Text className='error-text create-error'>{error}</Text>}
            <Button
              className='btn btn--primary'
              id='create-group-submit'
              disabled={submitting}
              loading={submitting}
              onClick={() => void submit()}
            >
              创建
            </Button>
          </View>
        )}
      </StateView>
    </View>
  );
}
