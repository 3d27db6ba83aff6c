import type { ReactNode } from 'react';
import type { ApiError } from '../api';
import { describeError } from '../errorText';
import { t } from '../i18n';

export function Loading({ label = t('Loading…') }: { label?: string }) {
  return (
    <div className='state state--loading' role='status'>
      <span className='spinner' aria-hidden='true' />
      {label}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className='state state--empty'>
      <strong>{title}</strong>
      {children && <div className='state__body'>{children}</div>}
    </div>
  );
}

export function ErrorBox({ error, onRetry }: { error: ApiError | string; onRetry?: () => void }) {
  return (
    <div className='state state--error' role='alert'>
      <span>{typeof error === 'string' ? error : describeError(error)}</span>
      {onRetry && (
        <button type='button' className='button button--small' onClick={onRetry}>
          {t('Retry')}
        </button>
      )}
    </div>
  );
}
