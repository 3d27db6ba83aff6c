import { useState, type FormEvent } from 'react';
import { ErrorCode } from '../../../contract/errors';
import { ApiError, canEdit, checkMarketer, logIn, logOut, type ConsoleUser } from '../api';
import { describeError } from '../errorText';
import { t } from '../i18n';
import { LangSwitch } from '../components/LangSwitch';

/** Marketer login: the account must hold the marketer role (campaign functions answer 119 otherwise). */
export function LoginPage({ onLoggedIn, notice }: { onLoggedIn(user: ConsoleUser): void; notice?: string | null }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!username.trim() || !password) {
      setError(t('Enter your username and password.'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const user = await logIn(username.trim(), password);
      // A viewer reads what a marketer reads; the marketer-only check would refuse them.
      if (!canEdit(user)) {
        onLoggedIn(user);
        return;
      }
      try {
        await checkMarketer();
      } catch (e) {
        await logOut();
        if (e instanceof ApiError && e.code === ErrorCode.FORBIDDEN) {
          setError(t('This account is not a marketer. Ask an operator to grant the marketer role, or log in with a marketer account.'));
          return;
        }
        throw e;
      }
      onLoggedIn(user);
    } catch (e) {
      const apiError = e as ApiError;
      setError(apiError.code === ErrorCode.PASSWORD_MISMATCH ? t('Username and password do not match.') : describeError(apiError));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className='login'>
      <form className='login__card' onSubmit={(e) => void submit(e)}>
        <h1>
          小黑群 <span>{t('Marketer console')}</span>
        </h1>
        {notice && <p className='login__notice'>{notice}</p>}
        <label className='field'>
          <span className='field__label'>{t('Username')}</span>
          <input id='login-username' autoComplete='username' value={username} onChange={(e) => setUsername(e.target.value)} autoFocus />
        </label>
        <label className='field'>
          <span className='field__label'>{t('Password')}</span>
          <input
            id='login-password'
            type='password'
            autoComplete='current-password'
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p className='form-error' id='login-error' role='alert'>
            {error}
          </p>
        )}
        <button type='submit' className='button button--primary button--block' id='login-submit' disabled={busy}>
          {busy ? t('Logging in…') : t('Log in')}
        </button>
        <p className='login__hint'>{t('Demo marketer: mona / demo1234')}</p>
        <LangSwitch />
      </form>
    </div>
  );
}
