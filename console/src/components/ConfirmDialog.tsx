import { useEffect, useRef, type ReactNode } from 'react';
import { t } from '../i18n';

export interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** Red confirm button for what cannot be undone. */
  danger?: boolean;
  busy?: boolean;
  error?: string | null;
  onConfirm(): void;
  onCancel(): void;
}

/** A modal that says what will happen before it happens. */
export function ConfirmDialog({ title, children, confirmLabel, danger, busy, error, onConfirm, onCancel }: ConfirmDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    cancelRef.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !busy) onCancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [busy, onCancel]);
  return (
    <div className='dialog-backdrop'>
      <div className='dialog' role='dialog' aria-modal='true' aria-labelledby='dialog-title'>
        <h2 id='dialog-title'>{title}</h2>
        <div className='dialog__body'>{children}</div>
        {error && (
          <p className='dialog__error' role='alert'>
            {error}
          </p>
        )}
        <div className='dialog__actions'>
          <button type='button' className='button' ref={cancelRef} onClick={onCancel} disabled={busy}>
            {t('Cancel')}
          </button>
          <button
            type='button'
            className={`button ${danger ? 'button--danger' : 'button--primary'}`}
            id='dialog-confirm'
            onClick={onConfirm}
            disabled={busy}
          >
            {busy ? t('Working…') : confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
