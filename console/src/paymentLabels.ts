/**
 * How the payments pages name things: providers, purposes and statuses in Chinese (the words the
 * app shows shoppers, so an operator and a shopper on the phone say the same thing), each status
 * with the colour of its badge.
 */
import type { AdminRefundJson, PaymentProviderName, PaymentPurpose, PaymentStatus, WithdrawalStatus } from '../../contract/payments';

/** A badge colour: ok (done), info (moving), warn (waiting on someone), error (needs a look), muted (over, nothing moved). */
export type Tone = 'ok' | 'info' | 'warn' | 'error' | 'muted';

export interface StatusLabel {
  label: string;
  tone: Tone;
}

export type RefundStatus = AdminRefundJson['status'];

const PROVIDERS: Record<PaymentProviderName, string> = { wechatpay: '微信支付', alipay: '支付宝', demo: '演示' };

const PURPOSES: Record<PaymentPurpose, string> = { group_buy: '拼团', pooled_order: '拼单' };

const PAYMENT_STATUS: Record<PaymentStatus, StatusLabel> = {
  pending: { label: '待支付', tone: 'warn' },
  paid: { label: '已支付', tone: 'ok' },
  closed: { label: '已关闭', tone: 'muted' },
  refunding: { label: '退款中', tone: 'info' },
  refunded: { label: '已退款', tone: 'muted' },
};

const REFUND_STATUS: Record<RefundStatus, StatusLabel> = {
  // Not yet accepted by the provider: retried with backoff until it is.
  pending: { label: '待提交', tone: 'warn' },
  processing: { label: '退款中', tone: 'info' },
  succeeded: { label: '退款成功', tone: 'ok' },
  // The provider gave up: someone has to look at the merchant platform.
  failed: { label: '退款失败', tone: 'error' },
};

const WITHDRAWAL_STATUS: Record<WithdrawalStatus, StatusLabel> = {
  pending: { label: '处理中', tone: 'info' },
  confirming: { label: '待用户确认', tone: 'warn' },
  succeeded: { label: '已到账', tone: 'ok' },
  // The money is back in the user's wallet, so nothing is lost; still worth a look.
  failed: { label: '失败（已退回红包）', tone: 'error' },
};

/** An unknown value (a newer server) is shown as it came rather than hidden. */
function unknown(value: string): StatusLabel {
  return { label: value, tone: 'muted' };
}

export function providerLabel(provider: PaymentProviderName): string {
  return PROVIDERS[provider] ?? provider;
}

export function purposeLabel(purpose: PaymentPurpose): string {
  return PURPOSES[purpose] ?? purpose;
}

export function paymentStatusLabel(status: PaymentStatus): StatusLabel {
  return PAYMENT_STATUS[status] ?? unknown(status);
}

export function refundStatusLabel(status: RefundStatus): StatusLabel {
  return REFUND_STATUS[status] ?? unknown(status);
}

export function withdrawalStatusLabel(status: WithdrawalStatus): StatusLabel {
  return WITHDRAWAL_STATUS[status] ?? unknown(status);
}
