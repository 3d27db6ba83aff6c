import { useEffect, useState } from 'react';
import { goToLogin, isLoggedIn, needsPasswordLogin, whenSessionReady } from '../services/session';
import { toCloudError } from '../services/cloudError';
import { userMessage } from '../utils/errorMessage';

/**
 * A page's gate: `ready` once someone is logged in. On H5 a visitor without a session is sent
 * to the login page (which comes back here); in a mini-program the silent launch login is
 * awaited, and its failure is shown with a retry.
 */
export function useSessionGate(): { ready: boolean; error: string | null; retry: () => void } {
  const [ready, setReady] = useState(() => needsPasswordLogin && isLoggedIn());
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (needsPasswordLogin) {
      if (isLoggedIn()) setReady(true);
      else goToLogin();
      return;
    }
    let cancelled = false;
    setError(null);
    whenSessionReady().then(
      () => !cancelled && setReady(true),
      (e) => !cancelled && setError(`登录失败：${userMessage(toCloudError(e))}`),
    );
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  return { ready, error, retry: () => setAttempt((n) => n + 1) };
}
