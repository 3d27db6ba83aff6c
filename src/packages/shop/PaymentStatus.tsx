import type { ReactNode } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Routes } from '../../routes';
import type { PayPhase } from '../../services/payment';
import { payPhaseView } from '../../utils/paymentView';

interface Props {
  phase: PayPhase;
  onRetry: () => void;
  /** Extra actions for the phase (e.g. a link to the group buy whose seat is held). */
  children?: ReactNode;
}

/** The payment step's state on a shop page: 支付中…, 已支付, or what went wrong with its way out. */
export function PaymentStatus({ phase, onRetry, children }: Props) {
  const view = payPhaseView(phase);
  if (!view) return null;
  return (
    <View className={`card pay-status pay-status--${view.tone}`}>
      <Text className='pay-status__text'>{view.text}</Text>
      {view.retryLabel && (
        <Button className='btn btn--primary' id='pay-retry' onClick={onRetry}>
          {view.retryLabel}
        </Button>
      )}
      {view.tone === 'good' && (
        <Text className='muted pay-status__orders' id='pay-orders-link' onClick={() => void Taro.navigateTo({ url: Routes.orders })}>
          在我的订单查看 ›
        </Text>
      )}
      {children}
    </View>
  );
}
