import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { WithdrawalJson } from '../../../../contract/payments';
import { confirmTransfer } from '../../../services/merchantTransfer';
import { formatYuan } from '../../../utils/money';
import { formatShortTime } from '../../../utils/time';
import { needsConfirmation, transferOutcomeText, withdrawalStatusText } from '../withdrawalView';

interface Props {
  withdrawals: WithdrawalJson[];
  onChanged: () => Promise<unknown>;
}

/** 提现记录: each withdrawal's amount, state and time; one waiting for her receipt can be confirmed here. */
export function WithdrawalList({ withdrawals, onChanged }: Props) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const confirm = async (withdrawal: WithdrawalJson) => {
    if (!withdrawal.params) return;
    setConfirming(withdrawal.withdrawalId);
    try {
      setNotice(transferOutcomeText(await confirmTransfer(withdrawal.params)));
    } finally {
      setConfirming(null);
      await onChanged();
    }
  };

  if (withdrawals.length === 0) {
    return (
      <View className='wallet-list-empty withdrawals-empty'>
        <Text className='muted'>还没有提现记录</Text>
      </View>
    );
  }
  return (
    <View>
      {notice && <Text className='hint withdrawal-notice'>{notice}</Text>}
      {withdrawals.map((w) => (
        <View key={w.withdrawalId} className='wallet-entry withdrawal' id={`withdrawal-${w.withdrawalId}`}>
          <View className='row row--between'>
            <View className='grow'>
              <Text className='wallet-entry__label'>提现 {formatYuan(w.amountFen)}</Text>
              <Text className='muted'>{formatShortTime(w.createdAt)}</Text>
            </View>
            <Text className={`record-status record-status--${w.status} withdrawal-status`}>{withdrawalStatusText(w.status)}</Text>
          </View>
          {w.status === 'failed' && w.failReason && <Text className='hint'>原因：{w.failReason}</Text>}
          {needsConfirmation(w) && (
            <Button
              className='btn btn--small btn--primary withdrawal-confirm'
              id={`confirm-withdrawal-${w.withdrawalId}`}
              loading={confirming === w.withdrawalId}
              disabled={confirming !== null}
              onClick={() => void confirm(w)}
            >
              确认收款
            </Button>
          )}
        </View>
      ))}
    </View>
  );
}
