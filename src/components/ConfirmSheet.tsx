import { useCallback, useRef, useState, type ReactElement } from 'react';
import { Button, Text, View } from '@tarojs/components';
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
 * A bottom sheet in the app's colours for confirming a payment, used instead of the platform's
 * modal (a browser-looking dialog on H5): `ask` opens it and resolves true on the confirm button,
 * false on cancel or a tap outside. Render `sheet` once in the page.
 */
export function useConfirmSheet(): { ask: (request: SheetRequest) => Promise<boolean>; sheet: ReactElement | null } {
  const [request, setRequest] = useState<SheetRequest | null>(null);
  const resolveRef = useRef<((ok: boolean) => void) | null>(null);

  const ask = useCallback((next: SheetRequest) => {
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
