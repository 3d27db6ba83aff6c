import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { WithdrawalJson } from '../../../../contract/payments';
import { WITHDRAW_MIN_FEN } from '../../../../contract/payments';
import { useRequestIds } from '../../../hooks/useRequestIds';
import { callFunction, toCloudError } from '../../../services/api';
import { ErrorCode } from '../../../services/errorCodes';
import { confirmTransfer } from '../../../services/merchantTransfer';
import { userMessage } from '../../../utils/errorMessage';
import { formatYuan } from '../../../utils/money';
import { needsConfirmation, transferOutcomeText, withdrawAnswerText } from '../withdrawalView';
import { checkWithdrawal, withdrawLimitsText, withdrawnTodayFen } from '../withdrawRules';

interface Props {
  balanceFen: number;
  /** Her withdrawals so far (for today's limit); null while they load. */
  withdrawals: WithdrawalJson[] | null;
  /** After a withdrawal was asked for: the balance and the records have changed. */
  onChanged: () => Promise<unknown>;
}

/**
 * 提现: moves red-packet money to her WeChat change (or Alipay balance). The amount is typed in
 * yuan and sent as fen. In WeChat a transfer may wait for her to confirm receipt; the sheet for
 * that opens right away. A refusal with 4042 (the provider did not answer) may be retried as is:
 * the same amount keeps its requestId until an answer comes, so it is never paid out twice.
 */
export function WithdrawCard({ balanceFen, withdrawals, onChanged }: Props) {
  const requestIds = useRequestIds();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<{ message: string; retry: boolean } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const today = withdrawnTodayFen(withdrawals ?? [], Date.now());

  const submit = async () => {
    const check = checkWithdrawal(text, balanceFen, today);
    if (!check.ok) {
      setProblem({ message: check.message, retry: false });
      return;
    }
    const { confirm } = await Taro.showModal({
      title: '确认提现',
      content: `从红包余额提现 ${formatYuan(check.amountFen)}，转到你的微信零钱或支付宝余额。`,
      confirmText: '提现',
      cancelText: '再想想',
    });
    if (!confirm) return;
    const key = `withdraw:${check.amountFen}`;
    setBusy(true);
    setProblem(null);
    setNotice(null);
    try {
      const { withdrawal } = await callFunction('withdraw', { amountFen: check.amountFen, requestId: requestIds.idFor(key) });
      requestIds.done(key);
      setText('');
      setOpen(false);
      setNotice(withdrawAnswerText(withdrawal));
      if (needsConfirmation(withdrawal)) setNotice(transferOutcomeText(await confirmTransfer(withdrawal.params!)));
    } catch (e) {
      const error = toCloudError(e);
      const unavailable = error.code === ErrorCode.PROVIDER_UNAVAILABLE;
      setProblem({ message: unavailable ? '支付服务暂时不可用，请稍后重试' : userMessage(error), retry: unavailable });
    } finally {
      setBusy(false);
      await onChanged();
    }
  };

  if (!open) {
    return (
      <View className='card withdraw'>
        <View className='row row--between'>
          <Text className='card__title withdraw__title'>提现</Text>
          <Button
            className='btn btn--small btn--primary'
            id='open-withdraw'
            disabled={balanceFen < WITHDRAW_MIN_FEN}
            onClick={() => {
              setOpen(true);
              setNotice(null);
            }}
          >
            提现
          </Button>
        </View>
        {balanceFen < WITHDRAW_MIN_FEN && <Text className='hint'>余额满 {formatYuan(WITHDRAW_MIN_FEN)} 可以提现到微信零钱或支付宝</Text>}
        {notice && <Text className='success-text withdraw-notice'>{notice}</Text>}
      </View>
    );
  }

  return (
    <View className='card withdraw'>
      <Text className='card__title'>提现</Text>
      <Text className='label'>提现金额（元）</Text>
      <Input
        className='input'
        id='withdraw-amount'
        type='digit'
        placeholder='例如：10.50'
        value={text}
        disabled={busy}
        onInput={(e) => {
          setText(e.detail.value);
          setProblem(null);
        }}
        onConfirm={() => void submit()}
      />
      <Text className='hint withdraw-limits'>{withdrawLimitsText(balanceFen, today)}</Text>
      {problem && <Text className='error-text withdraw-error'>{problem.message}</Text>}
      <Button className='btn btn--primary' id='withdraw-submit' loading={busy} disabled={busy} onClick={() => void submit()}>
        {problem?.retry ? '重试' : '确认提现'}
      </Button>
      <Button className='btn' id='withdraw-cancel' disabled={busy} onClick={() => setOpen(false)}>
        取消
      </Button>
    </View>
  );
}
