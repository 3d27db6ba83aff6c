import type { WithdrawalJson, WithdrawalStatus } from '../../../contract/payments';
import type { TransferOutcome } from '../../utils/cashierOutcome';

const STATUS_TEXT: Record<WithdrawalStatus, string> = {
  pending: '处理中',
  confirming: '待确认',
  succeeded: '已到账',
  failed: '失败（已退回红包）',
};

export function withdrawalStatusText(status: WithdrawalStatus): string {
  return STATUS_TEXT[status];
}

/** Whether a withdrawal waits for her to confirm receipt in WeChat, and can be confirmed from here. */
export function needsConfirmation(withdrawal: Pick<WithdrawalJson, 'status' | 'params'>): boolean {
  return withdrawal.status === 'confirming' && !!withdrawal.params;
}

/** What the withdraw answer means for her, before any confirmation. */
export function withdrawAnswerText(withdrawal: Pick<WithdrawalJson, 'status' | 'failReason'>): string {
  switch (withdrawal.status) {
    case 'pending':
      return '提现已提交，正在处理，到账后提现记录里会显示「已到账」';
    case 'confirming':
      return '还差一步：请在微信里确认收款';
    case 'succeeded':
      return '提现成功，已到账';
    case 'failed':
      return `提现没有成功${withdrawal.failReason ? `（${withdrawal.failReason}）` : ''}，钱已退回红包余额`;
  }
}

/** After WeChat's confirm-receipt sheet closed (or could not open). */
export function transferOutcomeText(outcome: TransferOutcome): string {
  switch (outcome.kind) {
    case 'confirmed':
      return '已确认收款，钱会转到你的微信零钱';
    case 'cancelled':
      return '你还没有确认收款，可以在提现记录里点「确认收款」继续';
    case 'failed':
      return '确认收款没有完成，请在提现记录里点「确认收款」再试';
    case 'outdated':
      return '当前微信版本不支持确认收款，请把微信更新到最新版本后，在提现记录里点「确认收款」';
    case 'elsewhere':
      return '请在微信小程序的钱包里确认收款';
  }
}
