import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Avatar } from '../../../components/Avatar';
import { StateView } from '../../../components/StateView';
import { useCloudData } from '../../../hooks/useCloudData';
import { useSessionGate } from '../../../hooks/useSessionGate';
import { callFunction, toCloudError } from '../../../services/api';
import { Routes, groupHomeUrl } from '../../../routes';
import { explainJoinError, type JoinProblem } from './joinErrors';
import './index.css';

/**
 * Opened from an invitation (share card or link) with `?code=`, or from a poster's WeChat
 * mini-program code with `?scene=<code>`. Shows whose group it is
 * before asking the user to join, and explains every refusal in plain words.
 */
export default function JoinPage() {
  const params = useRouter().params;
  // A share card or link carries `code`; a scanned WeChat mini-program code carries it as `scene`.
  const inviteCode = (params.code ?? decodeURIComponent(params.scene ?? '')).trim();
  const session = useSessionGate();
  const preview = useCloudData(() => callFunction('previewInvite', { inviteCode }), session.ready && !!inviteCode, [inviteCode]);
  const [joining, setJoining] = useState(false);
  const [problem, setProblem] = useState<JoinProblem | null>(null);

  const join = async () => {
    setJoining(true);
    setProblem(null);
    try {
      const { group } = await callFunction('joinGroup', { inviteCode });
      void Taro.redirectTo({ url: groupHomeUrl(group.groupId) });
    } catch (e) {
      setProblem(explainJoinError(toCloudError(e)));
    } finally {
      setJoining(false);
    }
  };

  const openGroup = (groupId: string) => void Taro.redirectTo({ url: groupHomeUrl(groupId) });
  const goHome = () => void Taro.switchTab({ url: Routes.groups });

  if (!inviteCode) {
    return (
      <View className='page join-page'>
        <View className='card join-problem'>
          <Text className='card__title'>邀请链接不完整</Text>
          <Text className='hint'>链接里缺少邀请码，请让好友重新发一次邀请。</Text>
          <Button className='btn' onClick={goHome}>
            去看看我的小黑群
          </Button>
        </View>
      </View>
    );
  }

  // A failed preview is explained the same way as a failed join (an expired code is 4004 in both).
  const previewProblem = preview.error && !preview.data ? explainJoinError(preview.error) : null;
  const shownProblem = problem ?? previewProblem;
  const info = preview.data?.group;
  const alreadyMember = preview.data?.alreadyMember === true || (problem?.offerGroupLink ?? false);
  const isFull = !!info && info.memberCount >= info.maxMembers;

  return (
    <View className='page join-page'>
      <StateView
        loading={!session.ready || preview.loading}
        error={session.error}
        hasData={!!preview.data || !!previewProblem}
        onRetry={session.retry}
      >
        {info && (
          <View className='card join-card'>
            <Avatar nickname={info.name} colorKey={info.groupId} size='large' />
            <Text className='join-card__name join-group-name'>{info.name}</Text>
            <Text className='hint join-card__meta'>
              {info.ownerNickname} 邀请你加入 · 已有 {info.memberCount}/{info.maxMembers} 人
            </Text>
            {alreadyMember ? (
              <>
                <Text className='success-text join-already'>你已经在这个小黑群里了</Text>
                <Button className='btn btn--primary' id='open-group-button' onClick={() => openGroup(info.groupId)}>
                  进入小黑群
                </Button>
              </>
            ) : (
              <Button
                className='btn btn--primary'
                id='join-button'
                loading={joining}
                disabled={joining || isFull || info.status === 'dissolved'}
                onClick={() => void join()}
              >
                {isFull ? '群已满员' : '加入小黑群'}
              </Button>
            )}
          </View>
        )}
        {shownProblem && !(alreadyMember && info) && (
          <View className='card join-problem'>
            <Text className='card__title join-problem__title'>{shownProblem.title}</Text>
            <Text className='hint join-problem__detail'>{shownProblem.detail}</Text>
            {shownProblem.retryable && (
              <Button className='btn' onClick={() => void (problem ? join() : preview.reload())}>
                重试
              </Button>
            )}
            <Button className='btn' onClick={goHome}>
              去看看我的小黑群
            </Button>
          </View>
        )}
      </StateView>
    </View>
  );
}
