import { useCallback, useRef, useState, type ReactElement } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import './ConfirmSheet.css';

/** What a checkout asks before it charges: what, how much, the terms, and the two choices. */
export interface SheetRequest {
  title: string;
  /** The amount to pay, formatted ("¥12.00"); shown large. */
  amount?: string;
  /** The terms, one line each. */
  lines: string[];
  confirmText: string;
  cancelText?: string;
}

/**
 * Confirming a payment: on H5 a bottom sheet in the app's colours instead of a browser-looking
 * dialog, in the mini-programs their native modal. `ask` opens it and resolves true on confirm,
 * false on cancel or a tap outside. Render `sheet` once in the page (it is null in mini-programs).
 */
export function useConfirmSheet(): { ask: (request: SheetRequest) => Promise<boolean>; sheet: ReactElement | null } {
  const [request, setRequest] = useState<SheetRequest | null>(null);
  const resolveRef = useRef<((ok: boolean) => void) | null>(null);

  const ask = useCallback((next: SheetRequest) => {
    // In the mini-programs the platform's own modal is the native checkout prompt (and its confirm
    // counts as the user's tap, which WeChat requires before asking for subscribe messages); the
    // browser-looking dialog this sheet replaces exists only on H5.
    if (process.env.TARO_ENV !== 'h5') return nativeConfirm(next);
    // A second ask answers the first one "no": only one sheet is ever open.
    resolveRef.current?.(false);
    setRequest(next);
    return new Promise<boolean>((resolve) => {
      resolveRef.current = resolve;
    });
  }, []);

  const close = (ok: boolean) => {
    resolveRef.current?.(ok);
    resolveRef.current = null;
    setRequest(null);
  };

  const sheet = request ? (
    <View className='sheet-mask' id='confirm-sheet-mask' onClick={() => close(false)}>
      <View className='sheet confirm-sheet' id='confirm-sheet' onClick={(e) => e.stopPropagation()}>
        <Text className='sheet__title'>{request.title}</Text>
        {request.amount && <Text className='sheet__amount sheet-amount'>{request.amount}</Text>}
        {request.lines.map((line) => (
          <Text key={line} className='sheet__line'>
            {line}
          </Text>
        ))}
        <View className='sheet__actions'>
          <Button className='btn sheet__button' id='sheet-cancel' onClick={() => close(false)}>
            {request.cancelText ?? '再想想'}
          </Button>
          <Button className='btn btn--primary sheet__button' id='sheet-confirm' onClick={() => close(true)}>
            {request.confirmText}
          </Button>
        </View>
      </View>
    </View>
  ) : null;

  return { ask, sheet };
}

async function nativeConfirm(request: SheetRequest): Promise<boolean> {
  const { confirm } = await Taro.showModal({
    title: request.title,
    content: [request.amount, ...request.lines].filter(Boolean).join('\n'),
    confirmText: request.confirmText,
    cancelText: request.cancelText ?? '再想想',
    confirmColor: '#ff5000',
  });
  return confirm;
}
