import { useState } from 'react';
import Taro from '@tarojs/taro';
import { callFunction, toCloudError } from '../../../services/api';
import { goToLogin, isLoggedIn, needsPasswordLogin, whenSessionReady } from '../../../services/session';
import { Routes } from '../../../routes';
import { userMessage } from '../../../utils/errorMessage';

export interface GroupEntry {
  checking: boolean;
  /** The server's reason why this user may not create a group (they can still join one). */
  blockedReason: string | null;
  error: string | null;
  enter: () => void;
}

/**
 * The "创建或加入小黑群" button. The campaign page itself is public, so who the user is is only
 * asked for on this tap: an H5 visitor logs in first (and comes back here); then the server
 * decides (`me.canCreateGroup`) whether the create page opens or its reason is shown.
 */
export function useGroupEntry(): GroupEntry {
  const [checking, setChecking] = useState(false);
  const [blockedReason, setBlockedReason] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const enter = async () => {
    if (needsPasswordLogin && !isLoggedIn()) {
      goToLogin();
      return;
    }
    setChecking(true);
    setError(null);
    try {
      await whenSessionReady();
      const me = await callFunction('me', {});
      if (me.canCreateGroup) {
        setBlockedReason(null);
        void Taro.navigateTo({ url: Routes.createGroup });
      } else {
        setBlockedReason(me.createBlockedReason || '你暂时不能创建小黑群');
      }
    } catch (e) {
      setError(userMessage(toCloudError(e)));
    } finally {
      setChecking(false);
    }
  };

  return { checking, blockedReason, error, enter: () => void enter() };
}
